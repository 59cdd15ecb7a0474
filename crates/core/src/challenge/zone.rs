//! Time zones as data: each zone is the POSIX TZ rule of its IANA tzdata file (the footer rule,
//! e.g. `CET-1CEST,M3.5.0,M10.5.0/3`) plus the first year from which that rule alone gives every
//! transition (`since`). The kit's zone table (`questions/challenge.toml`, `[[zone]]`) is derived
//! from the installed tzdata by `tools/zones_from_tzdata.py`.
//!
//! Why rules as data and not a bundled tz database: measured on wasm32 (release, wasm-opt -Oz),
//! `jiff` with its bundled tzdb adds 269 KB (76 KB brotli) and `jiff` with POSIX rules only adds
//! 25 KB (11 KB brotli); this evaluator adds a few KB. A challenge's events are recent, so the
//! rule in force since `since` is all that is needed; a time before `since` is refused rather
//! than converted wrongly.
//!
//! Invariants: offsets are seconds east of UTC; `offset_at` is total; converting a local time
//! names a gap (clocks jumped forward) or an overlap (clocks went back) instead of guessing,
//! unless the caller asks for the "compatible" reading (later instant in a gap, earlier in an
//! overlap), which the working-hours calendar uses.

use crate::time::{civil_from_days, days_from_civil, days_in_month};

const MS_PER_DAY: i64 = 86_400_000;

/// Why a zone rule cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{rule}` is not a POSIX time-zone rule this app reads: {reason}")]
pub struct ZoneRuleError {
    /// The rule text (cut to 60 characters).
    pub rule: String,
    /// What is wrong.
    pub reason: &'static str,
}

/// A DST transition rule `Mm.w.d[/time]`: the `week`-th (5 = last) `weekday` (0 = Sunday) of
/// `month`, at `time` seconds after local midnight (may be negative or past 24 h).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Transition {
    /// 1–12.
    pub month: u8,
    /// 1–5 (5 = the last).
    pub week: u8,
    /// 0 (Sunday) – 6.
    pub weekday: u8,
    /// Seconds after local midnight, in the offset in force before the transition.
    pub time: i32,
}

/// Daylight-saving part of a rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dst {
    /// Abbreviation, e.g. `CEST`.
    pub abbr: String,
    /// Seconds east of UTC while in force.
    pub offset: i32,
    /// When it starts (in standard time).
    pub start: Transition,
    /// When it ends (in daylight time).
    pub end: Transition,
}

/// A parsed POSIX TZ rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PosixRule {
    /// Standard-time abbreviation, e.g. `CET`.
    pub std_abbr: String,
    /// Standard offset, seconds east of UTC.
    pub std_offset: i32,
    /// Daylight saving, if the zone has it.
    pub dst: Option<Dst>,
}

/// An IANA zone as the kit knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Zone {
    /// IANA name, e.g. `Europe/Zurich`.
    pub id: String,
    /// The rule.
    pub rule: PosixRule,
    /// First year from which the rule is valid for this zone.
    pub since: i64,
}

/// What a local wall-clock time is in UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocalResult {
    /// Exactly one instant (milliseconds since the epoch).
    Unique(i64),
    /// The clocks went back: the time happened twice.
    Ambiguous {
        /// The first occurrence.
        earlier: i64,
        /// The second.
        later: i64,
    },
    /// The clocks jumped forward: the time never happened. `after` is the instant the same
    /// wall-clock reading would have with the offset in force before the jump.
    Gap {
        /// The reading with the later offset (an instant before the jump).
        before: i64,
        /// The reading with the earlier offset (an instant after the jump).
        after: i64,
    },
}

impl LocalResult {
    /// The "compatible" reading: the later instant in a gap, the earlier in an overlap.
    pub fn compatible(self) -> i64 {
        match self {
            LocalResult::Unique(t) => t,
            LocalResult::Ambiguous { earlier, .. } => earlier,
            LocalResult::Gap { after, .. } => after,
        }
    }
}

