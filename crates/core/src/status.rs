//! The results model: where each recommendation stands, and how far each section has come.
//!
//! Built for the results view (a table of recommendations and a chart of sections), from the
//! same inputs as the gap summary: `rules::visible_questions` and `rules::evaluate`.
//!
//! Invariants:
//! - pure and native like the rest of the core: no browser crate, no clock (the date that
//!   staleness is judged against is passed in), no serde;
//! - every gap `rules::evaluate` reports is attached to exactly one recommendation status (its
//!   own) and counted in exactly one section score (that of its first question), so the results
//!   never show more or fewer gaps than the gap summary and the report;
//! - rules are evaluated once per call, not once per recommendation.

use crate::model::{AnswerValue, Assessment, QuestionSet, Severity};
use crate::rules::{self, Gap};
use crate::time::Date;
use crate::wording;

/// Where one recommendation stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// Every shown question is answered and no rule finds a gap.
    Met,
    /// A rule finds a gap; the most severe one that does not rest on "don't know".
    Gap(Severity),
    /// Every gap found rests on a "don't know" answer.
    Unknown,
    /// No question of it is shown for this profile, or every shown one is answered "not
    /// applicable" with a justification.
    NotApplicable,
    /// No gap so far, but a shown question is not answered yet.
    Unanswered,
}

impl Status {
    /// Every status, most urgent first (the order of `urgency`).
    pub const ALL: [Status; 8] = [
        Status::Gap(Severity::Critical),
        Status::Gap(Severity::High),
        Status::Gap(Severity::Medium),
        Status::Gap(Severity::Low),
        Status::Unknown,
        Status::Unanswered,
        Status::Met,
        Status::NotApplicable,
    ];

    /// The words shown for it: `met`, `gap: critical`, …, `unknown`, `not applicable`,
    /// `unanswered`.
    pub fn label(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Gap(Severity::Critical) => "gap: critical",
            Status::Gap(Severity::High) => "gap: high",
            Status::Gap(Severity::Medium) => "gap: medium",
            Status::Gap(Severity::Low) => "gap: low",
            Status::Unknown => "unknown",
            Status::NotApplicable => "not applicable",
            Status::Unanswered => "unanswered",
        }
    }

    /// A stable one-word key for style classes: `met`, `critical`, `high`, `medium`, `low`,
    /// `unknown`, `not-applicable`, `unanswered`.
    pub fn kind(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Gap(s) => s.label(),
            Status::Unknown => "unknown",
            Status::NotApplicable => "not-applicable",
            Status::Unanswered => "unanswered",
        }
    }

    /// How soon it needs attention: 0 for a critical gap, up to 7 for "not applicable". Sorting
    /// by it puts the worst first.
    pub fn urgency(self) -> u8 {
        match self {
            Status::Gap(Severity::Critical) => 0,
            Status::Gap(Severity::High) => 1,
            Status::Gap(Severity::Medium) => 2,
            Status::Gap(Severity::Low) => 3,
            Status::Unknown => 4,
            Status::Unanswered => 5,
            Status::Met => 6,
            Status::NotApplicable => 7,
        }
    }

    /// True for `Gap(_)` and `Unknown`: something is to be done.
    pub fn needs_action(self) -> bool {
        matches!(self, Status::Gap(_) | Status::Unknown)
    }
}

/// One recommendation with its status, the gaps behind it and the answers it rests on.
#[derive(Clone, Debug, PartialEq)]
pub struct RecommendationStatus {
    /// Recommendation ID.
    pub id: String,
    /// Short title.
    pub title: String,
    /// What is required.
    pub requirement: String,
    /// How to tell that it is met.
    pub criterion: String,
    /// The section of its first shown question (of its first question when none is shown): where
    /// a link to it leads.
    pub section: String,
    /// Where it stands.
    pub status: Status,
    /// Its gaps, in `rules::evaluate` order (most severe first).
    pub gaps: Vec<Gap>,
    /// Each shown question's label and answer text (`Not answered` when missing), in display
    /// order.
    pub answers: Vec<(String, String)>,
}

impl RecommendationStatus {
    /// The severity a filter matches it on: that of a `Gap` status, or for `Unknown` the most
    /// severe of its (lowered) gaps. `None` when it has no gap.
    pub fn severity(&self) -> Option<Severity> {
        match self.status {
            Status::Gap(s) => Some(s),
            Status::Unknown => self.gaps.iter().map(|g| g.severity).max(),
            _ => None,
        }
    }

