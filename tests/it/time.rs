use ti_assess::time::Timestamp;

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
