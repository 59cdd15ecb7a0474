//! The canonical JSON inside the PDF: written as an embedded file (the catalog's
//! `/EmbeddedFiles` name tree and `/AF`, PDF 32000-1 §7.11.4 and PDF 2.0 §14.13), read back by
//! `embedded_json` so that a PDF exported by the app can be imported like the JSON export; and
//! `extract`, which also reads the fingerprint the PDF prints in its footer
//! (`report::FINGERPRINT_LABEL`), so that a reader can tell whether the attachment is the one
//! the pages were printed from.
//!
//! Invariants: the attachment's bytes are exactly the text given (`persist::encode`), so
//! `pdfdetach -save` gives the JSON export byte for byte; reading never inflates more than
//! `persist::MAX_BYTES` of attachment, nor of any stream while loading the file.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

use ti_core::persist::MAX_BYTES;

/// The attachment's file name in an assessment PDF, which `embedded_json` looks for.
pub const ATTACHMENT_NAME: &str = "ti-assess-assessment.json";

/// The attachment's file name in a challenge report or debrief (the challenge result), which
/// `embedded_json` also looks for.
pub const RESULT_ATTACHMENT_NAME: &str = "ti-assess-challenge-result.json";

/// Why no assessment could be read out of a file given as a PDF.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PdfImportError {
    /// The bytes do not start like a PDF.
    #[error("The file is not a PDF.")]
    NotPdf,
    /// A PDF header, but the file could not be parsed.
    #[error("The PDF could not be read ({0}); it may be damaged or cut short.")]
    Damaged(String),
    /// A readable PDF without the app's attachment.
    #[error(
        "This PDF has no ti-assess attachment: it was not exported by ti-assess, or the attachment was removed. Import the JSON export instead."
    )]
    NoAttachment,
    /// The attachment is there but cannot be read as text.
    #[error("The ti-assess attachment in this PDF cannot be read ({0}).")]
    Unreadable(String),
    /// The attachment is larger than any assessment this app reads.
    #[error("The ti-assess attachment in this PDF is larger than the {max} bytes this app reads.")]
    TooLarge {
        /// The limit (`persist::MAX_BYTES`).
        max: usize,
    },
}

fn text(s: &str) -> Object {
    Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
}

/// Adds `json` to `doc` as the embedded file `name` (`ATTACHMENT_NAME` or
/// `RESULT_ATTACHMENT_NAME`), listed in the catalog's `/EmbeddedFiles` name tree and its `/AF`
/// array (relationship `/Data`).
pub(super) fn attach(
    doc: &mut Document,
    name: &str,
    json: &str,
    description: &str,
) -> Result<(), lopdf::Error> {
    let mut params = Dictionary::new();
    params.set("Size", Object::Integer(i64::try_from(json.len()).unwrap_or(i64::MAX)));
    let mut file_dict = Dictionary::new();
    file_dict.set("Type", Object::Name(b"EmbeddedFile".to_vec()));
    file_dict.set("Subtype", Object::Name(b"application/json".to_vec()));
    file_dict.set("Params", Object::Dictionary(params));
    let mut stream = Stream::new(file_dict, json.as_bytes().to_vec());
    stream.compress()?;
    let file_id = doc.add_object(stream);

    let mut ef = Dictionary::new();
    ef.set("F", Object::Reference(file_id));
    let mut spec = Dictionary::new();
    spec.set("Type", Object::Name(b"Filespec".to_vec()));
    spec.set("F", text(name));
    spec.set("UF", text(name));
    spec.set("Desc", text(description));
    spec.set("AFRelationship", Object::Name(b"Data".to_vec()));
    spec.set("EF", Object::Dictionary(ef));
    let spec_id = doc.add_object(spec);

    let mut tree = Dictionary::new();
    tree.set("Names", Object::Array(vec![text(name), Object::Reference(spec_id)]));
    let mut names = Dictionary::new();
    names.set("EmbeddedFiles", Object::Dictionary(tree));
    let catalog = doc.catalog_mut()?;
    catalog.set("Names", Object::Dictionary(names));
    catalog.set("AF", Object::Array(vec![Object::Reference(spec_id)]));
    Ok(())
}

/// What `extract` reads out of a ti-assess PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    /// The attached JSON, as text, not yet validated.
    pub json: String,
    /// The SHA-256 printed in the first page's footer (64 lower-case hex digits), `None` when the
    /// page prints none (a PDF not made by ti-assess, or its footer removed).
    pub printed_fingerprint: Option<String>,
}

