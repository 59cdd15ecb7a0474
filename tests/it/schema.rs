//! The JSON Schema in `schema/` of the current schema describes what `persist::encode` writes: real exports (every
//! question of both shipped sets, the shared copy, generated assessments) validate, and
//! documents the decoder refuses for their shape fail it too.

use std::sync::OnceLock;

use ti_core::persist::{self, encode, encode_share};

use crate::support::{answer_all, build, generator_member, site, vo};

/// The schema file of schema `version`, compiled.
fn compile(version: u32) -> jsonschema::Validator {
    let path = format!("{}/schema/ti-assess.assessment.v{version}.schema.json", env!("CARGO_MANIFEST_DIR"));
    let schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::draft202012::new(&schema).unwrap()
}

/// The current schema's file, compiled once.
pub fn validator() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| compile(persist::SCHEMA))
}

fn complaints(validator: &jsonschema::Validator, text: &str) -> Vec<String> {
    let doc: serde_json::Value = serde_json::from_str(text).unwrap();
    validator.iter_errors(&doc).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

/// The current schema's complaints about a document (empty when it is valid).
pub fn violations(text: &str) -> Vec<String> {
    complaints(validator(), text)
}

/// Every past schema keeps its file (history), its fixtures validate against it, and what they
/// migrate to validates against the current one.
#[test]
fn past_fixtures_validate_against_their_own_schema_and_migrate_to_valid_documents() {
    for v in 1..persist::SCHEMA {
        let old = compile(v);
        let fixtures = crate::migrate::fixtures(v);
        assert!(!fixtures.is_empty());
        for (name, text) in fixtures {
            assert_eq!(complaints(&old, &text), Vec::<String>::new(), "v{v}/{name}");
            assert!(!complaints(validator(), &text).is_empty(), "v{v}/{name} also passes the current schema");
            let current = encode(&persist::decode(&text).unwrap());
            assert_eq!(violations(&current), Vec::<String>::new(), "v{v}/{name} migrated");
        }
    }
}

#[test]
fn real_exports_validate_against_the_schema() {
    let mut exports = vec![encode(&answer_all(vo())), encode(&answer_all(site()))];
    exports.push(encode(&build(vo(), &[])));
    exports.push(encode(&crate::import::sample()));
    exports.push(encode(&build(
        site(),
        &[("SITE-CON-1.email", "t:jane.doe@site.example"), ("SITE-CON-2.confirmed", "d:2024-02-29")],
    )));
    let (copy, left_out) = ti_core::share::redact(vo(), &crate::import::sample());
    exports.push(encode_share(&copy, &left_out));
    for text in &exports {
        assert_eq!(violations(text), Vec::<String>::new(), "{text}");
    }
}

#[test]
fn malformed_shapes_fail_the_schema() {
    let good = encode(&build(vo(), &[("VO-IR-1.procedure", "c:yes"), ("VO-IR-1.reviewed", "d:2026-01-31")]));
    assert!(violations(&good).is_empty());
    let cases = [
        ("no format", good.replace("\"format\":\"ti-assess.assessment\",", "")),
        ("other format", good.replace("ti-assess.assessment", "excalidraw")),
        (
            "future schema",
            good.replace(
                &format!("\"schema\":{}", persist::SCHEMA),
                &format!("\"schema\":{}", persist::SCHEMA + 1),
            ),
        ),
        ("unknown field", good.replace("\"revision\"", "\"extra\":1,\"revision\"")),
        ("choice not a choice", good.replace("\"choice\":\"yes\"", "\"choice\":\"maybe\"")),
        ("two values", good.replace("\"choice\":\"yes\"", "\"choice\":\"yes\",\"text\":\"x\"")),
        ("no value", good.replace("\"choice\":\"yes\",", "")),
        ("no given_at", good.replace(",\"given_at\":\"2026-11-26T10:00:00.000Z\"", "")),
        ("date with time", good.replace("2026-01-31", "2026-01-31T00:00:00Z")),
        ("revision as text", good.replace("\"revision\":2", "\"revision\":\"2\"")),
        ("bad id", good.replace("\"id\":\"wlcg-ti-vo\",\"name\"", "\"id\":\"a/b\",\"name\"")),
        ("nested rows", good.replace("\"choice\":\"yes\"", "\"rows\":[{\"a\":{\"rows\":[]}}]")),
        ("generator as text", good.replacen(&generator_member(), "\"generator\":\"ti-assess\",", 1)),
        (
            "generator without version",
            good.replacen(&generator_member(), "\"generator\":{\"name\":\"ti-assess\"},", 1),
        ),
    ];
    for (name, text) in cases {
        assert_ne!(text, good, "{name}: the case did not change the document");
        assert!(!violations(&text).is_empty(), "{name} passed the schema");
        let planned =
            ti_core::persist::import::plan(text.as_bytes(), &Default::default(), ti_core::catalog::builtin);
        assert!(planned.is_err(), "{name} passed the importer");
    }
}
