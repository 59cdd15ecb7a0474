//! X.509 distinguished names as grid people write them, read so that a CSIRT's idea of "the same
//! DN" holds: the OpenSSL/Globus slash form (`/DC=ch/DC=cern/CN=Jane Doe`, most significant
//! first) and the RFC 4514 comma form (`CN=Jane Doe,DC=cern,DC=ch`, least significant first).
//!
//! Reading rules (RFC 4514 and RFC 4518 in spirit, simplified where grid practice needs it):
//! - a separator (`/`, `,`, `;`, `+`) only separates when an attribute type and `=` follow, so
//!   `CN=host/ce.example.org` and `O=Example, Inc.` keep their value;
//! - `\,` style escapes, `\C3\A9` hex pairs (UTF-8) and `"quoted"` values are decoded;
//! - attribute types are case-insensitive and aliases meet (`E`, `Email`, `emailAddress` and the
//!   OID; `UID`/`userid`; `ST`/`S`; `OID.2.5.4.3` = `2.5.4.3` = `CN`);
//! - values: surrounding spaces dropped, inner runs of spaces (also U+3000 and line breaks from a
//!   wrapped mail) count as one, case is ignored (Unicode lower case, Greek final sigma folded);
//! - invisible format characters (zero-width spaces, BOM, bidi controls) pasted along are dropped
//!   and reported; other control characters are refused.
//!
//! Not done: Unicode normalisation (NFC/NFKC) — a name typed with a combining accent differs from
//! the precomposed one. Grid DNs are copied, not retyped, so both sides carry the same form.
//!
//! Invariant: a `Dn` has at least one RDN, each with at least one attribute, in slash order.

use std::collections::BTreeMap;

/// Longest DN text read.
pub const MAX_DN_CHARS: usize = 2048;

/// One attribute of an RDN.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ava {
    /// Canonical attribute type (`CN`, `DC`, `EMAILADDRESS`, or the OID as written).
    pub attr: String,
    /// The value as written (escapes decoded, surrounding spaces dropped).
    pub value: String,
    /// The value as compared.
    key: String,
}

impl Ava {
    fn matching_key(&self) -> (String, String) {
        (self.attr.clone(), self.key.clone())
    }
}

/// Which way a DN was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DnForm {
    /// `/DC=ch/…/CN=Jane Doe`.
    Slash,
    /// `CN=Jane Doe,…,DC=ch`.
    Comma,
}

/// A parsed DN, RDNs most significant first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dn {
    /// RDNs, most significant first; each is one or more attributes (`+`).
    pub rdns: Vec<Vec<Ava>>,
    /// How it was written.
    pub form: DnForm,
    /// True when invisible characters were dropped while reading it.
    pub dropped_invisible: bool,
}

/// Why a DN cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DnError {
    /// Nothing but spaces.
    #[error("The DN is empty.")]
    Empty,
    /// Longer than `MAX_DN_CHARS`.
    #[error("The DN is longer than {MAX_DN_CHARS} characters.")]
    TooLong,
    /// A control character other than a line break or tab.
    #[error("The DN contains a control character (U+{0:04X}).")]
    Control(u32),
    /// A part without `type=value`.
    #[error("`{0}` in the DN is not of the form TYPE=value.")]
    NoEquals(String),
    /// An attribute type that is not letters, digits and hyphens, or an OID.
    #[error("`{0}` is not an attribute type (CN, OU, O, DC, C, L, ST, UID, emailAddress or an OID).")]
    BadType(String),
    /// A `\` at the end or before something that is neither a special character nor hex.
    #[error("The DN has a broken escape (\\).")]
    BadEscape,
}

/// Invisible "format" characters that copy and paste brings along.
fn invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Cleans the raw text: refuses controls, maps tabs and line breaks to spaces, drops invisibles.
pub(super) fn clean(text: &str, max: usize) -> Result<(String, bool), DnError> {
    if text.chars().count() > max {
        return Err(DnError::TooLong);
    }
    let mut out = String::with_capacity(text.len());
    let mut dropped = false;
    for c in text.chars() {
        match c {
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() => return Err(DnError::Control(c as u32)),
            c if invisible(c) => dropped = true,
            c => out.push(c),
        }
    }
    Ok((out, dropped))
}

/// Folds a value for comparison: spaces collapsed, lower case, final sigma folded.
pub(super) fn fold(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase().replace('ς', "σ")
}

