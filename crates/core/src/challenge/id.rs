//! Challenge IDs in the exercise form `<VO>-<YYYYMMDD>-NN_EXERCISE`.
//!
//! The `_EXERCISE` suffix follows OSG's incident IDs for exercises (C-15) so that nobody reading a
//! forwarded mail mistakes the challenge for a real incident; the date and the two-digit number
//! keep IDs of one VO unique and sortable. The VO part may contain dots and hyphens (EGI VO names
//! such as `vo.complex-systems.eu`), so the ID is read from the right.
//!
//! Invariant: a `ChallengeId` always holds a well-formed ID with a real calendar date.

use std::fmt;

use crate::time::{Date, Timestamp};

/// The fixed suffix of every challenge ID.
pub const SUFFIX: &str = "_EXERCISE";
/// Longest VO name accepted in an ID (EGI VO names are DNS-like and short).
pub const MAX_VO_LEN: usize = 64;

/// A validated challenge ID.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ChallengeId {
    text: String,
    vo: String,
    date: Date,
    number: u8,
}

/// Why a text is not a challenge ID. Each variant says what to fix.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// Nothing was typed.
    #[error(
        "The challenge ID is empty; it has the form VO-YYYYMMDD-NN_EXERCISE, e.g. atlas-20260310-01_EXERCISE."
    )]
    Empty,
    /// The `_EXERCISE` suffix is missing or not in capitals.
    #[error(
        "The challenge ID must end in _EXERCISE (in capitals), so that it cannot be taken for a real incident."
    )]
    NoSuffix,
    /// The parts are not `VO-YYYYMMDD-NN`.
    #[error("The challenge ID must have the form VO-YYYYMMDD-NN_EXERCISE, e.g. atlas-20260310-01_EXERCISE.")]
    Shape,
    /// The VO part has characters other than letters, digits, `.`, `-` and `_`, or is too long.
    #[error(
        "The VO part of the challenge ID may use only letters, digits, '.', '-' and '_' (at most 64), and must start with a letter or digit."
    )]
    BadVo,
    /// The date part is not a real date.
    #[error("`{0}` in the challenge ID is not a real date (YYYYMMDD).")]
    BadDate(String),
    /// The number is `00`.
    #[error("The number in the challenge ID runs from 01 to 99.")]
    BadNumber,
    /// The VO in the ID is not the challenge's VO.
    #[error("The challenge ID names the VO `{in_id}`, but the challenge is for `{vo}`.")]
    VoMismatch {
        /// The VO part of the ID.
        in_id: String,
        /// The challenge's VO.
        vo: String,
    },
}

fn vo_ok(vo: &str) -> bool {
    !vo.is_empty()
        && vo.len() <= MAX_VO_LEN
        && vo.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && vo.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

impl ChallengeId {
    /// Parses and validates an ID (surrounding whitespace is ignored).
    pub fn parse(text: &str) -> Result<Self, IdError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(IdError::Empty);
        }
        let body = text.strip_suffix(SUFFIX).ok_or(IdError::NoSuffix)?;
        let (rest, number) = body.rsplit_once('-').ok_or(IdError::Shape)?;
        let (vo, date) = rest.rsplit_once('-').ok_or(IdError::Shape)?;
        if number.len() != 2 || !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(IdError::Shape);
        }
        if date.len() != 8 || !date.bytes().all(|b| b.is_ascii_digit()) {
            return Err(IdError::Shape);
        }
        if !vo_ok(vo) {
            return Err(IdError::BadVo);
        }
        let iso = format!("{}-{}-{}", &date[0..4], &date[4..6], &date[6..8]);
        let day = Date::parse(&iso).map_err(|_| IdError::BadDate(date.to_owned()))?;
        let number: u8 = number.parse().map_err(|_| IdError::Shape)?;
        if number == 0 {
            return Err(IdError::BadNumber);
        }
        Ok(ChallengeId { text: text.to_owned(), vo: vo.to_owned(), date: day, number })
    }

    /// Builds the ID for a VO, a date and a number (1–99).
    pub fn new(vo: &str, date: Date, number: u8) -> Result<Self, IdError> {
        let compact: String = date.to_string().chars().filter(|c| *c != '-').collect();
        ChallengeId::parse(&format!("{}-{compact}-{number:02}{SUFFIX}", vo.trim()))
    }

    /// The next free ID for `vo` on the day of `now`, given the IDs already used.
    pub fn next_free<'a>(
        vo: &str,
        now: Timestamp,
        used: impl IntoIterator<Item = &'a ChallengeId>,
    ) -> Result<Self, IdError> {
        let day = now.day();
        let taken: Vec<u8> = used
            .into_iter()
            .filter(|id| id.date == day && id.vo.eq_ignore_ascii_case(vo.trim()))
            .map(|id| id.number)
            .collect();
        let number = (1..=99u8).find(|n| !taken.contains(n)).ok_or(IdError::BadNumber)?;
        ChallengeId::new(vo, day, number)
    }

    /// The ID as text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The VO part, as written in the ID.
    pub fn vo(&self) -> &str {
        &self.vo
    }

    /// The date part.
    pub fn date(&self) -> Date {
        self.date
    }

    /// The number part (1–99).
    pub fn number(&self) -> u8 {
        self.number
    }

    /// Checks that the ID names `vo` (VO names are compared without regard to ASCII case).
    pub fn check_vo(&self, vo: &str) -> Result<(), IdError> {
        if self.vo.eq_ignore_ascii_case(vo.trim()) {
            Ok(())
        } else {
            Err(IdError::VoMismatch { in_id: self.vo.clone(), vo: vo.trim().chars().take(64).collect() })
        }
    }
}

impl fmt::Display for ChallengeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}
