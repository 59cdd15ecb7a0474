//! The import pipeline: a valid export plans an import (preview, conflict, replace or keep
//! both); a corpus of malformed files is refused, each with a clear message naming the field,
//! and the stored state is unchanged.

use std::collections::BTreeMap;
use std::path::Path;

use ti_core::model::{Assessment, Evidence, QuestionSet};
use ti_core::persist::import::{ImportError, Plan, Resolution, plan};
use ti_core::persist::{DecodeError, MAX_BYTES, SCHEMA, encode};

use crate::support::{answer_all, build, vo};

fn sets(id: &str) -> Option<&'static QuestionSet> {
    ti_core::catalog::builtin(id)
}

/// A realistic export: every VO question answered, a non-ASCII name, evidence.
pub fn sample() -> Assessment {
    let mut a = answer_all(vo());
    a.id = "a-m3x9k2".into();
    a.name = "ATLAS 2026 \u{2013} Łukasz & Cécile".into();
    a.set_evidence(
        "VO-IR-1.procedure",
        Evidence { text: "Wiki, reviewed by Jürgen".into(), url: "https://vo.example/ir".into() },
    );
    a
}

/// What the browser has stored: ID → name.
fn stored() -> BTreeMap<String, String> {
    BTreeMap::from([("a-older".to_owned(), "CMS 2025".to_owned())])
}

/// What the UI does: plan, and write only a complete plan.
fn import(stored: &mut BTreeMap<String, String>, bytes: &[u8]) -> Result<Plan, ImportError> {
    let p = plan(bytes, stored, sets)?;
    let a = p.resolve(Resolution::Replace);
    stored.insert(a.id, a.name);
    Ok(p)
}

#[test]
fn a_valid_export_is_previewed_and_written_whole() {
    let a = sample();
    let text = encode(&a);
    let mut store = stored();
    let p = import(&mut store, text.as_bytes()).unwrap();
    assert_eq!(p.preview.name, a.name);
    assert_eq!(p.preview.kind, "VO");
    assert_eq!(p.preview.set_version, format!("wlcg-ti-vo {}", vo().version));
    assert_eq!(p.preview.answers, vo().questions.len());
    assert_eq!((p.preview.orphans, p.conflict.clone(), p.preview.left_out.len()), (0, None, 0));
    assert_eq!(p.resolve(Resolution::Replace), a);
    assert_eq!(encode(&p.resolve(Resolution::Replace)), text, "JSON → import → JSON is the identity");
    assert_eq!(store.len(), 2);
}

#[test]
fn the_same_id_offers_replace_or_keep_both() {
    let a = sample();
    let store = BTreeMap::from([(a.id.clone(), "Stored copy".to_owned())]);
    let p = plan(encode(&a).as_bytes(), &store, sets).unwrap();
    assert_eq!(p.conflict.as_deref(), Some("Stored copy"));
    assert_eq!(p.resolve(Resolution::Replace).id, a.id);
    let both = p.resolve(Resolution::KeepBoth { new_id: "a-new".into() });
    assert_eq!((both.id.as_str(), both.name.clone()), ("a-new", format!("{} (imported)", a.name)));
    assert_eq!(both.answers, a.answers);
}

#[test]
fn answers_to_unknown_questions_are_kept_and_counted() {
    let mut a = build(vo(), &[("VO-IR-1.procedure", "c:yes")]);
    a.set_answer(
        "question.removed.later",
        Some(ti_core::model::AnswerValue::Text("kept".into())),
        a.answers["VO-IR-1.procedure"].given_at,
    );
    let p = plan(encode(&a).as_bytes(), &stored(), sets).unwrap();
    assert_eq!((p.preview.answers, p.preview.orphans), (2, 1));
    assert!(p.assessment.answers.contains_key("question.removed.later"), "never dropped silently");
}

#[test]
fn a_utf8_byte_order_mark_is_accepted() {
    let text = encode(&sample());
    let bytes = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    assert_eq!(plan(&bytes, &stored(), sets).unwrap().assessment, sample());
}

