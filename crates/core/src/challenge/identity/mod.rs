//! Does the owner the VO named equal the sealed test identity, as a CSIRT would judge it?
//!
//! The VO may name the owner by certificate DN (either written form, any RDN order, or a proxy
//! DN), by token issuer and subject (`iss`+`sub`: a subject alone is unique only per issuer), or
//! by a VO username that the truth maps to the identity (its username and aliases such as a DIRAC
//! nickname). What the VO named is accepted when at least one identifier matches and none names
//! someone else; a subject without its issuer is not enough.
//!
//! Invariant: verdicts describe how identifiers met, never their values, so they can be shown
//! to the VO and the site without revealing the truth.

pub mod dn;

use dn::{Dn, DnError, DnMatch, clean, fold, match_dn};

/// Longest issuer, subject or username read.
pub const MAX_ID_CHARS: usize = 512;

/// The identity the challenge payloads ran under (part of the sealed truth).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TestIdentity {
    /// Certificate DN, either form (may be empty).
    pub dn: String,
    /// Token issuer (`iss`), e.g. `https://atlas-auth.cern.ch/` (may be empty).
    pub token_issuer: String,
    /// Token subject (`sub`) (may be empty).
    pub token_subject: String,
    /// VO username (may be empty).
    pub username: String,
    /// Other names the VO's systems use for it (DIRAC nickname, IAM username, …).
    pub aliases: Vec<String>,
    /// Group or role, e.g. `/atlas/Role=production` (not compared).
    pub group_role: String,
    /// Who in the VO created the identity (not compared).
    pub created_by: String,
}

/// The owner as the VO named it (entered by the organiser from the VO's answer).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnerClaim {
    /// DN, either form.
    pub dn: String,
    /// Token issuer.
    pub token_issuer: String,
    /// Token subject; `issuer,subject` (HTCondor-CE's AuthId form) is also read here.
    pub token_subject: String,
    /// VO username.
    pub username: String,
}

impl OwnerClaim {
    /// True when nothing was entered.
    pub fn is_empty(&self) -> bool {
        [&self.dn, &self.token_issuer, &self.token_subject, &self.username]
            .iter()
            .all(|s| s.trim().is_empty())
    }
}

/// Why an identifier of the truth cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IdentityError {
    /// No identifier at all.
    #[error("The test identity needs a DN, a token issuer and subject, or a VO username.")]
    Empty,
    /// The DN cannot be read.
    #[error("The test identity's DN cannot be read: {0}")]
    Dn(DnError),
    /// Issuer without subject or the reverse.
    #[error("A token identity needs both the issuer (iss) and the subject (sub).")]
    HalfToken,
    /// A value is too long or has control characters.
    #[error("The test identity's {0} is too long or contains control characters.")]
    BadText(&'static str),
}

/// Which kind of identifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdKind {
    /// Certificate DN.
    Dn,
    /// Token issuer + subject.
    Token,
    /// VO username.
    Username,
}

impl IdKind {
    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            IdKind::Dn => "DN",
            IdKind::Token => "token issuer and subject",
            IdKind::Username => "VO username",
        }
    }
}

/// One identifier that met the truth, and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// By DN.
    Dn(DnMatch),
    /// By token issuer and subject.
    Token,
    /// By VO username or alias.
    Username,
}

impl Basis {
    /// Words for people.
    pub fn describe(self) -> String {
        match self {
            Basis::Dn(m) => format!("DN ({})", m.describe()),
            Basis::Token => "token issuer and subject".to_owned(),
            Basis::Username => "VO username mapped by the organiser".to_owned(),
        }
    }
}

/// The judgement on what the VO named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdentityOutcome {
    /// Accepted.
    Match(Vec<Basis>),
    /// Names someone else (every comparable identifier differs).
    Mismatch(Vec<IdKind>),
    /// Some identifiers match, others name someone else: not accepted.
    Contradictory {
        /// What matched.
        matched: Vec<Basis>,
        /// What named someone else.
        conflicting: Vec<IdKind>,
    },
    /// Something was named but nothing could be compared (e.g. a subject without issuer).
    Incomplete(String),
    /// Nothing was named.
    NotGiven,
}

impl IdentityOutcome {
    /// True when accepted.
    pub fn is_match(&self) -> bool {
        matches!(self, IdentityOutcome::Match(_))
    }

    /// Words for the scorecard (no identifier values).
    pub fn describe(&self) -> String {
        let kinds = |k: &[IdKind]| k.iter().map(|k| k.label()).collect::<Vec<_>>().join(", ");
        let bases = |b: &[Basis]| b.iter().map(|b| b.describe()).collect::<Vec<_>>().join("; ");
        match self {
            IdentityOutcome::Match(b) => format!("owner identified: {}", bases(b)),
            IdentityOutcome::Mismatch(k) => format!("someone else was named ({} differs)", kinds(k)),
            IdentityOutcome::Contradictory { matched, conflicting } => {
                format!(
                    "contradictory: {} matched, but the {} names someone else",
                    bases(matched),
                    kinds(conflicting)
                )
            }
            IdentityOutcome::Incomplete(why) => format!("not comparable: {why}"),
            IdentityOutcome::NotGiven => "no owner named".to_owned(),
        }
    }
}

fn text_ok(s: &str, what: &'static str) -> Result<String, IdentityError> {
    clean(s, MAX_ID_CHARS).map(|(c, _)| c.trim().to_owned()).map_err(|_| IdentityError::BadText(what))
}

