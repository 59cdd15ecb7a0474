//! "Share with the WG": a copy of an assessment without personal data, and the list of what
//! was left out.
//!
//! What is personal is data in `questions/*.toml`: a question or row field marked
//! `personal = true` (names, phones, contacts for look-ups) is left out; an e-mail answer is left
//! out when it looks like one person's address (`model::looks_personal`), so role addresses stay;
//! evidence text is left out (it names who checked) while evidence links stay. An answer to a
//! question this build does not know is kept unless it holds free text. Every choice, number,
//! date and option stays, so shared copies compare answer by answer.
//!
//! Invariant: nothing is removed without a `Redaction` naming it; the function is pure.

use crate::model::{AnswerKind, AnswerValue, Assessment, Evidence, QuestionSet, looks_personal};

/// Why something was left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The question file marks the answer as personal (`personal = true`).
    Personal,
    /// An e-mail address that looks like one person's, where a role address would be kept.
    PersonalAddress,
    /// Evidence text, which may name who checked.
    EvidenceText,
    /// Free text answering a question this version does not know, so it cannot be judged.
    UnknownQuestion,
}

impl Reason {
    /// The words shown in the interface and written into the shared file.
    pub fn text(self) -> &'static str {
        match self {
            Reason::Personal => "may name or reach a person",
            Reason::PersonalAddress => "looks like a personal e-mail address",
            Reason::EvidenceText => "evidence text may name people",
            Reason::UnknownQuestion => "free text to a question this version does not know",
        }
    }
}

/// One item left out of a shared copy.
#[derive(Clone, Debug, PartialEq)]
pub struct Redaction {
    /// Where it was in the document: `answers.<question>`, `answers.<question>.rows.*.<field>`
    /// or `evidence.<question>.text`.
    pub field: String,
    /// The question's label (and field label), or the question ID when unknown.
    pub label: String,
    /// Why.
    pub reason: Reason,
}

/// The copy of `a` to share with the working group, and what was left out, in question order
/// of the document (answers, then evidence).
pub fn redact(set: &QuestionSet, a: &Assessment) -> (Assessment, Vec<Redaction>) {
    let mut out = a.clone();
    let mut left_out = Vec::new();
    for (id, answer) in &a.answers {
        let field = format!("answers.{id}");
        let Some(q) = set.question(id) else {
            if holds_text(&answer.value) {
                out.answers.remove(id);
                left_out.push(Redaction { field, label: id.clone(), reason: Reason::UnknownQuestion });
            }
            continue;
        };
        let personal_address = matches!(q.kind, AnswerKind::Email { .. })
            && matches!(&answer.value, AnswerValue::Text(t) if looks_personal(t));
        if q.personal || personal_address {
            out.answers.remove(id);
            let reason = if q.personal { Reason::Personal } else { Reason::PersonalAddress };
            left_out.push(Redaction { field, label: q.label.clone(), reason });
            continue;
        }
        if let (AnswerKind::Group(fields), Some(AnswerValue::Rows(rows))) =
            (&q.kind, out.answers.get_mut(id).map(|kept| &mut kept.value))
        {
            for f in fields.iter().filter(|f| f.personal) {
                let removed = rows.iter_mut().filter_map(|r| r.remove(&f.id)).count() > 0;
                if removed {
                    left_out.push(Redaction {
                        field: format!("{field}.rows.*.{}", f.id),
                        label: crate::wording::labelled(&q.label, &f.label),
                        reason: Reason::Personal,
                    });
                }
            }
        }
    }
    for (id, e) in &a.evidence {
        if e.text.trim().is_empty() {
            continue;
        }
        if e.url.trim().is_empty() {
            out.evidence.remove(id);
        } else {
            out.evidence.insert(id.clone(), Evidence { text: String::new(), url: e.url.clone() });
        }
        let label = set.question(id).map_or_else(|| id.clone(), |q| q.label.clone());
        left_out.push(Redaction {
            field: format!("evidence.{id}.text"),
            label,
            reason: Reason::EvidenceText,
        });
    }
    (out, left_out)
}

/// Whether a value carries free text that could be personal (a justification of "not
/// applicable" is an answer the comparison needs and is kept).
fn holds_text(v: &AnswerValue) -> bool {
    match v {
        AnswerValue::Text(_) => true,
        AnswerValue::Rows(rows) => rows.iter().any(|r| r.values().any(holds_text)),
        _ => false,
    }
}
