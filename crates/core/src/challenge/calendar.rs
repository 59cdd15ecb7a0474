//! Working-hours calendars and typed local times.
//!
//! Each party (organiser, VO, site) has a calendar: the weekdays it works, the hours of a working
//! day (one or more intervals, local time), its zone and its holidays. A duration in working
//! hours counts only the time inside those intervals, so a VO alerted on Friday at 16:00 that
//! answers on Monday at 10:00 (Mon–Fri 09:00–17:00) took 2 working hours; the same span is 66
//! wall-clock hours. The intervals are local, so a DST change moves them in UTC as it moves the
//! people's working day.
//!
//! Invariants: pure (the caller passes every instant); a calendar that leaves `WorkCalendar::new`
//! has sorted, non-overlapping intervals within 00:00–24:00 and at least one working day.

use std::collections::BTreeSet;

use super::zone::{LocalResult, Zone, format_offset};
use crate::time::{Date, Timestamp, civil_from_days, days_from_civil, days_in_month};

const MS_PER_DAY: i64 = 86_400_000;
/// Longest span a working-hours duration is computed over (10 years).
pub const MAX_SPAN_DAYS: i64 = 3660;

/// Days of the week, Monday first.
pub const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// A party's working time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkCalendar {
    /// IANA zone ID (must be in the kit's zone table).
    pub zone: String,
    /// Working weekdays, Monday first.
    pub days: [bool; 7],
    /// Working intervals of a day, minutes after local midnight, `[start, end)`.
    pub hours: Vec<(u16, u16)>,
    /// Days off (local dates).
    pub holidays: BTreeSet<Date>,
}

/// Why a calendar, a duration or a typed time cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// No weekday is a working day.
    #[error("A working calendar needs at least one working day.")]
    NoDays,
    /// No interval, or one that is empty, reversed, overlapping or outside 00:00–24:00.
    #[error("Working hours must be intervals like 09:00–17:00 that do not overlap ({0}).")]
    BadHours(String),
    /// A weekday name is not `mon` … `sun`.
    #[error("`{0}` is not a weekday (mon, tue, wed, thu, fri, sat, sun).")]
    BadWeekday(String),
    /// The zone is not in the kit's table.
    #[error("The time zone `{0}` is not in the app's zone table.")]
    UnknownZone(String),
    /// The time is before the zone's rules are known.
    #[error(
        "Times in {zone} before {since} cannot be converted: the app knows its rules only from {since} on."
    )]
    BeforeRules {
        /// Zone ID.
        zone: String,
        /// First year.
        since: i64,
    },
    /// More than `MAX_SPAN_DAYS`.
    #[error("The span is longer than ten years; check the dates.")]
    SpanTooLong,
    /// End before start.
    #[error("The end ({end}) is before the start ({start}).")]
    Reversed {
        /// Start, UTC.
        start: String,
        /// End, UTC.
        end: String,
    },
    /// A typed time is not of a form the app reads.
    #[error("`{0}` is not a time of the form 2026-03-10 14:05 (optionally with :SS, and Z or +01:00).")]
    BadTime(String),
    /// The local time never happened (clocks jumped forward).
    #[error(
        "{time} did not exist in {zone}: the clocks jumped forward. Type the time shown on the clock after the change."
    )]
    InGap {
        /// The typed time.
        time: String,
        /// Zone ID.
        zone: String,
    },
    /// The local time happened twice (clocks went back).
    #[error("{time} happened twice in {zone} (the clocks went back): add the offset, {first} or {second}.")]
    Ambiguous {
        /// The typed time.
        time: String,
        /// Zone ID.
        zone: String,
        /// The first offset, e.g. `+02:00`.
        first: String,
        /// The second.
        second: String,
    },
}

/// Parses `HH:MM` (`24:00` allowed) to minutes.
pub fn parse_hhmm(text: &str) -> Option<u16> {
    let (h, m) = text.trim().split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    ((h < 24 && m < 60) || (h == 24 && m == 0)).then_some(h * 60 + m)
}

