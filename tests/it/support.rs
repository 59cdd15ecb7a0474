//! Helpers shared by the test modules: answers written compactly in tables.

use ti_core::catalog::{self, CatalogError};
use ti_core::model::{AnswerValue, Assessment, Choice, QuestionSet, QuestionSetRef, Row};
use ti_core::time::{Date, Timestamp};

/// The shipped VO question set.
pub fn vo() -> &'static QuestionSet {
    catalog::builtin_vo().unwrap()
}

/// The shipped Site question set.
pub fn site() -> &'static QuestionSet {
    catalog::builtin_site().unwrap()
}

/// The `[set]` tables of the synthetic question sets that engine tests write inline (they
/// append their own sources, recommendations, questions and rules).
pub const SYNTHETIC_SET_HEADER: &str = r#"[set]
id = "wlcg-ti-vo"
version = "1.0.0"
title = "T"
respondent = "vo"
[set.not_applicable]
severity = "medium"
message = "na without why"
action = "say why"
"#;

/// The date scenarios are judged at: 2026-11-26.
pub fn today() -> Date {
    Date::parse("2026-11-26").unwrap()
}

/// Parses TOML question-file text the way `build.rs` + `catalog::from_json` do (no includes).
pub fn load_toml(file: &str, text: &str) -> Result<QuestionSet, CatalogError> {
    let value: toml::Value = toml::from_str(text).unwrap();
    let json = serde_json::to_string(&value).unwrap();
    catalog::from_json(file, &json)
}

fn scalar(v: &str) -> AnswerValue {
    if let Ok(n) = v.parse::<f64>() {
        AnswerValue::Number(n)
    } else if let Some(c) = Choice::from_key(v) {
        AnswerValue::Choice(c)
    } else {
        AnswerValue::Option(v.to_owned())
    }
}

/// An answer written compactly: `c:yes`, `na:why`, `n:30`, `t:text`, `d:2026-01-31`, `o:option`,
/// `m:a,b`, `r:field=value,field=value;field=value` (row values: number, choice key, or option).
pub fn value(spec: &str) -> AnswerValue {
    let (kind, v) = spec.split_once(':').unwrap();
    match kind {
        "c" => AnswerValue::Choice(Choice::from_key(v).unwrap()),
        "na" => AnswerValue::NotApplicable(v.to_owned()),
        "n" => AnswerValue::Number(v.parse().unwrap()),
        "t" => AnswerValue::Text(v.to_owned()),
        "d" => AnswerValue::Date(Date::parse(v).unwrap()),
        "o" => AnswerValue::Option(v.to_owned()),
        "m" => AnswerValue::Options(v.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect()),
        "r" => AnswerValue::Rows(
            v.split(';')
                .filter(|r| !r.is_empty())
                .map(|row| {
                    row.split(',')
                        .map(|kv| {
                            let (k, v) = kv.split_once('=').unwrap();
                            (k.to_owned(), scalar(v))
                        })
                        .collect::<Row>()
                })
                .collect(),
        ),
        _ => panic!("bad answer spec {spec}"),
    }
}

/// An assessment of `set` with the given answers, all given at 2026-11-26T10:00:00Z.
pub fn build(set: &QuestionSet, answers: &[(&str, &str)]) -> Assessment {
    let mut a = Assessment::new(QuestionSetRef { id: set.id.clone(), version: set.version.clone() });
    let now = Timestamp::parse("2026-11-26T10:00:00Z").unwrap();
    for (q, spec) in answers {
        assert!(set.question(q).is_some(), "scenario names unknown question {q}");
        a.set_answer(q, Some(value(spec)), now);
    }
    a
}

/// An assessment with the given answers, not checked against any question set.
pub fn unchecked(answers: &[(&str, &str)]) -> Assessment {
    let mut a = Assessment::new(QuestionSetRef { id: "wlcg-ti-vo".into(), version: "1.0.0".into() });
    let now = Timestamp::parse("2026-11-26T10:00:00Z").unwrap();
    for (q, spec) in answers {
        a.set_answer(q, Some(value(spec)), now);
    }
    a
}

/// Answers every question of `set` with a plausible value of its type (profile multi-selects
/// select every option, so every conditional question shows).
pub fn answer_all(set: &QuestionSet) -> Assessment {
    use ti_core::model::{AnswerKind, FieldKind};
    let mut a = Assessment::new(QuestionSetRef { id: set.id.clone(), version: set.version.clone() });
    let now = Timestamp::parse("2026-11-26T10:00:00Z").unwrap();
    for q in &set.questions {
        let v = match &q.kind {
            AnswerKind::Choice => AnswerValue::Choice(Choice::Yes),
            AnswerKind::Number { min, max, .. } => AnswerValue::Number(max.min(min.max(400.0))),
            AnswerKind::Email { .. } => AnswerValue::Text("security-team@example.org".into()),
            AnswerKind::Phone => AnswerValue::Text("+41 22 767 0000".into()),
            AnswerKind::Date { .. } => AnswerValue::Date(Date::parse("2026-10-01").unwrap()),
            AnswerKind::Text | AnswerKind::Line => AnswerValue::Text(format!("Notes for {}", q.id)),
            AnswerKind::Select(o) => AnswerValue::Option(o[0].id.clone()),
            AnswerKind::Multi(o) => AnswerValue::Options(o.iter().map(|o| o.id.clone()).collect()),
            AnswerKind::Group(fields) => AnswerValue::Rows(vec![
                fields
                    .iter()
                    .map(|f| {
                        let v = match &f.kind {
                            FieldKind::Choice => AnswerValue::Choice(Choice::Yes),
                            FieldKind::Number { min, max, .. } => {
                                AnswerValue::Number(max.min(min.max(400.0)))
                            }
                            FieldKind::Text => AnswerValue::Text("row text".into()),
                            FieldKind::Select(o) => AnswerValue::Option(o[0].id.clone()),
                        };
                        (f.id.clone(), v)
                    })
                    .collect(),
            ]),
        };
        a.set_answer(&q.id, Some(v), now);
    }
    a
}
