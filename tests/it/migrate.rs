//! Format migrations (quality.md R-04). Every past schema has fixtures under
//! `tests/fixtures/schema/v<N>/`; each decodes (through the migrations) to the document stored
//! under `tests/fixtures/schema/expected/v<N>/`, written in the current schema. Two meta-tests in
//! tldraw's style: every past schema has a fixture, and every migration of the table is run by
//! one. Run with `UPDATE_FIXTURES=1` to rewrite the expected documents (then read the diff).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ti_core::persist::migrate::MIGRATIONS;
use ti_core::persist::{SCHEMA, decode, decode_versioned, encode, import};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema")
}

/// The fixtures of schema `version`: file name → text, in name order.
pub fn fixtures(version: u32) -> BTreeMap<String, String> {
    let Ok(dir) = std::fs::read_dir(root().join(format!("v{version}"))) else { return BTreeMap::new() };
    dir.map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// Every fixture of every past schema: (schema, file name, text).
fn all_fixtures() -> Vec<(u32, String, String)> {
    (1..SCHEMA).flat_map(|v| fixtures(v).into_iter().map(move |(name, text)| (v, name, text))).collect()
}

#[test]
fn the_migration_table_is_ordered_and_complete() {
    assert_eq!(MIGRATIONS.len(), SCHEMA as usize - 1, "one migration per past schema");
    for (i, m) in MIGRATIONS.iter().enumerate() {
        assert_eq!(m.from as usize, i + 1, "MIGRATIONS[{i}] must migrate schema {} to {}", i + 1, i + 2);
    }
}

#[test]
fn every_past_schema_has_a_fixture() {
    for v in 1..SCHEMA {
        assert!(!fixtures(v).is_empty(), "no fixture in tests/fixtures/schema/v{v}/");
    }
    // Only past schemas: the current one is covered by the round-trip tests.
    for entry in std::fs::read_dir(root()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if let Some(v) = name.strip_prefix('v').and_then(|v| v.parse::<u32>().ok()) {
            assert!((1..SCHEMA).contains(&v), "tests/fixtures/schema/{name} is not a past schema");
        }
    }
}

#[test]
fn every_migration_is_exercised_by_a_fixture() {
    let mut runs = vec![0usize; MIGRATIONS.len()];
    for (v, name, text) in all_fixtures() {
        let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(doc["schema"], v, "{name} sits under v{v}");
        for (i, step) in MIGRATIONS.iter().enumerate().skip(v as usize - 1) {
            doc = (step.run)(doc).unwrap_or_else(|e| panic!("v{v}/{name}: migration {i}: {e}"));
            assert_eq!(doc["schema"], step.from + 1, "v{v}/{name}: migration {i} sets the schema it writes");
            runs[i] += 1;
        }
        assert_eq!(doc["schema"], SCHEMA, "v{v}/{name} ends at the current schema");
    }
    for (i, n) in runs.iter().enumerate() {
        assert!(*n > 0, "MIGRATIONS[{i}] (schema {} → {}) is run by no fixture", i + 1, i + 2);
    }
}

#[test]
fn each_fixture_decodes_to_its_expected_document() {
    let all = all_fixtures();
    assert!(all.len() >= 3);
    for (v, name, text) in all {
        let (a, schema) = decode_versioned(&text).unwrap_or_else(|e| panic!("v{v}/{name}: {e}"));
        assert_eq!(schema, v, "{name}: the schema it was written in");
        // The expected documents are of no particular build: compared without `generator`.
        let current = crate::support::without_generator(&encode(&a));
        let path = root().join(format!("expected/v{v}/{name}"));
        if std::env::var_os("UPDATE_FIXTURES").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &current).unwrap();
        }
        let expected = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_FIXTURES=1)", path.display()));
        assert_eq!(current, expected, "v{v}/{name} decodes to another document than {}", path.display());
        assert_eq!(decode(&expected).unwrap(), a, "the expected document reads back the same");
        // Every answer of the old document is still there.
        let old: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(old["answers"].as_object().unwrap().len(), a.answers.len(), "{name}: an answer was lost");
        // The importer takes it too, and says which schema it was.
        let plan = import::plan(text.as_bytes(), &BTreeMap::new(), ti_core::catalog::builtin)
            .unwrap_or_else(|e| panic!("v{v}/{name}: {e}"));
        assert_eq!((plan.assessment, plan.schema), (a, v));
    }
}