/// Found by the XSS corpus: an answer that reads "%PDF-" does not make a JSON file a PDF.
#[test]
fn a_json_export_mentioning_pdf_is_still_json() {
    let mut a = sample();
    a.name = "%PDF-1.7 %%EOF".into();
    let text = encode(&a);
    assert_eq!(plan(text.as_bytes(), &stored(), sets).unwrap().assessment, a);
}

/// The error's kind, for the tally.
fn kind(e: &ImportError) -> &'static str {
    match e {
        ImportError::TooLarge { .. } => "too large",
        ImportError::Empty => "empty",
        ImportError::Pdf => "PDF (extract first)",
        ImportError::Binary { .. } => "binary",
        ImportError::Utf16 => "UTF-16",
        ImportError::DuplicateKey { .. } => "duplicate key",
        ImportError::Document(DecodeError::NotJson { .. }) => "not JSON",
        ImportError::Document(DecodeError::WrongFormat { .. }) => "wrong format",
        ImportError::Document(DecodeError::NewerSchema { .. }) => "newer schema",
        ImportError::Document(DecodeError::Invalid { .. }) => "invalid field",
        ImportError::Document(DecodeError::TooLarge { .. }) => "too large",
        ImportError::UnknownSet { .. } => "unknown question set",
        ImportError::BadId { .. } => "bad id",
    }
}

/// The field an error names, with sequence indexes written `.0` (`options[0]` → `options.0`).
fn field(e: &ImportError) -> Option<String> {
    let named = match e {
        ImportError::Document(DecodeError::Invalid { field, .. }) => field.clone(),
        ImportError::UnknownSet { .. } => "question_set.id".into(),
        ImportError::BadId { .. } => "id".into(),
        ImportError::DuplicateKey { key } => key.clone(),
        _ => return None,
    };
    Some(named.replace('[', ".").replace(']', ""))
}

/// A compact document with a value of every kind, evidence, a name and an ID.
fn small() -> String {
    let mut a = build(
        vo(),
        &[
            ("VO-IR-1.procedure", "c:yes"),
            ("VO-LOG-2.dirac-defaults", "na:no DIRAC"),
            ("VO-LOG-2.stores", "r:store=pilot-db,days=30"),
            ("VO-CON-1.email", "t:vo-security@example.org"),
            ("VO-IR-1.reviewed", "d:2026-01-31"),
            ("VO-TRC-1.outcome", "o:owner-found"),
            ("profile.frameworks", "m:dirac,panda"),
        ],
    );
    a.id = "a-small".into();
    a.name = "Small".into();
    a.set_evidence("VO-IR-1.procedure", Evidence { text: "wiki".into(), url: "https://vo.example".into() });
    encode(&a)
}

/// Every path of a JSON value (`a.b.0`) with a value of another type put there; `pointer` is
/// the same place as a JSON pointer (keys may hold dots).
fn wrong_types(
    v: &serde_json::Value,
    path: &str,
    pointer: &str,
    root: &serde_json::Value,
    out: &mut Vec<(String, String)>,
) {
    use serde_json::Value;
    let wrong = match v {
        Value::String(_) => Value::from(42),
        Value::Number(_) => Value::from("42"),
        Value::Object(_) => Value::from("x"),
        Value::Array(_) => Value::from(7),
        Value::Bool(_) | Value::Null => Value::from(1.5),
    };
    if !path.is_empty() {
        let mut doc = root.clone();
        if let Some(slot) = doc.pointer_mut(pointer) {
            *slot = wrong;
            out.push((path.to_owned(), serde_json::to_string(&doc).unwrap()));
        }
    }
    let join = |k: &str| if path.is_empty() { k.to_owned() } else { format!("{path}.{k}") };
    let deeper = |k: &str| format!("{pointer}/{}", k.replace('~', "~0").replace('/', "~1"));
    match v {
        Value::Object(m) => m.iter().for_each(|(k, c)| wrong_types(c, &join(k), &deeper(k), root, out)),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, c)| {
            let i = i.to_string();
            wrong_types(c, &join(&i), &deeper(&i), root, out);
        }),
        _ => {}
    }
}