    /// The first thing to do about it, as the results row shows it: the action of its most
    /// severe gap (gaps come most severe first), or what else, if anything, is left to do.
    pub fn first_step(&self) -> &str {
        match (self.gaps.first(), self.status) {
            (Some(g), _) => &g.action,
            (None, Status::Unanswered) => "Answer its remaining questions.",
            (None, Status::NotApplicable) => "Nothing, for this profile.",
            (None, _) => "Nothing: keep the evidence at hand.",
        }
    }
}

/// How far one section (or, for `overall`, the whole assessment) has come.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionScore {
    /// Section ID (`all` for the overall totals).
    pub id: String,
    /// Section title.
    pub title: String,
    /// Shown questions that have an answer.
    pub answered: usize,
    /// Shown questions.
    pub shown: usize,
    /// Gaps whose first question lies here, by severity: critical, high, medium, low (the order
    /// of `Severity::ALL`).
    pub gaps: [usize; 4],
    /// Recommendations placed here (by `RecommendationStatus::section`) whose status is `Met`.
    pub met: usize,
    /// Recommendations placed here.
    pub recommendations: usize,
}

impl SectionScore {
    /// The ID `overall` gives its totals.
    pub const OVERALL_ID: &'static str = "all";

    /// The number of gaps of one severity.
    pub fn gaps_of(&self, severity: Severity) -> usize {
        Severity::ALL.iter().position(|s| *s == severity).map_or(0, |i| self.gaps[i])
    }

    /// All gaps, whatever their severity.
    pub fn gap_total(&self) -> usize {
        self.gaps.iter().sum()
    }

    /// Whole percent of shown questions answered, rounded down (100 only when all are), 0 when
    /// nothing is shown.
    pub fn percent_answered(&self) -> usize {
        (self.answered * 100).checked_div(self.shown).unwrap_or(0)
    }
}

/// Everything the results view shows, from one evaluation of the rules.
#[derive(Clone, Debug, PartialEq)]
pub struct Results {
    /// Recommendations, in the set's order.
    pub recommendations: Vec<RecommendationStatus>,
    /// Sections with at least one shown question, in display order.
    pub sections: Vec<SectionScore>,
    /// Totals over the whole assessment (ID `all`).
    pub overall: SectionScore,
}

/// Where each recommendation of `set` stands, in the set's order.
pub fn recommendation_statuses(set: &QuestionSet, a: &Assessment, today: Date) -> Vec<RecommendationStatus> {
    results(set, a, today).recommendations
}

/// The score of each section with at least one shown question, in display order.
pub fn section_scores(set: &QuestionSet, a: &Assessment, today: Date) -> Vec<SectionScore> {
    results(set, a, today).sections
}

/// Totals over the whole assessment, with ID `all`.
pub fn overall(set: &QuestionSet, a: &Assessment, today: Date) -> SectionScore {
    results(set, a, today).overall
}

/// Statuses, section scores and totals, evaluating the rules once.
pub fn results(set: &QuestionSet, a: &Assessment, today: Date) -> Results {
    let visible = rules::visible_questions(set, a, today);
    let gaps = rules::evaluate(set, a, today);
    results_from(set, a, |q| visible.contains(q), &gaps)
}

/// Where each recommendation stands, without the answer texts (`answers` left empty): for
/// aggregating many reports, where building every answer's text is most of the cost and only a
/// drill-down or an export needs it.
pub fn statuses_only(set: &QuestionSet, a: &Assessment, today: Date) -> Vec<RecommendationStatus> {
    let visible = rules::visible_questions(set, a, today);
    let gaps = rules::evaluate(set, a, today);
    let is_visible = |q: &str| visible.contains(q);
    set.recommendations.iter().map(|r| recommendation_status(set, a, &is_visible, &gaps, r, false)).collect()
}

