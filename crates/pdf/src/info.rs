//! The document information dictionary and the catalog's language: title, subject, author,
//! creator, producer, and the creation and modification dates from the model (never the clock,
//! never 1970: a date the model lacks is left out).
//!
//! printpdf writes its own dictionary (with PDF/X keys we do not claim, and on wasm32 every date
//! as 1970-01-01), so this replaces it after `to_lopdf_document`.

use lopdf::{Dictionary, Document, Object, StringFormat};

use ti_core::report::DocumentInfo;
use ti_core::time::Timestamp;

/// What the PDF names as its producer.
const PRODUCER: &str = concat!("ti-assess ", env!("CARGO_PKG_VERSION"), " (printpdf 0.12.8)");

/// A PDF text string: PDFDocEncoding (ASCII here) as it is, anything else UTF-16BE with a BOM.
fn text(s: &str) -> Object {
    if s.chars().all(|c| c.is_ascii() && !c.is_ascii_control()) {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        bytes.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// `D:YYYYMMDDHHmmSS+00'00'` (PDF 32000-1 §7.9.4), in UTC like every time the core keeps.
fn date(t: Timestamp) -> Option<Object> {
    let s = t.to_string(); // 2026-01-31T12:00:00.000Z
    let digits: String = s.get(..19)?.chars().filter(char::is_ascii_digit).collect();
    (digits.len() == 14)
        .then(|| Object::String(format!("D:{digits}+00'00'").into_bytes(), StringFormat::Literal))
}

/// Replaces the document's information dictionary with one made of `info`, and sets the
/// catalog's `/Lang`.
pub(crate) fn set(doc: &mut Document, info: &DocumentInfo) -> Result<(), lopdf::Error> {
    let mut d = Dictionary::new();
    d.set("Title", text(&info.title));
    d.set("Subject", text(&info.subject));
    if !info.author.is_empty() {
        d.set("Author", text(&info.author));
    }
    d.set("Creator", text("ti-assess"));
    d.set("Producer", text(PRODUCER));
    if let Some(created) = info.created.and_then(date) {
        d.set("CreationDate", created);
    }
    if let Some(modified) = info.modified.and_then(date) {
        d.set("ModDate", modified);
    }
    match doc.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(id) => {
            doc.objects.insert(id, Object::Dictionary(d));
        }
        Err(_) => {
            let id = doc.add_object(d);
            doc.trailer.set("Info", Object::Reference(id));
        }
    }
    doc.catalog_mut()?.set("Lang", text(&info.language));
    Ok(())
}