/// (name, bytes, expected kind, field the message must name)
type Case = (String, Vec<u8>, &'static str, Option<String>);

fn corpus() -> Vec<Case> {
    let g = small();
    let with = |from: &str, to: &str| {
        assert!(g.contains(from), "{from}");
        g.replacen(from, to, 1).into_bytes()
    };
    let mut cases: Vec<Case> = Vec::new();
    let mut add = |name: &str, bytes: Vec<u8>, kind: &'static str, field: Option<&str>| {
        cases.push((name.to_owned(), bytes, kind, field.map(str::to_owned)));
    };
    // Truncated at every byte (quality.md R-02), including inside a multi-byte character.
    let full = encode(&sample()).into_bytes();
    for i in 1..full.len() {
        add(&format!("truncated at byte {i} of {}", full.len()), full[..i].to_vec(), "not JSON", None);
    }
    let cut = full.iter().position(|b| *b >= 0x80).unwrap() + 1;
    add("truncated inside a character", full[..cut].to_vec(), "not JSON", None);
    // Envelope.
    add("unknown format", with("ti-assess.assessment", "excalidraw"), "wrong format", None);
    add(
        "raw backup, not an assessment",
        with("ti-assess.assessment", "ti-assess.raw-backup"),
        "wrong format",
        None,
    );
    add("no format", with("\"format\":\"ti-assess.assessment\",", ""), "wrong format", None);
    let current = format!("\"schema\":{SCHEMA}");
    add("future schema", with(&current, &format!("\"schema\":{}", SCHEMA + 1)), "newer schema", None);
    add("far-future schema", with(&current, "\"schema\":99999999999"), "newer schema", None);
    add("schema zero", with(&current, "\"schema\":0"), "invalid field", Some("schema"));
    add("negative schema", with(&current, "\"schema\":-1"), "invalid field", Some("schema"));
    add("schema as text", with(&current, "\"schema\":\"1\""), "invalid field", Some("schema"));
    add(
        "unknown question set",
        with("wlcg-ti-vo", "wlcg-ti-hpc"),
        "unknown question set",
        Some("question_set.id"),
    );
    add("empty id", with("\"id\":\"a-small\"", "\"id\":\"\""), "bad id", Some("id"));
    add("id with a slash", with("\"id\":\"a-small\"", "\"id\":\"../a-small\""), "bad id", Some("id"));
    add(
        "id too long",
        with("\"id\":\"a-small\"", &format!("\"id\":\"{}\"", "a".repeat(101))),
        "bad id",
        Some("id"),
    );
    add("missing revision", with("\"revision\":8,", ""), "invalid field", Some("revision"));
    add("negative revision", with("\"revision\":8", "\"revision\":-8"), "invalid field", Some("revision"));
    add("missing answers", with("\"answers\":", "\"answer\":"), "invalid field", Some("answer"));
    add(
        "unknown root field",
        with("\"revision\"", "\"extra\":1,\"revision\""),
        "invalid field",
        Some("extra"),
    );
    add(
        "missing question set",
        with("\"question_set\":{\"id\":\"wlcg-ti-vo\",", "\"qs\":{\"id\":\"wlcg-ti-vo\","),
        "invalid field",
        Some("qs"),
    );
    // Values.
    add(
        "choice not a choice",
        with("\"choice\":\"yes\"", "\"choice\":\"maybe\""),
        "invalid field",
        Some("answers.VO-IR-1.procedure.choice"),
    );
    add(
        "two values",
        with("\"choice\":\"yes\"", "\"choice\":\"yes\",\"text\":\"x\""),
        "invalid field",
        Some("answers.VO-IR-1.procedure"),
    );
    add("no value", with("\"choice\":\"yes\",", ""), "invalid field", Some("answers.VO-IR-1.procedure"));
    add(
        "unknown value key",
        with("\"choice\":\"yes\"", "\"boolean\":true"),
        "invalid field",
        Some("answers.VO-IR-1.procedure.boolean"),
    );
    add(
        "nested rows",
        with("\"number\":30.0", "\"rows\":[]"),
        "invalid field",
        Some("answers.VO-LOG-2.stores.rows.0.days.rows"),
    );
    add(
        "row field without value",
        with("\"number\":30.0", ""),
        "invalid field",
        Some("answers.VO-LOG-2.stores.rows.0.days"),
    );
    add("number too large for JSON", with("\"number\":30.0", "\"number\":1e400"), "not JSON", None);
    // Dates and times.
    add(
        "30 February",
        with("2026-01-31", "2026-02-30"),
        "invalid field",
        Some("answers.VO-IR-1.reviewed.date"),
    );
    add("month 13", with("2026-01-31", "2026-13-01"), "invalid field", Some("answers.VO-IR-1.reviewed.date"));
    add(
        "two-digit year",
        with("2026-01-31", "26-01-31"),
        "invalid field",
        Some("answers.VO-IR-1.reviewed.date"),
    );
    add(
        "date with time",
        with("2026-01-31", "2026-01-31T10:00:00Z"),
        "invalid field",
        Some("answers.VO-IR-1.reviewed.date"),
    );
    add(
        "given_at not a time",
        with("2026-11-26T10:00:00.000Z", "yesterday"),
        "invalid field",
        Some("answers.VO-CON-1.email.given_at"),
    );
    add(
        "given_at 25 o'clock",
        with("2026-11-26T10:00:00.000Z", "2026-11-26T25:00:00.000Z"),
        "invalid field",
        Some("answers.VO-CON-1.email.given_at"),
    );
    add(
        "given_at missing",
        with(",\"given_at\":\"2026-11-26T10:00:00.000Z\"", ""),
        "invalid field",
        Some("answers.VO-CON-1.email.given_at"),
    );
    // Duplicate keys, which a plain parse would resolve silently.
    add(
        "duplicate revision",
        with("\"revision\":8", "\"revision\":8,\"revision\":8"),
        "duplicate key",
        Some("revision"),
    );
    add(
        "duplicate answer",
        with(
            "\"answers\":{",
            "\"answers\":{\"VO-IR-1.procedure\":{\"choice\":\"no\",\"given_at\":\"2026-11-26T10:00:00.000Z\"},",
        ),
        "duplicate key",
        Some("VO-IR-1.procedure"),
    );
    add(
        "duplicate value key",
        with("\"choice\":\"yes\"", "\"choice\":\"yes\",\"choice\":\"no\""),
        "duplicate key",
        Some("choice"),
    );
    add(
        "duplicate key in a row of a records answer",
        with("{\"option\":\"pilot-db\"}", "{\"option\":\"pilot-db\",\"option\":\"job-db\"}"),
        "duplicate key",
        Some("option"),
    );
    // Not JSON, or not text.
    add("empty file", Vec::new(), "empty", None);
    add("only spaces", b"  \n\t ".to_vec(), "empty", None);
    add("plain text", b"my assessment".to_vec(), "not JSON", None);
    add("CSV export", b"question,answer\nVO-IR-1.procedure,yes\n".to_vec(), "not JSON", None);
    add("HTML page", b"<!doctype html><p>saved page</p>".to_vec(), "not JSON", None);
    add("JSON array", b"[1,2,3]".to_vec(), "wrong format", None);
    add("JSON string", b"\"ti-assess.assessment\"".to_vec(), "wrong format", None);
    add("JSON null", b"null".to_vec(), "wrong format", None);
    add("two documents", [g.as_bytes(), g.as_bytes()].concat(), "not JSON", None);
    add("trailing garbage", [g.as_bytes(), b"x"].concat(), "not JSON", None);
    add(
        "deeply nested arrays",
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
        "not JSON",
        None,
    );
    add(
        "deeply nested answer",
        with("\"choice\":\"yes\"", &format!("\"choice\":{}{}", "{\"a\":".repeat(50_000), "}".repeat(50_000))),
        "not JSON",
        None,
    );
    add("JPEG image", b"\xFF\xD8\xFF\xE0\x00\x10JFIF".to_vec(), "binary", None);
    add("ZIP archive", b"PK\x03\x04\x14\x00".to_vec(), "binary", None);
    add("gzip", b"\x1F\x8B\x08\x00".to_vec(), "binary", None);
    add("NUL bytes", [g.as_bytes(), b"\0"].concat(), "binary", None);
    add("UTF-16 LE with BOM", [b"\xFF\xFE".as_slice(), &utf16le(&g)].concat(), "UTF-16", None);
    add("UTF-16 BE with BOM", [b"\xFE\xFF".as_slice(), &utf16be(&g)].concat(), "UTF-16", None);
    add("UTF-16 LE without BOM", utf16le(&g), "UTF-16", None);
    add("PDF", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\n".to_vec(), "PDF (extract first)", None);
    add("5 MiB file", [g.as_bytes(), &vec![b' '; 5 * 1024 * 1024]].concat(), "too large", None);
    add("1 MiB + 1 byte", [g.as_bytes(), &vec![b' '; MAX_BYTES + 1 - g.len()]].concat(), "too large", None);
    add(
        "a string of 1 MiB + 1 byte",
        with("\"name\":\"Small\"", &format!("\"name\":\"{}\"", "x".repeat(MAX_BYTES + 1))),
        "too large",
        None,
    );
    // Wrong types, for every field of the document.
    let root: serde_json::Value = serde_json::from_str(&g).unwrap();
    let mut typed = Vec::new();
    wrong_types(&root, "", "", &root, &mut typed);
    for (path, doc) in typed {
        let (kind, field) = match path.as_str() {
            "format" => ("wrong format", None),
            _ => ("invalid field", Some(path.as_str())),
        };
        add(&format!("wrong type at {path}"), doc.into_bytes(), kind, field);
    }
    cases
}

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn utf16be(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_be_bytes).collect()
}

