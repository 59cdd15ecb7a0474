//! Helpers shared by the test modules.

use ti_assess::catalog::{self, CatalogError};
use ti_assess::model::{AnswerValue, Assessment, Choice, QuestionSet, QuestionSetRef};
use ti_assess::time::Timestamp;

/// The shipped VO question set.
pub fn vo() -> &'static QuestionSet {
    catalog::builtin_vo().unwrap()
}

/// Parses TOML question-file text the way `build.rs` + `catalog::from_json` do.
pub fn load_toml(file: &str, text: &str) -> Result<QuestionSet, CatalogError> {
    let value: toml::Value = toml::from_str(text).unwrap();
    let json = serde_json::to_string(&value).unwrap();
    catalog::from_json(file, &json)
}

/// An answer written compactly in tables: `n:30`, `c:yes`, `t:text`.
pub fn value(spec: &str) -> AnswerValue {
    let (kind, v) = spec.split_once(':').unwrap();
    match kind {
        "n" => AnswerValue::Number(v.parse().unwrap()),
        "c" => AnswerValue::Choice(Choice::from_key(v).unwrap()),
        "t" => AnswerValue::Text(v.to_owned()),
        _ => panic!("bad spec {spec}"),
    }
}

/// An assessment of the VO set with the given answers, all given at `2026-11-26T10:00:00Z`.
pub fn assessment(answers: &[(&str, &str)]) -> Assessment {
    let set = vo();
    let mut a = Assessment::new(QuestionSetRef { id: set.id.clone(), version: set.version.clone() });
    let now = Timestamp::parse("2026-11-26T10:00:00Z").unwrap();
    for (q, spec) in answers {
        a.set_answer(q, Some(value(spec)), now);
    }
    a
}
