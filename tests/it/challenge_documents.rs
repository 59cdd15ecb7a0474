//! A challenge's times taken from the trace documents themselves: the site's request gives E5,
//! the VO's reply E6 to E8, at the moment each was written; a document of another incident, one
//! not marked as an exercise, or an impossible time changes nothing. And the reply file that
//! carries them: the reply's fields, never the VO's own working values.

use ti_core::catalog;
use ti_core::challenge::documents::{AttachError, attach};
use ti_core::challenge::kit::{Party, TraceDocument};
use ti_core::challenge::model::Challenge;
use ti_core::persist::trace::{REPLY_FORMAT, REQUEST_FORMAT, decode_document, encode_reply, encode_request};
use ti_core::trace::TraceCatalog;
use ti_core::trace::model::Values;

use crate::challenge_fixtures::{challenge, ev, kit, now, t};

fn cat() -> &'static TraceCatalog {
    catalog::builtin_trace().unwrap()
}

fn v2_running() -> Challenge {
    crate::challenge_fixtures::v2_located()
}

fn values(pairs: &[(&str, &str)]) -> Values {
    let mut v = Values::new();
    v.set("incident_id", "atlas-20261201-01_EXERCISE");
    v.set("incident_kind", "exercise");
    v.set("site_name", "CERN-PROD");
    for (k, x) in pairs {
        v.set(k, *x);
    }
    v
}

/// The document as the app writes it and reads it back, with its format.
fn file(
    reply: bool,
    pairs: &[(&str, &str)],
    written: &str,
) -> (&'static str, ti_core::persist::trace::TraceFile) {
    let v = values(pairs);
    let text =
        if reply { encode_reply(cat(), &v, t(written)) } else { encode_request(cat(), &v, t(written)) };
    decode_document(cat(), text.as_bytes()).unwrap()
}

#[test]
fn documents_give_their_events_at_the_time_they_were_written() {
    type Case = (
        &'static str,
        bool,
        &'static [(&'static str, &'static str)],
        &'static str,
        Result<&'static [&'static str], &'static str>,
    );
    let owner: &[(&str, &str)] =
        &[("reply_owner", "/DC=ch/DC=cern/CN=Иван Петров"), ("reply_owner_jobs", "6612345678")];
    let cases: &[Case] = &[
        ("the site's request", false, &[], "2026-12-01T10:00:00Z", Ok(&["E5"])),
        (
            "a reply naming the owner and the jobs",
            true,
            owner,
            "2026-12-01T11:00:00Z",
            Ok(&["E6", "E7", "E8"]),
        ),
        (
            "a reply without the owner: only the acknowledgement",
            true,
            &[("reply_notes", "Λαμβάνουμε το αίτημα· 正在调查")],
            "2026-12-01T10:20:00Z",
            Ok(&["E6"]),
        ),
        (
            "another exercise",
            false,
            &[("incident_id", "cms-20261201-01_EXERCISE")],
            "2026-12-01T10:00:00Z",
            Err("cms-20261201-01_EXERCISE"),
        ),
        (
            "a real incident",
            false,
            &[("incident_kind", "incident")],
            "2026-12-01T10:00:00Z",
            Err("not marked as an exercise"),
        ),
        (
            "written before the job was located",
            false,
            &[],
            "2026-12-01T09:00:00Z",
            Err("E5 from the trace request"),
        ),
        ("written in the future", false, &[], "2026-12-03T09:00:00Z", Err("E5 from the trace request")),
    ];
    for (name, reply, pairs, written, want) in cases {
        let mut c = v2_running();
        let before = c.clone();
        let (format, doc) = file(*reply, pairs, written);
        assert_eq!(format, if *reply { REPLY_FORMAT } else { REQUEST_FORMAT }, "{name}");
        let kind = if *reply { TraceDocument::Reply } else { TraceDocument::Request };
        match (attach(kit(), &mut c, kind, &doc, now()), want) {
            (Ok(got), Ok(events)) => {
                assert_eq!(got, *events, "{name}");
                for e in *events {
                    assert_eq!(c.event_at(e), Some(t(written)), "{name}: {e}");
                }
                let by = c.events.iter().find(|e| e.event == events[0]).map(|e| e.recorded_by);
                assert_eq!(by, Some(if *reply { Party::Vo } else { Party::Site }), "{name}");
            }
            (Err(e), Err(words)) => {
                assert!(e.to_string().contains(words), "{name}: {e}");
                assert_eq!(c, before, "{name}: something changed");
            }
            (got, _) => panic!("{name}: {got:?}"),
        }
    }
}

#[test]
fn a_recorded_acknowledgement_stands_and_a_v1_has_no_request() {
    let mut c = v2_running();
    ev(&mut c, "E5", "2026-12-01T10:00:00Z", Party::Site);
    ev(&mut c, "E6", "2026-12-01T10:05:00Z", Party::Vo);
    let (_, reply) = file(true, &[("reply_owner", "jdoe")], "2026-12-01T11:30:00Z");
    assert_eq!(attach(kit(), &mut c, TraceDocument::Reply, &reply, now()), Ok(vec!["E7".to_owned()]));
    assert_eq!(c.event_at("E6"), Some(t("2026-12-01T10:05:00Z")));

    // In V1 the site sends no trace request: E5 does not apply.
    let mut v1 = challenge("V1", Party::Vo);
    ev(&mut v1, "E2", "2026-12-01T08:00:00Z", Party::Organiser);
    let (_, request) = file(false, &[], "2026-12-01T10:00:00Z");
    assert!(matches!(
        attach(kit(), &mut v1, TraceDocument::Request, &request, now()),
        Err(AttachError::Nothing { .. })
    ));
}

#[test]
fn the_reply_file_carries_the_reply_and_never_the_vo_s_own_values() {
    let v =
        values(&[("reply_owner", "Иван Петров"), ("owner_nickname", "ipetrov"), ("vo_site_name", "secret")]);
    let text = encode_reply(cat(), &v, t("2026-12-01T11:00:00Z"));
    assert!(text.contains("Иван Петров"));
    assert!(!text.contains("ipetrov") && !text.contains("secret"), "{text}");
    // A request file never holds the reply.
    assert!(!encode_request(cat(), &v, t("2026-12-01T11:00:00Z")).contains("Иван Петров"));
    // Read back as a reply, whichever reader is used first.
    let (format, doc) = decode_document(cat(), text.as_bytes()).unwrap();
    assert_eq!(format, REPLY_FORMAT);
    assert_eq!(doc.values.get("reply_owner"), Some("Иван Петров"));
    assert!(decode_document(cat(), &vec![b' '; ti_core::persist::MAX_BYTES + 1]).is_err());
}
