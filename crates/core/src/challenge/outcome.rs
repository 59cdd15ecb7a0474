//! The words a challenge is scored in: a check's or criterion's outcome, and the overall result.
//! Kept apart from `score` because the kit's findings (conditions on a result) name them too.

/// Outcome of a check or a criterion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Met.
    Pass,
    /// Not met.
    Fail,
    /// Not decidable yet: data missing.
    Pending,
    /// Does not apply to this challenge.
    NotApplicable,
}

impl Outcome {
    /// Key in data files and documents.
    pub fn key(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Fail => "fail",
            Outcome::Pending => "pending",
            Outcome::NotApplicable => "not-applicable",
        }
    }

    /// From the key.
    pub fn from_key(k: &str) -> Option<Outcome> {
        [Outcome::Pass, Outcome::Fail, Outcome::Pending, Outcome::NotApplicable]
            .into_iter()
            .find(|o| o.key() == k)
    }

    /// Word for people.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Fail => "fail",
            Outcome::Pending => "pending",
            Outcome::NotApplicable => "not applicable",
        }
    }
}

/// The overall result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overall {
    /// Every required criterion passed.
    Pass,
    /// A required criterion failed, but no fatal check.
    Partial,
    /// A fatal check failed (the owner was not identified).
    Fail,
    /// A required criterion still lacks data.
    Pending,
}

impl Overall {
    /// Key in data files and documents.
    pub fn key(self) -> &'static str {
        match self {
            Overall::Pass => "pass",
            Overall::Partial => "partial",
            Overall::Fail => "fail",
            Overall::Pending => "pending",
        }
    }

    /// From the key.
    pub fn from_key(k: &str) -> Option<Overall> {
        [Overall::Pass, Overall::Partial, Overall::Fail, Overall::Pending].into_iter().find(|o| o.key() == k)
    }

    /// As printed: `PASS`, `PARTIAL`, `FAIL`, `PENDING`.
    pub fn label(self) -> &'static str {
        match self {
            Overall::Pass => "PASS",
            Overall::Partial => "PARTIAL",
            Overall::Fail => "FAIL",
            Overall::Pending => "PENDING",
        }
    }
}
