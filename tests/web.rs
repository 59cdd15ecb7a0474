//! Browser tests (wasm-bindgen-test in headless Chromium) for `storage`, the one module that
//! touches browser storage. Natively this file is empty.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use wasm_bindgen_test::*;

use ti_assess::web::storage::{self, Loaded};
use ti_core::model::{AnswerValue, Assessment, QuestionSetRef};
use ti_core::persist;
use ti_core::time::Timestamp;

wasm_bindgen_test_configure!(run_in_browser);

fn sample(set: &str) -> Assessment {
    let mut a = Assessment::new(QuestionSetRef { id: set.into(), version: "0.1.0".into() });
    a.set_answer("VO-LOG-2.retention-days", Some(AnswerValue::Number(30.0)), Timestamp(1_764_151_200_000));
    a.set_answer(
        "VO-CON-1.email",
        Some(AnswerValue::Text("sec@vo.example".into())),
        Timestamp(1_764_151_260_000),
    );
    a
}

#[wasm_bindgen_test]
fn probe_succeeds_in_a_normal_browser() {
    assert_eq!(storage::probe(), Ok(()));
}

#[wasm_bindgen_test]
fn saved_assessment_reads_back_equal() {
    let a = sample("web-roundtrip");
    storage::save(&a).unwrap();
    assert_eq!(storage::load("web-roundtrip", 0).unwrap(), Loaded::Found(a));
}

#[wasm_bindgen_test]
fn nothing_stored_is_empty() {
    assert_eq!(storage::load("web-never-written", 0).unwrap(), Loaded::Empty);
}

#[wasm_bindgen_test]
fn corrupt_value_is_kept_aside_byte_for_byte_and_never_overwritten() {
    let key = storage::assessment_key("web-corrupt");
    let corrupt = "{\"format\":\"ti-assess.assessment\",\"schema\":1,\"answers\":{\u{1F4A5}";
    storage::write_raw(&key, corrupt).unwrap();

    let Loaded::Quarantined { kept_as, .. } = storage::load("web-corrupt", 42).unwrap() else {
        panic!("a corrupt value must be quarantined");
    };
    assert_ne!(kept_as, key);
    assert_eq!(storage::read_raw(&kept_as).unwrap().as_deref(), Some(corrupt));

    // A second failing load (same clock) must not overwrite the first copy.
    let Loaded::Quarantined { kept_as: second, .. } = storage::load("web-corrupt", 42).unwrap() else {
        panic!("still corrupt");
    };
    assert_ne!(second, kept_as);
    assert_eq!(storage::read_raw(&kept_as).unwrap().as_deref(), Some(corrupt));

    // Saving new answers replaces the main key only; the copies stay.
    storage::save(&sample("web-corrupt")).unwrap();
    assert_eq!(storage::read_raw(&kept_as).unwrap().as_deref(), Some(corrupt));
    assert!(storage::keys().unwrap().contains(&second));
}

#[wasm_bindgen_test]
fn newer_schema_is_left_untouched() {
    let key = storage::assessment_key("web-newer");
    let current = format!("\"schema\":{}", persist::SCHEMA);
    let newer = persist::encode(&sample("web-newer"))
        .replace(&current, &format!("\"schema\":{}", persist::SCHEMA + 1));
    assert_ne!(newer, persist::encode(&sample("web-newer")), "the newer-schema case does not apply");
    storage::write_raw(&key, &newer).unwrap();
    assert!(matches!(storage::load("web-newer", 0).unwrap(), Loaded::Newer(..)));
    assert_eq!(storage::read_raw(&key).unwrap().as_deref(), Some(newer.as_str()));
    assert_eq!(storage::keys().unwrap().iter().filter(|k| k.contains("quarantine/web-newer")).count(), 0);
}

#[wasm_bindgen_test]
fn list_shows_stored_assessments_and_delete_returns_the_text_for_undo() {
    let a = sample("web-listed");
    storage::save(&a).unwrap();
    let listed = storage::list().unwrap();
    assert!(listed.iter().any(|l| l.id == "web-listed" && l.assessment.as_ref() == Ok(&a)));
    let text = storage::delete("web-listed").unwrap().unwrap();
    assert!(!storage::list().unwrap().iter().any(|l| l.id == "web-listed"));
    storage::write_raw(&storage::assessment_key("web-listed"), &text).unwrap();
    assert_eq!(storage::load("web-listed", 0).unwrap(), Loaded::Found(a));
}

