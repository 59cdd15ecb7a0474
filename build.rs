//! Converts the human-edited question files (`questions/*.toml`) to JSON in `OUT_DIR`, so the
//! app carries no TOML parser. A TOML syntax error fails the build with the file and line;
//! the meaning of the file is validated by `catalog::validate` (run by `cargo test`).

use std::{env, fs, path::Path};

/// The question sets shipped with the app, by file stem.
const SETS: &[&str] = &["vo"];

fn main() {
    let out_dir = env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    for name in SETS {
        let path = format!("questions/{name}.toml");
        println!("cargo::rerun-if-changed={path}");
        let text = match fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                println!("cargo::error={path}: cannot read: {e}");
                return;
            }
        };
        let value: toml::Value = match toml::from_str(&text) {
            Ok(v) => v,
            Err(e) => {
                println!("cargo::error={path}: {}", e.to_string().replace('\n', " "));
                return;
            }
        };
        let json = match serde_json::to_string(&value) {
            Ok(j) => j,
            Err(e) => {
                println!("cargo::error={path}: cannot convert to JSON: {e}");
                return;
            }
        };
        if let Err(e) = fs::write(Path::new(&out_dir).join(format!("{name}.json")), json) {
            println!("cargo::error=cannot write {name}.json: {e}");
        }
    }
}
