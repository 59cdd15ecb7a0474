use ti_core::time::Timestamp;

#[test]
fn timestamps_round_trip_and_refuse_non_utc_text() {
    for (text, canonical) in [
        ("1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000Z"),
        ("2026-11-26T21:05:09.123Z", "2026-11-26T21:05:09.123Z"),
        ("2024-02-29T23:59:59Z", "2024-02-29T23:59:59.000Z"),
        ("1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z"),
    ] {
        let t = Timestamp::parse(text).unwrap();
        assert_eq!(t.to_string(), canonical);
        assert_eq!(Timestamp::parse(canonical).unwrap(), t);
    }
    assert_eq!(Timestamp::parse("2026-11-26T21:05:09Z").unwrap().date(), "2026-11-26");
    for bad in [
        "",
        "2026-11-26",
        "2026-13-01T00:00:00Z",
        "2023-02-29T00:00:00Z",
        "2026-11-26T21:05:09+01:00",
        "2026-11-26T24:00:00Z",
        "２026-11-26T21:05:09Z",
    ] {
        assert!(Timestamp::parse(bad).is_err(), "{bad}");
    }
}

/// The printed form is what every stored `given_at` holds: it must read back as the same instant
/// across the whole four-digit range, and stay well-formed outside it.
#[test]
fn every_printed_timestamp_parses_back_to_the_same_instant() {
    const DAY: i64 = 86_400_000;
    let first = Timestamp::parse("0000-01-01T00:00:00Z").unwrap().0;
    let last = Timestamp::parse("9999-12-31T23:59:59.999Z").unwrap().0;
    // A prime stride visits every month, leap days and odd milliseconds.
    let mut at = first;
    let mut seen = 0;
    while at <= last {
        let text = Timestamp(at).to_string();
        assert_eq!(text.len(), 24, "{text}");
        assert_eq!(Timestamp::parse(&text).unwrap(), Timestamp(at), "{text}");
        at += 7 * DAY + 3_723_457;
        seen += 1;
    }
    assert!(seen > 500_000);
    assert_eq!(Timestamp(last).to_string(), "9999-12-31T23:59:59.999Z");
    assert_eq!(Timestamp(first).to_string(), "0000-01-01T00:00:00.000Z");
    // Outside four-digit years the text is still printed, not truncated.
    assert_eq!(Timestamp(last + 1).to_string(), "10000-01-01T00:00:00.000Z");
    assert!(Timestamp(first - 1).to_string().starts_with("-001-12-31T23:59:59.999Z"));
}