fn err(rule: &str, reason: &'static str) -> ZoneRuleError {
    ZoneRuleError { rule: rule.chars().take(60).collect(), reason }
}

/// A cursor over the rule text.
struct Cursor<'a> {
    rule: &'a str,
    rest: &'a str,
}

impl<'a> Cursor<'a> {
    fn abbr(&mut self) -> Result<String, ZoneRuleError> {
        if let Some(r) = self.rest.strip_prefix('<') {
            let end = r.find('>').ok_or_else(|| err(self.rule, "unclosed <…> abbreviation"))?;
            let (a, tail) = (&r[..end], &r[end + 1..]);
            if a.is_empty() || !a.chars().all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-') {
                return Err(err(self.rule, "bad <…> abbreviation"));
            }
            self.rest = tail;
            return Ok(a.to_owned());
        }
        let n = self.rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(self.rest.len());
        if n < 3 {
            return Err(err(self.rule, "an abbreviation has at least three letters"));
        }
        let (a, tail) = self.rest.split_at(n);
        self.rest = tail;
        Ok(a.to_owned())
    }

    /// `[+-]hh[:mm[:ss]]` as seconds; `max_hours` bounds hh.
    fn hms(&mut self, max_hours: i32) -> Result<i32, ZoneRuleError> {
        let mut sign = 1;
        if let Some(r) = self.rest.strip_prefix('-') {
            sign = -1;
            self.rest = r;
        } else if let Some(r) = self.rest.strip_prefix('+') {
            self.rest = r;
        }
        let mut parts = [0i32; 3];
        for (i, part) in parts.iter_mut().enumerate() {
            if i > 0 {
                match self.rest.strip_prefix(':') {
                    Some(r) => self.rest = r,
                    None => break,
                }
            }
            let n = self.rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(self.rest.len());
            if n == 0 || n > 3 {
                return Err(err(self.rule, "expected a number of hours, minutes or seconds"));
            }
            *part = self.rest[..n].parse().map_err(|_| err(self.rule, "bad number"))?;
            self.rest = &self.rest[n..];
        }
        if parts[0] > max_hours || parts[1] > 59 || parts[2] > 59 {
            return Err(err(self.rule, "time out of range"));
        }
        Ok(sign * (parts[0] * 3600 + parts[1] * 60 + parts[2]))
    }

    fn transition(&mut self) -> Result<Transition, ZoneRuleError> {
        let r = self
            .rest
            .strip_prefix('M')
            .ok_or_else(|| err(self.rule, "only Mm.w.d transition dates are read"))?;
        let mut nums = [0u8; 3];
        let mut rest = r;
        for (i, n) in nums.iter_mut().enumerate() {
            if i > 0 {
                rest = rest.strip_prefix('.').ok_or_else(|| err(self.rule, "expected Mm.w.d"))?;
            }
            let len = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
            if len == 0 || len > 2 {
                return Err(err(self.rule, "expected Mm.w.d"));
            }
            *n = rest[..len].parse().map_err(|_| err(self.rule, "expected Mm.w.d"))?;
            rest = &rest[len..];
        }
        let [month, week, weekday] = nums;
        if !(1..=12).contains(&month) || !(1..=5).contains(&week) || weekday > 6 {
            return Err(err(self.rule, "month, week or weekday out of range"));
        }
        self.rest = rest;
        let time = match self.rest.strip_prefix('/') {
            Some(r) => {
                self.rest = r;
                self.hms(167)?
            }
            None => 7200,
        };
        Ok(Transition { month, week, weekday, time })
    }
}

