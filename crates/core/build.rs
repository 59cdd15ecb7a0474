//! Converts the human-edited question files (`questions/*.toml`) to JSON in `OUT_DIR`, so the
//! app carries no TOML parser. Files named in a set's `include` are merged into it (their arrays
//! of tables appended), and a content hash of all the files read is added as `content_hash`.
//! A TOML syntax error fails the build with the file and line; the meaning of the files is
//! validated by `catalog::validate` (run by `cargo test`). The challenge kit's file
//! (`questions/challenge.toml`) is converted the same way, without includes.
//!
//! The question files sit at the workspace's top level (`questions/`, beside the app), two folders
//! up from this crate; messages name them by that top-level path.
//!
//! It also decides the build's identity, `TI_BUILD_COMMIT` (read by `about.rs`): the commit the
//! source was built from, `git rev-parse --short=10 HEAD`, or `$TI_ASSESS_COMMIT` when set (a build
//! from a source archive, outside git), or `unknown`. This is the one place it is decided.

use std::{env, fs, path::Path, process::Command};

/// The question files shipped with the app, by file stem: the two question sets and the data of
/// "Trace a job" (`trace.toml`, read by `catalog::builtin_trace`).
const SETS: &[&str] = &["vo", "site", "trace"];

/// The question sets among them: also shipped as files of their own (`catalog::shipped`), which
/// the page fetches instead of carrying them.
const QUESTION_SETS: &[&str] = &["vo", "site"];

/// Where `questions/` is, from this crate's folder.
const TOP: &str = "../..";

fn read(path: &str) -> Result<(String, toml::Table), String> {
    let real = Path::new(TOP).join(path);
    println!("cargo::rerun-if-changed={}", real.display());
    let text = fs::read_to_string(&real).map_err(|e| format!("{path}: cannot read: {e}"))?;
    let table: toml::Table =
        toml::from_str(&text).map_err(|e| format!("{path}: {}", e.to_string().replace('\n', " ")))?;
    Ok((text, table))
}

/// FNV-1a, 64 bit: a stable fingerprint of the question files (not a security hash).
fn fnv64(data: &[u8], mut hash: u64) -> u64 {
    for b in data {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// The JSON of a question file and what names it: the set's `id` (empty for the trace file) and
/// the content hash.
struct Converted {
    json: String,
    id: String,
    hash: String,
}

fn convert(name: &str) -> Result<Converted, String> {
    let path = format!("questions/{name}.toml");
    let (text, mut table) = read(&path)?;
    let mut hash = fnv64(text.as_bytes(), 0xcbf2_9ce4_8422_2325);
    let includes: Vec<String> = table
        .get("set")
        .and_then(|s| s.get("include"))
        .and_then(|i| i.as_array())
        .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    for inc in includes {
        let inc_path = format!("questions/{inc}");
        let (inc_text, inc_table) = read(&inc_path)?;
        hash = fnv64(inc_text.as_bytes(), hash);
        for (key, value) in inc_table {
            let toml::Value::Array(items) = value else {
                return Err(format!(
                    "{inc_path}: `{key}` must be an array of tables ([[{key}]]) to be included"
                ));
            };
            match table.entry(key.clone()).or_insert_with(|| toml::Value::Array(Vec::new())) {
                toml::Value::Array(existing) => existing.extend(items),
                _ => return Err(format!("{path}: `{key}` must be an array of tables to take {inc_path}'s")),
            }
        }
    }
    let hash = format!("{hash:016x}");
    table.insert("content_hash".into(), toml::Value::String(hash.clone()));
    let id =
        table.get("set").and_then(|s| s.get("id")).and_then(|i| i.as_str()).unwrap_or_default().to_owned();
    let json = serde_json::to_string(&table).map_err(|e| format!("{path}: cannot convert to JSON: {e}"))?;
    Ok(Converted { json, id, hash })
}

/// `sets.rs`, included by `catalog::shipped`: one `Shipped` per question set, its file named by
/// its content hash, so that no cache can hand one build's set to another build.
fn shipped_rs(sets: &[(&str, Converted)]) -> String {
    let mut out =
        String::from("/// The question sets shipped as files of their own, written by `build.rs`.\n");
    out.push_str("pub const SHIPPED: [Shipped; ");
    out.push_str(&sets.len().to_string());
    out.push_str("] = [\n");
    for (kind, c) in sets {
        out.push_str(&format!(
            "    Shipped {{ kind: {kind:?}, id: {:?}, content_hash: {:?}, file: {:?} }},\n",
            c.id,
            c.hash,
            format!("{kind}-{}.json", c.hash)
        ));
    }
    out.push_str("];\n");
    out
}

/// The challenge kit's data (`questions/challenge.toml`): no includes, no hash; validated by
/// `catalog::builtin_kit` (run by `cargo test`).
fn convert_kit() -> Result<String, String> {
    let path = "questions/challenge.toml";
    let (_, table) = read(path)?;
    serde_json::to_string(&table).map_err(|e| format!("{path}: cannot convert to JSON: {e}"))
}

/// Digits of the commit printed: fixed, so that every clone of one commit names it alike (git's
/// own `--short` grows with the repository).
const COMMIT_DIGITS: usize = 10;

/// Runs `git args…` in this crate's folder; its trimmed output, `None` on any failure.
fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    (out.status.success() && !text.trim().is_empty()).then(|| text.trim().to_owned())
}

/// A commit name fit to print: letters, digits, `.`, `_`, `-`, at most 40 of them.
fn plausible(commit: &str) -> bool {
    (1..=40).contains(&commit.len())
        && commit.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// The commit this build is made from (see the module doc), and the files whose change means a
/// new commit: HEAD, the branch it points at, the packed refs.
fn commit() -> String {
    println!("cargo::rerun-if-env-changed=TI_ASSESS_COMMIT");
    if let Ok(given) = env::var("TI_ASSESS_COMMIT") {
        return if plausible(&given) { given } else { "unknown".into() };
    }
    let mut watched = vec!["HEAD".to_owned(), "packed-refs".to_owned()];
    watched.extend(git(&["symbolic-ref", "-q", "HEAD"]));
    for name in watched {
        if let Some(path) = git(&["rev-parse", "--git-path", &name]).filter(|p| Path::new(p).exists()) {
            println!("cargo::rerun-if-changed={path}");
        }
    }
    git(&["rev-parse", &format!("--short={COMMIT_DIGITS}"), "HEAD"])
        .filter(|c| plausible(c))
        .unwrap_or_else(|| "unknown".into())
}

fn main() {
    println!("cargo::rustc-env=TI_BUILD_COMMIT={}", commit());
    let out_dir = env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    println!("cargo::rerun-if-changed={TOP}/questions");
    match convert_kit() {
        Ok(json) => {
            if let Err(e) = fs::write(Path::new(&out_dir).join("challenge.json"), json) {
                println!("cargo::error=cannot write challenge.json: {e}");
            }
        }
        Err(e) => println!("cargo::error={e}"),
    }
    let mut shipped = Vec::new();
    for name in SETS {
        match convert(name) {
            Ok(c) => {
                if let Err(e) = fs::write(Path::new(&out_dir).join(format!("{name}.json")), &c.json) {
                    println!("cargo::error=cannot write {name}.json: {e}");
                }
                if QUESTION_SETS.contains(name) {
                    shipped.push((*name, c));
                }
            }
            Err(e) => println!("cargo::error={e}"),
        }
    }
    if let Err(e) = fs::write(Path::new(&out_dir).join("sets.rs"), shipped_rs(&shipped)) {
        println!("cargo::error=cannot write sets.rs: {e}");
    }
}
