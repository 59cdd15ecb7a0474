//! The challenge documents: round trips, the truth written only when asked and refused where it
//! must not be, bad input refused with a clear message.

// Tables are tuples by design: one row per case, read left to right.
#![allow(clippy::type_complexity)]

use ti_core::challenge::views::result;
use ti_core::persist::DecodeError;
use ti_core::persist::challenge::{
    ChallengeDecodeError, decode_record, decode_result, encode_record, encode_result, import_record,
    import_result,
};

use crate::challenge_fixtures::{kit, now, v1_pass};

#[test]
fn the_record_round_trips_with_and_without_truth() {
    let r = v1_pass();
    let with = encode_record(kit(), &r, true);
    match decode_record(&with) {
        Ok((back, schema)) => {
            assert_eq!(back, r);
            assert_eq!(schema, 1);
        }
        Err(e) => panic!("{e}"),
    }
    assert!(with.contains("\"sealed\": \"TLP:RED\""));
    let without = encode_record(kit(), &r, false);
    assert!(!without.contains("\"truth\"") && !without.contains("sealed"));
    assert!(
        !without.contains("6612345699") || without.contains("\"jobs\""),
        "payload IDs appear only as the VO's answer"
    );
    match decode_record(&without) {
        Ok((back, _)) => {
            assert_eq!(back.challenge, r.challenge);
            assert_eq!(back.truth, None);
        }
        Err(e) => panic!("{e}"),
    }
    // Encoding is deterministic.
    assert_eq!(encode_record(kit(), &r, true), with);
}

