//! The owner's job list the VO gave, scored against the truth's payloads as recall (how many of
//! the true payloads it listed) and precision (how many of the listed ones are true payloads).
//!
//! Job IDs are compared after light normalisation that keeps distinct IDs distinct: surrounding
//! spaces, quotes and brackets go; an all-digit ID (DIRAC JobID, PandaID, ALICE queue ID) loses
//! leading zeros; the schedd host of an HTCondor `GlobalJobId` (`host#cluster.proc#epoch`) is
//! compared without regard to case. A list is split at spaces, commas, semicolons and line breaks,
//! and an ID listed twice counts once.
//!
//! Invariant: ratios are exact integers (no floating point in a pass/fail decision).

use std::collections::HashSet;
use std::fmt;

/// Most IDs read from one list.
pub const MAX_JOBS: usize = 10_000;
/// Longest single ID read.
pub const MAX_JOB_ID_CHARS: usize = 256;

/// `num` of `den`, e.g. 3 of 4.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ratio {
    /// Numerator.
    pub num: usize,
    /// Denominator (0: undefined).
    pub den: usize,
}

impl Ratio {
    /// True when `num/den >= percent/100` (an empty denominator never passes).
    pub fn at_least_percent(self, percent: f64) -> bool {
        if self.den == 0 || !percent.is_finite() {
            return false;
        }
        // Compare in integers scaled by 100 (percent thresholds carry at most two decimals).
        let p = (percent * 100.0).round() as i128;
        (self.num as i128) * 10_000 >= p * self.den as i128
    }

    /// The percentage, rounded down to a whole number (None when undefined).
    pub fn percent(self) -> Option<usize> {
        (self.den > 0).then(|| self.num * 100 / self.den)
    }
}

impl fmt::Display for Ratio {
    /// `3 of 4 (75 %)`, or `none listed`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.percent() {
            Some(p) => write!(f, "{} of {} ({p} %)", self.num, self.den),
            None => f.write_str("none listed"),
        }
    }
}

/// Why a job list cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum JobListError {
    /// More than `MAX_JOBS` IDs.
    #[error("The list has more than {MAX_JOBS} job IDs.")]
    TooMany,
    /// An ID longer than `MAX_JOB_ID_CHARS`.
    #[error("A job ID is longer than {MAX_JOB_ID_CHARS} characters.")]
    TooLong,
    /// Control characters.
    #[error("The list contains control characters.")]
    Control,
}

/// Normalises one job ID (see the module docs).
pub fn normalise(id: &str) -> String {
    let id =
        id.trim().trim_matches(|c| matches!(c, '"' | '\'' | '[' | ']' | '(' | ')' | '{' | '}' | '<' | '>'));
    if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) {
        let t = id.trim_start_matches('0');
        return if t.is_empty() { "0".to_owned() } else { t.to_owned() };
    }
    match id.split_once('#') {
        Some((host, rest)) => format!("{}#{rest}", host.to_lowercase()),
        None => id.to_owned(),
    }
}

/// Splits and normalises a pasted list, keeping first occurrences in order.
pub fn parse_list(text: &str) -> Result<Vec<String>, JobListError> {
    if text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Err(JobListError::Control);
    }
    let mut out: Vec<String> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for raw in text.split(|c: char| c.is_whitespace() || c == ',' || c == ';') {
        if raw.chars().count() > MAX_JOB_ID_CHARS {
            return Err(JobListError::TooLong);
        }
        let id = normalise(raw);
        if id.is_empty() || seen.contains(&id) {
            continue;
        }
        if out.len() == MAX_JOBS {
            return Err(JobListError::TooMany);
        }
        seen.insert(id.clone());
        out.push(id);
    }
    Ok(out)
}

/// The comparison of a given list with the true one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JobScore {
    /// True payloads listed.
    pub recall: Ratio,
    /// Listed IDs that are true payloads.
    pub precision: Ratio,
    /// True payload IDs not listed (organiser-only detail: these are truth).
    pub missed: Vec<String>,
    /// Listed IDs that are not true payloads.
    pub wrong: Vec<String>,
}

/// Compares the VO's list with the truth's payload IDs (both as typed; normalised here).
pub fn score<S: AsRef<str>, T: AsRef<str>>(truth: &[S], given: &[T]) -> JobScore {
    let (t, t_set) = distinct(truth);
    let (g, g_set) = distinct(given);
    let hits = g.iter().filter(|id| t_set.contains(*id)).count();
    JobScore {
        recall: Ratio { num: hits, den: t.len() },
        precision: Ratio { num: hits, den: g.len() },
        missed: t.iter().filter(|id| !g_set.contains(*id)).cloned().collect(),
        wrong: g.iter().filter(|id| !t_set.contains(*id)).cloned().collect(),
    }
}

/// Normalised, non-empty, first occurrences in order, and the same as a set.
fn distinct<S: AsRef<str>>(ids: &[S]) -> (Vec<String>, HashSet<String>) {
    let mut list = Vec::new();
    let mut set = HashSet::new();
    for id in ids {
        let n = normalise(id.as_ref());
        if !n.is_empty() && set.insert(n.clone()) {
            list.push(n);
        }
    }
    (list, set)
}