fn canonical_type(t: &str) -> Result<String, DnError> {
    let t = t.trim();
    let bare = t.strip_prefix("OID.").or_else(|| t.strip_prefix("oid.")).unwrap_or(t);
    let is_oid =
        !bare.is_empty() && bare.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let is_name = bare.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && bare.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !is_oid && !is_name {
        return Err(DnError::BadType(t.chars().take(40).collect()));
    }
    let upper = bare.to_ascii_uppercase();
    Ok(match upper.as_str() {
        "CN" | "COMMONNAME" | "2.5.4.3" => "CN",
        "OU" | "ORGANIZATIONALUNITNAME" | "2.5.4.11" => "OU",
        "O" | "ORGANIZATIONNAME" | "2.5.4.10" => "O",
        "L" | "LOCALITYNAME" | "2.5.4.7" => "L",
        "ST" | "S" | "STATEORPROVINCENAME" | "2.5.4.8" => "ST",
        "C" | "COUNTRYNAME" | "2.5.4.6" => "C",
        "DC" | "DOMAINCOMPONENT" | "0.9.2342.19200300.100.1.25" => "DC",
        "UID" | "USERID" | "0.9.2342.19200300.100.1.1" => "UID",
        "E" | "EMAIL" | "EMAILADDRESS" | "1.2.840.113549.1.9.1" => "EMAILADDRESS",
        "SERIALNUMBER" | "2.5.4.5" => "SERIALNUMBER",
        "STREET" | "2.5.4.9" => "STREET",
        "T" | "TITLE" | "2.5.4.12" => "TITLE",
        other => return Ok(other.to_owned()),
    }
    .to_owned())
}

/// A character of the text after escapes are read: either literal (escaped or quoted) or raw.
#[derive(Clone, Copy)]
struct Ch {
    c: char,
    literal: bool,
}

/// Decodes escapes and quotes into characters marked literal.
fn unescape(text: &str) -> Result<Vec<Ch>, DnError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    let mut quoted = false;
    let mut bytes: Vec<u8> = Vec::new();
    let flush = |bytes: &mut Vec<u8>, out: &mut Vec<Ch>| {
        if !bytes.is_empty() {
            for c in String::from_utf8_lossy(bytes).chars() {
                out.push(Ch { c, literal: true });
            }
            bytes.clear();
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            let next = chars.get(i + 1).copied().ok_or(DnError::BadEscape)?;
            let hex2 = chars.get(i + 2).copied();
            if let (Some(h), Some(l)) = (next.to_digit(16), hex2.and_then(|c| c.to_digit(16))) {
                bytes.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
            flush(&mut bytes, &mut out);
            out.push(Ch { c: next, literal: true });
            i += 2;
            continue;
        }
        flush(&mut bytes, &mut out);
        // A quote opens a quoted value only right after `=` and when it is closed later; any
        // other quote is an ordinary character (`Robert"); --` stays as typed).
        let opens = !quoted
            && out
                .iter()
                .rev()
                .find(|ch| ch.c != ' ' || ch.literal)
                .is_some_and(|ch| ch.c == '=' && !ch.literal)
            && chars[i + 1..].contains(&'"');
        if c == '"' && (quoted || opens) {
            quoted = !quoted;
        } else {
            out.push(Ch { c, literal: quoted });
        }
        i += 1;
    }
    flush(&mut bytes, &mut out);
    Ok(out)
}

/// True when `chars[at..]` starts with optional spaces, an attribute type and `=`.
fn type_follows(chars: &[Ch], at: usize) -> bool {
    let mut i = at;
    while i < chars.len() && chars[i].c == ' ' && !chars[i].literal {
        i += 1;
    }
    let start = i;
    while i < chars.len()
        && !chars[i].literal
        && (chars[i].c.is_ascii_alphanumeric() || chars[i].c == '-' || chars[i].c == '.')
    {
        i += 1;
    }
    if i == start {
        return false;
    }
    while i < chars.len() && chars[i].c == ' ' && !chars[i].literal {
        i += 1;
    }
    i < chars.len() && chars[i].c == '=' && !chars[i].literal
}

/// Splits at raw separators that are followed by `TYPE=`.
fn split(chars: &[Ch], seps: &[char]) -> Vec<Vec<Ch>> {
    let mut parts = vec![Vec::new()];
    for (i, ch) in chars.iter().enumerate() {
        if !ch.literal && seps.contains(&ch.c) && type_follows(chars, i + 1) {
            parts.push(Vec::new());
        } else if let Some(last) = parts.last_mut() {
            last.push(*ch);
        }
    }
    parts
}

