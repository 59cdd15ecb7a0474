//! "Share with the WG": what the question files mark personal is left out and listed; role
//! addresses and every other answer are kept, so shared copies still compare.

use ti_core::model::{AnswerValue, Evidence};
use ti_core::persist::{decode, encode_share};
use ti_core::share::{Reason, redact};

use crate::support::{SYNTHETIC_SET_HEADER, build, load_toml, site, vo};

/// (case, set, answers, left out as (field, reason), kept question IDs)
#[test]
fn personal_answers_are_left_out_and_listed() {
    type Case = (
        &'static str,
        bool,
        Vec<(&'static str, &'static str)>,
        Vec<(&'static str, Reason)>,
        Vec<&'static str>,
    );
    let cases: Vec<Case> = vec![
        (
            "role address kept",
            false,
            vec![("VO-CON-1.email", "t:vo-security@cern.ch"), ("VO-IR-1.procedure", "c:yes")],
            vec![],
            vec!["VO-CON-1.email", "VO-IR-1.procedure"],
        ),
        (
            "personal address left out",
            false,
            vec![("VO-CON-1.email", "t:jane.doe@cern.ch"), ("VO-IR-1.procedure", "c:no")],
            vec![("answers.VO-CON-1.email", Reason::PersonalAddress)],
            vec!["VO-IR-1.procedure"],
        ),
        (
            "text that names people left out, other text kept",
            false,
            vec![
                ("VO-TRC-1.drill-picked", "t:pilot 123, run by Łukasz"),
                ("VO-IR-1.location", "t:wiki, owned by the security officer"),
            ],
            vec![("answers.VO-TRC-1.drill-picked", Reason::Personal)],
            vec!["VO-IR-1.location"],
        ),
        (
            "site phone left out, site role address kept",
            true,
            vec![
                ("SITE-CON-1.email", "t:grid-sec@site.example"),
                ("SITE-CON-1.phone", "t:+41 22 767 0000"),
                ("SITE-CON-2.confirmed", "d:2026-01-31"),
            ],
            vec![("answers.SITE-CON-1.phone", Reason::Personal)],
            vec!["SITE-CON-1.email", "SITE-CON-2.confirmed"],
        ),
        (
            "numbers, options and rows kept",
            false,
            vec![
                ("profile.frameworks", "m:dirac,panda"),
                ("VO-LOG-2.stores", "r:store=pilot-db,days=30"),
                ("VO-LOG-2.dirac-defaults", "na:no DIRAC"),
            ],
            vec![],
            vec!["profile.frameworks", "VO-LOG-2.stores", "VO-LOG-2.dirac-defaults"],
        ),
        (
            "free text to an unknown question left out, a choice kept",
            false,
            vec![("question.removed", "t:call Jane"), ("question.gone", "c:yes")],
            vec![("answers.question.removed", Reason::UnknownQuestion)],
            vec!["question.gone"],
        ),
    ];
    for (name, is_site, answers, expected, kept) in cases {
        let set = if is_site { site() } else { vo() };
        let mut a = crate::support::unchecked(&[]);
        a.question_set.id = set.id.clone();
        let full = crate::support::unchecked(&answers);
        a.answers = full.answers;
        let (copy, left_out) = redact(set, &a);
        let got: Vec<(&str, Reason)> = left_out.iter().map(|r| (r.field.as_str(), r.reason)).collect();
        assert_eq!(got, expected, "{name}");
        let mut ids: Vec<&str> = copy.answers.keys().map(String::as_str).collect();
        let mut want = kept.clone();
        ids.sort_unstable();
        want.sort_unstable();
        assert_eq!(ids, want, "{name}");
        for id in kept {
            assert_eq!(copy.answers[id], a.answers[id], "{name}: {id} changed");
        }
        assert!(left_out.iter().all(|r| !r.label.is_empty()), "{name}");
    }
}

#[test]
fn evidence_text_is_left_out_and_links_kept() {
    let mut a = build(vo(), &[("VO-IR-1.procedure", "c:yes")]);
    a.set_evidence(
        "VO-IR-1.procedure",
        Evidence { text: "checked by Jürgen Müller".into(), url: "https://vo.example/ir".into() },
    );
    a.set_evidence(
        "VO-IR-1.reviewed",
        Evidence { text: "minutes signed by Cécile".into(), url: String::new() },
    );
    a.set_evidence(
        "VO-IR-1.location",
        Evidence { text: String::new(), url: "https://vo.example/doc".into() },
    );
    let (copy, left_out) = redact(vo(), &a);
    assert_eq!(
        copy.evidence["VO-IR-1.procedure"],
        Evidence { text: String::new(), url: "https://vo.example/ir".into() }
    );
    assert!(!copy.evidence.contains_key("VO-IR-1.reviewed"));
    assert_eq!(copy.evidence["VO-IR-1.location"], a.evidence["VO-IR-1.location"]);
    let fields: Vec<&str> = left_out.iter().map(|r| r.field.as_str()).collect();
    assert_eq!(fields, ["evidence.VO-IR-1.procedure.text", "evidence.VO-IR-1.reviewed.text"]);
}

#[test]
fn the_shared_file_lists_what_was_left_out_and_holds_no_personal_data() {
    let mut a = build(
        vo(),
        &[("VO-CON-1.email", "t:jane.doe@cern.ch"), ("VO-TRC-1.drill-picked", "t:run by Łukasz")],
    );
    a.name = "ATLAS 2026".into();
    let (copy, left_out) = redact(vo(), &a);
    let text = encode_share(&copy, &left_out);
    for secret in ["jane.doe", "Łukasz"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["redacted"][0]["field"], "answers.VO-CON-1.email");
    assert_eq!(v["redacted"][0]["reason"], "looks like a personal e-mail address");
    assert_eq!(v["redacted"].as_array().unwrap().len(), 2);
    // The shared copy imports like any export, and its preview says what was left out.
    assert_eq!(decode(&text).unwrap(), copy);
    let p = ti_core::persist::import::plan(text.as_bytes(), &Default::default(), ti_core::catalog::builtin)
        .unwrap();
    assert_eq!(p.preview.left_out.len(), 2);
    assert!(
        p.preview.left_out[0].starts_with("VO security contact e-mail address ("),
        "{:?}",
        p.preview.left_out
    );
}

#[test]
fn personal_row_fields_are_left_out_of_every_row() {
    let text = format!(
        "{SYNTHETIC_SET_HEADER}{}",
        r#"
[[recommendation]]
id = "R"
title = "t"
requirement = "r"
why = "w"
criterion = "c"
evidence = "e"
references = []
severity = "low"
[[section]]
id = "s"
title = "S"
intro = ""
[[question]]
id = "q.people"
section = "s"
recommendation = "R"
label = "Who is on call"
type = "group"
fields = [
  { id = "role", label = "Role", type = "text" },
  { id = "person", label = "Person", type = "text", personal = true },
]
"#
    );
    let set = load_toml("synthetic.toml", &text).unwrap();
    let mut a = crate::support::unchecked(&[("q.people", "r:role=o;role=p")]);
    if let Some(ans) = a.answers.get_mut("q.people") {
        ans.value = AnswerValue::Rows(vec![
            [
                ("role".to_owned(), AnswerValue::Text("on-call".into())),
                ("person".to_owned(), AnswerValue::Text("Jane".into())),
            ]
            .into(),
            [("role".to_owned(), AnswerValue::Text("backup".into()))].into(),
        ]);
    }
    let (copy, left_out) = redact(&set, &a);
    let AnswerValue::Rows(rows) = &copy.answers["q.people"].value else { panic!("rows") };
    assert!(rows.iter().all(|r| !r.contains_key("person") && r.contains_key("role")));
    assert_eq!(left_out.len(), 1);
    assert_eq!(
        (left_out[0].field.as_str(), left_out[0].label.as_str()),
        ("answers.q.people.rows.*.person", "Who is on call: Person")
    );
}