/// Issuers compare without a trailing slash and with scheme and host in lower case.
fn norm_issuer(s: &str) -> String {
    let s = s.trim().trim_end_matches('/');
    match s.split_once("://") {
        Some((scheme, rest)) => {
            let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
            let path = if path.is_empty() { String::new() } else { format!("/{path}") };
            format!("{}://{}{}", scheme.to_ascii_lowercase(), host.to_ascii_lowercase(), path)
        }
        None => s.to_ascii_lowercase(),
    }
}

fn uuid_like(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 5
        && [8, 4, 4, 4, 12]
            .iter()
            .zip(&parts)
            .all(|(n, p)| p.len() == *n && p.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Subjects are opaque and case-sensitive, except UUIDs (RFC 9562: case-insensitive on input).
fn subject_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    if uuid_like(a) && uuid_like(b) { a.eq_ignore_ascii_case(b) } else { a == b }
}

fn norm_username(s: &str) -> String {
    fold(s.trim())
}

/// The truth, read once and checked.
#[derive(Clone, Debug)]
pub struct ReadIdentity {
    dn: Option<Dn>,
    token: Option<(String, String)>,
    usernames: Vec<String>,
}

/// Reads and checks the test identity.
pub fn read_truth(t: &TestIdentity) -> Result<ReadIdentity, IdentityError> {
    let dn = if t.dn.trim().is_empty() { None } else { Some(Dn::parse(&t.dn).map_err(IdentityError::Dn)?) };
    let (iss, sub) = (text_ok(&t.token_issuer, "token issuer")?, text_ok(&t.token_subject, "token subject")?);
    let token = match (iss.is_empty(), sub.is_empty()) {
        (true, true) => None,
        (false, false) => Some((norm_issuer(&iss), sub)),
        _ => return Err(IdentityError::HalfToken),
    };
    let mut usernames = Vec::new();
    for u in std::iter::once(&t.username).chain(&t.aliases) {
        let u = text_ok(u, "username")?;
        if !u.is_empty() {
            usernames.push(norm_username(&u));
        }
    }
    if dn.is_none() && token.is_none() && usernames.is_empty() {
        return Err(IdentityError::Empty);
    }
    Ok(ReadIdentity { dn, token, usernames })
}

/// Judges what the VO named against the truth.
pub fn judge(truth: &ReadIdentity, claim: &OwnerClaim) -> IdentityOutcome {
    if claim.is_empty() {
        return IdentityOutcome::NotGiven;
    }
    let mut matched = Vec::new();
    let mut conflicting = Vec::new();
    let mut not_comparable = Vec::new();

    if !claim.dn.trim().is_empty() {
        match (&truth.dn, Dn::parse(&claim.dn)) {
            (None, _) => not_comparable.push("the organiser recorded no DN"),
            (Some(t), Ok(c)) => match match_dn(t, &c) {
                Some(m) => matched.push(Basis::Dn(m)),
                None => conflicting.push(IdKind::Dn),
            },
            (Some(_), Err(_)) => conflicting.push(IdKind::Dn),
        }
    }

    let (mut iss, mut sub) = (claim.token_issuer.trim().to_owned(), claim.token_subject.trim().to_owned());
    if iss.is_empty() {
        // HTCondor-CE logs token identities as `issuer,subject`.
        if let Some((i, s)) = sub.split_once(',').filter(|(i, _)| i.contains("://")) {
            (iss, sub) = (i.trim().to_owned(), s.trim().to_owned());
        }
    }
    match (iss.is_empty(), sub.is_empty()) {
        (true, true) => {}
        (false, true) => not_comparable.push("a token issuer without a subject identifies nobody"),
        (true, false) => not_comparable.push("a token subject is unique only together with its issuer"),
        (false, false) => match &truth.token {
            None => not_comparable.push("the organiser recorded no token identity"),
            Some((t_iss, t_sub)) => {
                if norm_issuer(&iss) == *t_iss && subject_eq(&sub, t_sub) {
                    matched.push(Basis::Token);
                } else {
                    conflicting.push(IdKind::Token);
                }
            }
        },
    }

    if !claim.username.trim().is_empty() {
        if truth.usernames.is_empty() {
            not_comparable.push("the organiser recorded no VO username");
        } else if truth.usernames.contains(&norm_username(&claim.username)) {
            matched.push(Basis::Username);
        } else {
            conflicting.push(IdKind::Username);
        }
    }

    match (matched.is_empty(), conflicting.is_empty()) {
        (false, true) => IdentityOutcome::Match(matched),
        (false, false) => IdentityOutcome::Contradictory { matched, conflicting },
        (true, false) => IdentityOutcome::Mismatch(conflicting),
        (true, true) => IdentityOutcome::Incomplete(not_comparable.join("; ")),
    }
}

/// Every identifier of the truth as typed: the strings the leak check looks for. The token
/// issuer is left out: it is the VO's public IAM address and appears in ordinary text.
pub fn secrets(t: &TestIdentity) -> Vec<(&'static str, String)> {
    let mut out = vec![
        ("test identity DN", t.dn.clone()),
        ("token subject", t.token_subject.clone()),
        ("VO username", t.username.clone()),
    ];
    out.extend(t.aliases.iter().map(|a| ("VO username alias", a.clone())));
    if let Ok(dn) = Dn::parse(&t.dn) {
        // The DN's CNs (the person-like part) are secret on their own too.
        for rdn in &dn.rdns {
            for a in rdn {
                if a.attr == "CN" && a.value.chars().count() >= 4 {
                    out.push(("test identity name", a.value.clone()));
                }
            }
        }
    }
    out.retain(|(_, s)| !s.trim().is_empty());
    out
}