/// The kind a file of `tests/fixtures/import/bad/` must give, from its name: `<kind>--<what>.<ext>`.
fn kind_from_name(file: &str) -> &'static str {
    let slug = file.split("--").next().unwrap_or_default();
    match slug {
        "too-large" => "too large",
        "empty" => "empty",
        "pdf" => "PDF (extract first)",
        "binary" => "binary",
        "utf16" => "UTF-16",
        "duplicate-key" => "duplicate key",
        "not-json" => "not JSON",
        "wrong-format" => "wrong format",
        "newer-schema" => "newer schema",
        "invalid-field" => "invalid field",
        "unknown-set" => "unknown question set",
        "bad-id" => "bad id",
        _ => panic!("{file}: name it <kind>--<what>; `{slug}` is no kind"),
    }
}

fn fixture_dir(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

/// Every file of a fixture directory (the README apart): name → bytes.
fn fixture_files(name: &str) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(fixture_dir(name))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect()
}

fn check(
    name: &str,
    bytes: &[u8],
    expected: &str,
    field: Option<&str>,
    tally: &mut BTreeMap<&'static str, usize>,
) {
    let mut store = stored();
    let before = store.clone();
    let err = import(&mut store, bytes).expect_err(name);
    assert_eq!(store, before, "{name}: the stored state changed");
    let message = err.to_string();
    assert_eq!(kind(&err), expected, "{name}: {message}");
    assert!(message.len() > 20 && message.ends_with('.'), "{name}: unclear message {message:?}");
    if let Some(f) = field {
        assert_eq!(self::field(&err).as_deref(), Some(f), "{name}: {message}");
        assert!(message.contains(&format!("`{}", f.split('.').next().unwrap_or(f))), "{name}: {message}");
    }
    *tally.entry(kind(&err)).or_default() += 1;
}