/// Formats minutes as `HH:MM`.
pub fn format_hhmm(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

impl WorkCalendar {
    /// Builds a calendar, checking its days and intervals (sorted on the way).
    pub fn new(
        zone: &str,
        days: [bool; 7],
        mut hours: Vec<(u16, u16)>,
        holidays: BTreeSet<Date>,
    ) -> Result<Self, CalendarError> {
        if !days.iter().any(|d| *d) {
            return Err(CalendarError::NoDays);
        }
        hours.sort_unstable();
        let show = |h: &[(u16, u16)]| {
            h.iter()
                .map(|(a, b)| format!("{}–{}", format_hhmm(*a), format_hhmm(*b)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if hours.is_empty()
            || hours.iter().any(|(a, b)| a >= b || *b > 1440)
            || hours.windows(2).any(|w| w[0].1 > w[1].0)
        {
            return Err(CalendarError::BadHours(show(&hours)));
        }
        Ok(WorkCalendar { zone: zone.to_owned(), days, hours, holidays })
    }

    /// Weekday names (`mon` …) to the flags, refusing unknown names.
    pub fn days_from_names<S: AsRef<str>>(names: &[S]) -> Result<[bool; 7], CalendarError> {
        let mut days = [false; 7];
        for n in names {
            let n = n.as_ref();
            let i = WEEKDAYS
                .iter()
                .position(|w| w.eq_ignore_ascii_case(n.trim()))
                .ok_or_else(|| CalendarError::BadWeekday(n.chars().take(20).collect()))?;
            days[i] = true;
        }
        Ok(days)
    }

    /// The working weekdays as names.
    pub fn day_names(&self) -> Vec<&'static str> {
        WEEKDAYS.iter().zip(self.days).filter(|(_, on)| *on).map(|(n, _)| *n).collect()
    }
}

/// Finds a zone in the table.
pub fn find_zone<'a>(zones: &'a [Zone], id: &str) -> Result<&'a Zone, CalendarError> {
    zones.iter().find(|z| z.id == id).ok_or_else(|| CalendarError::UnknownZone(id.chars().take(60).collect()))
}

fn check_since(zone: &Zone, utc_ms: i64) -> Result<(), CalendarError> {
    let (year, _, _) = civil_from_days(utc_ms.div_euclid(MS_PER_DAY));
    // A few hours of slack either side of 1 January are harmless: `since` years start with
    // standard time everywhere in the table.
    if year < zone.since {
        return Err(CalendarError::BeforeRules { zone: zone.id.clone(), since: zone.since });
    }
    Ok(())
}

/// Milliseconds of working time between `from` and `to` in `cal` (whose zone is `zone`).
pub fn working_ms(
    cal: &WorkCalendar,
    zone: &Zone,
    from: Timestamp,
    to: Timestamp,
) -> Result<i64, CalendarError> {
    if to < from {
        return Err(CalendarError::Reversed { start: from.to_string(), end: to.to_string() });
    }
    check_since(zone, from.0)?;
    let local_day = |t: i64| (t + i64::from(zone.rule.offset_at(t)) * 1000).div_euclid(MS_PER_DAY);
    let (first, last) = (local_day(from.0), local_day(to.0));
    if last - first > MAX_SPAN_DAYS {
        return Err(CalendarError::SpanTooLong);
    }
    let mut total = 0i64;
    for day in first..=last {
        // 1970-01-01 was a Thursday: index 3 with Monday = 0.
        let weekday = (day + 3).rem_euclid(7) as usize;
        if !cal.days[weekday] || cal.holidays.contains(&Date(day)) {
            continue;
        }
        for (start, end) in &cal.hours {
            let s = zone.rule.local_to_utc(day * MS_PER_DAY + i64::from(*start) * 60_000).compatible();
            let e = zone.rule.local_to_utc(day * MS_PER_DAY + i64::from(*end) * 60_000).compatible();
            let (s, e) = (s.max(from.0), e.min(to.0));
            if e > s {
                total += e - s;
            }
        }
    }
    Ok(total)
}

/// Hours (wall clock) between two instants.
pub fn hours_between(from: Timestamp, to: Timestamp) -> f64 {
    (to.0 - from.0) as f64 / 3_600_000.0
}

/// Reads a typed time: `2026-03-10 14:05`, `2026-03-10T14:05:30`, with an optional `Z` or
/// `±HH:MM` offset. Without an offset the time is local to `zone`; a time that never happened or
/// happened twice there is refused with what to type instead.
pub fn parse_local(text: &str, zone: &Zone) -> Result<Timestamp, CalendarError> {
    let bad = || CalendarError::BadTime(text.chars().take(40).collect());
    let t = text.trim();
    if !t.is_ascii() || t.len() < 16 {
        return Err(bad());
    }
    let (main, offset) = if let Some(m) = t.strip_suffix('Z').or_else(|| t.strip_suffix('z')) {
        (m, Some(0i64))
    } else if t.len() >= 22
        && matches!(t.as_bytes()[t.len() - 6], b'+' | b'-')
        && t.as_bytes()[t.len() - 3] == b':'
    {
        let (m, o) = t.split_at(t.len() - 6);
        let sign = if o.starts_with('-') { -1 } else { 1 };
        let h: i64 = o[1..3].parse().map_err(|_| bad())?;
        let mi: i64 = o[4..6].parse().map_err(|_| bad())?;
        if h > 18 || mi > 59 {
            return Err(bad());
        }
        (m, Some(sign * (h * 3600 + mi * 60)))
    } else {
        (t, None)
    };
    let b = main.as_bytes();
    if !(b.len() == 16 || b.len() == 19)
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b' ' | b'T' | b't')
        || b[13] != b':'
    {
        return Err(bad());
    }
    if b.len() == 19 && b[16] != b':' {
        return Err(bad());
    }
    let num = |r: std::ops::Range<usize>| -> Result<i64, CalendarError> {
        let s = main.get(r).ok_or_else(bad)?;
        if !s.bytes().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        s.parse().map_err(|_| bad())
    };
    let (y, mo, d, h, mi) = (num(0..4)?, num(5..7)?, num(8..10)?, num(11..13)?, num(14..16)?);
    let s = if b.len() == 19 { num(17..19)? } else { 0 };
    if !(1..=12).contains(&mo) || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || s > 59 {
        return Err(bad());
    }
    let local = days_from_civil(y, mo, d) * MS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1000;
    let utc = match offset {
        Some(o) => local - o * 1000,
        None => match zone.rule.local_to_utc(local) {
            LocalResult::Unique(u) => u,
            LocalResult::Gap { .. } => {
                return Err(CalendarError::InGap { time: main.to_owned(), zone: zone.id.clone() });
            }
            LocalResult::Ambiguous { earlier, later } => {
                let off = |u: i64| format_offset(zone.rule.offset_at(u)).trim_start_matches("UTC").to_owned();
                return Err(CalendarError::Ambiguous {
                    time: main.to_owned(),
                    zone: zone.id.clone(),
                    first: off(earlier),
                    second: off(later),
                });
            }
        },
    };
    check_since(zone, utc)?;
    Ok(Timestamp(utc))
}

/// Formats an instant in a zone: `2026-03-10 14:05 CET (UTC+01:00)`.
pub fn format_local(t: Timestamp, zone: &Zone) -> String {
    let off = zone.rule.offset_at(t.0);
    let local = t.0 + i64::from(off) * 1000;
    let (y, m, d) = civil_from_days(local.div_euclid(MS_PER_DAY));
    let mins = local.rem_euclid(MS_PER_DAY) / 60_000;
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} {} ({})",
        mins / 60,
        mins % 60,
        zone.rule.abbr_at(t.0),
        format_offset(off)
    )
}

/// Formats an instant in UTC for people: `2026-03-10 13:05 UTC`.
pub fn format_utc(t: Timestamp) -> String {
    let s = t.to_string();
    format!("{} {} UTC", &s[..10], &s[11..16])
}
