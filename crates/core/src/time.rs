//! Timestamps as the core sees them: milliseconds since the Unix epoch, UTC.
//!
//! The core never reads a clock (it is sans-IO): the browser layer passes `now` in. This module
//! only converts between milliseconds and the RFC 3339 form `YYYY-MM-DDTHH:MM:SS.mmmZ` used in
//! stored and exported data, with the civil-calendar arithmetic of Howard Hinnant's `days_from_civil`.

use std::fmt;

/// A point in time, in milliseconds since 1970-01-01T00:00:00Z.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

const MS_PER_DAY: i64 = 86_400_000;

/// Why a timestamp text was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a UTC time of the form 2026-01-31T12:00:00Z")]
pub struct TimestampError {
    /// The text that was refused (cut to 40 characters).
    pub text: String,
}

/// A calendar date (days since 1970-01-01), for answers such as "last confirmed on".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub i64);

impl Date {
    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Self, TimestampError> {
        let t = Timestamp::parse(&format!("{}T00:00:00Z", text.trim()))
            .map_err(|_| TimestampError { text: text.chars().take(40).collect() })?;
        if text.trim().len() != 10 {
            return Err(TimestampError { text: text.chars().take(40).collect() });
        }
        Ok(t.day())
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.0 - self.0
    }
}

impl fmt::Display for Date {
    /// `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = civil_from_days(self.0);
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl Timestamp {
    /// The calendar date, `YYYY-MM-DD`.
    pub fn date(self) -> String {
        self.day().to_string()
    }

    /// The UTC day this instant falls on.
    pub fn day(self) -> Date {
        Date(self.0.div_euclid(MS_PER_DAY))
    }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS.mmmZ` (UTC only).
    pub fn parse(text: &str) -> Result<Self, TimestampError> {
        let err = || TimestampError { text: text.chars().take(40).collect() };
        let b = text.as_bytes();
        let digits = |r: std::ops::Range<usize>| -> Result<i64, TimestampError> {
            let s = text.get(r).ok_or_else(err)?;
            if s.is_empty() || !s.bytes().all(|c| c.is_ascii_digit()) {
                return Err(err());
            }
            s.parse::<i64>().map_err(|_| err())
        };
        if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
            return Err(err());
        }
        let (y, mo, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
        let (h, mi, s) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
        let ms = match &b[19..] {
            [b'Z'] => 0,
            [b'.', _, _, _, b'Z'] => digits(20..23)?,
            _ => return Err(err()),
        };
        if !(1..=12).contains(&mo) || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || s > 59 {
            return Err(err());
        }
        let days = days_from_civil(y, mo, d);
        Ok(Timestamp(days * MS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1000 + ms))
    }
}

impl fmt::Display for Timestamp {
    /// RFC 3339 with milliseconds, always UTC.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.0.div_euclid(MS_PER_DAY);
        let ms_of_day = self.0.rem_euclid(MS_PER_DAY);
        let (y, m, d) = civil_from_days(days);
        let (h, rest) = (ms_of_day / 3_600_000, ms_of_day % 3_600_000);
        let (mi, rest) = (rest / 60_000, rest % 60_000);
        let (s, ms) = (rest / 1000, rest % 1000);
        if !(0..=9999).contains(&y) {
            // Outside four-digit years (never parsed, only constructed): the general path.
            return write!(f, "{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{ms:03}Z");
        }
        // Every save writes one timestamp per answer (500 in a long assessment); padded `write!`
        // was a visible share of the answer → persisted time, so the digits are placed directly.
        let mut out = *b"0000-00-00T00:00:00.000Z";
        for (range, value) in
            [(0..4, y), (5..7, m), (8..10, d), (11..13, h), (14..16, mi), (17..19, s), (20..23, ms)]
        {
            put_digits(&mut out[range], value);
        }
        f.write_str(std::str::from_utf8(&out).map_err(|_| fmt::Error)?)
    }
}

/// Writes `value` as decimal digits right-aligned in `slot`, zero-padded (`value` fits).
fn put_digits(slot: &mut [u8], mut value: i64) {
    for c in slot.iter_mut().rev() {
        *c = b'0' + value.rem_euclid(10) as u8;
        value /= 10;
    }
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Used by the challenge kit's zone rules and calendars too.
pub(crate) fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Used by the challenge kit's zone rules and calendars too.
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Used by the challenge kit's zone rules and calendars too.
pub(crate) fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, m, d)
}
