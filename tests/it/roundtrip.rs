//! Property tests of the exchange format over generated assessments: every answer kind,
//! unicode text, long evidence. Encode → decode is the identity, encoding is byte-stable, every
//! export validates against the JSON Schema, and no input makes the decoder or the importer panic.

use std::collections::BTreeMap;

use proptest::prelude::*;
use ti_core::model::{Answer, AnswerValue, Assessment, Choice, Evidence, QuestionSetRef, Row};
use ti_core::persist::{decode, encode, import};
use ti_core::time::{Date, Timestamp};

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<String>(),
        1 => Just("Łukasz Jürgen Cécile \u{1F600} \"quoted\" <b>\\n</b>".to_owned()),
        1 => "\\PC{200,3000}",
    ]
}

fn scalar() -> impl Strategy<Value = AnswerValue> {
    prop_oneof![
        prop::sample::select(Choice::ALL.to_vec()).prop_map(AnswerValue::Choice),
        text().prop_map(AnswerValue::NotApplicable),
        // Finite numbers of every magnitude (JSON has no NaN or infinity).
        any::<f64>().prop_filter("finite", |n| n.is_finite()).prop_map(AnswerValue::Number),
        text().prop_map(AnswerValue::Text),
        // 0001-01-01 ..= 9999-12-31
        (-719_162i64..=2_932_896).prop_map(|d| AnswerValue::Date(Date(d))),
        "[a-z0-9-]{1,20}".prop_map(AnswerValue::Option),
        prop::collection::vec("[a-z0-9-]{1,12}", 0..5).prop_map(AnswerValue::Options),
    ]
}

fn value() -> impl Strategy<Value = AnswerValue> {
    prop_oneof![
        6 => scalar(),
        1 => prop::collection::vec(prop::collection::btree_map("[a-z-]{1,10}", scalar(), 0..4), 0..4)
            .prop_map(|rows| AnswerValue::Rows(rows.into_iter().map(Row::from_iter).collect())),
    ]
}

fn assessment() -> impl Strategy<Value = Assessment> {
    let answer = (value(), 0i64..=253_402_300_799_999)
        .prop_map(|(value, ms)| Answer { value, given_at: Timestamp(ms) });
    let evidence = (text(), prop_oneof![Just(String::new()), "https://[a-z.]{1,30}/\\PC{0,40}"])
        .prop_map(|(text, url)| Evidence { text, url });
    (
        "[A-Za-z0-9._-]{1,40}",
        text(),
        ("[a-z-]{1,20}", "[0-9.]{1,8}"),
        any::<u64>(),
        prop::collection::btree_map(any::<String>(), answer, 0..12),
        prop::collection::btree_map(any::<String>(), evidence, 0..4),
    )
        .prop_map(|(id, name, (set, version), revision, answers, evidence)| Assessment {
            id,
            name,
            question_set: QuestionSetRef { id: set, version },
            revision,
            answers: answers.into_iter().collect::<BTreeMap<_, _>>(),
            evidence,
        })
}

// quality.md R-03: 1,000 random valid assessments round-trip.
proptest! {
    #![proptest_config(ProptestConfig { cases: 1_000, ..ProptestConfig::default() })]

    #[test]
    fn encode_then_decode_is_the_identity(a in assessment()) {
        let text = encode(&a);
        let back = decode(&text).unwrap();
        prop_assert_eq!(&back, &a);
        prop_assert_eq!(encode(&back), text, "byte-identical on re-encoding");
    }

    #[test]
    fn every_export_matches_the_schema(a in assessment()) {
        prop_assert_eq!(crate::schema::violations(&encode(&a)), Vec::<String>::new());
    }

}

// quality.md R-01: 10,000 cases per run for the decoding of anything a user can hand the app.
proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, ..ProptestConfig::default() })]

    #[test]
    fn decode_never_panics_on_any_text(s in any::<String>()) {
        let _ = decode(&s);
        let _ = import::plan(s.as_bytes(), &BTreeMap::new(), ti_core::catalog::builtin);
    }

}

// Mutations of real documents cost a generated assessment each: 1,000 per run (the fuzz target
// in fuzz/ covers this path at scale).
proptest! {
    #![proptest_config(ProptestConfig { cases: 1_000, ..ProptestConfig::default() })]

    #[test]
    fn decode_never_panics_on_mutated_documents(
        a in assessment(),
        cuts in prop::collection::vec((any::<prop::sample::Index>(), 0usize..8, any::<u8>()), 1..6),
    ) {
        let mut bytes = encode(&a).into_bytes();
        for (at, len, byte) in cuts {
            let i = at.index(bytes.len().max(1)).min(bytes.len());
            let end = (i + len).min(bytes.len());
            bytes.splice(i..end, [byte]);
        }
        let _ = import::plan(&bytes, &BTreeMap::new(), ti_core::catalog::builtin);
        if let Ok(s) = std::str::from_utf8(&bytes) {
            let _ = decode(s);
        }
    }
}
