//! The working group's collection on generated reports: per-file outcomes (bad files skipped
//! with their reason, the rest read), grouping by respondent newest first, the matrix with its
//! totals, filters and sorts, the long CSV, the aggregate summary, and compare over time.

use ti_core::collect::diff::{self, CompareError};
use ti_core::collect::matrix::{self, Filter, Sort};
use ti_core::collect::{Collection, SkipKind, summary};
use ti_core::model::{Assessment, QuestionSet, QuestionSetRef, Respondent, Severity};
use ti_core::persist;
use ti_core::status::{self, Status};
use ti_core::time::{Date, Timestamp};

use crate::support::{site, today, value, vo};

/// A report of `set`: `good` with `changes` applied (`-` removes), every answer given at `when`.
fn report(
    set: &QuestionSet,
    good: &[(&str, &str)],
    id: &str,
    name: &str,
    when: &str,
    changes: &[(&str, &str)],
) -> Assessment {
    let mut a =
        Assessment::named(id, name, QuestionSetRef { id: set.id.clone(), version: set.version.clone() });
    let at = Timestamp::parse(when).unwrap();
    for (q, spec) in good {
        if !changes.iter().any(|(c, _)| c == q) {
            a.set_answer(q, Some(value(spec)), at);
        }
    }
    for (q, spec) in changes.iter().filter(|(_, s)| *s != "-") {
        assert!(set.question(q).is_some(), "unknown question {q}");
        a.set_answer(q, Some(value(spec)), at);
    }
    a
}

pub(crate) fn vo_report(id: &str, name: &str, when: &str, changes: &[(&str, &str)]) -> Assessment {
    report(vo(), crate::scenarios_vo::GOOD, id, name, when, changes)
}

pub(crate) fn site_report(id: &str, name: &str, when: &str, changes: &[(&str, &str)]) -> Assessment {
    report(site(), crate::scenarios_site::GOOD, id, name, when, changes)
}

pub(crate) fn json(a: &Assessment) -> Vec<u8> {
    persist::encode(a).into_bytes()
}

