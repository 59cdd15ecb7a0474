use ti_core::model::{Respondent, ThresholdStatus};

use crate::support::{load_toml, site, vo};

/// Every recommendation ID of the WG reference (../shared/domain/recommendations.md §3).
const VO_IDS: &[&str] = &[
    "VO-CON-1", "VO-CON-2", "VO-CON-3", "VO-IR-1", "VO-LOG-1", "VO-LOG-2", "VO-TRC-1", "VO-TRC-2",
    "VO-SUS-1", "VO-SUS-2", "VO-ISO-1", "VO-ISO-2", "VO-FOR-1", "VO-CHL-1", "VO-CHL-2", "VO-TOK-1",
    "VO-DP-1",
];
const SITE_IDS: &[&str] = &[
    "SITE-CON-1",
    "SITE-CON-2",
    "SITE-IR-1",
    "SITE-LOG-1",
    "SITE-LOG-2",
    "SITE-LOG-3",
    "SITE-LOG-4",
    "SITE-LOG-5",
    "SITE-TRC-1",
    "SITE-FOR-1",
    "SITE-CTN-1",
    "SITE-ISO-1",
    "SITE-CHL-1",
    "SITE-DP-1",
];
const ALL_IDS: &[&str] = &["ALL-TIME-1", "ALL-TLP-1", "ALL-POL-1"];
/// Thresholds the catalogue must carry (the reference's T1–T7, T9–T11, T15–T20).
const THRESHOLDS: &[&str] =
    &["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T9", "T10", "T11", "T15", "T16", "T17", "T18", "T19", "T20"];

#[test]
fn shipped_sets_cover_every_recommendation_of_the_reference() {
    for (set, own) in [(vo(), VO_IDS), (site(), SITE_IDS)] {
        let ids: Vec<&str> = set.recommendations.iter().map(|r| r.id.as_str()).collect();
        for wanted in own.iter().chain(ALL_IDS) {
            assert!(ids.contains(wanted), "{} lacks recommendation {wanted}", set.id);
        }
        for t in THRESHOLDS {
            assert!(set.threshold(t).is_some(), "{} lacks threshold {t}", set.id);
        }
        assert_eq!(set.content_hash.len(), 16, "content hash is set");
    }
    assert_eq!((vo().respondent, site().respondent), (Respondent::Vo, Respondent::Site));
}

#[test]
fn retention_thresholds_carry_their_status() {
    for set in [vo(), site()] {
        let t6 = set.threshold("T6").unwrap();
        assert_eq!((t6.value, t6.unit.as_str(), t6.status), (180.0, "days", ThresholdStatus::Unverified));
        let t7 = set.threshold("T7").unwrap();
        assert_eq!((t7.value, t7.unit.as_str(), t7.status), (90.0, "days", ThresholdStatus::Sourced));
        assert!(t7.sources.contains(&"S-13".to_owned()));
    }
}

#[test]
fn every_recommendation_has_a_question_and_a_severity_and_every_question_help() {
    for set in [vo(), site()] {
        for r in &set.recommendations {
            assert!(
                set.questions.iter().any(|q| q.recommendation == r.id),
                "{}: {} has no question",
                set.id,
                r.id
            );
            assert!(
                !r.why.trim().is_empty() && !r.requirement.trim().is_empty(),
                "{}: {} lacks text",
                set.id,
                r.id
            );
        }
        for q in &set.questions {
            assert!(!q.help.trim().is_empty(), "{}: question {} has no help text", set.id, q.id);
        }
    }
}

const GOOD: &str = r#"
[set]
id = "x"
version = "1.0.0"
title = "X"
respondent = "vo"
[set.not_applicable]
severity = "medium"
message = "m"
action = "a"
[[source]]
id = "S-1"
title = "A source"
location = "somewhere"
[[threshold]]
id = "T1"
title = "A limit"
value = 10
unit = "days"
sources = ["S-1"]
status = "sourced"
[[recommendation]]
id = "R-1"
title = "A recommendation"
requirement = "Do it"
why = "Because"
severity = "high"
[[section]]
id = "s"
title = "S"
[[question]]
id = "q.n"
section = "s"
recommendation = "R-1"
label = "How many days?"
type = "number"
unit = "days"
min = 0
max = 100
[[question]]
id = "q.c"
section = "s"
recommendation = "R-1"
label = "Is it done?"
type = "choice"
[[rule]]
id = "r1"
recommendation = "R-1"
severity = "high"
when = { question = "q.n", below = "T1" }
message = "m"
action = "a"
"#;

