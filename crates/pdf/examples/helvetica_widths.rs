//! Prints `crates/pdf/src/widths_table.rs` (the Helvetica widths the worker uses instead of
//! printpdf's built-in font programs) from printpdf's fonts:
//! `cargo run -p ti-pdf --example helvetica_widths > crates/pdf/src/widths_table.rs`.

use std::io::Write;

fn main() -> Result<(), String> {
    let source = ti_pdf::widths::table_source().ok_or("printpdf could not parse its built-in Helvetica")?;
    std::io::stdout().write_all(source.as_bytes()).map_err(|e| e.to_string())
}
