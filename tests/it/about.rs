//! Which build made a file: the version and commit of `ti_core::about` come from `Cargo.toml`
//! and git, and every JSON document names them in `generator`; older documents without it, and
//! later builds' richer `generator`, still read. (The PDFs: `pdf.rs`, `collect_pdf.rs`.)

use std::process::Command;

use ti_core::about::{APP, COMMIT, NAME, VERSION};
use ti_core::persist::{self, DecodeError, decode, encode, encode_raw_backup, encode_share};

use crate::support::{answer_all, generator_member, vo, without_generator};

/// What `git rev-parse` says of this checkout, `None` outside git.
fn git_commit() -> Option<String> {
    let out = Command::new("git").args(["rev-parse", "--short=10", "HEAD"]).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

#[test]
fn the_build_is_named_by_the_workspace_version_and_the_commit_git_names() {
    let manifest: toml::Table = toml::from_str(include_str!("../../Cargo.toml")).unwrap();
    assert_eq!(VERSION, manifest["workspace"]["package"]["version"].as_str().unwrap());
    let expected = match (std::env::var("TI_ASSESS_COMMIT"), git_commit()) {
        (Ok(given), _) => given,
        (Err(_), Some(commit)) => commit,
        (Err(_), None) => "unknown".to_owned(),
    };
    assert_eq!(COMMIT, expected, "rebuild after a commit: build.rs watches HEAD and its branch");
    assert_eq!(APP, format!("{NAME} {VERSION} (build {COMMIT})"));
}

#[test]
fn every_json_document_names_the_build_that_wrote_it() {
    let a = answer_all(vo());
    let (shared, left_out) = ti_core::share::redact(vo(), &a);
    for (what, text) in [
        ("export", encode(&a)),
        ("share with the WG", encode_share(&shared, &left_out)),
        ("recovery download", encode_raw_backup(&[("ti-assess/v1/x".into(), "{".into())])),
    ] {
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        let g = &doc["generator"];
        assert_eq!((g["name"].as_str(), g["version"].as_str()), (Some(NAME), Some(VERSION)), "{what}");
        assert_eq!(g["commit"].as_str(), Some(COMMIT), "{what}");
    }
    // Written right after `schema`, where the helper of the fixture tests expects it.
    assert!(encode(&a).contains(&format!("\"schema\":{},{}", persist::SCHEMA, generator_member())));
}

#[test]
fn documents_without_a_generator_or_with_another_builds_read_the_same() {
    let a = answer_all(vo());
    let text = encode(&a);
    let other = r#""generator":{"name":"ti-assess","version":"9.0.0","commit":"0123456789","built_at":"2031-02-29"},"#;
    let cases = [
        ("written before `generator` existed", without_generator(&text)),
        ("another build, saying more about itself", text.replacen(&generator_member(), other, 1)),
        (
            "a build outside git",
            text.replacen(&format!("\"commit\":\"{COMMIT}\""), "\"commit\":\"unknown\"", 1),
        ),
    ];
    for (what, doc) in cases {
        assert_eq!(decode(&doc).as_ref(), Ok(&a), "{what}");
        // Saving it again names this build.
        assert_eq!(encode(&decode(&doc).unwrap()), text, "{what}");
    }
    let bad = text.replacen(&generator_member(), r#""generator":["ti-assess"],"#, 1);
    assert!(
        matches!(decode(&bad), Err(DecodeError::Invalid { ref field, .. }) if field == "generator"),
        "{:?}",
        decode(&bad)
    );
}
