//! Challenge results in the working group's collection: read beside the reports with the
//! checks of an import (the sealed truth and organiser records refused), the table of VOs ×
//! challenges with its filters, order and CSV, the mark on each respondent a challenge
//! contradicts, the aggregate summary and its PDF with both, and the assessment PDF's own
//! "contradicted by a challenge" gaps.

use ti_core::challenge::identity::OwnerClaim;
use ti_core::challenge::model::OrganiserRecord;
use ti_core::challenge::outcome::Overall;
use ti_core::challenge::views::result;
use ti_core::collect::challenges::{self, ChallengeFilter};
use ti_core::collect::matrix::Filter;
use ti_core::collect::{Collection, SkipKind, summary};
use ti_core::model::Severity;
use ti_core::persist::{self, DecodeError, challenge as chl};
use ti_core::report;
use ti_core::time::Date;
use ti_pdf as pdf;

use crate::challenge_fixtures::{kit, v1_pass};
use crate::collect::{json, vo_report};
use crate::pdf::{flat, fonts, pdftotext};

/// The day the collection is judged: after every fixture event.
fn judged() -> Date {
    Date::parse("2026-12-02").unwrap()
}

/// The passed V1 challenge of ATLAS, as the organiser hands it out.
fn passed() -> String {
    chl::encode_result(kit(), &result(kit(), &v1_pass()))
}

/// A V1 of ATLAS whose VO named the wrong owner (C2 fails: FAIL), a later ID and date.
fn failed() -> OrganiserRecord {
    let mut r = v1_pass();
    r.challenge.answer.owner = OwnerClaim { username: "jdoe".into(), ..Default::default() };
    r
}

fn failed_result_text(id: &str, date: &str) -> String {
    let mut res = result(kit(), &failed());
    res.id = id.into();
    res.date = Date::parse(date).unwrap();
    chl::encode_result(kit(), &res)
}

/// ATLAS's VO report claiming the drill found the owner, and a Greek-named small VO.
fn with_reports() -> Collection {
    let mut c = Collection::new(judged());
    let atlas = vo_report(
        "atlas",
        "ATLAS 2026",
        "2026-11-20T09:00:00Z",
        &[("profile.vo-name", "t:atlas"), ("VO-TRC-1.outcome", "o:owner-found")],
    );
    let small =
        vo_report("hellas", "Ελληνικός ΟΕ", "2026-11-20T09:00:00Z", &[("profile.vo-name", "t:hellas")]);
    c.add_file("atlas.json", &json(&atlas));
    c.add_file("hellas.json", &json(&small));
    c
}

#[test]
fn a_challenge_result_is_read_beside_the_reports() {
    let mut c = with_reports();
    let outcome = c.add_file("atlas-result.json", passed().as_bytes());
    let loaded = outcome.result.as_ref().unwrap();
    assert_eq!(loaded.format, chl::RESULT_FORMAT);
    assert_eq!(
        loaded.words(),
        format!("read: ti-assess.challenge-result schema 1, challenge kit {}", kit().version)
    );
    assert_eq!((c.reports.len(), c.challenges.len(), c.skipped()), (2, 1, 0));
    // Kept and read again: the challenge comes back as a challenge.
    let mut again = Collection::new(judged());
    again.restore(&c.kept());
    assert_eq!((again.reports.len(), again.challenges.len()), (2, 1));
    assert_eq!(again.challenges[0].result, c.challenges[0].result);
}

/// A result saved by an editor that adds a UTF-8 byte-order mark is read as an assessment would
/// be (the file's text is read once, by the import, for both).
#[test]
fn a_challenge_result_with_a_byte_order_mark_is_read() {
    let mut c = with_reports();
    let bytes = [b"\xEF\xBB\xBF".as_slice(), passed().as_bytes()].concat();
    let outcome = c.add_file("atlas-result.json", &bytes);
    assert_eq!(outcome.result.as_ref().map(|l| l.format), Ok(chl::RESULT_FORMAT), "{outcome:?}");
    assert_eq!(outcome.size, bytes.len());
    let mut plain = with_reports();
    plain.add_file("atlas-result.json", passed().as_bytes());
    assert_eq!(c.challenges[0].result, plain.challenges[0].result);
}

