//! Validation of what a person types, before anything is stored.
//!
//! Invariant: a value that fails here is never stored as an answer; the caller shows the error
//! inline and keeps the previous answer.

/// Why typed input was refused. The `Display` text is shown next to the field.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum InputError {
    /// Not a number at all.
    #[error("Enter a number of {unit}, in digits (for example 12).")]
    NotANumber {
        /// The unit asked for.
        unit: String,
    },
    /// Below the question's minimum (e.g. negative).
    #[error("Enter a number of {unit} of at least {min}.")]
    TooSmall {
        /// The unit asked for.
        unit: String,
        /// The minimum.
        min: String,
    },
    /// Above the question's maximum.
    #[error("Enter a number of {unit} of at most {max}.")]
    TooLarge {
        /// The unit asked for.
        unit: String,
        /// The maximum.
        max: String,
    },
    /// Not shaped like an e-mail address.
    #[error("Enter an e-mail address such as security@example.org.")]
    NotAnEmail,
    /// Not shaped like a telephone number.
    #[error("Enter a telephone number with country code, e.g. +41 22 767 0000.")]
    NotAPhone,
    /// Not an http(s) link.
    #[error("Enter a web link starting with http or https, or leave it empty.")]
    NotAUrl,
    /// Not a calendar date.
    #[error("Enter a date as YYYY-MM-DD.")]
    NotADate,
}

/// Parses a number typed into a field with `unit` and bounds `min..=max`.
pub fn parse_number(input: &str, unit: &str, min: f64, max: f64) -> Result<f64, InputError> {
    let text = input.trim();
    let value: f64 = text.parse().map_err(|_| InputError::NotANumber { unit: unit.to_owned() })?;
    if !value.is_finite() {
        return Err(InputError::NotANumber { unit: unit.to_owned() });
    }
    if value < min {
        return Err(InputError::TooSmall { unit: unit.to_owned(), min: super::answer::format_number(min) });
    }
    if value > max {
        return Err(InputError::TooLarge { unit: unit.to_owned(), max: super::answer::format_number(max) });
    }
    Ok(value)
}

/// Checks the shape of an e-mail address: one `@`, a non-empty local part, a dotted domain,
/// no spaces. Deliverability cannot be checked offline and is not attempted.
pub fn parse_email(input: &str) -> Result<String, InputError> {
    let text = input.trim();
    let (local, domain) = text.split_once('@').ok_or(InputError::NotAnEmail)?;
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && domain.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    let local_ok = !local.is_empty() && !local.chars().any(|c| c.is_whitespace() || c == '@');
    if domain_ok && local_ok && text.len() <= 254 { Ok(text.to_owned()) } else { Err(InputError::NotAnEmail) }
}

pub use extra::{looks_personal, parse_phone, parse_url};

mod extra {
    use super::InputError;

    /// Checks a telephone number: digits with optional `+`, spaces, dashes, dots and brackets,
    /// 6 to 20 digits. Returns it trimmed.
    pub fn parse_phone(input: &str) -> Result<String, InputError> {
        let text = input.trim();
        let digits = text.chars().filter(char::is_ascii_digit).count();
        let allowed = text.chars().enumerate().all(|(i, c)| {
            c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '/') || (c == '+' && i == 0)
        });
        if allowed && (6..=20).contains(&digits) { Ok(text.to_owned()) } else { Err(InputError::NotAPhone) }
    }

    /// Checks a link: `http` or `https`, a host, no spaces. The app never opens or fetches it.
    pub fn parse_url(input: &str) -> Result<String, InputError> {
        let text = input.trim();
        let Some((scheme, rest)) = text.split_once("://") else { return Err(InputError::NotAUrl) };
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let ok = matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https")
            && !host.is_empty()
            && !text.chars().any(char::is_whitespace);
        if ok { Ok(text.to_owned()) } else { Err(InputError::NotAUrl) }
    }

    /// Words that mark a role mailbox rather than a person's.
    const ROLE_WORDS: &[&str] = &[
        "security",
        "sec",
        "csirt",
        "cert",
        "abuse",
        "admin",
        "admins",
        "ops",
        "operations",
        "grid",
        "support",
        "team",
        "help",
        "helpdesk",
        "incident",
        "incidents",
        "noc",
        "soc",
        "list",
        "contact",
        "manager",
        "managers",
        "vo",
        "site",
        "root",
        "it",
    ];

    /// Whether an e-mail address looks like one person's mailbox (e.g. `jane.doe@…`), where a
    /// role address such as `vo-security@…` is expected. A heuristic: it only ever adds a hint or
    /// a gap that the respondent can answer by explaining.
    pub fn looks_personal(address: &str) -> bool {
        let local = address.split('@').next().unwrap_or("").to_ascii_lowercase();
        let words: Vec<&str> = local.split(['.', '-', '_', '+']).filter(|w| !w.is_empty()).collect();
        if words.iter().any(|w| ROLE_WORDS.contains(w) || w.starts_with("security") || w.ends_with("sec")) {
            return false;
        }
        // first.last, or first.m.last: two or three alphabetic parts joined by dots.
        let dotted: Vec<&str> = local.split('.').collect();
        (2..=3).contains(&dotted.len())
            && dotted.iter().all(|p| !p.is_empty() && p.chars().all(char::is_alphabetic))
    }
}
