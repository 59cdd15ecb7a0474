//! Zone rules as data, checked against the IANA tzdata: every 2026 transition of the zones that
//! have DST (zone_vectors.txt: zone, UTC second of the transition, offset after it, from zdump of
//! tzdata 2025b), gaps and overlaps of local times, and refused rules.

use ti_core::challenge::zone::{LocalResult, PosixRule};

use crate::challenge_fixtures::{kit, t};

#[test]
fn every_2026_transition_matches_tzdata() {
    let mut seen = 0;
    for line in include_str!("challenge_zone_vectors.txt").lines() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        let [zone, secs, after] = parts.as_slice() else { panic!("bad vector line {line}") };
        let (secs, after): (i64, i32) = match (secs.parse(), after.parse()) {
            (Ok(s), Ok(a)) => (s, a),
            _ => panic!("bad vector line {line}"),
        };
        let Some(z) = kit().zone(zone) else { panic!("{zone} is not in the kit's zone table") };
        assert_eq!(z.rule.offset_at(secs * 1000), after, "{zone} at {secs}");
        assert_ne!(z.rule.offset_at(secs * 1000 - 1), after, "{zone} just before {secs}");
        seen += 1;
    }
    assert_eq!(seen, 50);
}

#[test]
fn offsets_in_summer_and_winter() {
    // (zone, instant, offset in seconds east)
    let cases: &[(&str, &str, i32)] = &[
        ("Europe/Zurich", "2026-01-15T12:00:00Z", 3600),
        ("Europe/Zurich", "2026-07-15T12:00:00Z", 7200),
        ("Europe/London", "2026-07-15T12:00:00Z", 3600),
        ("Europe/Moscow", "2026-07-15T12:00:00Z", 10800),
        ("Asia/Kolkata", "2026-07-15T12:00:00Z", 19800),
        ("Asia/Taipei", "2026-07-15T12:00:00Z", 28800),
        ("America/Chicago", "2026-01-15T12:00:00Z", -21600),
        ("America/Chicago", "2026-07-15T12:00:00Z", -18000),
        ("Australia/Melbourne", "2026-01-15T12:00:00Z", 39600),
        ("Australia/Melbourne", "2026-07-15T12:00:00Z", 36000),
        ("America/Santiago", "2026-01-15T12:00:00Z", -10800),
        ("America/Santiago", "2026-07-15T12:00:00Z", -14400),
        ("Asia/Jerusalem", "2026-03-27T12:00:00Z", 10800),
        ("UTC", "2026-07-15T12:00:00Z", 0),
    ];
    for (zone, at, off) in cases {
        let Some(z) = kit().zone(zone) else { panic!("{zone}") };
        assert_eq!(z.rule.offset_at(t(at).0), *off, "{zone} {at}");
    }
}

#[test]
fn local_times_in_gaps_and_overlaps() {
    let Some(zurich) = kit().zone("Europe/Zurich") else { panic!() };
    let local = |s: &str| t(s).0; // the wall clock read as if it were UTC
    // 29 March 2026: 02:00 → 03:00 in Zurich.
    assert_eq!(
        zurich.rule.local_to_utc(local("2026-03-29T02:30:00Z")),
        LocalResult::Gap { before: t("2026-03-29T00:30:00Z").0, after: t("2026-03-29T01:30:00Z").0 }
    );
    // 25 October 2026: 03:00 → 02:00, so 02:30 happens twice.
    assert_eq!(
        zurich.rule.local_to_utc(local("2026-10-25T02:30:00Z")),
        LocalResult::Ambiguous { earlier: t("2026-10-25T00:30:00Z").0, later: t("2026-10-25T01:30:00Z").0 }
    );
    assert_eq!(
        zurich.rule.local_to_utc(local("2026-07-01T10:00:00Z")),
        LocalResult::Unique(t("2026-07-01T08:00:00Z").0)
    );
    // Southern hemisphere: Melbourne's clocks go back on 5 April 2026 at 03:00.
    let Some(mel) = kit().zone("Australia/Melbourne") else { panic!() };
    assert!(matches!(mel.rule.local_to_utc(local("2026-04-05T02:30:00Z")), LocalResult::Ambiguous { .. }));
    assert!(matches!(mel.rule.local_to_utc(local("2026-10-04T02:30:00Z")), LocalResult::Gap { .. }));
}

#[test]
fn rules_that_are_refused() {
    for bad in [
        "",
        "C",
        "CET",
        "CET-1CEST",
        "CET-1CEST,M3.5.0",
        "CET-1CEST,J60,M10.5.0",
        "CET-1CEST,M13.5.0,M10.5.0",
        "CET-1CEST,M3.6.0,M10.5.0",
        "CET-25",
        "<+03",
        "CET-1CEST,M3.5.0,M10.5.0/3junk",
    ] {
        assert!(PosixRule::parse(bad).is_err(), "{bad:?} was accepted");
    }
    for good in [
        "UTC0",
        "IST-5:30",
        "<+0545>-5:45",
        "IST-2IDT,M3.4.4/26,M10.5.0",
        "<-04>4<-03>,M9.1.6/24,M4.1.6/24",
        "EST5EDT4,M3.2.0/2:00:00,M11.1.0/2:00:00",
    ] {
        assert!(PosixRule::parse(good).is_ok(), "{good:?} was refused");
    }
}
