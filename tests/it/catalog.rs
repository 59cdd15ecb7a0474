use crate::support::{load_toml, vo};

#[test]
fn shipped_vo_set_validates_and_has_the_skeleton_questions() {
    let set = vo();
    assert_eq!(set.id, "wlcg-ti-vo");
    let ids: Vec<&str> = set.questions.iter().map(|q| q.id.as_str()).collect();
    for wanted in ["VO-CON-1.email", "VO-IR-1.procedure", "VO-LOG-2.retention-days"] {
        assert!(ids.contains(&wanted), "missing {wanted}");
    }
    let t6 = set.threshold("T6").unwrap();
    assert_eq!((t6.value, t6.unit.as_str()), (180.0, "days"));
}

const GOOD: &str = r#"
[set]
id = "x"
version = "1.0.0"
title = "X"
respondent = "vo"
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
            "questions/x.toml: question `q.c`: type `slider` must be one of `choice`, `number`, `email`",
        ),
        (
            "max = 100\n",
            "",
            "questions/x.toml: question `q.n`: a number question needs `unit`, `min` and `max`",
        ),
        ("below = \"T1\"", "below = \"T9\"", "questions/x.toml: rule `r1`: threshold `T9` is not defined"),
        (
            "question = \"q.n\", below",
            "question = \"q.zz\", below",
            "questions/x.toml: rule `r1`: question `q.zz` is not defined",
        ),
        (
            "question = \"q.n\", below",
            "question = \"q.c\", below",
            "questions/x.toml: rule `r1`: question `q.c` is not a number question, so it cannot be compared with `T1`",
        ),
        (
            "when = { question = \"q.n\", below = \"T1\" }",
            "when = { question = \"q.n\", below = \"T1\", missing = true }",
            "questions/x.toml: rule `r1`: a condition needs exactly one of `missing`, `equals`, `below`, `at_least`, `any`, `all`",
        ),
        (
            "when = { question = \"q.n\", below = \"T1\" }",
            "when = { question = \"q.c\", equals = \"maybe\" }",
            "questions/x.toml: rule `r1`: `maybe` is not one of yes, partial, no, unknown",
        ),
        (
            "severity = \"high\"",
            "severity = \"urgent\"",
            "questions/x.toml: rule `r1`: severity `urgent` must be critical, high, medium or low",
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
            "[[recommendation]]\nid = \"R-2\"\ntitle = \"t\"\nrequirement = \"r\"\nwhy = \"w\"\n[[section]]",
            "questions/x.toml: recommendation `R-2`: no question checks it",
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