/// Each challenge file the collection must refuse, with the import's message; nothing else
/// changes.
#[test]
fn organiser_files_and_impossible_results_are_refused_with_the_reason() {
    let truth = chl::encode_record(kit(), &v1_pass(), true);
    let record = chl::encode_record(kit(), &v1_pass(), false);
    // Judged on 30 November, the alert of 1 December lies in the future.
    let future = passed();
    let newer = passed().replacen("\"schema\": 1", "\"schema\": 7", 1);
    let unknown_framework = passed().replacen("\"framework\": \"panda\"", "\"framework\": \"condor-x\"", 1);
    assert!(newer != passed() && unknown_framework != passed(), "a case does not apply");
    let cases: &[(&str, &str, SkipKind, &str)] = &[
        ("organiser-TLP-RED.json", &truth, SkipKind::Foreign, "sealed ground truth"),
        ("record.json", &record, SkipKind::Foreign, "organiser's challenge record"),
        ("newer.json", &newer, SkipKind::NewerSchema, "newer"),
        ("framework.json", &unknown_framework, SkipKind::Corrupt, "condor-x"),
        ("future.json", &future, SkipKind::Corrupt, "E2"),
    ];
    for (name, text, kind, words) in cases {
        let day = if *name == "future.json" { Date::parse("2026-11-30").unwrap() } else { judged() };
        let mut c = Collection::new(day);
        let out = c.add_file(name, text.as_bytes()).clone();
        let Err(why) = out.result else { panic!("{name} was read") };
        assert_eq!(why.kind, *kind, "{name}: {}", why.message);
        assert!(why.message.to_lowercase().contains(&words.to_lowercase()), "{name}: {}", why.message);
        assert!(c.challenges.is_empty(), "{name}");
    }
}

#[test]
fn the_table_lists_each_vo_s_challenges_newest_first_with_filters() {
    let mut c = with_reports();
    c.add_file("a.json", passed().as_bytes());
    c.add_file("b.json", failed_result_text("atlas-20250601-01_EXERCISE", "2025-06-01").as_bytes());
    let mut cms = result(kit(), &v1_pass());
    cms.vo = "CMS".into();
    cms.id = "cms-20261115-01_EXERCISE".into();
    c.add_file("c.json", chl::encode_result(kit(), &cms).as_bytes());
    // The same challenge read twice is one row.
    c.add_file("a-again.json", passed().as_bytes());

    let all = challenges::rows(kit(), &c, &ChallengeFilter::default());
    let ids: Vec<&str> = all.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["atlas-20261201-01_EXERCISE", "atlas-20250601-01_EXERCISE", "cms-20261115-01_EXERCISE"]);
    assert_eq!(all[0].result, "PASS");
    assert!(all[1].result.starts_with("FAIL"), "{}", all[1].result);
    // Alert 09:00, acknowledged 10:00, owner named 12:00 (two hours after E3); no suspension in V1.
    assert_eq!(all[0].values, ["1", "2", "-"]);
    assert_eq!(
        challenges::headings(kit())[..5],
        ["VO", "Challenge", "Date", "Variant", "Result"].map(String::from)
    );

    let cases: &[(ChallengeFilter, &[&str])] = &[
        (
            ChallengeFilter { vo: Some("atlas".into()), ..Default::default() },
            &["atlas-20261201-01_EXERCISE", "atlas-20250601-01_EXERCISE"],
        ),
        (
            ChallengeFilter { overall: Some(Overall::Fail), ..Default::default() },
            &["atlas-20250601-01_EXERCISE"],
        ),
        (ChallengeFilter { variant: Some("V3".into()), ..Default::default() }, &[]),
        (
            ChallengeFilter {
                vo: Some("cms".into()),
                overall: Some(Overall::Pass),
                variant: Some("V1".into()),
            },
            &["cms-20261115-01_EXERCISE"],
        ),
    ];
    for (f, want) in cases {
        let got: Vec<String> = challenges::rows(kit(), &c, f).into_iter().map(|r| r.id).collect();
        assert_eq!(got, *want, "{f:?}");
    }
    assert_eq!(challenges::vos(&c), ["atlas", "CMS"]);
}

#[test]
fn the_challenges_csv_has_one_line_per_row_and_guards_formulas() {
    let mut hostile = result(kit(), &v1_pass());
    hostile.vo = "=HYPERLINK(\"http://x\")".into();
    let mut c = Collection::new(judged());
    c.add_file("h.json", chl::encode_result(kit(), &hostile).as_bytes());
    let csv = challenges::csv(kit(), &challenges::rows(kit(), &c, &ChallengeFilter::default()));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(
        lines[0].starts_with("\"VO\",\"Challenge\",\"Date\",\"Variant\",\"Result\",\"Hours to"),
        "{}",
        lines[0]
    );
    assert!(lines[1].starts_with("\"'=HYPERLINK"), "{}", lines[1]);
}

#[test]
fn a_respondent_is_marked_when_its_latest_challenge_contradicts_it() {
    let cases: &[(&[String], usize)] = &[
        (&[], 0),
        (&[passed()], 0),
        (&[failed_result_text("atlas-20261201-02_EXERCISE", "2026-12-01")], 1),
        // A later pass outweighs an earlier failure: only the latest challenge counts.
        (&[failed_result_text("atlas-20250601-01_EXERCISE", "2025-06-01"), passed()], 0),
    ];
    for (files, marked) in cases {
        let mut c = with_reports();
        for (i, f) in files.iter().enumerate() {
            c.add_file(&format!("{i}.json"), f.as_bytes());
        }
        let found = challenges::contradicted(kit(), &c);
        assert_eq!(found.len(), *marked, "{files:?}");
        if *marked == 1 {
            let atlas = &found["atlas"];
            let rules: Vec<&str> = atlas.iter().map(|c| c.rule.as_str()).collect();
            assert!(rules.contains(&"chl-vo-owner-not-found"), "{rules:?}");
            assert_eq!(atlas[0].severity, Severity::Critical);
            assert_eq!(atlas[0].challenge, "atlas-20261201-02_EXERCISE");
            assert!(!found.contains_key("hellas"));
        }
    }
}