#[test]
fn malformed_files_are_refused_and_nothing_changes() {
    let mut tally = BTreeMap::new();
    let cases = corpus();
    for (name, bytes, expected, field) in &cases {
        check(name, bytes, expected, field.as_deref(), &mut tally);
    }
    // The hand-written corpus on disk (quality.md R-02), each file's kind in its name.
    let files = fixture_files("bad");
    for (file, bytes) in &files {
        check(file, bytes, kind_from_name(file), None, &mut tally);
    }
    let total: usize = tally.values().sum();
    eprintln!("malformed files refused: {total} ({} generated, {} files on disk)", cases.len(), files.len());
    for (k, n) in &tally {
        eprintln!("  {n:3}  {k}");
    }
    assert!(files.len() >= 40, "only {} hand-written files", files.len());
    let kinds: std::collections::BTreeSet<_> = files.keys().map(|f| kind_from_name(f)).collect();
    assert!(kinds.len() >= 10, "the files on disk cover only {kinds:?}");
    assert!(total >= 200, "only {total} malformed files");
}

/// Answers to question IDs this build does not know are not malformed: the file imports and
/// keeps them as orphans (never dropped; quality.md lists "unknown question IDs" among the
/// malformed categories, but dropping or refusing them would lose answers of another version).
#[test]
fn unknown_question_ids_are_imported_as_orphans() {
    let files = fixture_files("accepted");
    assert!(!files.is_empty());
    for (file, bytes) in files {
        let p = plan(&bytes, &stored(), sets).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(p.preview.orphans > 0, "{file}: no orphan counted");
        let doc: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(p.assessment.answers.len(), doc["answers"].as_object().unwrap().len(), "{file}");
    }
}

