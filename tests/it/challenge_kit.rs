//! The kit file: it loads, holds what challenge.md §3 lists, and a broken edit is reported with
//! the file and the item.

// Tables are tuples by design: one row per case, read left to right.
#![allow(clippy::type_complexity)]

use ti_core::catalog::{builtin_site, builtin_vo, kit_from_json};
use ti_core::challenge::kit::Party;
use ti_core::model::ThresholdStatus;

use crate::challenge_fixtures::kit;

fn kit_json() -> serde_json::Value {
    let text = include_str!("../../questions/challenge.toml");
    let table: toml::Table = match toml::from_str(text) {
        Ok(t) => t,
        Err(e) => panic!("{e}"),
    };
    match serde_json::to_value(table) {
        Ok(v) => v,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn the_kit_holds_the_design() {
    let k = kit();
    let ids = |v: Vec<&str>| v.join(" ");
    assert_eq!(ids(k.variants.iter().map(|v| v.id.as_str()).collect()), "V1 V2 V3");
    assert_eq!(
        ids(k.events.iter().map(|e| e.id.as_str()).collect()),
        "E0 E1 E2 E3 E4 E5 E6 E7 E8 E9 E10 E11 E12"
    );
    assert_eq!(ids(k.criteria.iter().map(|c| c.id.as_str()).collect()), "C1 C2 C3 C4 C5 C6 C7");
    assert_eq!(k.required, ["C2", "C3", "C5"]);
    // Every threshold keeps value, unit, sources and a status; the unsourced ones say so.
    for t in &k.thresholds {
        assert!(!t.sources.is_empty() && !t.unit.is_empty(), "{}", t.id);
    }
    let status = |id: &str| k.threshold(id).map(|t| t.status);
    assert_eq!(status("C7.age"), Some(ThresholdStatus::Sourced));
    assert_eq!(status("C7.target"), Some(ThresholdStatus::Unverified));
    assert_eq!(status("C2.trace"), Some(ThresholdStatus::Unverified));
    assert_eq!(k.threshold("C1.ack").map(|t| (t.value, t.unit.as_str())), Some((4.0, "working hours")));
    // Events name who records them.
    assert_eq!(k.event("E3").map(|e| e.recorded_by.clone()), Some(vec![Party::Vo, Party::Site]));
    assert_eq!(k.event("E10").map(|e| e.recorded_by.clone()), Some(vec![Party::Organiser]));
    assert_eq!(k.tlp(&k.tlp_sealed).map(|t| t.label.as_str()), Some("TLP:RED"));
    assert_eq!(k.zones.len(), 40);
    assert!(k.proposals.len() >= 15 && k.contradictions.len() >= 8);
}

#[test]
fn broken_edits_name_the_item() {
    // (what to change, the item the error must name, a word of the problem)
    type Edit = fn(&mut serde_json::Value);
    let cases: Vec<(&str, Edit, &str, &str)> = vec![
        (
            "unknown threshold",
            |v| v["criterion"][0]["check"][0]["threshold"] = "C9.nope".into(),
            "criterion `C1` check `ack`",
            "not defined",
        ),
        (
            "threshold in the wrong unit",
            |v| v["criterion"][0]["check"][0]["threshold"] = "C3.recall".into(),
            "criterion `C1` check `ack`",
            "must be in",
        ),
        (
            "bad status",
            |v| v["threshold"][0]["status"] = "verified".into(),
            "threshold `C1.ack`",
            "sourced or unverified",
        ),
        (
            "unknown source",
            |v| v["threshold"][0]["sources"] = serde_json::json!(["S-99"]),
            "threshold `C1.ack`",
            "S-99",
        ),
        ("duplicate event", |v| v["event"][1]["id"] = "E0".into(), "event `E0`", "twice"),
        ("unknown event in a duration", |v| v["duration"][0]["to"] = "E99".into(), "duration `reach`", "E99"),
        (
            "placeholder a VO alert may not use",
            |v| v["alert"][0]["body"] = "{indicator}".into(),
            "alert `vo-batch` body",
            "indicator",
        ),
        (
            "site alert without the no-collective-action text",
            |v| v["alert"][2]["safety"] = serde_json::json!(["test-banner", "preserve"]),
            "alert `site`",
            "no-collective",
        ),
        (
            "subject not marked as exercise",
            |v| v["alert"][0]["subject"] = "Security incident at {site} [{id}] TLP: {tlp}".into(),
            "alert `vo-batch`",
            "EXERCISE",
        ),
        (
            "unknown finding",
            |v| v["contradiction"][0]["finding"] = serde_json::json!({"check": "C2.nope", "outcome": "fail"}),
            "contradiction `chl-vo-owner-not-found` finding",
            "C2.nope",
        ),
        (
            "claim with two operators",
            |v| {
                v["contradiction"][0]["claim"] =
                    serde_json::json!({"question": "X", "equals": "yes", "missing": true})
            },
            "contradiction `chl-vo-owner-not-found` claim",
            "exactly one",
        ),
        (
            "proposal value of the wrong kind",
            |v| v["proposal"][0]["kind"] = "number".into(),
            "proposal 1 (`VO-CHL-1.last-date`)",
            "number",
        ),
        (
            "bad zone rule",
            |v| v["zone"][1]["rule"] = "GMT0BST,J60,M10.5.0".into(),
            "zone `Europe/London`",
            "Mm.w.d",
        ),
        ("misspelt key", |v| v["variant"][0]["alerts"] = serde_json::json!(["vo"]), "file", "alerts"),
        (
            "depth level missing",
            |v| {
                if let Some(a) = v["depth"].as_array_mut() {
                    a.pop();
                }
            },
            "depth",
            "1 to 5",
        ),
    ];
    for (name, edit, item, word) in cases {
        let mut v = kit_json();
        edit(&mut v);
        let json = v.to_string();
        match kit_from_json("questions/challenge.toml", &json, builtin_vo().unwrap(), builtin_site().unwrap())
        {
            Ok(_) => panic!("{name}: accepted"),
            Err(e) => {
                assert_eq!(e.file, "questions/challenge.toml", "{name}");
                assert_eq!(e.item, item, "{name}: {e}");
                assert!(e.problem.contains(word), "{name}: {e}");
            }
        }
    }
}
