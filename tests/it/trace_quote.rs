//! Quoting for POSIX sh, checked against the real /bin/sh: every corpus value, quoted, is
//! syntactically valid (`sh -n`) and prints back byte for byte, with no side effect.

use std::process::Command;

use ti_core::trace::quote::{QuoteError, escape_single, quote};

use super::trace_support::{TempDir, corpus};

#[test]
fn known_forms() {
    let table: &[(&str, &str)] = &[
        ("abc", "'abc'"),
        ("", "''"),
        ("it's", r"'it'\''s'"),
        ("'", r"''\'''"),
        ("a b", "'a b'"),
        ("$(x)", "'$(x)'"),
        ("line\nbreak", "'line\nbreak'"),
    ];
    for (value, want) in table {
        assert_eq!(quote(value).as_deref(), Ok(*want), "quote({value:?})");
    }
    assert_eq!(escape_single("it's").as_deref(), Ok(r"it'\''s"));
}

#[test]
fn nul_is_refused() {
    for v in ["\0", "a\0b", "$(x)\0"] {
        assert_eq!(quote(v), Err(QuoteError::Nul), "{v:?}");
        assert_eq!(escape_single(v), Err(QuoteError::Nul), "{v:?}");
    }
}

#[test]
fn corpus_round_trips_through_sh() {
    let corpus = corpus();
    assert!(corpus.len() >= 30, "the corpus has {} values", corpus.len());
    let tmp_x = std::path::Path::new("/tmp/x").exists();
    let dir = TempDir::new("quote");
    let work = dir.path().join("work");
    let home = dir.path().join("home");
    std::fs::create_dir_all(&work).unwrap();
    std::fs::create_dir_all(&home).unwrap();
    std::fs::write(home.join("canary"), "still here").unwrap();
    let script = dir.path().join("line.sh");
    let mut failures = Vec::new();
    for (name, value) in corpus.iter().chain([("empty", String::new())].iter()) {
        let q = quote(value).unwrap();
        std::fs::write(&script, format!("printf '%s' {q}\n")).unwrap();
        let syntax = Command::new("/bin/sh").arg("-n").arg(&script).output().unwrap();
        if !syntax.status.success() {
            failures.push(format!("{name}: sh -n: {}", String::from_utf8_lossy(&syntax.stderr)));
            continue;
        }
        let out = Command::new("/bin/sh")
            .arg(&script)
            .current_dir(&work)
            .env_clear()
            .env("HOME", &home)
            .env("PATH", "/usr/bin:/bin")
            .output()
            .unwrap();
        if out.stdout != value.as_bytes() {
            failures.push(format!(
                "{name}: printed {} bytes, not the {} of the value",
                out.stdout.len(),
                value.len()
            ));
        }
        if !out.stderr.is_empty() {
            failures.push(format!("{name}: stderr {}", String::from_utf8_lossy(&out.stderr)));
        }
    }
    let created: Vec<_> = std::fs::read_dir(&work).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(created.is_empty(), "files created by a value: {created:?}");
    assert!(home.join("canary").exists(), "HOME was emptied");
    assert_eq!(std::path::Path::new("/tmp/x").exists(), tmp_x, "/tmp/x was created");
    assert!(failures.is_empty(), "{failures:#?}");
}
