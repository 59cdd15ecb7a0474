//! The question model: question sets, answers and assessments as plain Rust types.
//!
//! Invariant: nothing here is `Serialize`/`Deserialize` and nothing here knows a browser. The JSON
//! shapes of stored data live in `persist`, those of question files in `catalog::raw`; both
//! convert to and from these types, so a change of file format never ripples into the rules.

mod answer;
mod condition;
mod input;
mod question_set;

pub use answer::{
    Answer, AnswerValue, Assessment, Choice, Evidence, NOT_APPLICABLE, QuestionSetRef, Row, format_number,
};
pub use condition::{Condition, Key};
pub use input::{InputError, looks_personal, parse_email, parse_number, parse_phone, parse_url};
pub use question_set::{
    AnswerKind, Facet, Field, FieldKind, ForensicSheet, GenericGap, HandbookItem, HandbookPart, OptionDef,
    Question, QuestionSet, Recommendation, ReportItems, Respondent, Rule, Section, Severity, Source,
    Threshold, ThresholdStatus,
};
