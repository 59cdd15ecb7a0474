//! Architecture invariants (ARCHITECTURE.md), enforced by reading the source files.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn src() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            (rel, fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// Source lines without `//` comments (doc comments may mention anything).
fn code(text: &str) -> String {
    text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

const CORE: &[&str] = &[
    "src/model/",
    "src/catalog/",
    "src/collect/",
    "src/rules.rs",
    "src/report.rs",
    "src/pdf/",
    "src/persist/",
    "src/time.rs",
    "src/status.rs",
    "src/csv.rs",
    "src/share.rs",
    "src/upgrade.rs",
];

fn is_core(path: &str) -> bool {
    CORE.iter().any(|c| path.starts_with(c))
}

#[test]
fn core_never_imports_a_browser_crate() {
    let mut checked = 0;
    for (path, text) in src().iter().filter(|(p, _)| is_core(p)) {
        checked += 1;
        for krate in ["leptos", "web_sys", "wasm_bindgen", "js_sys", "gloo"] {
            assert!(
                !code(text).contains(krate),
                "{path} uses `{krate}`: the core must build and test natively"
            );
        }
    }
    assert!(checked >= 10, "the core file list is out of date ({checked} files)");
}

#[test]
fn only_storage_touches_browser_storage() {
    for (path, text) in src() {
        let code = code(&text);
        let touches = ["gloo_storage", "local_storage", "session_storage", "localStorage"]
            .iter()
            .any(|k| code.contains(k));
        assert!(
            !touches || path == "src/storage.rs",
            "{path} touches browser storage; only src/storage.rs may"
        );
    }
}

#[test]
fn only_persist_knows_the_stored_json_shape() {
    for (path, text) in src() {
        let code = code(&text);
        if code.contains("Serialize") || code.contains("serde_json::to_") {
            assert!(
                path.starts_with("src/persist/"),
                "{path} serialises data; only src/persist/ knows the stored JSON shape"
            );
        }
        // The question-file reader also parses JSON (from build.rs), which is not stored data.
        if code.contains("serde_json") {
            assert!(
                path.starts_with("src/persist/") || path == "src/catalog/mod.rs",
                "{path} uses serde_json outside persist and the catalogue reader"
            );
        }
    }
}

#[test]
fn ui_uses_no_inner_html() {
    for (path, text) in src() {
        assert!(!code(&text).contains("inner_html"), "{path} uses inner_html; render data as text only");
    }
}

#[test]
fn no_question_or_recommendation_ids_in_rust_code() {
    // Gap rules live in questions/*.toml. A string literal like "VO-LOG-2" in src/ means a rule
    // has leaked into code.
    for (path, text) in src() {
        for prefix in ["\"VO-", "\"SITE-", "\"ALL-", "\"T6\"", "\"T7\""] {
            assert!(!code(&text).contains(prefix), "{path} names a catalogue ID ({prefix}…) in code");
        }
    }
}

#[test]
fn no_absolute_urls_in_the_app() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<(String, String)> = src();
    for extra in ["index.html", "style/main.css", "public/pdf-worker-entry.js", "public/boot.js"] {
        if let Ok(t) = fs::read_to_string(root.join(extra)) {
            files.push((extra.to_owned(), t));
        }
    }
    for (path, text) in files {
        for line in text.lines() {
            let t = line.trim_start();
            if t.starts_with("//") || t.starts_with("/*") || t.starts_with('*') || t.starts_with("<!--") {
                continue;
            }
            assert!(
                !(line.contains("http://") || line.contains("https://")),
                "{path}: absolute URL in `{line}`"
            );
        }
    }
}
