//! The shipped trace file validates, and a broken one names the item and the problem.

use serde_json::{Value, json};
use ti_core::catalog::trace_from_json;
use ti_core::trace::model::{Basis, Group, Input, Side, UNKNOWN};

use super::trace_support::{catalog, common_sources, trace_json_value};

#[test]
fn shipped_file_validates_and_covers_the_frameworks() {
    let cat = catalog();
    let opts =
        |id: &str| -> Vec<String> { cat.field(id).unwrap().options.iter().map(|o| o.id.clone()).collect() };
    for fw in ["dirac", "panda", "glideinwms", "jalien", UNKNOWN] {
        assert!(opts("framework").contains(&fw.to_owned()), "{fw}");
    }
    for ce in ["htcondor-ce", "arc-ce", "cream", "ssh", UNKNOWN] {
        assert!(opts("ce_type").contains(&ce.to_owned()), "{ce}");
    }
    for b in ["htcondor", "slurm", "pbs", "lsf", "sge", UNKNOWN] {
        assert!(opts("batch_system").contains(&b.to_owned()), "{b}");
    }
    // Each real framework has site steps, VO lookup steps, request fields and recognition rules.
    for fw in ["dirac", "panda", "glideinwms", "jalien"] {
        let has = |side: Side| {
            cat.steps.iter().any(|s| {
                s.side == side && s.when.framework.as_ref().is_some_and(|l| l.iter().any(|x| x == fw))
            })
        };
        assert!(has(Side::Site) && has(Side::Vo), "{fw}: steps on both sides");
        assert!(
            cat.fields.iter().any(|f| f.group == Group::Framework && f.framework.as_deref() == Some(fw)),
            "{fw}: fields"
        );
        assert!(
            cat.recognise
                .iter()
                .any(|r| matches!(&r.target, Some(ti_core::trace::model::Target::Framework(o)) if o == fw)),
            "{fw}: recognition"
        );
    }
    // The markers the app shows: an inference says to verify on your release.
    assert!(cat.marker(Basis::Inferred).unwrap().label.contains("verify on your release"));
    assert!(cat.steps.iter().flat_map(|s| &s.commands).any(|c| c.basis == Basis::Unverified));
    // Multi fields' option IDs are comma-free (the stored form joins them with commas).
    for f in cat.fields.iter().filter(|f| f.input == Input::Multi) {
        assert!(f.options.iter().all(|o| !o.id.contains(',')));
    }
}

fn broken(mutate: impl Fn(&mut Value)) -> String {
    let mut v = trace_json_value();
    mutate(&mut v);
    let known = common_sources();
    let refs: Vec<&str> = known.iter().map(String::as_str).collect();
    match trace_from_json(&v.to_string(), &refs) {
        Ok(_) => "accepted".into(),
        Err(e) => e.to_string(),
    }
}

fn step_index(v: &Value, id: &str) -> usize {
    v["step"].as_array().unwrap().iter().position(|s| s["id"] == id).unwrap()
}

#[test]
fn broken_files_name_the_item_and_the_problem() {
    type Mutation = Box<dyn Fn(&mut Value)>;
    let table: Vec<(&str, Mutation, &str)> = vec![
        (
            "unknown placeholder",
            Box::new(|v| {
                let i = step_index(v, "site.node.process");
                v["step"][i]["command"][2]["template"] = json!("ps -u {{nobody}}");
            }),
            "questions/trace.toml: step `site.node.process` command 3: placeholder `nobody` names no field",
        ),
        (
            "command substitution in a template",
            Box::new(|v| {
                let i = step_index(v, "site.node.process");
                v["step"][i]["command"][0]["template"] = json!("ss -tnp $(id)");
            }),
            "step `site.node.process` command 1: $( ) (command substitution) is not allowed",
        ),
        (
            "safety no longer first",
            Box::new(|v| v["step"][0]["phase"] = json!("contain")),
            "step `site.safety.own-traces`: phase `safety` comes after `contain`",
        ),
        (
            "unknown source",
            Box::new(|v| {
                let i = step_index(v, "site.preserve.process");
                v["step"][i]["command"][0]["sources"] = json!(["C-99"]);
            }),
            "source `C-99` is not defined",
        ),
        (
            "basis typo",
            Box::new(|v| v["step"][0]["basis"] = json!("guessed")),
            "basis `guessed` is not sourced, inferred or unverified",
        ),
        ("label with a colon", Box::new(|v| v["field"][0]["label"] = json!("Kind: of case")), "has no ':'"),
        (
            "duplicate field",
            Box::new(|v| {
                let f = v["field"][1].clone();
                v["field"].as_array_mut().unwrap().push(f);
            }),
            "`incident_id` is defined twice",
        ),
        (
            "recognition to an unknown framework",
            Box::new(|v| v["recognise"][0]["framework"] = json!("condor-g")),
            "`condor-g` is not an option of `framework`",
        ),
        (
            "a credential captured",
            Box::new(|v| {
                let i = v["recognise"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .position(|r| r["variable"] == "JALIEN_TOKEN_KEY")
                    .unwrap();
                v["recognise"][i]["capture"] = json!("alien_jobagent_id");
            }),
            "a sensitive variable's value is never captured",
        ),
        (
            "subject without TLP",
            Box::new(|v| v["request"]["subject"] = json!("[{{incident_id}}] trace request")),
            "the subject must carry the TLP label `TLP:AMBER`",
        ),
        (
            "completeness on a site-only field",
            Box::new(|v| v["completeness"][0]["all"] = json!(["glidein_dir"])),
            "`glidein_dir` is not part of a request",
        ),
        (
            "when with an unknown CE",
            Box::new(|v| {
                let i = step_index(v, "site.ce.arc");
                v["step"][i]["when"] = json!({ "ce": ["arc6"] });
            }),
            "`arc6` is not an option of `ce_type`",
        ),
        (
            "selector without unknown",
            Box::new(|v| {
                let i = v["field"].as_array().unwrap().iter().position(|f| f["id"] == "framework").unwrap();
                let opts = v["field"][i]["options"].as_array_mut().unwrap();
                opts.retain(|o| o["id"] != "unknown");
            }),
            "field `framework`: must be a select with an `unknown` option",
        ),
        (
            "a source already in common.toml",
            Box::new(|v| v["source"][0]["id"] = json!("S-30")),
            "source `S-30`: is already defined in common.toml",
        ),
        ("unknown key", Box::new(|v| v["trace"]["colour"] = json!("amber")), "unknown field `colour`"),
    ];
    for (name, mutate, want) in table {
        let got = broken(mutate);
        assert!(got.contains(want), "{name}: got {got:?}, wanted {want:?}");
    }
}