/// The canonical JSON a ti-assess PDF carries, as text, ready for `persist::decode`.
pub fn embedded_json(bytes: &[u8]) -> Result<String, PdfImportError> {
    extract(bytes).map(|e| e.json)
}

/// The JSON a ti-assess PDF carries and the fingerprint its first page prints.
pub fn extract(bytes: &[u8]) -> Result<Extracted, PdfImportError> {
    // The header may follow a little junk (PDF 32000-1 §7.5.2 readers look in the first 1024 bytes).
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfImportError::NotPdf);
    }
    let options = lopdf::LoadOptions { max_decompressed_size: Some(4 * MAX_BYTES), ..Default::default() };
    let doc = Document::load_mem_with_options(bytes, options)
        .map_err(|e| PdfImportError::Damaged(e.to_string()))?;
    let spec = find_spec(&doc).ok_or(PdfImportError::NoAttachment)?;
    let stream = doc
        .get_dictionary(spec)
        .and_then(|d| d.get(b"EF"))
        .and_then(|ef| doc.dereference(ef))
        .and_then(|(_, ef)| ef.as_dict())
        .and_then(|ef| ef.get(b"F"))
        .and_then(|f| doc.dereference(f))
        .and_then(|(_, f)| f.as_stream())
        .map_err(|e| PdfImportError::Unreadable(e.to_string()))?;
    if stream.content.len() > MAX_BYTES {
        return Err(PdfImportError::TooLarge { max: MAX_BYTES });
    }
    let content = stream.decompressed_content_with_limit(MAX_BYTES).map_err(|e| match e {
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
            PdfImportError::TooLarge { max: MAX_BYTES }
        }
        other => PdfImportError::Unreadable(other.to_string()),
    })?;
    let json =
        String::from_utf8(content).map_err(|_| PdfImportError::Unreadable("it is not UTF-8 text".into()))?;
    Ok(Extracted { json, printed_fingerprint: printed_fingerprint(&doc) })
}

/// The fingerprint printed after `report::FINGERPRINT_LABEL` on the first page: the text of its
/// `Tj` strings, one line each (the report writes the footer as plain ASCII in its encoding), the
/// 64 hex digits after the label, possibly wrapped onto the next line.
fn printed_fingerprint(doc: &Document) -> Option<String> {
    let page = *doc.get_pages().values().next()?;
    let content = doc.get_page_content_with_limit(page, 4 * MAX_BYTES).ok()?;
    let ops = lopdf::content::Content::decode(&content).ok()?.operations;
    let text: String = ops
        .iter()
        .filter(|op| op.operator == "Tj")
        .filter_map(|op| op.operands.first()?.as_str().ok())
        .map(|bytes| bytes.iter().map(|&b| char::from(b)).chain(['\n']).collect::<String>())
        .collect();
    let (_, after) = text.split_once(ti_core::report::FINGERPRINT_LABEL.trim_end())?;
    let hex: String = after.chars().filter(|c| !c.is_whitespace()).take(64).collect();
    (hex.len() == 64 && hex.chars().all(|c| c.is_ascii_hexdigit())).then(|| hex.to_ascii_lowercase())
}

/// The file specification named `ATTACHMENT_NAME` or `RESULT_ATTACHMENT_NAME` in the catalog's `/EmbeddedFiles` name tree
/// (leaf `/Names` arrays and, a few levels deep, `/Kids`).
fn find_spec(doc: &Document) -> Option<ObjectId> {
    let names = doc.catalog().ok()?.get(b"Names").ok()?;
    let (_, names) = doc.dereference(names).ok()?;
    let tree = names.as_dict().ok()?.get(b"EmbeddedFiles").ok()?;
    find_in_node(doc, tree, 0)
}

fn find_in_node(doc: &Document, node: &Object, depth: u8) -> Option<ObjectId> {
    if depth > 8 {
        return None;
    }
    let (_, node) = doc.dereference(node).ok()?;
    let node = node.as_dict().ok()?;
    if let Ok(pairs) = node.get(b"Names").and_then(Object::as_array) {
        for pair in pairs.chunks(2) {
            if let [key, value] = pair
                && key
                    .as_str()
                    .is_ok_and(|k| k == ATTACHMENT_NAME.as_bytes() || k == RESULT_ATTACHMENT_NAME.as_bytes())
            {
                return value.as_reference().ok();
            }
        }
    }
    let kids = node.get(b"Kids").and_then(Object::as_array).ok()?;
    kids.iter().find_map(|k| find_in_node(doc, k, depth + 1))
}
