//! Identity matching as a CSIRT would accept it: DN forms and orders, proxies, whitespace and
//! case, token iss+sub, VO usernames mapped by the truth, contradictions, hostile input.

// Tables are tuples by design: one row per case, read left to right.
#![allow(clippy::type_complexity)]

use ti_core::challenge::identity::dn::{Dn, DnError, DnMatch, match_dn};
use ti_core::challenge::identity::{
    Basis, IdKind, IdentityOutcome, OwnerClaim, TestIdentity, judge, read_truth,
};

use crate::challenge_fixtures::{DN, ISS, SUB, identity};

/// Expected verdict, compactly.
#[derive(Debug, PartialEq)]
enum V {
    Match(&'static [Basis]),
    Mismatch(&'static [IdKind]),
    Contradictory,
    Incomplete,
    NotGiven,
}

fn verdict(o: &IdentityOutcome) -> V {
    match o {
        IdentityOutcome::Match(b) => V::Match(Box::leak(b.clone().into_boxed_slice())),
        IdentityOutcome::Mismatch(k) => V::Mismatch(Box::leak(k.clone().into_boxed_slice())),
        IdentityOutcome::Contradictory { .. } => V::Contradictory,
        IdentityOutcome::Incomplete(_) => V::Incomplete,
        IdentityOutcome::NotGiven => V::NotGiven,
    }
}

fn dn(s: &str) -> OwnerClaim {
    OwnerClaim { dn: s.into(), ..Default::default() }
}
fn tok(i: &str, s: &str) -> OwnerClaim {
    OwnerClaim { token_issuer: i.into(), token_subject: s.into(), ..Default::default() }
}
fn user(u: &str) -> OwnerClaim {
    OwnerClaim { username: u.into(), ..Default::default() }
}

const SAME: &[Basis] = &[Basis::Dn(DnMatch::SameOrder)];
const REV: &[Basis] = &[Basis::Dn(DnMatch::Reversed)];
const OTHER: &[Basis] = &[Basis::Dn(DnMatch::OtherOrder)];
const PROXY: &[Basis] = &[Basis::Dn(DnMatch::Proxy)];
const TOKEN: &[Basis] = &[Basis::Token];
const USER: &[Basis] = &[Basis::Username];

#[test]
fn identity_table() {
    let truth = match read_truth(&identity()) {
        Ok(t) => t,
        Err(e) => panic!("{e}"),
    };
    let cases: Vec<(&str, OwnerClaim, V)> = vec![
        ("same slash DN", dn(DN), V::Match(SAME)),
        (
            "RFC 4514 comma form (least significant first)",
            dn("CN=Ivan Petrov Иван Петров,CN=123456,CN=ssctest,OU=Users,OU=Organic Units,DC=cern,DC=ch"),
            V::Match(SAME),
        ),
        (
            "comma form with spaces after commas",
            dn(
                "CN=Ivan Petrov Иван Петров, CN=123456, CN=ssctest, OU=Users, OU=Organic Units, DC=cern, DC=ch",
            ),
            V::Match(SAME),
        ),
        (
            "commas in slash order (as some tools print)",
            dn("DC=ch,DC=cern,OU=Organic Units,OU=Users,CN=ssctest,CN=123456,CN=Ivan Petrov Иван Петров"),
            V::Match(REV),
        ),
        (
            "lower-case attribute types and values, Cyrillic folded",
            dn("/dc=CH/dc=CERN/ou=organic units/ou=users/cn=SSCTEST/cn=123456/cn=IVAN PETROV ИВАН ПЕТРОВ"),
            V::Match(SAME),
        ),
        (
            "doubled inner spaces and a line break from a wrapped mail",
            dn(
                "/DC=ch/DC=cern/OU=Organic  Units/OU=Users/CN=ssctest/CN=123456/CN=Ivan\n Petrov   Иван Петров",
            ),
            V::Match(SAME),
        ),
        (
            "spaces around = and the ends",
            dn(
                "  / DC = ch /DC=cern/OU=Organic Units/OU=Users/CN=ssctest/CN=123456/CN=Ivan Petrov Иван Петров  ",
            ),
            V::Match(SAME),
        ),
        (
            "RDNs shuffled",
            dn("/DC=cern/DC=ch/OU=Users/OU=Organic Units/CN=123456/CN=ssctest/CN=Ivan Petrov Иван Петров"),
            V::Match(OTHER),
        ),
        ("proxy DN (CN=proxy appended)", dn(&format!("{DN}/CN=proxy")), V::Match(PROXY)),
        ("RFC 3820 proxy (numeric CN appended)", dn(&format!("{DN}/CN=1837264509")), V::Match(PROXY)),
        (
            "zero-width space and BOM pasted along",
            dn(&format!("\u{feff}{}", DN.replace("ssctest", "ssc\u{200b}test"))),
            V::Match(SAME),
        ),
        (
            "hex-escaped UTF-8 in comma form",
            dn(
                "CN=Ivan Petrov \\D0\\98\\D0\\B2\\D0\\B0\\D0\\BD Петров,CN=123456,CN=ssctest,OU=Users,OU=Organic Units,DC=cern,DC=ch",
            ),
            V::Match(SAME),
        ),
        (
            "another person's DN",
            dn("/DC=ch/DC=cern/OU=Organic Units/OU=Users/CN=jdoe/CN=654321/CN=Jane Doe"),
            V::Mismatch(&[IdKind::Dn]),
        ),
        (
            "a prefix of the DN only",
            dn("/DC=ch/DC=cern/OU=Organic Units/OU=Users/CN=ssctest"),
            V::Mismatch(&[IdKind::Dn]),
        ),
        ("extra non-proxy RDN", dn(&format!("{DN}/CN=robot")), V::Mismatch(&[IdKind::Dn])),
        (
            "bidi override makes it another string",
            dn(&DN.replace("ssctest", "ssc\u{202e}tset")),
            V::Mismatch(&[IdKind::Dn]),
        ),
        ("unreadable DN", dn("this is not a DN"), V::Mismatch(&[IdKind::Dn])),
        ("token iss+sub exact", tok(ISS, SUB), V::Match(TOKEN)),
        (
            "issuer without trailing slash, host in capitals",
            tok("HTTPS://ATLAS-AUTH.CERN.CH", SUB),
            V::Match(TOKEN),
        ),
        ("UUID subject in capitals", tok(ISS, &SUB.to_uppercase()), V::Match(TOKEN)),
        ("HTCondor-CE AuthId form issuer,subject", tok("", &format!("{ISS},{SUB}")), V::Match(TOKEN)),
        (
            "right subject, other issuer",
            tok("https://cms-auth.web.cern.ch/", SUB),
            V::Mismatch(&[IdKind::Token]),
        ),
        ("subject without issuer", tok("", SUB), V::Incomplete),
        ("issuer without subject", tok(ISS, ""), V::Incomplete),
        ("VO username", user("ssc-test-01"), V::Match(USER)),
        ("alias in capitals (DIRAC nickname)", user("  SSCTEST "), V::Match(USER)),
        ("another username", user("jdoe"), V::Mismatch(&[IdKind::Username])),
        (
            "right username, wrong DN",
            OwnerClaim {
                username: "ssc-test-01".into(),
                dn: "/DC=ch/CN=Jane Doe".into(),
                ..Default::default()
            },
            V::Contradictory,
        ),
        (
            "DN and token both right",
            OwnerClaim {
                dn: DN.into(),
                token_issuer: ISS.into(),
                token_subject: SUB.into(),
                ..Default::default()
            },
            V::Match(&[Basis::Dn(DnMatch::SameOrder), Basis::Token]),
        ),
        ("nothing named", OwnerClaim::default(), V::NotGiven),
        ("only spaces named", dn("   "), V::NotGiven),
    ];
    assert!(cases.len() >= 20);
    for (name, claim, want) in cases {
        assert_eq!(verdict(&judge(&truth, &claim)), want, "{name}");
    }
}

#[test]
fn names_in_greek_and_chinese() {
    let cases: &[(&str, &str, bool)] = &[
        (
            "/C=GR/O=HellasGrid/OU=auth.gr/CN=Οδυσσέας Σαμαράς",
            "CN=ΟΔΥΣΣΈΑΣ ΣΑΜΑΡΆΣ,OU=auth.gr,O=HellasGrid,C=GR",
            true,
        ),
        // Final sigma typed as a medial sigma still names the same person.
        ("/C=GR/O=HellasGrid/CN=Σαμαράς", "/C=GR/O=HellasGrid/CN=Σαμαράσ", true),
        ("/C=TW/O=AS/OU=GRID/CN=王小明 12345", "CN=王小明 12345,OU=GRID,O=AS,C=TW", true),
        // An ideographic space counts as a space.
        ("/C=TW/O=AS/OU=GRID/CN=王小明 12345", "/C=TW/O=AS/OU=GRID/CN=王小明\u{3000}12345", true),
        ("/C=TW/O=AS/OU=GRID/CN=王小明 12345", "/C=TW/O=AS/OU=GRID/CN=王大明 12345", false),
        (
            "/C=RU/O=RDIG/OU=users/OU=jinr.ru/CN=Иван Петров",
            "/C=RU/O=RDIG/OU=users/OU=jinr.ru/CN=Пётр Иванов",
            false,
        ),
        // Attribute aliases meet: E, Email, emailAddress and the OID.
        (
            "/C=DE/O=GermanGrid/CN=Anna Schmidt/emailAddress=anna@kit.edu",
            "E=anna@KIT.edu,CN=Anna Schmidt,O=GermanGrid,C=DE",
            true,
        ),
        ("/C=DE/O=GermanGrid/CN=Anna Schmidt", "OID.2.5.4.3=Anna Schmidt,2.5.4.10=GermanGrid,C=DE", true),
        // Quoted values and escaped commas keep their comma.
        ("/O=Example, Inc./CN=Bob", "CN=Bob,O=\"Example, Inc.\"", true),
        ("/O=Example, Inc./CN=Bob", "CN=Bob,O=Example\\, Inc.", true),
        // A host certificate's CN with a slash keeps it.
        (
            "/DC=ch/DC=cern/OU=computers/CN=host/ce503.cern.ch",
            "CN=host/ce503.cern.ch,OU=computers,DC=cern,DC=ch",
            true,
        ),
    ];
    for (truth, claim, same) in cases {
        let (t, c) = match (Dn::parse(truth), Dn::parse(claim)) {
            (Ok(t), Ok(c)) => (t, c),
            (a, b) => panic!("{truth} / {claim}: {a:?} {b:?}"),
        };
        assert_eq!(match_dn(&t, &c).is_some(), *same, "{truth} vs {claim}");
    }
}

#[test]
fn hostile_dns_are_refused_not_crashed_on() {
    let long = format!("/CN={}", "a".repeat(3000));
    let cases: &[(&str, DnError)] = &[
        ("", DnError::Empty),
        ("   \n ", DnError::Empty),
        ("/CN=evil\u{0}name", DnError::Control(0)),
        ("/CN=bell\u{7}", DnError::Control(7)),
        ("/CN=trailing\\", DnError::BadEscape),
        ("/=value", DnError::BadType(String::new())),
        ("/CN", DnError::NoEquals("CN".into())),
        ("/C N=x", DnError::BadType("C N".into())),
        (long.as_str(), DnError::TooLong),
    ];
    for (text, err) in cases {
        match Dn::parse(text) {
            Err(e) => assert_eq!(std::mem::discriminant(&e), std::mem::discriminant(err), "{text:?}: {e}"),
            Ok(d) => panic!("{text:?} was read as {}", d.to_slash()),
        }
    }
    // Markup and shell metacharacters are just characters of a value.
    for v in ["<script>alert(1)</script>", "'; DROP TABLE users; --", "$(rm -rf ~)", "Robert\"); --"] {
        let text = format!("/DC=org/CN={v}");
        match Dn::parse(&text) {
            Ok(d) => assert_eq!(d.rdns[1][0].value, v),
            Err(e) => panic!("{text}: {e}"),
        }
    }
}

#[test]
fn a_truth_must_be_readable() {
    let cases: Vec<(TestIdentity, bool)> = vec![
        (identity(), true),
        (TestIdentity { username: "only-a-username".into(), ..Default::default() }, true),
        (TestIdentity::default(), false),
        (TestIdentity { token_issuer: ISS.into(), ..Default::default() }, false),
        (TestIdentity { dn: "not a dn".into(), ..Default::default() }, false),
        (TestIdentity { username: "x\u{1b}[31m".into(), ..Default::default() }, false),
    ];
    for (t, ok) in cases {
        assert_eq!(read_truth(&t).is_ok(), ok, "{t:?}");
    }
}

#[test]
fn verdicts_never_show_the_identity() {
    let truth = match read_truth(&identity()) {
        Ok(t) => t,
        Err(e) => panic!("{e}"),
    };
    for claim in [dn(DN), tok(ISS, SUB), user("ssc-test-01"), dn("/DC=ch/CN=Jane Doe"), user("jdoe")] {
        let text = judge(&truth, &claim).describe();
        for secret in ["Petrov", "ssctest", SUB, "ssc-test-01", "jdoe", "Jane"] {
            assert!(!text.contains(secret), "{text} shows {secret}");
        }
    }
}
