//! Quoting a value for POSIX `sh`, the only way a typed value enters a command line.
//!
//! Single-quote style: inside `'…'` the shell gives no character a meaning except the closing
//! quote, so a value is wrapped in single quotes and each `'` in it is written `'\''` (close,
//! an escaped quote, reopen). An empty value is `''`, a word of its own. A newline inside quotes is
//! literal, so even a multi-line value stays one argument. NUL cannot be passed in an argument
//! at all and is refused.
//!
//! Invariant: for every string `v` without NUL, `sh -c "printf %s $(quote(v))"` prints `v`
//! byte for byte (tested on a hostile corpus in `tests/it/trace_quote.rs`).

/// Why a value cannot be written into a command line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuoteError {
    /// The value holds a NUL character, which no shell argument can carry.
    #[error("the value contains a NUL character, which no command argument can carry")]
    Nul,
}

/// The value as one quoted `sh` word: `'…'`, with each `'` written `'\''`; `''` when empty.
pub fn quote(value: &str) -> Result<String, QuoteError> {
    let inner = escape_single(value)?;
    let mut out = String::with_capacity(inner.len() + 2);
    out.push('\'');
    out.push_str(&inner);
    out.push('\'');
    Ok(out)
}

/// The value for a place that is already inside single quotes in a template: each `'` becomes
/// `'\''`, everything else stays literal.
pub fn escape_single(value: &str) -> Result<String, QuoteError> {
    if value.contains('\0') {
        return Err(QuoteError::Nul);
    }
    Ok(value.replace('\'', r"'\''"))
}
