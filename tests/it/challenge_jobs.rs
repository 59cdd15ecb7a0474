//! Job lists: parsing, normalisation, recall and precision.

// Tables are tuples by design: one row per case, read left to right.
#![allow(clippy::type_complexity)]

use ti_core::challenge::jobs::{JobListError, Ratio, normalise, parse_list, score};

#[test]
fn normalisation_table() {
    let cases = [
        ("  6612345678 ", "6612345678"),
        ("0006612345678", "6612345678"),
        ("000", "0"),
        ("\"6612345678\"", "6612345678"),
        ("[6612345678]", "6612345678"),
        ("Schedd.Example.ORG#1234.0#1700000000", "schedd.example.org#1234.0#1700000000"),
        ("1234.0", "1234.0"),
        ("PandaID-42", "PandaID-42"),
    ];
    for (raw, want) in cases {
        assert_eq!(normalise(raw), want, "{raw:?}");
    }
}

#[test]
fn pasted_lists() {
    let cases: &[(&str, &[&str])] = &[
        ("6612345678, 6612345699;6612345701", &["6612345678", "6612345699", "6612345701"]),
        ("6612345678\n6612345678\r\n 06612345678\t", &["6612345678"]),
        ("", &[]),
        (" , ; \n", &[]),
    ];
    for (text, want) in cases {
        match parse_list(text) {
            Ok(got) => assert_eq!(got, want.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "{text:?}"),
            Err(e) => panic!("{text:?}: {e}"),
        }
    }
    assert_eq!(parse_list("1 2 \u{0}3"), Err(JobListError::Control));
    assert_eq!(parse_list(&"9".repeat(300)), Err(JobListError::TooLong));
    let many: String = (0..10_001).map(|i| format!("{i} ")).collect();
    assert_eq!(parse_list(&many), Err(JobListError::TooMany));
}

#[test]
fn recall_and_precision_table() {
    let truth = ["6612345678", "6612345699", "6612345701", "6612345702"];
    // (given, recall, precision, missed, wrong)
    let cases: Vec<(Vec<&str>, (usize, usize), (usize, usize), usize, usize)> = vec![
        (truth.to_vec(), (4, 4), (4, 4), 0, 0),
        (vec!["6612345678", "6612345699", "6612345701"], (3, 4), (3, 3), 1, 0),
        (vec!["6612345678", "6612345699", "6612345701", "6612345702", "7000000001"], (4, 4), (4, 5), 0, 1),
        (vec!["7000000001", "7000000002"], (0, 4), (0, 2), 4, 2),
        (vec![], (0, 4), (0, 0), 4, 0),
        (vec!["06612345678", " 6612345678 ", "6612345678"], (1, 4), (1, 1), 3, 0),
    ];
    for (given, r, p, missed, wrong) in cases {
        let s = score(&truth, &given);
        assert_eq!((s.recall.num, s.recall.den), r, "{given:?} recall");
        assert_eq!((s.precision.num, s.precision.den), p, "{given:?} precision");
        assert_eq!((s.missed.len(), s.wrong.len()), (missed, wrong), "{given:?}");
    }
}

#[test]
fn percent_thresholds_are_exact() {
    let cases = [
        (Ratio { num: 3, den: 3 }, 100.0, true),
        (Ratio { num: 2, den: 3 }, 66.67, false),
        (Ratio { num: 2, den: 3 }, 66.66, true),
        (Ratio { num: 99, den: 100 }, 100.0, false),
        (Ratio { num: 0, den: 0 }, 0.0, false),
        (Ratio { num: 1, den: 2 }, 50.0, true),
    ];
    for (r, p, want) in cases {
        assert_eq!(r.at_least_percent(p), want, "{r} at least {p} %");
    }
    assert_eq!(Ratio { num: 3, den: 4 }.to_string(), "3 of 4 (75 %)");
    assert_eq!(Ratio { num: 0, den: 0 }.to_string(), "none listed");
}
