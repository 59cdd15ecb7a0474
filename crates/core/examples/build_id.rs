//! Prints this build's version and commit (`ti_core::about`), for scripts/package.sh to name
//! the release archive by what the app, its PDFs and exports say: `0.1.0 1a2b3c4d5e`.

use std::io::Write;

fn main() -> std::io::Result<()> {
    writeln!(std::io::stdout(), "{} {}", ti_core::about::VERSION, ti_core::about::COMMIT)
}
