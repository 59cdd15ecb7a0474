//! Converts the human-edited question files (`questions/*.toml`) to JSON in `OUT_DIR`, so the
//! app carries no TOML parser. Files named in a set's `include` are merged into it (their arrays
//! of tables appended), and a content hash of all the files read is added as `content_hash`.
//! A TOML syntax error fails the build with the file and line; the meaning of the files is
//! validated by `catalog::validate` (run by `cargo test`). The challenge kit's file
//! (`questions/challenge.toml`) is converted the same way, without includes.
//!
//! The question files sit at the workspace's top level (`questions/`, beside the app), two folders
//! up from this crate; messages name them by that top-level path.

use std::{env, fs, path::Path};

/// The question files shipped with the app, by file stem: the two question sets and the data of
/// "Trace a job" (`trace.toml`, read by `catalog::builtin_trace`).
const SETS: &[&str] = &["vo", "site", "trace"];

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

fn convert(name: &str) -> Result<String, String> {
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
    table.insert("content_hash".into(), toml::Value::String(format!("{hash:016x}")));
    serde_json::to_string(&table).map_err(|e| format!("{path}: cannot convert to JSON: {e}"))
}

/// The challenge kit's data (`questions/challenge.toml`): no includes, no hash; validated by
/// `catalog::builtin_kit` (run by `cargo test`).
fn convert_kit() -> Result<String, String> {
    let path = "questions/challenge.toml";
    let (_, table) = read(path)?;
    serde_json::to_string(&table).map_err(|e| format!("{path}: cannot convert to JSON: {e}"))
}

fn main() {
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
    for name in SETS {
        match convert(name) {
            Ok(json) => {
                if let Err(e) = fs::write(Path::new(&out_dir).join(format!("{name}.json")), json) {
                    println!("cargo::error=cannot write {name}.json: {e}");
                }
            }
            Err(e) => println!("cargo::error={e}"),
        }
    }
}