/// One file of each kind of trouble, between good ones; the expected outcome per file.
#[test]
fn each_file_gets_an_outcome_and_a_bad_one_never_stops_the_others() {
    let good = json(&vo_report("atlas", "ATLAS", "2026-10-01T09:00:00Z", &[]));
    let current = format!("\"schema\":{}", persist::SCHEMA);
    let newer = String::from_utf8(good.clone()).unwrap().replacen(&current, "\"schema\":9", 1);
    assert!(newer.contains("\"schema\":9"), "the newer-schema case does not apply");
    let unknown_set =
        String::from_utf8(good.clone()).unwrap().replacen("\"wlcg-ti-vo\"", "\"wlcg-ti-other\"", 1);
    let cases: &[(&str, Vec<u8>, Option<SkipKind>)] = &[
        ("atlas.json", good.clone(), None),
        ("truncated.json", good[..good.len() / 2].to_vec(), Some(SkipKind::Corrupt)),
        ("picture.png", b"\x89PNG\r\n\x1a\n....".to_vec(), Some(SkipKind::Foreign)),
        ("other.json", br#"{"format":"something-else","x":1}"#.to_vec(), Some(SkipKind::Foreign)),
        ("newer.json", newer.into_bytes(), Some(SkipKind::NewerSchema)),
        ("other-set.json", unknown_set.into_bytes(), Some(SkipKind::UnknownSet)),
        ("report.pdf", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec(), Some(SkipKind::Pdf)),
        ("huge.json", vec![b' '; persist::MAX_BYTES + 1], Some(SkipKind::TooLarge)),
        ("empty.json", Vec::new(), Some(SkipKind::Corrupt)),
        ("cms.json", json(&vo_report("cms", "CMS", "2026-10-02T09:00:00Z", &[])), None),
    ];
    let mut c = Collection::new(today());
    for (name, bytes, _) in cases {
        c.add_file(name, bytes);
    }
    assert_eq!(c.files.len(), cases.len());
    for ((name, _, expect), got) in cases.iter().zip(&c.files) {
        assert_eq!(&got.name, name);
        match (expect, &got.result) {
            (None, Ok(loaded)) => {
                assert_eq!(loaded.format, "ti-assess.assessment");
                assert_eq!(loaded.schema, persist::SCHEMA);
                assert_eq!(loaded.set_version, format!("wlcg-ti-vo {}", vo().version));
                assert!(!loaded.other_version);
            }
            (Some(kind), Err(skipped)) => {
                assert_eq!(skipped.kind, *kind, "{name}: {}", skipped.message);
                assert!(!skipped.message.is_empty());
            }
            (e, r) => panic!("{name}: expected {e:?}, got {r:?}"),
        }
    }
    assert_eq!(c.reports.len(), 2);
    assert_eq!(c.skipped(), cases.len() - 2);
}

#[test]
fn an_older_set_version_is_read_and_flagged() {
    let mut a = vo_report("lhcb", "LHCb", "2026-10-01T09:00:00Z", &[]);
    a.question_set.version = "0.9.0".into();
    let mut c = Collection::new(today());
    let got = c.add_file("lhcb-old.json", &json(&a)).result.clone().unwrap();
    assert_eq!(got.set_version, "wlcg-ti-vo 0.9.0");
    assert!(got.other_version);
    assert_eq!(c.reports[0].statuses.len(), vo().recommendations.len());
}

#[test]
fn reports_of_one_respondent_are_grouped_newest_first() {
    // (file, assessment ID, name, last answer time)
    let files = [
        ("a-2025", "atlas", "ATLAS 2025", "2025-11-01T09:00:00Z"),
        ("site-1", "cern", "CERN", "2026-03-01T09:00:00Z"),
        ("a-2026", "atlas", "ATLAS 2026", "2026-11-01T09:00:00Z"),
        ("a-2024", "atlas", "ATLAS 2024", "2024-11-01T09:00:00Z"),
    ];
    let mut c = Collection::new(today());
    for (file, id, name, when) in files {
        let a = if id == "cern" { site_report(id, name, when, &[]) } else { vo_report(id, name, when, &[]) };
        c.add_file(file, &json(&a));
    }
    let groups = c.respondents();
    let seen: Vec<(&str, &str, Vec<usize>)> =
        groups.iter().map(|g| (g.id.as_str(), g.label.as_str(), g.reports.clone())).collect();
    assert_eq!(seen, vec![("atlas", "ATLAS 2026", vec![2, 0, 3]), ("cern", "CERN", vec![1])]);
    // The matrix shows the newest report and counts the history.
    let m = matrix::matrix(&c, &Filter::default(), Sort::Name);
    let rows: Vec<(&str, usize, usize)> =
        m.rows.iter().map(|r| (r.label.as_str(), r.report, r.history)).collect();
    assert_eq!(rows, vec![("ATLAS 2026", 2, 3), ("CERN", 1, 1)]);
}

/// Four respondents with known gaps.
pub(crate) fn four() -> Collection {
    let reports = [
        vo_report("atlas", "ATLAS", "2026-11-01T09:00:00Z", &[]),
        vo_report(
            "smallvo",
            "Small VO",
            "2026-10-01T09:00:00Z",
            &[
                ("VO-CON-1.email", "t:jane.doe@examplevo.org"),
                ("profile.infrastructure", "m:egi"),
                ("profile.frameworks", "m:dirac"),
            ],
        ),
        site_report("cern", "CERN", "2026-09-01T09:00:00Z", &[]),
        site_report("osgsite", "=OSG site", "2026-08-01T09:00:00Z", &[("profile.infrastructure", "m:osg")]),
    ];
    let mut c = Collection::new(today());
    for a in &reports {
        c.add_file(&format!("{}.json", a.id), &json(a));
    }
    c
}

#[test]
fn matrix_cells_are_each_reports_own_statuses_and_totals_add_up() {
    let c = four();
    let m = matrix::matrix(&c, &Filter::default(), Sort::Name);
    assert_eq!(m.rows.len(), 4);
    // Every recommendation of both sets is a column, each once.
    let mut ids: Vec<&str> = vo().recommendations.iter().map(|r| r.id.as_str()).collect();
    for r in &site().recommendations {
        if !ids.contains(&r.id.as_str()) {
            ids.push(&r.id);
        }
    }
    assert_eq!(m.columns.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ids);
    for row in &m.rows {
        let r = &c.reports[row.report];
        let own = status::recommendation_statuses(r.set, &r.assessment, today());
        for (col, cell) in m.columns.iter().zip(&row.cells) {
            assert_eq!(
                *cell,
                own.iter().find(|s| s.id == col.id).map(|s| s.status),
                "{} {}",
                row.label,
                col.id
            );
        }
        assert_eq!(row.totals.cells, own.len());
    }
    // Column totals are the sums of the cells.
    for (i, t) in m.totals.iter().enumerate() {
        let cells: Vec<Status> = m.rows.iter().filter_map(|r| r.cells[i]).collect();
        assert_eq!(t.cells, cells.len());
        assert_eq!(t.met, cells.iter().filter(|s| **s == Status::Met).count());
        assert_eq!(t.gap_total(), cells.iter().filter(|s| matches!(s, Status::Gap(_))).count());
    }
    // The personal contact is the one critical gap of Small VO on VO-CON-1.
    let small = m.rows.iter().find(|r| r.respondent == "smallvo").unwrap();
    let con1 = m.columns.iter().position(|c| c.id == "VO-CON-1").unwrap();
    assert_eq!(small.cells[con1], Some(Status::Gap(Severity::Critical)));
    assert_eq!(m.totals[con1].met, 1);
    assert_eq!(m.totals[con1].gaps, [1, 0, 0, 0]);
    assert_eq!(matrix::cell_text(Status::Gap(Severity::Critical)), "✗ crit");
    let atlas = m.rows.iter().find(|r| r.respondent == "atlas").unwrap();
    assert_eq!(atlas.totals.gap_total(), 0);
    assert_eq!(atlas.totals.text(), format!("{} met, no gaps", atlas.totals.met));
}

#[test]
fn filters_and_sorts_are_pure_functions_of_the_collection() {
    let c = four();
    let f = |kind: Option<Respondent>, facets: &[(&str, &str)], severity: Option<Severity>| Filter {
        kind,
        facets: facets.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect(),
        severity,
    };
    // (filter, sort, expected row labels in order)
    let cases: Vec<(Filter, Sort, Vec<&str>)> = vec![
        (Filter::default(), Sort::Name, vec!["=OSG site", "ATLAS", "CERN", "Small VO"]),
        (Filter::default(), Sort::Newest, vec!["ATLAS", "Small VO", "CERN", "=OSG site"]),
        (f(Some(Respondent::Vo), &[], None), Sort::Name, vec!["ATLAS", "Small VO"]),
        (f(Some(Respondent::Site), &[], None), Sort::Name, vec!["=OSG site", "CERN"]),
        (f(None, &[("infrastructure", "osg")], None), Sort::Name, vec!["=OSG site", "ATLAS"]),
        (f(None, &[("infrastructure", "egi")], None), Sort::Name, vec!["ATLAS", "CERN", "Small VO"]),
        (f(None, &[("framework", "panda")], None), Sort::Name, vec!["ATLAS"]),
        (f(None, &[("framework", "dirac")], None), Sort::Name, vec!["ATLAS", "Small VO"]),
        (f(None, &[("ce", "arc-ce")], None), Sort::Name, vec!["=OSG site", "CERN"]),
        (f(Some(Respondent::Vo), &[("ce", "arc-ce")], None), Sort::Name, vec![]),
    ];
    for (filter, sort, expect) in cases {
        let m = matrix::matrix(&c, &filter, sort);
        let got: Vec<&str> = m.rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(got, expect, "{filter:?} {sort:?}");
    }
    // Most gaps first: Small VO has a critical gap, so it leads.
    let m = matrix::matrix(&c, &Filter::default(), Sort::MostGaps);
    assert_eq!(m.rows[0].label, "Small VO");
    // A VO-only filter shows only the VO set's recommendations; a severity filter only that severity.
    let m = matrix::matrix(&c, &f(Some(Respondent::Vo), &[], None), Sort::Name);
    assert_eq!(m.columns.len(), vo().recommendations.len());
    let m = matrix::matrix(&c, &f(None, &[], Some(Severity::Critical)), Sort::Name);
    assert!(!m.columns.is_empty());
    assert!(m.columns.iter().all(|c| c.severity == Severity::Critical));
    // Facet choices: the shared infrastructure facet once, with the union of options.
    let facets = matrix::facet_choices(&c);
    let ids: Vec<&str> = facets.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, vec!["infrastructure", "framework", "ce"]);
    let infra: Vec<&str> = facets[0].options.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(infra, vec!["egi", "osg", "other"]);
}