#[wasm_bindgen_test]
fn new_ids_are_not_taken() {
    let first = storage::new_id(1_000).unwrap();
    let mut a = sample("x");
    a.id = first.clone();
    storage::save(&a).unwrap();
    let second = storage::new_id(1_000).unwrap();
    assert_ne!(first, second);
}

#[wasm_bindgen_test]
fn recovery_page_offers_every_stored_value_byte_for_byte() {
    use wasm_bindgen::JsCast;
    let odd = "{\"not\": json at all \u{1F4A5} <script>";
    storage::write_raw("ti-assess/v1/assessment/web-recovery", odd).unwrap();
    let doc = web_sys::window().unwrap().document().unwrap();
    let host = doc.create_element("div").unwrap();
    ti_assess::web::recovery::show_in(&host, "boom <b>not html</b>");
    assert!(host.text_content().unwrap().contains("ti-assess stopped because of an error"));
    assert!(host.text_content().unwrap().contains("boom <b>not html</b>"), "detail shown as text");
    let a: web_sys::HtmlAnchorElement = host.query_selector("a").unwrap().unwrap().dyn_into().unwrap();
    let href = a.href();
    assert!(href.starts_with("data:application/json"));
    let json = js_sys::decode_uri_component(href.split_once(',').unwrap().1).unwrap().as_string().unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["format"], "ti-assess.raw-backup");
    assert_eq!(v["entries"]["ti-assess/v1/assessment/web-recovery"], odd);
}

#[wasm_bindgen_test]
fn an_older_schema_is_kept_aside_once_before_its_first_overwrite() {
    let id = "wlcg-ti-web-old";
    let key = storage::assessment_key(id);
    // A schema-1 document of the first builds: no `id` (the set's ID is taken) and no `name`.
    let old = format!(
        "{{\"format\":\"ti-assess.assessment\",\"schema\":1,\"question_set\":{{\"id\":\"{id}\",\"version\":\"0.9.0\"}},\"revision\":2,\"answers\":{{\"VO-CON-1.email\":{{\"text\":\"sec@vo.example\",\"given_at\":\"2025-11-26T10:00:00.000Z\"}}}}}}"
    );
    storage::write_raw(&key, &old).unwrap();
    let kept = storage::before_migration_key(id, 1);

    let Loaded::Found(mut a) = storage::load(id, 0).unwrap() else { panic!("a schema-1 document is read") };
    assert_eq!((a.id.as_str(), a.name.as_str(), a.answers.len()), (id, "", 1));
    assert_eq!(storage::read_raw(&kept).unwrap().as_deref(), Some(old.as_str()), "kept aside when read");
    assert_eq!(
        storage::read_raw(&key).unwrap().as_deref(),
        Some(old.as_str()),
        "reading writes nothing over"
    );

    // Read again: the same copy, not a second one.
    assert!(matches!(storage::load(id, 0).unwrap(), Loaded::Found(_)));
    let copies = || {
        storage::keys()
            .unwrap()
            .into_iter()
            .filter(|k| k.contains("before-migration/wlcg-ti-web-old/"))
            .count()
    };
    assert_eq!(copies(), 1);

    // The first save writes the current schema; the original stays aside, byte for byte.
    a.set_answer("VO-IR-1.procedure", Some(AnswerValue::Text("x".into())), Timestamp(1_764_151_200_000));
    storage::save(&a).unwrap();
    let saved = storage::read_raw(&key).unwrap().unwrap();
    assert!(saved.contains(&format!("\"schema\":{}", persist::SCHEMA)), "{saved}");
    assert_eq!(storage::read_raw(&kept).unwrap().as_deref(), Some(old.as_str()));
    assert_eq!(storage::load(id, 0).unwrap(), Loaded::Found(a));
    assert_eq!(copies(), 1, "a current document is not copied");

    // An older build saved it again in schema 1: that text is kept too, beside the first.
    let again = old.replace("\"revision\":2", "\"revision\":3");
    storage::write_raw(&key, &again).unwrap();
    assert!(matches!(storage::load(id, 0).unwrap(), Loaded::Found(_)));
    assert_eq!(copies(), 2);
    assert_eq!(
        storage::read_raw(&kept).unwrap().as_deref(),
        Some(old.as_str()),
        "the first copy is never overwritten"
    );
    assert_eq!(storage::read_raw(&format!("{kept}-1")).unwrap().as_deref(), Some(again.as_str()));
}
