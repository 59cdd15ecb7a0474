//! The trace request file and the stored draft: round trips, the JSON Schema, and a table of
//! malformed files each refused with its own message.

use ti_core::persist::trace::{
    MAX_VALUE_BYTES, TraceFileError, decode_draft, decode_request, encode_draft, encode_request,
};
use ti_core::persist::{DecodeError, MAX_BYTES};
use ti_core::time::Timestamp;
use ti_core::trace::model::{Group, Values};

use super::trace_complete::full_dirac;
use super::trace_support::catalog;

const WRITTEN: Timestamp = Timestamp(1_740_797_400_000); // 2025-03-01T02:50:00Z, a Saturday night

fn validator() -> jsonschema::Validator {
    let path = format!("{}/schema/ti-assess.trace.v1.schema.json", env!("CARGO_MANIFEST_DIR"));
    let schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::draft202012::new(&schema).unwrap()
}

fn violations(text: &str) -> Vec<String> {
    let doc: serde_json::Value = serde_json::from_str(text).unwrap();
    validator().iter_errors(&doc).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

fn site_values() -> Values {
    let mut v = full_dirac();
    v.set("glidein_dir", "/scratch/glide_aB3xYz");
    v.set("panda_id", "6512345678");
    v.set("reporter", "Иван Петров 中文 Ελληνικά");
    v.set("log_extracts", "line 1\nline 2 $(touch x) '\"");
    v
}

#[test]
fn a_request_carries_the_request_fields_only() {
    let cat = catalog();
    let v = site_values();
    let text = encode_request(cat, &v, WRITTEN);
    assert_eq!(violations(&text), Vec::<String>::new());
    let back = decode_request(cat, text.as_bytes()).unwrap();
    let want: Values = v
        .iter()
        .filter(|(id, _)| {
            let f = cat.field(id).unwrap();
            f.group == Group::Core || f.framework.as_deref() == Some("dirac")
        })
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    assert_eq!(back.values, want);
    assert!(back.values.get("glidein_dir").is_none(), "a site-only value travelled");
    assert!(back.values.get("panda_id").is_none(), "another framework's value travelled");
    assert_eq!(back.written, WRITTEN);
    assert_eq!(back.trace_version, cat.version);
    assert!(back.unknown.is_empty());
    assert!(text.contains("\"written\": \"2025-03-01T02:50:00.000Z\""));
}

#[test]
fn a_draft_keeps_everything() {
    let cat = catalog();
    let mut v = site_values();
    v.set("owner_nickname", "jdoe");
    v.set("reply_notes", "suspended");
    let text = encode_draft(cat, &v, WRITTEN);
    assert_eq!(violations(&text), Vec::<String>::new());
    assert_eq!(decode_draft(cat, &text).unwrap().values, v);
    // A request is not a draft, and the other way round.
    assert!(matches!(
        decode_draft(cat, &encode_request(cat, &v, WRITTEN)),
        Err(TraceFileError::Document(DecodeError::WrongFormat { .. }))
    ));
}

#[test]
fn fields_this_version_does_not_know_are_kept_aside() {
    let cat = catalog();
    let text = r#"{"format":"ti-assess.trace-request","schema":1,"trace_version":"1.9.0","written":"2025-03-01T02:50:00Z",
        "fields":{"worker_node":"wn042","future_field":"x","batch_system":"cray","actions_taken":"held,teleported","glidein_dir":"/s"}}"#;
    let f = decode_request(cat, text.as_bytes()).unwrap();
    assert_eq!(f.values.get("worker_node"), Some("wn042"));
    assert_eq!(
        f.unknown,
        vec![
            ("actions_taken".to_owned(), "held,teleported".to_owned()),
            ("batch_system".to_owned(), "cray".to_owned()),
            ("future_field".to_owned(), "x".to_owned()),
            ("glidein_dir".to_owned(), "/s".to_owned()),
        ]
    );
}

fn doc(fields: &str) -> String {
    format!(
        r#"{{"format":"ti-assess.trace-request","schema":1,"trace_version":"1.0.0","written":"2025-03-01T02:50:00Z","fields":{fields}}}"#
    )
}

#[test]
fn malformed_files_are_refused_with_their_reason() {
    let cat = catalog();
    let long = format!(r#"{{"log_extracts":"{}"}}"#, "a".repeat(MAX_VALUE_BYTES + 1));
    let table: Vec<(&str, Vec<u8>, &str)> = vec![
        ("too large", vec![b' '; MAX_BYTES + 1], "at most 1048576 bytes"),
        ("empty", b"  \n".to_vec(), "The file is empty"),
        ("PNG", b"\x89PNG\r\n\x1a\n....".to_vec(), "a PNG image"),
        ("PDF", b"%PDF-1.7\n...".to_vec(), "a PDF"),
        ("UTF-16", "{\"a\":1}".encode_utf16().flat_map(u16::to_le_bytes).collect(), "UTF-16"),
        ("not JSON", b"{\"format\": \"ti-assess.trace-request\"".to_vec(), "not valid JSON"),
        ("an assessment", br#"{"format":"ti-assess.assessment","schema":2}"#.to_vec(), "format `ti-assess.assessment`"),
        (
            "newer schema",
            br#"{"format":"ti-assess.trace-request","schema":2,"trace_version":"2.0.0","written":"2025-03-01T02:50:00Z","fields":{}}"#.to_vec(),
            "newer version of ti-assess (schema 2",
        ),
        ("repeated key", doc(r#"{"pid":"1","pid":"2"}"#).into_bytes(), "The key `pid` appears twice"),
        ("NUL in a value", doc(r#"{"pid":"1\u0000"}"#).into_bytes(), "`fields.pid` is invalid: it contains a NUL"),
        ("value too long", doc(&long).into_bytes(), "`fields.log_extracts` is invalid"),
        ("number value", doc(r#"{"pid":81234}"#).into_bytes(), "invalid type: integer"),
        ("fields not an object", doc(r#"["pid"]"#).into_bytes(), "invalid type: sequence"),
        (
            "bad time",
            br#"{"format":"ti-assess.trace-request","schema":1,"trace_version":"1.0.0","written":"Saturday night","fields":{}}"#.to_vec(),
            "`written` is invalid",
        ),
        (
            "unknown key",
            br#"{"format":"ti-assess.trace-request","schema":1,"trace_version":"1.0.0","written":"2025-03-01T02:50:00Z","fields":{},"script":"x"}"#.to_vec(),
            "unknown field `script`",
        ),
    ];
    for (name, bytes, want) in table {
        let e = decode_request(cat, &bytes).unwrap_err();
        assert!(e.to_string().contains(want), "{name}: {e}");
    }
}

#[test]
fn no_prefix_of_a_request_panics_or_passes_for_another() {
    let cat = catalog();
    let text = encode_request(cat, &site_values(), WRITTEN);
    let whole = decode_request(cat, text.as_bytes()).unwrap();
    let mut refused = 0;
    for cut in 0..text.len() {
        if let Ok(f) = decode_request(cat, &text.as_bytes()[..cut]) {
            // Only a cut in trailing white space may still read, and then as the same request.
            assert_eq!(f, whole, "prefix of {cut} bytes");
        } else {
            refused += 1;
        }
    }
    assert!(refused >= text.len() - 1);
}