#[test]
fn the_aggregate_summary_and_its_pdf_carry_the_challenges_and_the_contradictions() {
    let mut c = with_reports();
    c.add_file("fail.json", failed_result_text("atlas-20261201-02_EXERCISE", "2026-12-01").as_bytes());
    let f = Filter::default();
    let r = summary::build(&c, &f, summary::since_previous(&c, &f));
    let found = challenges::contradicted(kit(), &c);
    let n = found["atlas"].len();
    assert_eq!(r.challenges.rows.len(), 1);
    // One row per contradiction of ATLAS, most severe first; none for the Greek VO.
    assert_eq!(r.contradictions.rows.len(), n);
    assert_eq!(
        r.contradictions.rows[0][..4],
        ["ATLAS 2026", "atlas-20261201-02_EXERCISE", "VO-TRC-1", "critical"]
    );
    let atlas = r.respondents.iter().find(|l| l.name == "ATLAS 2026").unwrap();
    assert_eq!(atlas.contradicted, format!("contradicted by atlas-20261201-02_EXERCISE ({n})"));
    let hellas = r.respondents.iter().find(|l| l.name == "Ελληνικός ΟΕ").unwrap();
    assert_eq!(hellas.contradicted, "");
    // The message to the worker carries both, unchanged.
    assert_eq!(persist::decode_aggregate(&persist::encode_aggregate(&r)).unwrap(), r);

    let text = flat(&pdftotext("aggregate-challenges", &pdf::render_aggregate(&r, fonts()).unwrap().bytes));
    for want in [
        "Challenges: each VO's lightweight challenges",
        "atlas-20261201-02_EXERCISE",
        "Self-assessments contradicted by a challenge",
        "did not identify the owner",
        "Ελληνικός ΟΕ",
    ] {
        assert!(text.contains(want), "missing {want:?} in {text}");
    }
}

#[test]
fn the_assessment_pdf_prints_the_contradictions_as_gaps_of_their_own() {
    let c = {
        let mut c = with_reports();
        c.add_file("fail.json", failed_result_text("atlas-20261201-02_EXERCISE", "2026-12-01").as_bytes());
        c
    };
    let found = challenges::contradicted(kit(), &c).remove("atlas").unwrap();
    // The page sends them to the worker as a message; it reads back the same.
    let message = persist::encode_contradictions(&found);
    assert_eq!(persist::decode_contradictions(&message).unwrap(), found);
    let r = &c.reports[0];
    let plain = report::build(r.set, &r.assessment);
    let held = report::contradicted_by(plain.clone(), r.set, &found);
    assert_eq!(held.contradicted_heading, format!("Contradicted by a challenge ({})", found.len()));
    assert_eq!(held.contradicted[0].severity, "CRITICAL");
    // The attachment is still the assessment alone.
    assert_eq!(held.attachment, plain.attachment);
    let bytes = pdf::render(&held, fonts()).unwrap().bytes;
    assert_eq!(bytes, pdf::render(&held, fonts()).unwrap().bytes, "not deterministic");
    let text = flat(&pdftotext("assessment-contradicted", &bytes));
    assert!(text.contains(&held.contradicted_heading), "{text}");
    assert!(
        text.contains("The self-assessment is contradicted by challenge atlas-20261201-02_EXERCISE"),
        "{text}"
    );
    assert!(
        !flat(&pdftotext("assessment-plain", &pdf::render(&plain, fonts()).unwrap().bytes))
            .contains("Contradicted by a challenge")
    );
}

#[test]
fn a_bad_contradictions_message_is_refused() {
    let good = persist::encode_contradictions(&[]);
    let cases: &[(&str, String)] = &[
        ("severity", good.replace("[]", r#"[{"rule":"r","recommendation":"VO-TRC-1","severity":"dire","challenge":"x","message":"m","action":"a","questions":[]}]"#)),
        ("format", good.replace("ti-assess.contradictions", "ti-assess.other")),
        ("schema", good.replace("\"schema\":1", "\"schema\":2")),
        ("json", "{".into()),
    ];
    for (name, text) in cases {
        let got = persist::decode_contradictions(text);
        match (name, &got) {
            (&"schema", Err(DecodeError::NewerSchema { .. }))
            | (&"format", Err(DecodeError::WrongFormat { .. }))
            | (&"json", Err(DecodeError::NotJson { .. }))
            | (&"severity", Err(DecodeError::Invalid { .. })) => {}
            _ => panic!("{name}: {got:?}"),
        }
    }
}
