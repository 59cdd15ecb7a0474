//! Validation of what a person types, before anything is stored.
//!
//! Invariant: a value that fails here is never stored as an answer; the caller shows the error
//! inline and keeps the previous answer.

/// Why typed input was refused. The `Display` text is shown next to the field.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum InputError {
    /// Not a number at all.
    #[error("Enter a whole number of {unit}, e.g. 180.")]
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