#[test]
fn long_csv_has_one_guarded_line_per_shown_cell() {
    let c = four();
    let m = matrix::matrix(&c, &Filter::default(), Sort::Name);
    let csv = matrix::long_csv(&c, &m);
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines[0], r#""respondent","recommendation","status","severity","answer""#);
    let cells: usize = m.rows.iter().map(|r| r.totals.cells).sum();
    assert_eq!(lines.len(), 1 + cells);
    // A name starting with `=` is guarded, never run as a formula.
    assert!(lines.iter().any(|l| l.starts_with(r#""'=OSG site","#)));
    assert!(!lines.iter().any(|l| l.starts_with(r#""=OSG"#)));
    let gap = lines.iter().find(|l| l.starts_with(r#""Small VO","VO-CON-1","#)).unwrap();
    assert!(gap.contains(r#""gap: critical","critical","#), "{gap}");
    assert!(gap.contains("jane.doe@examplevo.org"), "{gap}");
}

#[test]
fn the_aggregate_summary_words_the_totals() {
    let mut c = four();
    c.add_file("broken.json", b"{\"format\":");
    let s = summary::build(&c, &Filter::default(), Vec::new());
    assert_eq!(s.overview, "5 files read, 4 reports from 4 respondents, 1 skipped");
    assert_eq!(s.judged_at, "2026-11-26");
    assert_eq!(s.skipped.len(), 1);
    assert!(s.skipped[0].starts_with("broken.json: "));
    assert_eq!(s.respondents.len(), 4);
    let con1 = s.recommendations.iter().find(|r| r.recommendation.starts_with("VO-CON-1 ")).unwrap();
    assert_eq!(con1.totals, "1 of 2 met, 1 gap (1 critical)");
}

/// (name, before changes and time, after changes and time, new gap recommendations, closed gap
/// recommendations, changed questions, gone-stale questions)
type DiffCase = (
    &'static str,
    (&'static [(&'static str, &'static str)], &'static str),
    (&'static [(&'static str, &'static str)], &'static str),
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
);

const DIFFS: &[DiffCase] = &[
    ("nothing changed", (&[], "2026-01-10T09:00:00Z"), (&[], "2026-11-01T09:00:00Z"), &[], &[], &[], &[]),
    (
        "a personal contact replaced by a role address closes a gap",
        (&[("VO-CON-1.email", "t:jane.doe@examplevo.org")], "2025-11-01T09:00:00Z"),
        (&[], "2026-11-01T09:00:00Z"),
        &[],
        &["VO-CON-1"],
        &["VO-CON-1.email"],
        &[],
    ),
    (
        "a removed contact opens a gap",
        (&[], "2025-11-01T09:00:00Z"),
        (&[("VO-CON-1.email", "-")], "2026-11-01T09:00:00Z"),
        &["VO-CON-1"],
        &[],
        &["VO-CON-1.email"],
        &[],
    ),
    (
        "a confirmation date fresh then is stale today",
        (&[("VO-CON-2.confirmed", "d:2025-09-20")], "2026-01-10T09:00:00Z"),
        (&[("VO-CON-2.confirmed", "d:2025-09-20")], "2026-01-10T09:00:00Z"),
        &["VO-CON-2"],
        &[],
        &[],
        &["VO-CON-2.confirmed"],
    ),
    (
        "a stale date renewed closes the gap",
        (&[("VO-CON-2.confirmed", "d:2024-09-20")], "2025-11-01T09:00:00Z"),
        (&[], "2026-11-01T09:00:00Z"),
        &[],
        &["VO-CON-2"],
        &["VO-CON-2.confirmed"],
        &[],
    ),
];

#[test]
fn compare_lists_new_and_closed_gaps_changed_answers_and_stale_items() {
    for (name, (b_changes, b_when), (a_changes, a_when), new, closed, changed, stale) in DIFFS {
        let before = vo_report("atlas", "ATLAS", b_when, b_changes);
        let after = vo_report("atlas", "ATLAS", a_when, a_changes);
        let d = diff::compare(&before, &after, today()).unwrap();
        let recs = |g: &[diff::GapChange]| g.iter().map(|g| g.recommendation.clone()).collect::<Vec<_>>();
        assert_eq!(recs(&d.new_gaps), *new, "{name}: new gaps");
        assert_eq!(recs(&d.closed_gaps), *closed, "{name}: closed gaps");
        let qs: Vec<&str> = d.changed_answers.iter().map(|c| c.question.as_str()).collect();
        assert_eq!(qs, *changed, "{name}: changed answers");
        let st: Vec<&str> = d.gone_stale.iter().map(|s| s.question.as_str()).collect();
        assert_eq!(st, *stale, "{name}: gone stale");
        assert_eq!(
            d.is_empty(),
            new.is_empty() && closed.is_empty() && changed.is_empty() && stale.is_empty()
        );
    }
}

#[test]
fn compare_words_the_change_and_refuses_different_sets() {
    let before = vo_report("atlas", "ATLAS", "2025-11-01T09:00:00Z", &[("VO-CON-1.email", "-")]);
    let after = vo_report("atlas", "ATLAS", "2026-11-01T09:00:00Z", &[]);
    let d = diff::compare(&before, &after, today()).unwrap();
    assert_eq!(d.changed_answers[0].before, "Not answered");
    assert_eq!(d.changed_answers[0].after, "security@examplevo.org");
    let s = site_report("cern", "CERN", "2026-11-01T09:00:00Z", &[]);
    assert_eq!(
        diff::compare(&after, &s, today()),
        Err(CompareError::DifferentSets { before: "wlcg-ti-vo".into(), after: site().id.clone() })
    );
    let stale = diff::compare(
        &vo_report("x", "X", "2026-01-10T09:00:00Z", &[("VO-CON-2.confirmed", "d:2025-09-20")]),
        &vo_report("x", "X", "2026-01-10T09:00:00Z", &[("VO-CON-2.confirmed", "d:2025-09-20")]),
        Date::parse("2026-11-26").unwrap(),
    )
    .unwrap();
    assert_eq!(stale.gone_stale[0].age_days, 432);
    assert_eq!(stale.gone_stale[0].max_days, 365.0);
}

/// Scale check without a clock: the collection evaluates each report exactly once, so the
/// reports hold one status list each, however many files.
#[test]
fn many_generated_reports_aggregate() {
    let mut c = Collection::new(today());
    for i in 0..200 {
        let a = if i % 2 == 0 {
            vo_report(&format!("vo{i}"), &format!("VO {i}"), "2026-10-01T09:00:00Z", &[])
        } else {
            site_report(&format!("site{i}"), &format!("Site {i}"), "2026-10-01T09:00:00Z", &[])
        };
        c.add_file(&format!("{i}.json"), &json(&a));
    }
    let m = matrix::matrix(&c, &Filter::default(), Sort::MostGaps);
    assert_eq!(m.rows.len(), 200);
    assert!(m.totals.iter().all(|t| t.cells == 100 || t.cells == 200));
}

/// The e2e suite and the collect benchmark build their reports from these two files: a VO and a
/// site that meet everything (`GOOD` of the scenario tables). Run with `UPDATE_FIXTURES=1` to
/// rewrite them after a change of the scenarios. The VO file stays in schema 1 on purpose, so
/// that the browser suite imports and collects a migrated document too.
#[test]
fn e2e_fixtures_are_the_good_scenarios() {
    for (path, a, schema) in [
        ("tests/e2e/fixtures/vo-good.json", vo_report("good-vo", "Good VO", "2026-10-01T09:00:00Z", &[]), 1),
        (
            "tests/e2e/fixtures/site-good.json",
            site_report("good-site", "Good site", "2026-10-01T09:00:00Z", &[]),
            persist::SCHEMA,
        ),
    ] {
        // A schema-2 document with `"schema":1` is a valid schema-1 one: schema 2 only made `id`
        // and `name`, which it always carries, required.
        // Committed fixtures: of no particular build, so without `generator` (schema 1 has none).
        let text = crate::support::without_generator(&persist::encode(&a)).replacen(
            &format!("\"schema\":{}", persist::SCHEMA),
            &format!("\"schema\":{schema}"),
            1,
        );
        assert_eq!(persist::decode_versioned(&text), Ok((a.clone(), schema)), "{path}");
        if std::env::var_os("UPDATE_FIXTURES").is_some() {
            std::fs::create_dir_all("tests/e2e/fixtures").unwrap();
            std::fs::write(path, &text).unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(path).unwrap(),
            text,
            "{path} is out of date: run with UPDATE_FIXTURES=1"
        );
    }
}

/// Reading keeps statuses without answer texts; the full statuses differ only in those texts.
#[test]
fn statuses_only_match_the_full_statuses_but_for_the_answer_texts() {
    for a in [
        vo_report("a", "A", "2026-10-01T09:00:00Z", &[("VO-CON-1.email", "t:jane.doe@examplevo.org")]),
        site_report("b", "B", "2026-10-01T09:00:00Z", &[("profile.infrastructure", "-")]),
    ] {
        let set = ti_core::catalog::builtin(&a.question_set.id).unwrap();
        let full = status::recommendation_statuses(set, &a, today());
        let mut only = status::statuses_only(set, &a, today());
        assert!(only.iter().all(|s| s.answers.is_empty()));
        for (o, f) in only.iter_mut().zip(&full) {
            o.answers = f.answers.clone();
        }
        assert_eq!(only, full);
    }
}

/// "Keep this collection in this browser": what is kept reads back as the same collection (same
/// matrix, same history), skipped files are not kept, and a kept copy that is not ours, newer or
/// too large is refused with a typed error.
#[test]
fn a_kept_collection_reads_back_as_the_same_matrix_and_refuses_what_is_not_one() {
    let mut c = Collection::new(today());
    c.add_file("atlas-2025.json", &json(&vo_report("atlas", "ATLAS", "2025-10-01T09:00:00Z", &[])));
    c.add_file("atlas.json", &json(&vo_report("atlas", "ATLAS", "2026-10-01T09:00:00Z", &[])));
    c.add_file("cern.json", &json(&site_report("cern", "CERN", "2026-10-02T09:00:00Z", &[])));
    c.add_file("broken.json", b"{\"format\":");
    let kept = c.kept();
    assert_eq!(
        kept.iter().map(|k| k.name.as_str()).collect::<Vec<_>>(),
        ["atlas-2025.json", "atlas.json", "cern.json"]
    );
    let text = persist::encode_kept(&kept);
    let back = persist::decode_kept(&text).unwrap();
    assert_eq!(back, kept);
    let mut again = Collection::new(today());
    again.restore(&back);
    assert_eq!(again.skipped(), 0);
    assert_eq!(again.respondents().len(), 2);
    assert_eq!(again.respondents()[0].reports.len(), 2, "ATLAS keeps its history");
    let (m1, m2) = (
        matrix::matrix(&c, &Filter::default(), Sort::Name),
        matrix::matrix(&again, &Filter::default(), Sort::Name),
    );
    assert_eq!(matrix::long_csv(&c, &m1), matrix::long_csv(&again, &m2));

    let newer = text.replacen("\"schema\":1", "\"schema\":2", 1);
    let big = persist::encode_kept(&vec![kept[0].clone(); persist::KEPT_MAX / kept[0].document.len() + 1]);
    let cases: [(&str, &str); 5] = [
        ("not JSON", "{\"format\":"),
        ("another format", "{\"format\":\"ti-assess.assessment\",\"schema\":1,\"reports\":[]}"),
        ("newer", &newer),
        ("unknown field", "{\"format\":\"ti-assess.kept-collection\",\"schema\":1,\"reports\":[],\"x\":1}"),
        ("too large", &big),
    ];
    for (what, text) in cases {
        let err = persist::decode_kept(text).unwrap_err();
        let expected = match what {
            "not JSON" => matches!(err, persist::DecodeError::NotJson { .. }),
            "another format" => matches!(err, persist::DecodeError::WrongFormat { .. }),
            "newer" => matches!(err, persist::DecodeError::NewerSchema { found: 2, .. }),
            "unknown field" => matches!(err, persist::DecodeError::Invalid { .. }),
            _ => matches!(err, persist::DecodeError::TooLarge { .. }),
        };
        assert!(expected, "{what}: {err:?}");
    }
}
