//! The forensic handbook: the model per framework and for all, VO pages from a collection with
//! only the answers `[[set.handbook]]` names (never a personal one), the PDF as `pdftotext`
//! reads it, determinism, and the handbook file's round trip and refusals.

use ti_core::collect::Collection;
use ti_core::persist::handbook::{HandbookFileError, decode_handbook, encode_handbook};
use ti_core::trace::handbook::{self, Directory, Handbook, Scope};
use ti_pdf as pdf;

use crate::collect::{json, vo_report};
use crate::pdf::{flat, fonts, pages, pdftotext};
use crate::support::{load_toml, today};
use crate::trace_support::catalog;

/// A person's name and address typed into questions the handbook must not print.
const PERSON: &str = "Ιωάννης Παπαδόπουλος";
const PERSON_MAIL: &str = "ioannis.papadopoulos@example.gr";

/// Five VOs: names in Cyrillic, Greek and Chinese, each with its frameworks, role address and
/// notes; personal answers (a person's name, a person's address) in other questions.
fn five() -> Collection {
    let reports = [
        vo_report(
            "lhcb",
            "LHCb",
            "2026-11-01T09:00:00Z",
            &[
                ("profile.vo-name", "t:LHCb"),
                ("profile.frameworks", "m:dirac"),
                ("VO-CON-1.email", "t:lhcb-security@cern.ch"),
                (
                    "VO-FOR-1.dirac-notes",
                    "t:Pilot logs under /scratch/lhcb/pilot-<stamp>; ask lhcb-security for look-ups",
                ),
                ("VO-TRC-1.drill-picked", &format!("t:picked by {PERSON}")),
            ],
        ),
        vo_report(
            "jinr",
            "ОИЯИ",
            "2026-10-01T09:00:00Z",
            &[
                ("profile.vo-name", "t:ОИЯИ виртуальная организация"),
                ("profile.frameworks", "m:dirac,panda"),
                ("VO-CON-1.email", "t:security@jinr.example.ru"),
                ("VO-FOR-1.dirac-notes", "t:Каталог пилотов: /home/dirac/pilots"),
                ("VO-FOR-1.panda-notes", "t:Журнал пилота pilotlog.txt в PanDA_Pilot3_*"),
                ("VO-TRC-1.blockers", &format!("t:{PERSON_MAIL} was away")),
            ],
        ),
        vo_report(
            "hellas",
            "Ελληνική ΕΟ",
            "2026-09-01T09:00:00Z",
            &[
                ("profile.vo-name", "t:Ελληνική ΕΟ"),
                ("profile.frameworks", "m:glideinwms"),
                // One person's address as the security contact: not printed.
                ("VO-CON-1.email", &format!("t:{PERSON_MAIL}")),
                ("VO-FOR-1.glideinwms-notes", "t:Factory gfactory-2.example.gr, schedd submit-1"),
            ],
        ),
        vo_report(
            "ihep",
            "高能物理研究所",
            "2026-08-01T09:00:00Z",
            &[
                ("profile.vo-name", "t:高能物理研究所 VO"),
                ("profile.frameworks", "m:jalien"),
                ("VO-CON-1.email", "t:cc-security@ihep.example.cn"),
                ("VO-FOR-1.jalien-notes", "t:作业代理工作目录 /tmp/alien-job-*"),
            ],
        ),
        vo_report(
            "multi",
            "Multi VO",
            "2026-07-01T09:00:00Z",
            &[("profile.vo-name", "t:Multi VO"), ("VO-CON-1.email", "t:csirt@multivo.example.org")],
        ),
    ];
    let mut c = Collection::new(today());
    for a in &reports {
        c.add_file(&format!("{}.json", a.id), &json(a));
    }
    assert_eq!(c.reports.len(), 5, "every report read");
    c
}

fn dir() -> Directory {
    handbook::directory(&five())
}

fn model(scope: &Scope) -> Handbook {
    handbook::build(catalog(), &dir(), scope)
}