impl PosixRule {
    /// Parses a rule such as `CET-1CEST,M3.5.0,M10.5.0/3`, `<-04>4<-03>,M9.1.6/24,M4.1.6/24`
    /// or `IST-5:30`. Julian-day transition forms (`Jn`, `n`) are refused: no zone in the table
    /// uses them.
    pub fn parse(rule: &str) -> Result<Self, ZoneRuleError> {
        let mut c = Cursor { rule, rest: rule.trim() };
        let std_abbr = c.abbr()?;
        // POSIX offsets are west of UTC: `CET-1` is UTC+1.
        let std_offset = -c.hms(24)?;
        if c.rest.is_empty() {
            return Ok(PosixRule { std_abbr, std_offset, dst: None });
        }
        let abbr = c.abbr()?;
        let offset = if c.rest.starts_with(',') { std_offset + 3600 } else { -c.hms(24)? };
        let r =
            c.rest.strip_prefix(',').ok_or_else(|| err(rule, "expected ,start,end after the DST name"))?;
        c.rest = r;
        let start = c.transition()?;
        c.rest = c.rest.strip_prefix(',').ok_or_else(|| err(rule, "expected ,end"))?;
        let end = c.transition()?;
        if !c.rest.is_empty() {
            return Err(err(rule, "unexpected text at the end"));
        }
        Ok(PosixRule { std_abbr, std_offset, dst: Some(Dst { abbr, offset, start, end }) })
    }

    /// The offset (seconds east of UTC) in force at `utc_ms`.
    pub fn offset_at(&self, utc_ms: i64) -> i32 {
        self.dst_at(utc_ms).map_or(self.std_offset, |d| d.offset)
    }

    /// The abbreviation in force at `utc_ms`.
    pub fn abbr_at(&self, utc_ms: i64) -> &str {
        self.dst_at(utc_ms).map_or(&self.std_abbr, |d| &d.abbr)
    }

    fn dst_at(&self, utc_ms: i64) -> Option<&Dst> {
        let dst = self.dst.as_ref()?;
        let local_std = utc_ms + i64::from(self.std_offset) * 1000;
        let (year, _, _) = civil_from_days(local_std.div_euclid(MS_PER_DAY));
        let start = transition_local_ms(year, dst.start) - i64::from(self.std_offset) * 1000;
        let end = transition_local_ms(year, dst.end) - i64::from(dst.offset) * 1000;
        let in_dst = if start < end {
            start <= utc_ms && utc_ms < end
        } else {
            // Southern hemisphere: DST spans the new year.
            !(end <= utc_ms && utc_ms < start)
        };
        in_dst.then_some(dst)
    }

    /// What the local wall-clock reading `local_ms` (milliseconds since the epoch, as if the wall
    /// clock were UTC) is in UTC.
    pub fn local_to_utc(&self, local_ms: i64) -> LocalResult {
        let Some(dst) = &self.dst else {
            return LocalResult::Unique(local_ms - i64::from(self.std_offset) * 1000);
        };
        let by_std = local_ms - i64::from(self.std_offset) * 1000;
        let by_dst = local_ms - i64::from(dst.offset) * 1000;
        let std_ok = self.offset_at(by_std) == self.std_offset;
        let dst_ok = self.offset_at(by_dst) == dst.offset;
        match (std_ok, dst_ok) {
            (true, true) => LocalResult::Ambiguous { earlier: by_std.min(by_dst), later: by_std.max(by_dst) },
            (true, false) => LocalResult::Unique(by_std),
            (false, true) => LocalResult::Unique(by_dst),
            (false, false) => LocalResult::Gap { before: by_std.min(by_dst), after: by_std.max(by_dst) },
        }
    }
}

/// Local milliseconds (wall clock as if UTC) of a transition in `year`.
fn transition_local_ms(year: i64, t: Transition) -> i64 {
    let month = i64::from(t.month);
    let first = days_from_civil(year, month, 1);
    // 1970-01-01 was a Thursday (weekday 4 with Sunday = 0).
    let first_weekday = (first + 4).rem_euclid(7);
    let mut day = 1 + (i64::from(t.weekday) - first_weekday).rem_euclid(7) + (i64::from(t.week) - 1) * 7;
    let last = days_in_month(year, month);
    while day > last {
        day -= 7;
    }
    (first + day - 1) * MS_PER_DAY + i64::from(t.time) * 1000
}

/// Formats an offset as `UTC+01:00`.
pub fn format_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", s / 3600, (s % 3600) / 60)
}
