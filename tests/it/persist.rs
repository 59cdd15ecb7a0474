use ti_assess::persist::{DecodeError, MAX_BYTES, decode, encode};

use crate::support::assessment;

#[test]
fn envelope_round_trips() {
    let a = assessment(&[
        ("VO-LOG-2.retention-days", "n:30"),
        ("VO-IR-1.procedure", "c:partial"),
        ("VO-CON-1.email", "t:security@vo.example \"quoted\" <b>not html</b>"),
        ("question.removed.later", "t:kept even though the set does not know it"),
    ]);
    let text = encode(&a);
    assert_eq!(decode(&text).unwrap(), a);
    assert_eq!(encode(&decode(&text).unwrap()), text, "encoding is stable");
}

#[test]
fn envelope_carries_format_schema_set_and_answer_times() {
    let text = encode(&assessment(&[("VO-LOG-2.retention-days", "n:30")]));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["format"], "ti-assess.assessment");
    assert_eq!(v["schema"], 1);
    assert_eq!(v["question_set"]["id"], "wlcg-ti-vo");
    assert_eq!(v["question_set"]["version"], "0.1.0");
    assert_eq!(v["revision"], 1);
    assert_eq!(v["answers"]["VO-LOG-2.retention-days"]["number"], 30.0);
    assert_eq!(v["answers"]["VO-LOG-2.retention-days"]["given_at"], "2026-11-26T10:00:00.000Z");
}

fn good() -> String {
    encode(&assessment(&[("VO-LOG-2.retention-days", "n:30")]))
}

/// Each bad document → the error a user is shown.
#[test]
fn bad_documents_are_refused_with_a_reason() {
    let g = good();
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
        (
            "future schema",
            g.replace("\"schema\":1", "\"schema\":2"),
            "The data was saved by a newer version of ti-assess (schema 2; this version reads up to 1).",
        ),
        (
            "schema zero",
            g.replace("\"schema\":1", "\"schema\":0"),
            "The field `schema` is invalid: unknown schema 0.",
        ),
        (
            "schema text",
            g.replace("\"schema\":1", "\"schema\":\"1\""),
            "The field `schema` is invalid: expected a whole number.",
        ),
        ("missing revision", g.replace("\"revision\":1,", ""), "The field `revision` is invalid"),
        (
            "bad choice",
            g.replace("\"number\":30.0", "\"choice\":\"maybe\""),
            "The field `answers.VO-LOG-2.retention-days.choice` is invalid: `maybe` is not one of yes, partial, no, unknown.",
        ),
        (
            "two values",
            g.replace("\"number\":30.0", "\"number\":30.0,\"text\":\"x\""),
            "The field `answers.VO-LOG-2.retention-days` is invalid: an answer needs exactly one of `choice`, `number`, `text`.",
        ),
        (
            "bad time",
            g.replace("2026-11-26T10:00:00.000Z", "yesterday"),
            "The field `answers.VO-LOG-2.retention-days.given_at` is invalid: `yesterday` is not a UTC time",
        ),
        (
            "number as text",
            g.replace("\"number\":30.0", "\"number\":\"30\""),
            "The field `document` is invalid",
        ),
        (
            "unknown field",
            g.replace("\"revision\"", "\"extra\":1,\"revision\""),
            "The field `extra` is invalid",
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