#[test]
fn the_collection_gives_one_entry_per_vo_with_only_the_handbook_answers() {
    let d = dir();
    let rows: Vec<(&str, Vec<&str>, Option<&str>, usize)> = d
        .vos
        .iter()
        .map(|v| {
            (
                v.name.as_str(),
                v.frameworks.iter().map(String::as_str).collect(),
                v.contact.as_deref(),
                v.notes.len(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("LHCb", vec!["dirac"], Some("lhcb-security@cern.ch"), 1),
            ("ОИЯИ виртуальная организация", vec!["dirac", "panda"], Some("security@jinr.example.ru"), 2),
            // One person's address is not a security contact for the handbook.
            ("Ελληνική ΕΟ", vec!["glideinwms"], None, 1),
            ("高能物理研究所 VO", vec!["jalien"], Some("cc-security@ihep.example.cn"), 1),
            // GOOD's four frameworks and notes, untouched.
            (
                "Multi VO",
                vec!["dirac", "panda", "glideinwms", "jalien"],
                Some("csirt@multivo.example.org"),
                4
            ),
        ]
    );
    assert_eq!(d.collected, "2026-11-26");
    let all = format!("{d:?}");
    for personal in [PERSON, PERSON_MAIL, "pilot 1234 at SITE-A"] {
        assert!(!all.contains(personal), "{personal} reached the handbook");
    }
}

#[test]
fn each_scope_has_the_shared_section_its_frameworks_and_the_vos_using_them() {
    // scope, framework sections, VO pages
    let cases: &[(&str, &[&str], &[&str])] = &[
        (
            "all",
            &["dirac", "panda", "glideinwms", "jalien"],
            &["LHCb", "ОИЯИ виртуальная организация", "Ελληνική ΕΟ", "高能物理研究所 VO", "Multi VO"],
        ),
        ("dirac", &["dirac"], &["LHCb", "ОИЯИ виртуальная организация", "Multi VO"]),
        ("panda", &["panda"], &["ОИЯИ виртуальная организация", "Multi VO"]),
        ("glideinwms", &["glideinwms"], &["Ελληνική ΕΟ", "Multi VO"]),
        ("jalien", &["jalien"], &["高能物理研究所 VO", "Multi VO"]),
    ];
    for (scope, sections, vos) in cases {
        let h = model(&Scope::parse(scope));
        let ids: Vec<&str> = h.sections.iter().map(|s| s.id.as_str()).collect();
        let mut expected = vec!["all"];
        expected.extend(sections.iter());
        assert_eq!(ids, expected, "{scope}");
        let names: Vec<&str> = h.vo_pages.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(&names, vos, "{scope}");
        for s in &h.sections[1..] {
            assert!(!s.sees.rows.is_empty(), "{scope}/{}: no variables", s.id);
            assert!(!s.identifiers.rows.is_empty(), "{scope}/{}: no identifiers", s.id);
            assert!(s.steps.iter().any(|st| !st.commands.is_empty()), "{scope}/{}: no command", s.id);
            assert!(!s.request.rows.is_empty(), "{scope}/{}: no request part", s.id);
            assert!(!s.vo_steps.is_empty(), "{scope}/{}: nothing for the VO", s.id);
        }
        // A single-framework VO page holds only that framework's notes.
        if *scope != "all" {
            for p in &h.vo_pages {
                assert!(p.notes.len() <= 1, "{scope}/{}: {:?}", p.name, p.notes);
            }
        }
    }
}

#[test]
fn commands_show_placeholders_and_their_markers_never_values() {
    let h = model(&Scope::All);
    let commands: Vec<_> =
        h.sections.iter().flat_map(|s| s.steps.iter().chain(&s.vo_steps)).flat_map(|s| &s.commands).collect();
    assert!(commands.len() > 20, "{} commands", commands.len());
    for c in &commands {
        assert!(!c.line.contains("{{"), "unfilled template syntax: {}", c.line);
        assert!(!c.marker.is_empty(), "no marker: {}", c.line);
    }
    let markers: Vec<&str> = commands.iter().map(|c| c.marker.as_str()).collect();
    assert!(markers.contains(&"Inferred: verify on your release"));
    assert!(markers.contains(&"From the source"));
    // The DIRAC pilot look-up of the issue, with its placeholder.
    let dirac = h.sections.iter().find(|s| s.id == "dirac").unwrap();
    assert!(
        dirac
            .vo_steps
            .iter()
            .flat_map(|s| &s.commands)
            .any(|c| c.line.starts_with("dirac-admin-get-pilot-info")
                && c.line.contains("<dirac_pilot_reference>")),
        "{:#?}",
        dirac.vo_steps
    );
    // Identifiers name their placeholders; DIRACSITE gives the DIRAC site name.
    assert!(dirac.identifiers.rows.iter().any(|r| r[0] == "<dirac_site>" && r[1] == "DIRAC site name"));
    assert!(dirac.sees.rows.iter().any(|r| r[0] == "DIRACSITE" && r[1] == "DIRAC site name"));
    assert!(dirac.request.rows.iter().any(|r| r[0] == "DIRAC" && r[1].contains("DIRAC site name")));
}

#[test]
fn the_pdf_has_a_section_per_framework_and_a_page_per_vo() {
    let h = model(&Scope::All);
    let bytes = pdf::render_handbook(&h, fonts()).unwrap().bytes;
    let text = pdftotext("handbook-all", &bytes);
    let all = flat(&text);
    for s in &h.sections {
        assert!(all.contains(&s.title), "no section {}", s.title);
    }
    for needle in [
        "FORENSIC HANDBOOK",
        "TLP:AMBER",
        "Inferred: verify on your release",
        "<batch_job_id>",
        "What to send the VO",
    ] {
        assert!(all.contains(needle), "no {needle}");
    }
    let vo_pages: Vec<&str> = pages(&text).into_iter().filter(|p| p.contains("Security contact")).collect();
    assert_eq!(vo_pages.len(), 5, "one page per VO");
    for (page, vo) in vo_pages.iter().zip(&h.vo_pages) {
        assert!(flat(page).contains(&vo.name), "page of {}: {page}", vo.name);
    }
    assert!(flat(vo_pages[1]).contains("Каталог пилотов: /home/dirac/pilots"));
    assert!(flat(vo_pages[3]).contains("作业代理工作目录"));
    assert!(!all.contains(PERSON) && !all.contains(PERSON_MAIL));
    // The same model gives the same bytes.
    assert_eq!(bytes, pdf::render_handbook(&model(&Scope::All), fonts()).unwrap().bytes);
}

#[test]
fn without_a_handbook_file_there_are_no_vo_pages() {
    let h = handbook::build(catalog(), &Directory::default(), &Scope::parse("glideinwms"));
    assert!(h.vo_pages.is_empty());
    let bytes = pdf::render_handbook(&h, fonts()).unwrap().bytes;
    let all = flat(&pdftotext("handbook-empty", &bytes));
    assert!(all.contains("glideinWMS / HTCondor glidein"));
    assert!(all.contains(&h.no_vo_pages));
}

#[test]
fn the_handbook_file_round_trips() {
    let d = dir();
    let text = encode_handbook(&d);
    assert!(text.contains("\"format\": \"ti-assess.forensic-handbook\""));
    assert!(text.contains("\"generator\""));
    assert_eq!(decode_handbook(catalog(), text.as_bytes()).unwrap(), d);
    assert_eq!(encode_handbook(&d), text, "deterministic");
    // And it is what the published JSON Schema describes.
    let path = format!("{}/schema/ti-assess.forensic-handbook.v1.schema.json", env!("CARGO_MANIFEST_DIR"));
    let schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let errors: Vec<String> =
        jsonschema::draft202012::new(&schema).unwrap().iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn bad_handbook_files_are_refused_with_what_to_do() {
    let good = encode_handbook(&dir());
    let swap = |from: &str, to: &str| {
        assert!(good.contains(from), "{from}");
        good.replacen(from, to, 1).into_bytes()
    };
    let big = {
        let mut b = good.clone().into_bytes();
        b.extend(std::iter::repeat_n(b' ', 1 << 20));
        b
    };
    let assessment = json(&vo_report("x", "X", "2026-11-01T09:00:00Z", &[]));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("too large", big, "a handbook file is at most 1048576 bytes (1 MiB)"),
        ("newer schema", swap("\"schema\": 1", "\"schema\": 2"), "newer version of ti-assess (schema 2"),
        ("wrong kind", assessment, "This is a `ti-assess.assessment` file, not a forensic handbook"),
        ("empty", Vec::new(), "The file is empty"),
        ("not json", b"hello".to_vec(), "not valid JSON"),
        (
            "personal contact",
            swap("lhcb-security@cern.ch", "jane.doe@cern.ch"),
            "looks like one person's address",
        ),
        ("unknown framework", swap("\"jalien\"\n", "\"condor-g\"\n"), "`condor-g` is not a framework"),
        ("bad date", swap("2026-11-26", "26/11/2026"), "collected"),
        ("control character", swap("Multi VO", "Multi\\u0007VO"), "control character"),
        ("duplicate key", swap("\"schema\": 1,", "\"schema\": 1, \"schema\": 1,"), "appears twice"),
    ];
    for (name, bytes, expected) in cases {
        let err = decode_handbook(catalog(), &bytes).expect_err(name);
        let msg = err.to_string();
        assert!(msg.contains(expected), "{name}: {msg}");
        if name == "too large" {
            assert!(matches!(err, HandbookFileError::TooLarge { .. }));
        }
    }
}

#[test]
fn a_handbook_item_on_a_personal_question_is_refused_by_the_loader() {
    let text = format!(
        "{}{}",
        crate::support::SYNTHETIC_SET_HEADER,
        r#"
[[set.handbook]]
question = "q.notes"
part = "notes"
framework = "dirac"

[[source]]
id = "S-1"
title = "s"
location = "l"

[[recommendation]]
id = "R-1"
title = "r"
requirement = "r"
why = "w"
severity = "high"

[[section]]
id = "s"
title = "S"

[[question]]
id = "q.notes"
section = "s"
recommendation = "R-1"
label = "Notes"
type = "text"
personal = true
"#
    );
    let err = load_toml("vo.toml", &text).expect_err("a personal handbook question");
    assert!(err.to_string().contains("marked `personal`"), "{err}");
    let ok = load_toml("vo.toml", &text.replace("personal = true\n", "")).unwrap();
    assert_eq!(ok.handbook.len(), 1);
}

#[test]
fn every_handbook_framework_of_the_vo_set_is_a_trace_framework() {
    let known = handbook::frameworks(catalog());
    for item in &crate::support::vo().handbook {
        if let Some(f) = &item.framework {
            assert!(known.iter().any(|(id, _)| id == f), "{f}");
        }
    }
    assert_eq!(known.len(), 4);
}

#[test]
fn diracsite_reaches_the_request_and_names_the_site_for_the_vo() {
    use ti_core::trace::derive::with_derived;
    use ti_core::trace::recognise::{apply, parse_dump, recognise};
    use ti_core::trace::{Values, text};
    let dump = "DIRAC_PILOT_STAMP=f3e9a1c07b2d4e55\0DIRACJOBID=987654321\0DIRACSITE=LCG.Ωmega-Сайт.gr\0";
    let rec = recognise(catalog(), &parse_dump(dump).unwrap());
    let mut values = Values::new();
    apply(&rec, &mut values);
    assert_eq!(values.get("dirac_site"), Some("LCG.Ωmega-Сайт.gr"));
    let request = text::render_request(catalog(), &values).full();
    assert!(request.contains("DIRAC site name: LCG.Ωmega-Сайт.gr"), "{request}");
    // The VO's look-ups by site use it.
    assert_eq!(with_derived(catalog(), &values).get("vo_site_name"), Some("LCG.Ωmega-Сайт.gr"));
    // A site name typed by the user is never replaced.
    let mut typed = Values::new();
    typed.set("dirac_site", "LCG.Typed.gr");
    apply(&rec, &mut typed);
    assert_eq!(typed.get("dirac_site"), Some("LCG.Typed.gr"));
}