/// Statuses, section scores and totals from visibility and gaps already computed for `a` (the
/// interface keeps both in memos, so it need not evaluate the rules a second time). `gaps` must be
/// `rules::evaluate` of the same assessment and `is_visible` agree with `rules::visible_questions`.
pub fn results_from(
    set: &QuestionSet,
    a: &Assessment,
    is_visible: impl Fn(&str) -> bool,
    gaps: &[Gap],
) -> Results {
    let recommendations: Vec<RecommendationStatus> = set
        .recommendations
        .iter()
        .map(|r| recommendation_status(set, a, &is_visible, gaps, r, true))
        .collect();

    let section_of_question = |q: &str| set.question(q).map(|q| q.section.as_str());
    let mut sections = Vec::new();
    let mut overall = SectionScore {
        id: SectionScore::OVERALL_ID.to_owned(),
        title: "All sections".to_owned(),
        answered: 0,
        shown: 0,
        gaps: [0; 4],
        met: 0,
        recommendations: 0,
    };
    for section in &set.sections {
        let shown: Vec<&str> =
            set.questions_in(&section.id).map(|q| q.id.as_str()).filter(|q| is_visible(q)).collect();
        if shown.is_empty() {
            continue;
        }
        let mut score = SectionScore {
            id: section.id.clone(),
            title: section.title.clone(),
            answered: shown.iter().filter(|q| a.answer(q).is_some()).count(),
            shown: shown.len(),
            gaps: [0; 4],
            met: 0,
            recommendations: 0,
        };
        for r in recommendations.iter().filter(|r| r.section == section.id) {
            score.recommendations += 1;
            score.met += usize::from(r.status == Status::Met);
        }
        sections.push(score);
    }
    for gap in gaps {
        // A fired rule's questions are all shown, so its first question's section is in the list;
        // a gap without a question (none exist today) counts under its recommendation's section.
        let home = gap.questions.first().and_then(|q| section_of_question(q)).or_else(|| {
            recommendations.iter().find(|r| r.id == gap.recommendation).map(|r| r.section.as_str())
        });
        let i = severity_index(gap.severity);
        if let Some(score) = sections.iter_mut().find(|s| Some(s.id.as_str()) == home) {
            score.gaps[i] += 1;
        }
        overall.gaps[i] += 1;
    }
    for s in &sections {
        overall.answered += s.answered;
        overall.shown += s.shown;
    }
    overall.recommendations = recommendations.len();
    overall.met = recommendations.iter().filter(|r| r.status == Status::Met).count();
    Results { recommendations, sections, overall }
}

fn severity_index(severity: Severity) -> usize {
    Severity::ALL.iter().position(|s| *s == severity).unwrap_or(0)
}

fn recommendation_status(
    set: &QuestionSet,
    a: &Assessment,
    is_visible: &impl Fn(&str) -> bool,
    all_gaps: &[Gap],
    r: &crate::model::Recommendation,
    with_answers: bool,
) -> RecommendationStatus {
    let mut questions = set.questions.iter().filter(|q| q.recommendation == r.id).peekable();
    let first_any = questions.peek().map(|q| q.section.clone());
    let shown: Vec<_> = questions.filter(|q| is_visible(&q.id)).collect();
    let section = shown
        .first()
        .map(|q| q.section.clone())
        .or(first_any)
        .or_else(|| set.sections.first().map(|s| s.id.clone()))
        .unwrap_or_default();
    let gaps: Vec<Gap> = all_gaps.iter().filter(|g| g.recommendation == r.id).cloned().collect();

    // Gaps come first: a rule may look at another recommendation's questions, so a gap can exist
    // even when none of this recommendation's own questions is shown, and it must not be hidden.
    let status = if !gaps.is_empty() {
        match gaps.iter().filter(|g| !g.because_unknown).map(|g| g.severity).max() {
            Some(worst) => Status::Gap(worst),
            None => Status::Unknown,
        }
    } else if shown.is_empty()
        || shown.iter().all(
            |q| matches!(a.answer(&q.id), Some(AnswerValue::NotApplicable(why)) if !why.trim().is_empty()),
        )
    {
        Status::NotApplicable
    } else if shown.iter().any(|q| a.answer(&q.id).is_none()) {
        Status::Unanswered
    } else {
        Status::Met
    };

    let answers = shown
        .iter()
        .filter(|_| with_answers)
        .map(|q| {
            let text = wording::answer_text(set, a, &q.id).unwrap_or_else(|| "Not answered".to_owned());
            (q.label.clone(), text)
        })
        .collect();

    RecommendationStatus {
        id: r.id.clone(),
        title: r.title.clone(),
        requirement: r.requirement.clone(),
        criterion: r.criterion.clone(),
        section,
        status,
        gaps,
        answers,
    }
}
