//! Question-set upgrades: an assessment saved with an earlier version of a question set, opened
//! with the version this build ships.
//!
//! Invariant: no answer is ever dropped. An answer to a question the set renamed (its old ID is in
//! the question's `formerly`) moves to the new ID, unless the new one is answered already; an
//! answer to a question the set no longer asks stays in the assessment as an orphan, which the
//! results view lists, the PDF prints and every export keeps. Upgrading twice changes nothing.

use crate::model::{Assessment, QuestionSet};

/// What an upgrade did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upgrade {
    /// The set version the assessment was saved with.
    pub from: String,
    /// The set version it now refers to.
    pub to: String,
    /// Answers and evidence moved from an earlier ID to the current one: (earlier, current).
    pub renamed: Vec<(String, String)>,
}

/// Brings `assessment` to the version of `set` (same set ID). Returns what changed, or `None`
/// when nothing did or the assessment belongs to another set.
pub fn upgrade(set: &QuestionSet, assessment: &mut Assessment) -> Option<Upgrade> {
    if assessment.question_set.id != set.id {
        return None;
    }
    let mut renamed = Vec::new();
    for question in &set.questions {
        for old in &question.formerly {
            let mut moved = false;
            // An answer already given under the current ID wins; the earlier one stays an orphan.
            if !assessment.answers.contains_key(&question.id)
                && let Some(answer) = assessment.answers.remove(old)
            {
                assessment.answers.insert(question.id.clone(), answer);
                moved = true;
            }
            if !assessment.evidence.contains_key(&question.id)
                && let Some(evidence) = assessment.evidence.remove(old)
            {
                assessment.evidence.insert(question.id.clone(), evidence);
                moved = true;
            }
            if moved {
                renamed.push((old.clone(), question.id.clone()));
            }
        }
    }
    if renamed.is_empty() && assessment.question_set.version == set.version {
        return None;
    }
    let from = std::mem::replace(&mut assessment.question_set.version, set.version.clone());
    Some(Upgrade { from, to: set.version.clone(), renamed })
}

/// The IDs of answers and evidence that no question of `set` asks for: kept, never dropped.
pub fn orphans<'a>(set: &QuestionSet, assessment: &'a Assessment) -> Vec<&'a str> {
    let mut keys: Vec<&str> = assessment
        .answers
        .keys()
        .chain(assessment.evidence.keys())
        .map(String::as_str)
        .filter(|k| set.question(k).is_none())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}
