//! Working hours across weekends, time zones, holidays and DST changes; typed local times.

// Tables are tuples by design: one row per case, read left to right.
#![allow(clippy::type_complexity)]

use std::collections::BTreeSet;

use ti_core::challenge::calendar::{
    CalendarError, WorkCalendar, find_zone, format_local, parse_local, working_ms,
};
use ti_core::time::Date;

use crate::challenge_fixtures::{kit, t};

const MON_FRI: [bool; 7] = [true, true, true, true, true, false, false];
const SUN_THU: [bool; 7] = [true, true, true, true, false, false, true];

fn cal(zone: &str, days: [bool; 7], hours: Vec<(u16, u16)>, holidays: &[&str]) -> WorkCalendar {
    let h: BTreeSet<Date> = holidays.iter().filter_map(|d| Date::parse(d).ok()).collect();
    match WorkCalendar::new(zone, days, hours, h) {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    }
}

fn working_hours(c: &WorkCalendar, from: &str, to: &str) -> f64 {
    let Ok(z) = find_zone(&kit().zones, &c.zone) else { panic!("zone {}", c.zone) };
    match working_ms(c, z, t(from), t(to)) {
        Ok(ms) => ms as f64 / 3_600_000.0,
        Err(e) => panic!("{from}..{to}: {e}"),
    }
}

#[test]
fn working_hours_table() {
    let nine_five = vec![(540, 1020)];
    let split_day = vec![(480, 720), (780, 1050)]; // 08:00–12:00, 13:00–17:30
    let cases: Vec<(&str, WorkCalendar, &str, &str, f64)> = vec![
        // Friday 16:00 to Monday 10:00 in Geneva (CET, UTC+1): 1 h Friday + 1 h Monday.
        (
            "over a weekend",
            cal("Europe/Zurich", MON_FRI, nine_five.clone(), &[]),
            "2026-12-04T15:00:00Z",
            "2026-12-07T09:00:00Z",
            2.0,
        ),
        (
            "inside one day",
            cal("Europe/Zurich", MON_FRI, nine_five.clone(), &[]),
            "2026-12-01T09:00:00Z",
            "2026-12-01T11:30:00Z",
            2.5,
        ),
        (
            "before hours to after hours",
            cal("Europe/Zurich", MON_FRI, nine_five.clone(), &[]),
            "2026-12-01T05:00:00Z",
            "2026-12-01T19:00:00Z",
            8.0,
        ),
        (
            "all weekend",
            cal("Europe/Zurich", MON_FRI, nine_five.clone(), &[]),
            "2026-12-05T00:00:00Z",
            "2026-12-06T23:00:00Z",
            0.0,
        ),
        (
            "a full week",
            cal("Europe/Zurich", MON_FRI, nine_five.clone(), &[]),
            "2026-11-30T00:00:00Z",
            "2026-12-07T00:00:00Z",
            40.0,
        ),
        (
            "a holiday (Christmas) in the span",
            cal("Europe/Zurich", MON_FRI, nine_five.clone(), &["2026-12-25"]),
            "2026-12-24T08:00:00Z",
            "2026-12-28T16:00:00Z",
            16.0,
        ),
        (
            "split day with a lunch break",
            cal("Europe/Zurich", MON_FRI, split_day, &[]),
            "2026-12-01T06:00:00Z",
            "2026-12-01T18:00:00Z",
            8.5,
        ),
        // Same UTC span seen from Chicago (UTC−6): Friday 09:00 → Monday 03:00 local.
        (
            "same span, Chicago",
            cal("America/Chicago", MON_FRI, nine_five.clone(), &[]),
            "2026-12-04T15:00:00Z",
            "2026-12-07T09:00:00Z",
            8.0,
        ),
        // Taipei (UTC+8): Friday 23:00 → Monday 17:00 local: all of Monday.
        (
            "same span, Taipei",
            cal("Asia/Taipei", MON_FRI, nine_five.clone(), &[]),
            "2026-12-04T15:00:00Z",
            "2026-12-07T09:00:00Z",
            8.0,
        ),
        // Israel works Sunday to Thursday: Thursday 16:00–17:00, then Sunday 09:00–11:00 (UTC+2).
        (
            "Sunday-to-Thursday week",
            cal("Asia/Jerusalem", SUN_THU, nine_five.clone(), &[]),
            "2026-12-03T14:00:00Z",
            "2026-12-06T09:00:00Z",
            3.0,
        ),
        // DST starts in Europe on Sunday 29 March 2026; Friday 27 16:00 CET → Monday 30 10:00 CEST.
        (
            "across spring-forward",
            cal("Europe/Zurich", MON_FRI, nine_five.clone(), &[]),
            "2026-03-27T15:00:00Z",
            "2026-03-30T08:00:00Z",
            2.0,
        ),
        // The working day moves in UTC with DST: 09:00–17:00 CEST is 07:00–15:00 UTC.
        (
            "first day of summer time",
            cal("Europe/Zurich", MON_FRI, nine_five.clone(), &[]),
            "2026-03-30T06:00:00Z",
            "2026-03-30T08:00:00Z",
            1.0,
        ),
        (
            "last day of winter time",
            cal("Europe/Zurich", MON_FRI, nine_five.clone(), &[]),
            "2026-03-27T06:00:00Z",
            "2026-03-27T08:00:00Z",
            0.0,
        ),
        // US DST starts Sunday 8 March 2026: Friday 15:00–17:00 CST, Monday 09:00–10:00 CDT.
        (
            "US spring-forward week",
            cal("America/Chicago", MON_FRI, nine_five.clone(), &[]),
            "2026-03-06T21:00:00Z",
            "2026-03-09T15:00:00Z",
            3.0,
        ),
        // A shift across the night of the change: 00:00–06:00 on Sunday 29 March has 5 hours.
        (
            "night shift over the jump",
            cal("Europe/Zurich", [true; 7], vec![(0, 360)], &[]),
            "2026-03-28T23:00:00Z",
            "2026-03-29T06:00:00Z",
            5.0,
        ),
        // …and 7 hours on Sunday 25 October, when 02:00–03:00 happens twice.
        (
            "night shift over the fall-back",
            cal("Europe/Zurich", [true; 7], vec![(0, 360)], &[]),
            "2026-10-24T22:00:00Z",
            "2026-10-25T06:00:00Z",
            7.0,
        ),
        // Southern hemisphere: Melbourne goes back on 5 April 2026: Friday 16:00 AEDT → Monday 10:00 AEST.
        (
            "Melbourne autumn change",
            cal("Australia/Melbourne", MON_FRI, nine_five.clone(), &[]),
            "2026-04-03T05:00:00Z",
            "2026-04-06T00:00:00Z",
            2.0,
        ),
        (
            "zero span",
            cal("Europe/Zurich", MON_FRI, nine_five, &[]),
            "2026-12-01T10:00:00Z",
            "2026-12-01T10:00:00Z",
            0.0,
        ),
    ];
    for (name, c, from, to, want) in cases {
        let got = working_hours(&c, from, to);
        assert!((got - want).abs() < 1e-9, "{name}: got {got} working hours, want {want}");
    }
}