fn ava(part: &[Ch]) -> Result<Ava, DnError> {
    let text: String = part.iter().map(|c| c.c).collect();
    let eq = part
        .iter()
        .position(|c| c.c == '=' && !c.literal)
        .ok_or_else(|| DnError::NoEquals(text.trim().chars().take(40).collect()))?;
    let attr: String = part[..eq].iter().map(|c| c.c).collect();
    let value: String = part[eq + 1..].iter().map(|c| c.c).collect();
    let attr = canonical_type(&attr)?;
    let value = value.trim().to_owned();
    let key = fold(&value);
    Ok(Ava { attr, value, key })
}

impl Dn {
    /// Reads a DN in slash or comma form.
    pub fn parse(text: &str) -> Result<Dn, DnError> {
        let (cleaned, dropped_invisible) = clean(text, MAX_DN_CHARS)?;
        let t = cleaned.trim();
        if t.is_empty() {
            return Err(DnError::Empty);
        }
        let chars = unescape(t)?;
        let (form, body) = if chars.first().is_some_and(|c| c.c == '/' && !c.literal) {
            (DnForm::Slash, &chars[1..])
        } else {
            (DnForm::Comma, &chars[..])
        };
        let seps: &[char] = match form {
            DnForm::Slash => &['/'],
            DnForm::Comma => &[',', ';'],
        };
        let mut rdns = Vec::new();
        for rdn in split(body, seps) {
            if rdn.iter().all(|c| c.c == ' ' && !c.literal) {
                continue; // a trailing or doubled separator
            }
            let avas = split(&rdn, &['+']).iter().map(|p| ava(p)).collect::<Result<Vec<_>, _>>()?;
            rdns.push(avas);
        }
        if rdns.is_empty() {
            return Err(DnError::Empty);
        }
        if form == DnForm::Comma {
            rdns.reverse();
        }
        Ok(Dn { rdns, form, dropped_invisible })
    }

    /// The DN in slash form, as grid tools print it.
    pub fn to_slash(&self) -> String {
        self.rdns
            .iter()
            .map(|rdn| {
                format!(
                    "/{}",
                    rdn.iter().map(|a| format!("{}={}", a.attr, a.value)).collect::<Vec<_>>().join("+")
                )
            })
            .collect()
    }

    fn keys(&self) -> Vec<Vec<(String, String)>> {
        self.rdns.iter().map(|r| r.iter().map(Ava::matching_key).collect()).collect()
    }
}

/// How a claimed DN met the true one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DnMatch {
    /// Same RDNs in the same order (after reading both forms).
    SameOrder,
    /// Same RDNs, written in the reverse order (e.g. comma separators in slash order).
    Reversed,
    /// Same attributes in another order.
    OtherOrder,
    /// The claim is a proxy of the true DN: extra `CN=proxy`, `CN=limited proxy` or numeric CNs.
    Proxy,
}

impl DnMatch {
    /// Words for the organiser (never the DN itself).
    pub fn describe(self) -> &'static str {
        match self {
            DnMatch::SameOrder => "same DN",
            DnMatch::Reversed => "same DN in the reverse RDN order",
            DnMatch::OtherOrder => "same attributes in another RDN order",
            DnMatch::Proxy => "a proxy certificate DN of the same identity",
        }
    }
}

fn proxy_like(attr: &str, key: &str) -> bool {
    attr == "CN"
        && (key == "proxy"
            || key == "limited proxy"
            || (!key.is_empty() && key.bytes().all(|b| b.is_ascii_digit())))
}

/// Whether `claim` names the same identity as `truth`, and how.
pub fn match_dn(truth: &Dn, claim: &Dn) -> Option<DnMatch> {
    let (t, c) = (truth.keys(), claim.keys());
    if t == c {
        return Some(DnMatch::SameOrder);
    }
    let mut rev = c.clone();
    rev.reverse();
    if t == rev {
        return Some(DnMatch::Reversed);
    }
    let mut counts: BTreeMap<(String, String), i64> = BTreeMap::new();
    for k in t.iter().flatten() {
        *counts.entry(k.clone()).or_default() += 1;
    }
    for k in c.iter().flatten() {
        *counts.entry(k.clone()).or_default() -= 1;
    }
    if counts.values().all(|n| *n == 0) {
        return Some(DnMatch::OtherOrder);
    }
    // Attributes only the truth has: not the same identity. Extra ones in the claim are fine
    // only when they are what a proxy certificate adds.
    let missing = counts.values().any(|n| *n > 0);
    let extras_are_proxy = counts.iter().filter(|(_, n)| **n < 0).all(|((a, k), _)| proxy_like(a, k));
    (!missing && extras_are_proxy).then_some(DnMatch::Proxy)
}
