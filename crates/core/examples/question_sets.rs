//! Writes the shipped question sets as files of their own (`catalog::shipped`): run by
//! scripts/post-build.mjs with the build's `questions/` folder as its one argument, so the page can
//! fetch them. The files are the very JSON the native build carries (`shipped::json`); the names
//! carry their content hash. Prints one line per file.

use std::io::Write;
use std::path::PathBuf;

use ti_core::catalog::shipped;

fn main() -> Result<(), String> {
    let dir: PathBuf = std::env::args_os().nth(1).ok_or("usage: question_sets <folder>")?.into();
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut out = std::io::stdout();
    for set in &shipped::SHIPPED {
        let path = dir.join(set.file);
        let text = shipped::json(set);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        writeln!(out, "question_sets: {} ({} bytes)", path.display(), text.len())
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}