/// A key repeated deep inside an answer (a row of a records answer, an evidence object, the
/// options of a multiple choice) is refused with the message the user reads, naming the key,
/// and so is one after the document, where the file is no longer JSON at all.
#[test]
fn a_duplicate_key_deep_inside_an_answer_is_refused_with_its_message() {
    let g = small();
    let twice = |key: &str| {
        format!(
            "The key `{key}` appears twice in the same object. Remove one of them, or export the assessment again."
        )
    };
    let rows: [(&str, &str, &str, String); 5] = [
        (
            "records row",
            "{\"option\":\"pilot-db\"}",
            "{\"option\":\"pilot-db\",\"option\":\"job-db\"}",
            twice("option"),
        ),
        (
            "records row, the key written with an escape",
            "{\"option\":\"pilot-db\"}",
            "{\"option\":\"pilot-db\",\"\\u006fption\":\"job-db\"}",
            twice("option"),
        ),
        (
            "evidence",
            "\"url\":\"https://vo.example\"",
            "\"url\":\"https://vo.example\",\"url\":\"x\"",
            twice("url"),
        ),
        (
            "a Cyrillic key inside an answer",
            "\"choice\":\"yes\"",
            "\"choice\":\"yes\",\"ключ\":1,\"ключ\":2",
            twice("ключ"),
        ),
        (
            "after a syntax error, the syntax error is reported",
            "\"choice\":\"yes\"",
            "\"choice\":yes,\"choice\":\"no\"",
            String::new(),
        ),
    ];
    for (name, from, to, want) in rows {
        assert!(g.contains(from), "{name}: {from}");
        let text = g.replacen(from, to, 1);
        // Where a plain parse stops, for the row whose text is not JSON.
        let want = match serde_json::from_str::<serde_json::Value>(&text) {
            Err(e) if want.is_empty() => format!(
                "The data is not valid JSON (line {}, column {}). Choose a file exported by ti-assess, or export it again.",
                e.line(),
                e.column()
            ),
            _ => want,
        };
        let mut store = stored();
        let err = import(&mut store, text.as_bytes()).expect_err(name);
        assert_eq!(err.to_string(), want, "{name}");
        assert_eq!(store, stored(), "{name}: the stored state changed");
    }
}