#[test]
fn a_minimal_file_validates() {
    let set = load_toml("questions/x.toml", GOOD).unwrap();
    assert_eq!(set.questions.len(), 2);
    assert_eq!(set.rules.len(), 1);
}

/// Each case edits the good file (replace `from` by `to`) and expects this exact message.
#[test]
fn broken_files_name_the_file_the_item_and_the_problem() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "respondent = \"vo\"",
            "respondent = \"cloud\"",
            "questions/x.toml: [set]: respondent `cloud` must be `vo` or `site`",
        ),
        (
            "version = \"1.0.0\"",
            "version = \"1.0\"",
            "questions/x.toml: [set]: version `1.0` must look like 1.2.3",
        ),
        ("id = \"q.c\"", "id = \"q.n\"", "questions/x.toml: question `q.n`: the id is used twice"),
        (
            "section = \"s\"\nrecommendation = \"R-1\"\nlabel = \"Is",
            "section = \"nowhere\"\nrecommendation = \"R-1\"\nlabel = \"Is",
            "questions/x.toml: question `q.c`: section `nowhere` is not defined in a [[section]] table",
        ),
        (
            "type = \"choice\"",
            "type = \"slider\"",
            "questions/x.toml: question `q.c`: type `slider` must be one of `choice`, `number`, `email`, `phone`, `date`, `text`, `line`, `select`, `multi`, `group`",
        ),
        ("max = 100\n", "", "questions/x.toml: question `q.n`: a number needs `unit`, `min` and `max`"),
        ("below = \"T1\"", "below = \"T9\"", "questions/x.toml: rule `r1`: threshold `T9` is not defined"),
        (
            "question = \"q.n\", below",
            "question = \"q.zz\", below",
            "questions/x.toml: rule `r1`: question `q.zz` is not defined",
        ),
        (
            "question = \"q.n\", below",
            "question = \"q.c\", below",
            "questions/x.toml: rule `r1`: `q.c` is not a number answer, so it cannot be compared with `T1`",
        ),
        (
            "when = { question = \"q.n\", below = \"T1\" }",
            "when = { question = \"q.n\", below = \"T1\", missing = true }",
            "questions/x.toml: rule `r1`: a condition needs exactly one of `missing`, `equals`, `one_of`, `includes`, `below`, `at_least`, `above`, `older_than`, `personal`, `row`, `any`, `all`, `not`",
        ),
        (
            "when = { question = \"q.n\", below = \"T1\" }",
            "when = { question = \"q.c\", equals = \"maybe\" }",
            "questions/x.toml: rule `r1`: `maybe` is not one of yes, partial, no, unknown, na",
        ),
        (
            "severity = \"high\"\nwhen",
            "severity = \"urgent\"\nwhen",
            "questions/x.toml: rule `r1`: severity `urgent` must be critical, high, medium or low",
        ),
        (
            "why = \"Because\"\nseverity = \"high\"",
            "why = \"Because\"\nseverity = \"grave\"",
            "questions/x.toml: recommendation `R-1`: severity `grave` must be critical, high, medium or low",
        ),
        (
            "status = \"sourced\"",
            "status = \"rumoured\"",
            "questions/x.toml: threshold `T1`: status `rumoured` must be `sourced` or `unverified`",
        ),
        (
            "sources = [\"S-1\"]",
            "sources = []",
            "questions/x.toml: threshold `T1`: has no source: name at least one `sources` ID",
        ),
        (
            "sources = [\"S-1\"]",
            "sources = [\"S-404\"]",
            "questions/x.toml: threshold `T1`: source `S-404` is not defined in a [[source]] table",
        ),
        (
            "[[section]]",
            "[[recommendation]]\nid = \"R-2\"\ntitle = \"t\"\nrequirement = \"r\"\nwhy = \"w\"\nseverity = \"low\"\n[[section]]",
            "questions/x.toml: recommendation `R-2`: no question checks it",
        ),
        (
            "type = \"choice\"",
            "type = \"choice\"\napplies_when = { question = \"q.n\", includes = \"x\" }",
            "questions/x.toml: question `q.c`: applies_when: `q.n` is not a multi-select answer, so `includes` does not apply",
        ),
        (
            "when = { question = \"q.n\", below = \"T1\" }",
            "when = { question = \"q.n\", row = { field = \"days\", below = \"T1\" } }",
            "questions/x.toml: rule `r1`: `q.n` is not a group question, so `row` does not apply",
        ),
        (
            "severity = \"high\"\nwhen",
            "severity = \"high\"\nsupersedes = [\"r9\"]\nwhen",
            "questions/x.toml: rule `r1`: supersedes `r9`, which is not another rule of this file",
        ),
        (
            "type = \"choice\"",
            "type = \"select\"",
            "questions/x.toml: question `q.c`: needs at least one entry in `options`",
        ),
        (
            "type = \"choice\"",
            "type = \"date\"\nmax_age = \"T5\"",
            "questions/x.toml: question `q.c`: threshold `T5` is not defined",
        ),
    ];
    for (from, to, expected) in cases {
        assert!(GOOD.contains(from), "case does not apply: {from}");
        let text = GOOD.replacen(from, to, 1);
        let err = load_toml("questions/x.toml", &text).expect_err(expected);
        assert_eq!(err.to_string(), *expected);
    }
}

