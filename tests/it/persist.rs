use ti_core::persist::{DecodeError, MAX_BYTES, SCHEMA, decode, encode};

use crate::support::unchecked as assessment;

#[test]
fn envelope_round_trips() {
    let a = assessment(&[
        ("VO-LOG-2.retention-days", "n:30"),
        ("VO-IR-1.procedure", "c:partial"),
        ("VO-CON-1.email", "t:security@vo.example \"quoted\" <b>not html</b>"),
        ("question.removed.later", "t:kept even though the set does not know it"),
        ("q.na", "na:we run no pilots"),
        ("q.date", "d:2024-02-29"),
        ("q.option", "o:setuid"),
        ("q.multi", "m:dirac,panda"),
        ("q.none", "m:"),
        ("q.rows", "r:store=pilot-db,days=30,archived=no;store=archive,days=400,archived=yes"),
    ]);
    let mut a = a;
    a.set_evidence(
        "VO-IR-1.procedure",
        ti_core::model::Evidence {
            text: "Wiki page, reviewed in May".into(),
            url: "https://vo.example/ir".into(),
        },
    );
    let text = encode(&a);
    assert_eq!(decode(&text).unwrap(), a);
    assert_eq!(encode(&decode(&text).unwrap()), text, "encoding is stable");
}

#[test]
fn envelope_carries_format_schema_set_and_answer_times() {
    let text = encode(&assessment(&[("VO-LOG-2.retention-days", "n:30")]));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["format"], "ti-assess.assessment");
    assert_eq!(v["schema"], SCHEMA);
    assert_eq!(v["question_set"]["id"], "wlcg-ti-vo");
    assert_eq!(v["question_set"]["version"], "1.0.0");
    assert_eq!(v["revision"], 1);
    assert_eq!(v["answers"]["VO-LOG-2.retention-days"]["number"], 30.0);
    assert_eq!(v["answers"]["VO-LOG-2.retention-days"]["given_at"], "2026-11-26T10:00:00.000Z");
}

fn good() -> String {
    encode(&assessment(&[("VO-LOG-2.retention-days", "n:30")]))
}

/// `"schema":N` as the current schema writes it.
fn current() -> String {
    format!("\"schema\":{SCHEMA}")
}

/// A document of `good()` with its schema set to `schema`.
fn with_schema(schema: &str) -> String {
    let g = good();
    assert!(g.contains(&current()));
    g.replacen(&current(), &format!("\"schema\":{schema}"), 1)
}

/// Each bad document → the error a user is shown.
#[test]
fn bad_documents_are_refused_with_a_reason() {
    let g = good();
    let newer = format!(
        "The data was saved by a newer version of ti-assess (schema {}; this version reads up to {SCHEMA}).",
        SCHEMA + 1
    );
    let cases: Vec<(&str, String, &str)> = vec![
        ("empty", String::new(), "The data is not valid JSON (line 1, column 0)."),
        ("truncated", g[..g.len() / 2].to_owned(), "The data is not valid JSON"),
        ("not json", "hello".into(), "The data is not valid JSON (line 1, column 1)."),
        ("png bytes", "\u{89}PNG\r\n\u{1a}\n".into(), "The data is not valid JSON"),
        (
            "other format",
            r#"{"format":"excalidraw","schema":1}"#.into(),
            "The data is not a ti-assess assessment (format `excalidraw`).",
        ),
        ("no format", r#"{"schema":1}"#.into(), "The data is not a ti-assess assessment (format `none`)."),
        ("array", "[1,2]".into(), "The data is not a ti-assess assessment (format `none`)."),
        ("future schema", with_schema(&(SCHEMA + 1).to_string()), &newer),
        ("schema zero", with_schema("0"), "The field `schema` is invalid: unknown schema 0."),
        ("schema text", with_schema("\"1\""), "The field `schema` is invalid: expected a whole number."),
        ("missing revision", g.replace("\"revision\":1,", ""), "The field `revision` is invalid"),
        (
            "bad choice",
            g.replace("\"number\":30.0", "\"choice\":\"maybe\""),
            "The field `answers.VO-LOG-2.retention-days.choice` is invalid: `maybe` is not one of yes, partial, no, unknown.",
        ),
        (
            "two values",
            g.replace("\"number\":30.0", "\"number\":30.0,\"text\":\"x\""),
            "The field `answers.VO-LOG-2.retention-days` is invalid: a value needs exactly one of",
        ),
        (
            "bad time",
            g.replace("2026-11-26T10:00:00.000Z", "yesterday"),
            "The field `answers.VO-LOG-2.retention-days.given_at` is invalid: `yesterday` is not a UTC time",
        ),
        (
            "number as text",
            g.replace("\"number\":30.0", "\"number\":\"30\""),
            "The field `answers.VO-LOG-2.retention-days.number` is invalid: invalid type: string",
        ),
        (
            "unknown field",
            g.replace("\"revision\"", "\"extra\":1,\"revision\""),
            "The field `extra` is invalid",
        ),
        (
            "no value",
            g.replace("\"number\":30.0,", ""),
            "The field `answers.VO-LOG-2.retention-days` is invalid: a value needs exactly one of",
        ),
        (
            "no time",
            g.replace(",\"given_at\":\"2026-11-26T10:00:00.000Z\"", ""),
            "The field `answers.VO-LOG-2.retention-days.given_at` is invalid: missing.",
        ),
        (
            "bad date",
            g.replace("\"number\":30.0", "\"date\":\"2026-02-30\""),
            "The field `answers.VO-LOG-2.retention-days.date` is invalid",
        ),
        (
            "nested rows",
            g.replace("\"number\":30.0", "\"rows\":[{\"a\":{\"rows\":[]}}]"),
            "The field `answers.VO-LOG-2.retention-days.rows.0.a.rows` is invalid: rows cannot contain rows.",
        ),
        (
            "row without value",
            g.replace("\"number\":30.0", "\"rows\":[{\"a\":{}}]"),
            "The field `answers.VO-LOG-2.retention-days.rows.0.a` is invalid: a value needs exactly one of",
        ),
        (
            "evidence wrong type",
            g.replace("\"revision\":1", "\"revision\":1,\"evidence\":{\"x\":5}"),
            "The field `evidence.x` is invalid: invalid type: integer",
        ),
    ];
    for (name, text, expected) in cases {
        let err = decode(&text).expect_err(name).to_string();
        assert!(err.starts_with(expected), "{name}: got {err:?}");
    }
}

#[test]
fn oversized_documents_are_refused_before_parsing() {
    let text = format!("{}{}", good(), " ".repeat(MAX_BYTES));
    assert!(matches!(decode(&text), Err(DecodeError::TooLarge { .. })));
}

#[test]
fn deep_nesting_is_refused_without_a_crash() {
    let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(matches!(decode(&text), Err(DecodeError::NotJson { .. })));
}

#[test]
fn a_newer_document_is_read_through_the_fields_this_version_knows() {
    let next = u64::from(SCHEMA) + 1;
    let newer = with_schema(&next.to_string()).replacen('{', "{\"added_later\":[1,2],", 1);
    assert!(matches!(decode(&newer), Err(DecodeError::NewerSchema { found, .. }) if found == next));
    let seen = ti_core::persist::read_newer(&newer).expect("the known fields are readable");
    assert_eq!(encode(&seen), good(), "what is shown is the document without the new field");
    // Only newer documents: a current or broken one is not read this way.
    assert!(ti_core::persist::read_newer(&good()).is_none());
    assert!(
        ti_core::persist::read_newer(&format!("{{\"format\":\"ti-assess.assessment\",\"schema\":{next},"))
            .is_none()
    );
}
