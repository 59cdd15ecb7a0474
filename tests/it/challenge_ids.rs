//! Challenge IDs in the exercise form `<VO>-<YYYYMMDD>-NN_EXERCISE`.

// Tables are tuples by design: one row per case, read left to right.
#![allow(clippy::type_complexity)]

use ti_core::challenge::id::{ChallengeId, IdError};

use crate::challenge_fixtures::t;

#[test]
fn id_table() {
    let cases: &[(&str, Result<(&str, &str, u8), IdError>)] = &[
        ("atlas-20260310-01_EXERCISE", Ok(("atlas", "2026-03-10", 1))),
        ("  cms-20261231-99_EXERCISE  ", Ok(("cms", "2026-12-31", 99))),
        ("vo.complex-systems.eu-20240229-07_EXERCISE", Ok(("vo.complex-systems.eu", "2024-02-29", 7))),
        ("LHCb-20260101-12_EXERCISE", Ok(("LHCb", "2026-01-01", 12))),
        ("", Err(IdError::Empty)),
        ("atlas-20260310-01", Err(IdError::NoSuffix)),
        ("atlas-20260310-01_exercise", Err(IdError::NoSuffix)),
        ("atlas-20260310-1_EXERCISE", Err(IdError::Shape)),
        ("atlas-2026031-01_EXERCISE", Err(IdError::Shape)),
        ("atlas_20260310_01_EXERCISE", Err(IdError::Shape)),
        ("atlas-20250229-01_EXERCISE", Err(IdError::BadDate("20250229".into()))),
        ("atlas-20261301-01_EXERCISE", Err(IdError::BadDate("20261301".into()))),
        ("atlas-20260310-00_EXERCISE", Err(IdError::BadNumber)),
        ("-20260310-01_EXERCISE", Err(IdError::BadVo)),
        (".atlas-20260310-01_EXERCISE", Err(IdError::BadVo)),
        ("at las-20260310-01_EXERCISE", Err(IdError::BadVo)),
        ("атлас-20260310-01_EXERCISE", Err(IdError::BadVo)),
        ("atlas<script>-20260310-01_EXERCISE", Err(IdError::BadVo)),
    ];
    for (text, want) in cases {
        let got = ChallengeId::parse(text);
        match (got, want) {
            (Ok(id), Ok((vo, date, n))) => {
                assert_eq!(
                    (id.vo(), id.date().to_string().as_str(), id.number()),
                    (*vo, *date, *n),
                    "{text}"
                );
                assert_eq!(id.as_str(), text.trim());
            }
            (Err(e), Err(w)) => assert_eq!(&e, w, "{text}"),
            (g, w) => panic!("{text}: got {g:?}, want {w:?}"),
        }
    }
}

#[test]
fn next_free_number_per_vo_and_day() {
    let used: Vec<ChallengeId> = [
        "atlas-20260310-01_EXERCISE",
        "atlas-20260310-02_EXERCISE",
        "cms-20260310-03_EXERCISE",
        "atlas-20260309-04_EXERCISE",
    ]
    .iter()
    .filter_map(|s| ChallengeId::parse(s).ok())
    .collect();
    let cases = [
        ("atlas", "atlas-20260310-03_EXERCISE"),
        ("ATLAS", "ATLAS-20260310-03_EXERCISE"),
        ("cms", "cms-20260310-01_EXERCISE"),
        ("lhcb", "lhcb-20260310-01_EXERCISE"),
    ];
    for (vo, want) in cases {
        match ChallengeId::next_free(vo, t("2026-03-10T23:59:59Z"), &used) {
            Ok(id) => assert_eq!(id.as_str(), want),
            Err(e) => panic!("{vo}: {e}"),
        }
    }
}

#[test]
fn the_id_must_name_the_challenges_vo() {
    let id = ChallengeId::parse("atlas-20260310-01_EXERCISE");
    let Ok(id) = id else { panic!("parse") };
    assert_eq!(id.check_vo("ATLAS"), Ok(()));
    assert_eq!(id.check_vo("cms"), Err(IdError::VoMismatch { in_id: "atlas".into(), vo: "cms".into() }));
}