/// What the schema-1 reader did for documents of the first builds, kept by the migration.
#[test]
fn an_early_schema_1_document_takes_its_sets_id_and_an_empty_name() {
    for (name, set) in
        [("early-without-id-and-name.json", "wlcg-ti-vo"), ("empty-answers.json", "wlcg-ti-site")]
    {
        let a = decode(&fixtures(1)[name]).unwrap();
        assert_eq!((a.id.as_str(), a.name.as_str()), (set, ""), "{name}");
    }
    let site = decode(&fixtures(1)["site-with-name-without-id.json"]).unwrap();
    assert_eq!((site.id.as_str(), site.name.as_str()), ("wlcg-ti-site", "CERN-PROD"));
    // The schema-1 reader also took `null` for either (its JSON Schema did not allow it; no build
    // wrote it): still read the same.
    let nulls = fixtures(1)["early-without-id-and-name.json"].replacen('{', "{\"id\":null,\"name\":null,", 1);
    assert_eq!(decode(&nulls), decode(&fixtures(1)["early-without-id-and-name.json"]));
    let named = decode(&fixtures(1)["with-id-name-evidence-and-rows.json"]).unwrap();
    assert_eq!((named.id.as_str(), named.name.as_str()), ("a-m3x9k2", "ATLAS 2026 – Łukasz & Cécile"));
    assert_eq!(named.evidence.len(), 2);
}

/// Schema 2 requires what schema 1 let out: a current document without `id` or `name` is refused.
#[test]
fn the_current_schema_requires_id_and_name() {
    let text = encode(&decode(&fixtures(1)["with-id-name-evidence-and-rows.json"]).unwrap());
    for field in ["id", "name"] {
        let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        doc.as_object_mut().unwrap().remove(field);
        let err = decode(&doc.to_string()).unwrap_err().to_string();
        assert_eq!(err, format!("The field `{field}` is invalid: missing field `{field}`."));
    }
}

/// A schema-1 document that is broken stays refused after the migration, naming the field.
#[test]
fn a_broken_schema_1_document_is_still_refused_with_its_field() {
    let early = &fixtures(1)["early-without-id-and-name.json"];
    let cases = [
        (early.replace("\"revision\":4,", ""), "The field `revision` is invalid"),
        (
            early.replace("\"choice\":\"partial\"", "\"choice\":\"maybe\""),
            "The field `answers.VO-IR-1.procedure.choice`",
        ),
        (early.replacen('{', "{\"id\":42,", 1), "The field `id` is invalid: invalid type: integer"),
        (early.replacen('{', "{\"name\":[],", 1), "The field `name` is invalid: invalid type: sequence"),
        (
            early.replace("\"question_set\":{\"id\":\"wlcg-ti-vo\",\"version\":\"0.9.0\"},", ""),
            "The field `id` is invalid: missing, and there is no `question_set.id` to take it from.",
        ),
    ];
    for (text, expected) in cases {
        let err = decode(&text).unwrap_err().to_string();
        assert!(err.starts_with(expected), "got {err:?}, expected {expected:?}");
    }
}

/// The browser suite names the schema this build writes; it must not drift from the code.
#[test]
fn the_e2e_suite_knows_the_current_schema() {
    for file in ["tests/e2e/run.mjs", "tests/e2e/storage.mjs"] {
        let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
        assert!(text.contains(&format!("const SCHEMA = {SCHEMA};")), "{file}: update `const SCHEMA`");
    }
}