#[test]
fn impossible_spans_and_calendars() {
    let c = cal("Europe/Zurich", MON_FRI, vec![(540, 1020)], &[]);
    let Ok(z) = find_zone(&kit().zones, "Europe/Zurich") else { panic!() };
    assert!(matches!(
        working_ms(&c, z, t("2026-12-02T00:00:00Z"), t("2026-12-01T00:00:00Z")),
        Err(CalendarError::Reversed { .. })
    ));
    assert!(matches!(
        working_ms(&c, z, t("2000-01-01T00:00:00Z"), t("2026-12-01T00:00:00Z")),
        Err(CalendarError::SpanTooLong)
    ));
    assert!(matches!(
        working_ms(&c, z, t("1990-01-01T00:00:00Z"), t("1990-01-02T00:00:00Z")),
        Err(CalendarError::BeforeRules { .. })
    ));
    assert!(matches!(
        WorkCalendar::new("UTC", [false; 7], vec![(540, 1020)], BTreeSet::new()),
        Err(CalendarError::NoDays)
    ));
    for hours in [vec![], vec![(600, 540)], vec![(540, 1020), (1000, 1100)], vec![(0, 1441)]] {
        assert!(
            matches!(
                WorkCalendar::new("UTC", MON_FRI, hours.clone(), BTreeSet::new()),
                Err(CalendarError::BadHours(_))
            ),
            "{hours:?}"
        );
    }
    assert!(matches!(find_zone(&kit().zones, "Mars/Olympus_Mons"), Err(CalendarError::UnknownZone(_))));
    assert!(matches!(WorkCalendar::days_from_names(&["mon", "Funday"]), Err(CalendarError::BadWeekday(_))));
}

#[test]
fn typed_times_with_their_zone() {
    let z = |id: &str| match kit().zone(id) {
        Some(z) => z,
        None => panic!("{id}"),
    };
    let ok: &[(&str, &str, &str)] = &[
        ("2026-12-01 10:05", "Europe/Zurich", "2026-12-01T09:05:00.000Z"),
        ("2026-07-01T10:05:30", "Europe/Zurich", "2026-07-01T08:05:30.000Z"),
        ("2026-07-01 10:05", "America/Chicago", "2026-07-01T15:05:00.000Z"),
        ("2026-07-01 10:05Z", "America/Chicago", "2026-07-01T10:05:00.000Z"),
        ("2026-07-01 10:05+05:30", "Europe/Zurich", "2026-07-01T04:35:00.000Z"),
        ("2026-10-25 02:30+02:00", "Europe/Zurich", "2026-10-25T00:30:00.000Z"),
        ("2026-01-15 09:00", "Asia/Kolkata", "2026-01-15T03:30:00.000Z"),
    ];
    for (text, zone, want) in ok {
        match parse_local(text, z(zone)) {
            Ok(ts) => assert_eq!(ts.to_string(), *want, "{text} in {zone}"),
            Err(e) => panic!("{text} in {zone}: {e}"),
        }
    }
    let bad: &[(&str, &str)] = &[
        ("2026-03-29 02:30", "in a gap"),
        ("2026-10-25 02:30", "twice"),
        ("2026-02-30 10:00", "no such day"),
        ("2026-12-01 24:00", "no such hour"),
        ("tomorrow at ten", "words"),
        ("2026-12-01 10:00+25:00", "offset too large"),
        ("２０２６-12-01 10:00", "full-width digits"),
        ("1985-06-01 10:00", "before the zone's rules"),
    ];
    for (text, why) in bad {
        assert!(parse_local(text, z("Europe/Zurich")).is_err(), "{text} ({why}) was accepted");
    }
    match parse_local("2026-10-25 02:30", z("Europe/Zurich")) {
        Err(CalendarError::Ambiguous { first, second, .. }) => {
            assert_eq!((first.as_str(), second.as_str()), ("+02:00", "+01:00"))
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        format_local(t("2026-07-01T08:05:00Z"), z("Europe/Zurich")),
        "2026-07-01 10:05 CEST (UTC+02:00)"
    );
    assert_eq!(
        format_local(t("2026-07-01T08:05:00Z"), z("America/Santiago")),
        "2026-07-01 04:05 -04 (UTC-04:00)"
    );
}