#[test]
fn the_result_round_trips_and_never_holds_truth() {
    let res = result(kit(), &v1_pass());
    let text = encode_result(kit(), &res);
    for secret in ["Petrov", "7f3c2a10", "ssc-test-01", "tok-Zq81xY3vLm", "sscmarkerd", "4815162"] {
        assert!(!text.contains(secret), "the result file holds `{secret}`");
    }
    match decode_result(&text) {
        Ok(back) => assert_eq!(back, res),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn bad_input_is_refused_with_a_clear_message() {
    let r = v1_pass();
    let res_text = encode_result(kit(), &result(kit(), &r));
    let with_truth = encode_record(kit(), &r, true);
    let record_only = encode_record(kit(), &r, false);
    let res_with_truth = {
        let mut v: serde_json::Value = serde_json::from_str(&res_text).unwrap_or_default();
        v["truth"] = serde_json::json!({"identity": {"dn": "/CN=x"}});
        v.to_string()
    };
    let edit = |f: fn(&mut serde_json::Value)| {
        let mut v: serde_json::Value = serde_json::from_str(&res_text).unwrap_or_default();
        f(&mut v);
        v.to_string()
    };
    let too_big = format!("{}{}", res_text, " ".repeat(1024 * 1024 + 1 - res_text.len()));
    assert_eq!(too_big.len(), 1024 * 1024 + 1);
    // (name, text, the error, words of its message)
    let cases: Vec<(&str, String, fn(&ChallengeDecodeError) -> bool, &str)> = vec![
        (
            "organiser file with truth imported as a result",
            with_truth,
            |e| matches!(e, ChallengeDecodeError::TruthNotAllowed),
            "sealed ground truth",
        ),
        (
            "result with a truth section",
            res_with_truth,
            |e| matches!(e, ChallengeDecodeError::TruthNotAllowed),
            "TLP:RED",
        ),
        (
            "organiser record without truth",
            record_only,
            |e| matches!(e, ChallengeDecodeError::OrganiserRecord),
            "not a challenge result",
        ),
        (
            "1 MiB + 1",
            too_big,
            |e| matches!(e, ChallengeDecodeError::Document(DecodeError::TooLarge { .. })),
            "1048577 bytes",
        ),
        (
            "not JSON",
            "{\"format\": ".into(),
            |e| matches!(e, ChallengeDecodeError::Document(DecodeError::NotJson { .. })),
            "not valid JSON",
        ),
        (
            "an assessment",
            "{\"format\":\"ti-assess.assessment\",\"schema\":2}".into(),
            |e| matches!(e, ChallengeDecodeError::NotAChallenge { .. }),
            "not a ti-assess challenge file (format `ti-assess.assessment`)",
        ),
        (
            "newer schema",
            edit(|v| v["schema"] = 7.into()),
            |e| matches!(e, ChallengeDecodeError::Document(DecodeError::NewerSchema { found: 7, .. })),
            "newer version",
        ),
        (
            "unknown framework",
            edit(|v| v["framework"] = "quantum".into()),
            |e| matches!(e, ChallengeDecodeError::Content(_)),
            "framework `quantum`",
        ),
        (
            "unknown variant",
            edit(|v| v["variant"] = "V9".into()),
            |e| matches!(e, ChallengeDecodeError::Content(_)),
            "variant `V9`",
        ),
        (
            "window ends before it starts",
            edit(|v| v["window"]["end"] = "2026-11-01T00:00:00.000Z".into()),
            |e| matches!(e, ChallengeDecodeError::Content(_)),
            "ends",
        ),
        (
            "an event in the future",
            edit(|v| v["events"][0]["at"] = "2031-01-01T00:00:00.000Z".into()),
            |e| matches!(e, ChallengeDecodeError::Content(_)),
            "in the future",
        ),
        (
            "impossible time",
            edit(|v| v["events"][0]["at"] = "2026-02-30T00:00:00Z".into()),
            |e| matches!(e, ChallengeDecodeError::Document(DecodeError::Invalid { .. })),
            "events.0.at",
        ),
        (
            "bad challenge ID",
            edit(|v| v["id"] = "atlas-2026-01".into()),
            |e| matches!(e, ChallengeDecodeError::Document(DecodeError::Invalid { .. })),
            "_EXERCISE",
        ),
        (
            "unknown outcome",
            edit(|v| v["overall"] = "excellent".into()),
            |e| matches!(e, ChallengeDecodeError::Document(DecodeError::Invalid { .. })),
            "overall",
        ),
        (
            "negative hours",
            edit(|v| v["durations"][0]["hours"] = (-3.0).into()),
            |e| matches!(e, ChallengeDecodeError::Document(DecodeError::Invalid { .. })),
            "durations.0",
        ),
        (
            "an unknown field",
            edit(|v| v["extra"] = 1.into()),
            |e| matches!(e, ChallengeDecodeError::Document(DecodeError::Invalid { .. })),
            "extra",
        ),
    ];
    for (name, text, is, words) in cases {
        match import_result(kit(), &text, now()) {
            Ok(_) => panic!("{name}: accepted"),
            Err(e) => {
                assert!(is(&e), "{name}: {e:?}");
                assert!(e.to_string().contains(words), "{name}: {e}");
            }
        }
    }
}

#[test]
fn an_organiser_import_checks_the_timeline_and_the_truth() {
    let r = v1_pass();
    let text = encode_record(kit(), &r, true);
    assert!(import_record(kit(), &text, now()).is_ok());
    let edit = |f: fn(&mut serde_json::Value)| {
        let mut v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        f(&mut v);
        v.to_string()
    };
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "acknowledged before the alert",
            edit(|v| v["events"][3]["at"] = "2026-12-01T08:00:00.000Z".into()),
            "cannot be before E2",
        ),
        (
            "payload ends before it starts",
            edit(|v| v["truth"]["payloads"][0]["ended"] = "2025-11-20T08:00:00.000Z".into()),
            "ends before it starts",
        ),
        ("an event of another variant", edit(|v| v["events"][3]["event"] = "E9".into()), "does not apply"),
        ("ID for another VO", edit(|v| v["vo"] = "cms".into()), "names the VO `atlas`"),
        ("unknown zone", edit(|v| v["calendars"]["vo"]["zone"] = "Mars/Olympus".into()), "Mars/Olympus"),
        (
            "a control character in a note",
            edit(|v| v["events"][0]["note"] = "ok\u{7}".into()),
            "control characters",
        ),
        (
            "unreadable test identity",
            edit(|v| v["truth"]["identity"] = serde_json::json!({"token_issuer": "https://iam"})),
            "issuer (iss) and the subject",
        ),
    ];
    for (name, t, words) in cases {
        match import_record(kit(), &t, now()) {
            Ok(_) => panic!("{name}: accepted"),
            Err(e) => assert!(e.to_string().contains(words), "{name}: {e}"),
        }
    }
}

fn schema(name: &str) -> jsonschema::Validator {
    let path = format!("{}/schema/{name}.v1.schema.json", env!("CARGO_MANIFEST_DIR"));
    let schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::draft202012::new(&schema).unwrap()
}

fn complaints(v: &jsonschema::Validator, text: &str) -> Vec<String> {
    let doc: serde_json::Value = serde_json::from_str(text).unwrap();
    v.iter_errors(&doc).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

#[test]
fn exports_validate_against_their_json_schema() {
    let record = schema("ti-assess.challenge");
    let result_schema = schema("ti-assess.challenge-result");
    let r = v1_pass();
    for include_truth in [true, false] {
        let text = encode_record(kit(), &r, include_truth);
        assert_eq!(complaints(&record, &text), Vec::<String>::new(), "record, truth {include_truth}");
    }
    let res = encode_result(kit(), &result(kit(), &r));
    assert_eq!(complaints(&result_schema, &res), Vec::<String>::new());
    // The schemas refuse what the decoders refuse for its shape: a result with a truth, a record
    // with a truth but no sealed label.
    let mut v: serde_json::Value = serde_json::from_str(&res).unwrap();
    v["truth"] = serde_json::json!({});
    assert!(!complaints(&result_schema, &v.to_string()).is_empty());
    let mut v: serde_json::Value = serde_json::from_str(&encode_record(kit(), &r, true)).unwrap();
    v.as_object_mut().unwrap().remove("sealed");
    assert!(!complaints(&record, &v.to_string()).is_empty());
}