#[test]
fn an_unknown_field_is_reported_with_its_name() {
    let text = GOOD.replacen("label = \"Is it done?\"", "label = \"Is it done?\"\nlable = \"typo\"", 1);
    let err = load_toml("questions/x.toml", &text).unwrap_err().to_string();
    assert!(err.starts_with("questions/x.toml: file: unknown field `lable`"), "{err}");
}

/// The sets the page fetches (`catalog::shipped`): what `post-build.mjs` writes is what the
/// native build carries, each file is named by its content hash, and a file of another set or
/// another build is refused with the file named and what to do.
#[test]
fn the_shipped_set_files_are_the_builtin_sets_and_nothing_else_installs() {
    use ti_core::catalog::shipped::{self, SHIPPED};
    let kinds: Vec<&str> = SHIPPED.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, ["vo", "site"]);
    for set in &SHIPPED {
        let builtin = ti_core::catalog::builtin(set.id).expect("a shipped set is a builtin set");
        assert_eq!(set.content_hash, builtin.content_hash, "{}", set.id);
        assert_eq!(set.file, format!("{}-{}.json", set.kind, builtin.content_hash));
        assert_eq!(set.path(), format!("./questions/{}", set.file));
        assert_eq!(shipped::by_id(set.id), Some(set));
        assert_eq!(shipped::by_kind(set.kind), Some(set));
        let installed = shipped::install(set, shipped::json(set)).expect("the shipped file installs");
        assert_eq!(installed, builtin);
        assert_eq!(shipped::loaded(set.id).map(|s| &s.id), Some(&builtin.id));
    }
    let (vo, site) = (&SHIPPED[0], &SHIPPED[1]);
    assert_eq!((vo.label(), site.label()), ("VO", "Site"));
    // Another set's file, a file of another build (its hash changed), and no JSON at all.
    let other_build = shipped::json(vo).replacen(vo.content_hash, "0123456789abcdef", 1);
    let cases: [(&str, &str); 3] = [
        (shipped::json(site), "not the set this build ships"),
        (&other_build, "reload the page"),
        ("<html>404</html>", "expected value"),
    ];
    for (text, says) in cases {
        let e = shipped::install(vo, text).expect_err("refused");
        assert_eq!(e.file, "questions/vo.toml");
        assert!(e.to_string().contains(says), "{e}");
    }
    assert_eq!(shipped::by_id("wlcg-ti-unknown"), None);
}
