//! Command and text templates with named placeholders, `{{field}}` or `{{field|filter}}`, and
//! their filling with the values a user typed.
//!
//! A template is data (`questions/trace.toml`); parsing it checks that a typed value can only
//! ever be an inert argument. For `sh` templates the literal text is lexed like the shell does
//! and refused when a value could become code: a value in a command's place, inside double
//! quotes, after `$` or `\`, in a comment, in a redirection, or after a command that re-parses
//! its arguments (`sh`, `eval`, `ssh`, `awk` …). Inside single quotes a value enters another
//! language (a ClassAd expression, a literal grep pattern), so it must say which with a filter.
//!
//! Invariant: filling never produces shell syntax from a value. Every value is quoted for its
//! place ([`super::quote`]); a missing value is a [`Segment::Missing`], shown as a marked gap
//! (`⟨missing: …⟩`) and never as a line to copy; a value the place cannot hold is refused.

use std::fmt;

use super::quote::{QuoteError, escape_single, quote};

/// What a template is written for, which decides how values are written into it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A POSIX `sh` command line; every value is single-quoted.
    Sh,
    /// Prose, a configuration line or an address; values are inserted as they are.
    Text,
    /// A command for the JAliEn shell, which splits on spaces and has no quoting: values are
    /// restricted to characters that need none.
    Jsh,
}

impl Kind {
    /// Parses the `kind` of a command in the data.
    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "sh" => Some(Kind::Sh),
            "text" => Some(Kind::Text),
            "jsh" => Some(Kind::Jsh),
            _ => None,
        }
    }
}

/// How a value is transformed for the language it lands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// The value itself.
    Plain,
    /// A string inside a ClassAd string literal (`"…"` in a `-constraint`): `"`, `\` and
    /// control characters are refused rather than escaped, because old and new ClassAd syntax
    /// escape differently.
    ClassAd,
    /// A literal string for a program that matches it literally (`grep -F`), inside single
    /// quotes: the template author states that the quoted region is not a program.
    Lit,
    /// A literal inside a regular expression of a text line (e.g. an HTCondor-CE map file):
    /// metacharacters are escaped with `\`.
    Regex,
    /// A part of a URL: percent-encoded except unreserved characters.
    Url,
}

impl Filter {
    fn parse(s: &str) -> Option<Filter> {
        match s {
            "classad" => Some(Filter::ClassAd),
            "lit" => Some(Filter::Lit),
            "regex" => Some(Filter::Regex),
            "url" => Some(Filter::Url),
            _ => None,
        }
    }
}

/// Where a placeholder sits in the literal text around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// In an `sh` line outside quotes: the value becomes a single-quoted word (part).
    Unquoted,
    /// In an `sh` line inside `'…'` of the template.
    SingleQuoted,
    /// In a text or JAliEn-shell template.
    Plain,
}

/// One `{{…}}` of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    /// The field whose value fills it.
    pub field: String,
    /// Its filter.
    pub filter: Filter,
    /// Its place in the surrounding text.
    pub context: Context,
    /// Whether the value begins a word of the command line (then a leading `-` may be read as
    /// an option, which is warned about).
    pub starts_word: bool,
}

/// A parsed template: literal text and placeholders, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// What it is written for.
    pub kind: Kind,
    /// The source text as written in the data.
    pub source: String,
    pieces: Vec<Piece>,
    commands: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(String),
    Slot(Placeholder),
}

/// Why a template is refused, in words for the person editing the data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// `{{` without `}}`.
    #[error("`{{{{` at byte {0} is not closed with `}}}}`")]
    Unclosed(usize),
    /// The name between the braces is not a field ID.
    #[error("`{0}` is not a placeholder name (lower-case letters, digits and _)")]
    BadName(String),
    /// An unknown filter after `|`.
    #[error("unknown filter `{0}` (classad, lit, regex, url)")]
    BadFilter(String),
    /// A filter used where it has no meaning.
    #[error("filter `{filter}` cannot be used {place}")]
    FilterPlace {
        /// The filter as written.
        filter: String,
        /// Where it was used.
        place: &'static str,
    },
    /// A shell construct that could turn a value into code, or that tests cannot observe.
    #[error("{0}")]
    Shell(String),
}

fn shell(msg: impl Into<String>) -> TemplateError {
    TemplateError::Shell(msg.into())
}

/// Commands that re-parse an argument as code or run a program given as text.
const REPARSE: &[&str] = &[
    "sh", "bash", "dash", "ksh", "zsh", "csh", "tcsh", "fish", "busybox", "eval", "exec", "source", ".",
    "su", "ssh", "watch", "xargs", "parallel", "awk", "gawk", "mawk", "sed", "perl", "python", "python3",
    "ruby", "lua", "tclsh",
];

/// Commands that run another command given in their arguments: those arguments must not name
/// a command from [`REPARSE`] (`sudo sh -c …`), nor ask for a shell (`sudo -s`).
const WRAPPERS: &[&str] = &[
    "sudo", "env", "nohup", "timeout", "nice", "ionice", "find", "strace", "chroot", "runuser", "setsid",
    "stdbuf", "unshare", "nsenter", "flock", "doas",
];

/// Arguments of a wrapper that start a shell over the rest of the line.
const SHELL_FLAGS: &[&str] = &["-s", "-i", "--shell", "--login", "-c", "-exec", "-execdir", "-ok", "-okdir"];

/// `sh` builtins a template may use: they run in the shell itself, so tests replace them with
/// recording functions (`export` only with literal arguments).
pub const ALLOWED_BUILTINS: &[&str] = &["cd", "kill", "export"];

/// The other builtins and reserved words of dash and POSIX sh: refused in a command's place.
const OTHER_BUILTINS: &[&str] = &[
    "alias", "bg", "break", "command", "continue", "echo", "exit", "false", "fc", "fg", "getopts", "hash",
    "jobs", "local", "printf", "pwd", "read", "readonly", "return", "set", "shift", "test", "[", "times",
    "trap", "true", "type", "ulimit", "umask", "unalias", "unset", "wait", ":", "if", "then", "else", "elif",
    "fi", "for", "while", "until", "do", "done", "case", "esac", "in", "!", "{", "}", "function", "select",
    "time",
];

impl Template {
    /// Parses and checks a template of the given kind.
    pub fn parse(kind: Kind, source: &str) -> Result<Template, TemplateError> {
        let pieces = split(source)?;
        let mut t = Template { kind, source: source.to_owned(), pieces, commands: Vec::new() };
        match kind {
            Kind::Sh => {
                check_classad_enclosed(&t.pieces)?;
                t.commands = lex_sh(&mut t.pieces)?;
            }
            Kind::Text | Kind::Jsh => {
                for p in &mut t.pieces {
                    if let Piece::Slot(s) = p {
                        s.context = Context::Plain;
                        match (kind, s.filter) {
                            (_, Filter::ClassAd | Filter::Lit) => {
                                return Err(TemplateError::FilterPlace {
                                    filter: filter_name(s.filter).into(),
                                    place: "outside a shell command",
                                });
                            }
                            (Kind::Jsh, Filter::Regex | Filter::Url) => {
                                return Err(TemplateError::FilterPlace {
                                    filter: filter_name(s.filter).into(),
                                    place: "in a JAliEn shell command",
                                });
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
        Ok(t)
    }

    /// The template as written with each placeholder shown by `show(field)`, e.g. `<batch_job_id>`:
    /// how a handbook prints a command before any value is known. Not for copying.
    pub fn pattern(&self, show: &dyn Fn(&str) -> String) -> String {
        let mut out = String::new();
        for p in &self.pieces {
            match p {
                Piece::Literal(t) => out.push_str(t),
                Piece::Slot(s) => out.push_str(&show(&s.field)),
            }
        }
        out
    }

    /// The placeholders, in order (a field may appear more than once).
    pub fn placeholders(&self) -> impl Iterator<Item = &Placeholder> {
        self.pieces.iter().filter_map(|p| match p {
            Piece::Slot(s) => Some(s),
            Piece::Literal(_) => None,
        })
    }

    /// The literal text before the first placeholder (the whole text if there is none).
    pub fn literal_prefix(&self) -> &str {
        match self.pieces.first() {
            Some(Piece::Literal(s)) => s,
            _ => "",
        }
    }

    /// The command names of an `sh` template (first word of each pipeline stage), in order.
    pub fn commands(&self) -> &[String] {
        &self.commands
    }

    /// Fills the template. `value` gives a field's value (`None` or blank: missing).
    pub fn fill<'v>(&self, value: &dyn Fn(&str) -> Option<&'v str>) -> Filled {
        let mut segments = Vec::with_capacity(self.pieces.len());
        let mut warnings = Vec::new();
        for p in &self.pieces {
            match p {
                Piece::Literal(s) => segments.push(Segment::Literal(s.clone())),
                Piece::Slot(slot) => {
                    let v = value(&slot.field).filter(|v| !v.trim().is_empty());
                    let Some(v) = v else {
                        segments.push(Segment::Missing { field: slot.field.clone() });
                        continue;
                    };
                    match write_value(self.kind, slot, v) {
                        Ok(text) => {
                            warnings.extend(warn(self.kind, slot, v));
                            segments.push(Segment::Value { field: slot.field.clone(), text });
                        }
                        Err(reason) => segments.push(Segment::Refused { field: slot.field.clone(), reason }),
                    }
                }
            }
        }
        warnings.dedup();
        Filled { kind: self.kind, segments, warnings }
    }
}

fn filter_name(f: Filter) -> &'static str {
    match f {
        Filter::Plain => "",
        Filter::ClassAd => "classad",
        Filter::Lit => "lit",
        Filter::Regex => "regex",
        Filter::Url => "url",
    }
}

/// Splits `…{{name|filter}}…` into literal pieces and slots (contexts decided later).
fn split(source: &str) -> Result<Vec<Piece>, TemplateError> {
    let mut pieces = Vec::new();
    let mut rest = source;
    let mut offset = 0;
    while let Some(start) = rest.find("{{") {
        if start > 0 {
            pieces.push(Piece::Literal(rest[..start].to_owned()));
        }
        let after = &rest[start + 2..];
        let end = after.find("}}").ok_or(TemplateError::Unclosed(offset + start))?;
        let inner = &after[..end];
        let (name, filter) = match inner.split_once('|') {
            Some((n, f)) => (n, Filter::parse(f).ok_or_else(|| TemplateError::BadFilter(f.into()))?),
            None => (inner, Filter::Plain),
        };
        let ok = !name.is_empty()
            && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !ok {
            return Err(TemplateError::BadName(name.to_owned()));
        }
        pieces.push(Piece::Slot(Placeholder {
            field: name.to_owned(),
            filter,
            context: Context::Plain,
            starts_word: false,
        }));
        let consumed = start + 2 + end + 2;
        offset += consumed;
        rest = &rest[consumed..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Literal(rest.to_owned()));
    }
    Ok(pieces)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Quote {
    None,
    Single,
    Double,
}

/// The state of the `sh` lexer over a template's literal text and slots.
struct Lexer {
    quote: Quote,
    escape: bool,
    prev_dollar: bool,
    /// The current word: its literal characters (quotes removed) and whether it holds a value.
    word: String,
    in_word: bool,
    word_has_value: bool,
    /// The next word is in a command's place.
    command_place: bool,
    /// The command of the current pipeline stage.
    command: Option<String>,
    /// Whether the current stage's arguments include `-F` (grep) and a value.
    stage_fixed: bool,
    stage_value: bool,
    commands: Vec<String>,
}

impl Lexer {
    fn end_word(&mut self) -> Result<(), TemplateError> {
        if !self.in_word {
            return Ok(());
        }
        let word = std::mem::take(&mut self.word);
        self.in_word = false;
        if self.command_place {
            if word.contains('=') && !word.starts_with('=') {
                return Err(shell(format!(
                    "`{word}`: an assignment before a command is not allowed; use export"
                )));
            }
            if self.word_has_value {
                return Err(shell("a value cannot be (part of) the command to run"));
            }
            check_command(&word)?;
            self.commands.push(word.clone());
            self.command = Some(word);
            self.command_place = false;
            self.stage_fixed = false;
            self.stage_value = false;
        } else {
            let wrapped = self.command.as_deref().is_some_and(|c| WRAPPERS.contains(&c));
            if wrapped
                && ((word != "." && REPARSE.contains(&word.as_str())) || SHELL_FLAGS.contains(&word.as_str()))
            {
                return Err(shell(format!(
                    "`{word}` after `{}` would run a shell or a program given as text",
                    self.command.as_deref().unwrap_or_default()
                )));
            }
            if self.command.as_deref() == Some("grep")
                && word.starts_with('-')
                && !word.starts_with("--")
                && word.contains('F')
            {
                self.stage_fixed = true;
            }
        }
        self.word_has_value = false;
        Ok(())
    }

    fn end_stage(&mut self) -> Result<(), TemplateError> {
        self.end_word()?;
        if self.command.as_deref() == Some("grep") && self.stage_value && !self.stage_fixed {
            return Err(shell("grep with a value needs -F, so that the value is matched literally"));
        }
        if self.command_place && self.command.is_none() {
            return Err(shell("an operator without a command before it"));
        }
        self.command = None;
        self.command_place = true;
        Ok(())
    }
}

fn check_command(word: &str) -> Result<(), TemplateError> {
    if REPARSE.contains(&word) {
        return Err(shell(format!("`{word}` re-parses its arguments or runs a program given as text")));
    }
    if OTHER_BUILTINS.contains(&word) {
        return Err(shell(format!(
            "the shell builtin or keyword `{word}` is not allowed in a command's place"
        )));
    }
    if word.starts_with('/') {
        return Err(shell(format!(
            "`{word}`: name commands as found in PATH or relative to a directory the step entered"
        )));
    }
    Ok(())
}

/// A `|classad` value must sit directly between the `"` of a ClassAd string literal, so that it
/// can only ever be a string, never a part of the expression.
fn check_classad_enclosed(pieces: &[Piece]) -> Result<(), TemplateError> {
    for (i, p) in pieces.iter().enumerate() {
        let Piece::Slot(s) = p else { continue };
        if s.filter != Filter::ClassAd {
            continue;
        }
        let before = i.checked_sub(1).and_then(|j| pieces.get(j));
        let after = pieces.get(i + 1);
        let opens = matches!(before, Some(Piece::Literal(t)) if t.ends_with('"'));
        let closes = matches!(after, Some(Piece::Literal(t)) if t.starts_with('"'));
        if !(opens && closes) {
            return Err(shell(format!(
                "`{{{{{}|classad}}}}` must sit directly inside the \" \" of a ClassAd string",
                s.field
            )));
        }
    }
    Ok(())
}

/// Lexes an `sh` template, sets each slot's context, and returns the command names.
fn lex_sh(pieces: &mut [Piece]) -> Result<Vec<String>, TemplateError> {
    let mut lx = Lexer {
        quote: Quote::None,
        escape: false,
        prev_dollar: false,
        word: String::new(),
        in_word: false,
        word_has_value: false,
        command_place: true,
        command: None,
        stage_fixed: false,
        stage_value: false,
        commands: Vec::new(),
    };
    for piece in pieces.iter_mut() {
        match piece {
            Piece::Slot(slot) => {
                match lx.quote {
                    Quote::Double => {
                        return Err(shell(format!(
                            "`{{{{{}}}}}` is inside double quotes, where the shell still expands `$` and backquotes; put it outside quotes or inside single quotes",
                            slot.field
                        )));
                    }
                    Quote::Single => {
                        if !matches!(slot.filter, Filter::ClassAd | Filter::Lit) {
                            return Err(shell(format!(
                                "`{{{{{}}}}}` is inside single quotes, so it enters the quoted program's language: say which with |classad or |lit",
                                slot.field
                            )));
                        }
                        slot.context = Context::SingleQuoted;
                        slot.starts_word = false;
                    }
                    Quote::None => {
                        if slot.filter == Filter::ClassAd {
                            return Err(shell(format!(
                                "`{{{{{}|classad}}}}` belongs inside a single-quoted ClassAd expression",
                                slot.field
                            )));
                        }
                        if lx.escape {
                            return Err(shell(format!("`{{{{{}}}}}` follows a backslash", slot.field)));
                        }
                        if lx.prev_dollar {
                            return Err(shell(format!("`{{{{{}}}}}` follows `$`", slot.field)));
                        }
                        if matches!(slot.filter, Filter::Regex | Filter::Url) {
                            return Err(TemplateError::FilterPlace {
                                filter: filter_name(slot.filter).into(),
                                place: "in a shell command",
                            });
                        }
                        slot.context = Context::Unquoted;
                        slot.starts_word = !lx.in_word;
                    }
                }
                if lx.command.as_deref() == Some("export") {
                    return Err(shell("export takes literal arguments only"));
                }
                lx.in_word = true;
                lx.word_has_value = true;
                lx.stage_value = true;
                lx.prev_dollar = false;
            }
            Piece::Literal(text) => {
                let mut chars = text.chars().peekable();
                while let Some(c) = chars.next() {
                    if c == '\n' || c == '\r' {
                        return Err(shell("a command template is one line"));
                    }
                    match lx.quote {
                        Quote::Single => {
                            if c == '\'' {
                                lx.quote = Quote::None;
                            } else {
                                lx.word.push(c);
                            }
                            continue;
                        }
                        Quote::Double => {
                            if lx.escape {
                                lx.escape = false;
                                lx.word.push(c);
                                continue;
                            }
                            match c {
                                '"' => lx.quote = Quote::None,
                                '\\' => lx.escape = true,
                                '`' => {
                                    return Err(shell("backquotes (command substitution) are not allowed"));
                                }
                                '$' if chars.peek() == Some(&'(') => {
                                    return Err(shell("$( ) (command substitution) is not allowed"));
                                }
                                _ => lx.word.push(c),
                            }
                            continue;
                        }
                        Quote::None => {}
                    }
                    if lx.escape {
                        lx.escape = false;
                        lx.prev_dollar = false;
                        lx.in_word = true;
                        lx.word.push(c);
                        continue;
                    }
                    let was_dollar = std::mem::replace(&mut lx.prev_dollar, false);
                    match c {
                        ' ' | '\t' => lx.end_word()?,
                        '\'' | '"' if was_dollar => {
                            return Err(shell("$'…' and $\"…\" quoting is not allowed"));
                        }
                        '\'' => {
                            lx.in_word = true;
                            lx.quote = Quote::Single;
                        }
                        '"' => {
                            lx.in_word = true;
                            lx.quote = Quote::Double;
                        }
                        '\\' => {
                            lx.in_word = true;
                            lx.escape = true;
                        }
                        '`' => {
                            return Err(shell("backquotes (command substitution) are not allowed"));
                        }
                        '(' if was_dollar => {
                            return Err(shell("$( ) (command substitution) is not allowed"));
                        }
                        '{' if was_dollar => {
                            return Err(shell(
                                "${…} is not allowed: its quoting rules differ between shells",
                            ));
                        }
                        '(' | ')' => {
                            return Err(shell("subshells and parentheses are not allowed"));
                        }
                        '<' | '>' => {
                            return Err(shell(
                                "redirections are not allowed: read files with an argument (cat FILE | …) and let the user save output",
                            ));
                        }
                        '#' if !lx.in_word => {
                            return Err(shell(
                                "comments are not allowed: a line break in a value would end them; put explanations in `explain`",
                            ));
                        }
                        '|' => {
                            if chars.peek() == Some(&'|') {
                                chars.next();
                            }
                            lx.end_stage()?;
                        }
                        ';' => lx.end_stage()?,
                        '&' => {
                            if chars.peek() == Some(&'&') {
                                chars.next();
                                lx.end_stage()?;
                            } else {
                                return Err(shell("background jobs (&) are not allowed"));
                            }
                        }
                        '$' => {
                            lx.in_word = true;
                            lx.prev_dollar = true;
                            lx.word.push(c);
                        }
                        _ => {
                            lx.in_word = true;
                            lx.word.push(c);
                        }
                    }
                }
            }
        }
    }
    if lx.quote != Quote::None {
        return Err(shell("a quote is not closed"));
    }
    if lx.escape {
        return Err(shell("the template ends with a backslash"));
    }
    lx.end_word()?;
    if lx.command_place && lx.command.is_none() && !lx.commands.is_empty() {
        return Err(shell("the template ends with an operator"));
    }
    if lx.commands.is_empty() {
        return Err(shell("no command"));
    }
    if lx.command.as_deref() == Some("grep") && lx.stage_value && !lx.stage_fixed {
        return Err(shell("grep with a value needs -F, so that the value is matched literally"));
    }
    Ok(lx.commands)
}

/// Why a value was not written into a template.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// NUL cannot be carried.
    #[error("contains a NUL character")]
    Nul,
    /// A character a ClassAd string cannot take unescaped.
    #[error("contains {0}, which cannot be put in a ClassAd string here")]
    ClassAd(CharName),
    /// A space, line break or control character in a one-line regular expression (map-file
    /// fields are separated by spaces).
    #[error("contains {0}, which cannot be put in a one-line pattern")]
    Regex(CharName),
    /// A character the JAliEn shell would split on or interpret.
    #[error("contains {0}, which the JAliEn shell cannot take (it has no quoting)")]
    Jsh(CharName),
    /// A leading `-` in a JAliEn shell argument would be read as an option.
    #[error("begins with '-', which the JAliEn shell would read as an option")]
    JshDash,
}

impl From<QuoteError> for Refusal {
    fn from(e: QuoteError) -> Refusal {
        match e {
            QuoteError::Nul => Refusal::Nul,
        }
    }
}

/// A character named for a message: printable ones quoted, others by code point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CharName(pub char);

impl fmt::Display for CharName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            '\n' => f.write_str("a line break"),
            '\t' => f.write_str("a tab"),
            ' ' => f.write_str("a space"),
            c if c.is_control() => write!(f, "the control character U+{:04X}", u32::from(c)),
            c => write!(f, "'{c}'"),
        }
    }
}

/// Something about a value the user should look at; the command is still produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueWarning {
    /// The value has a line break: the command spans lines (still one argument).
    LineBreak {
        /// The field.
        field: String,
    },
    /// Invisible characters: control characters (escape sequences, carriage return …), and
    /// zero-width or direction-changing ones that make a command read differently on screen.
    Control {
        /// The field.
        field: String,
    },
    /// The value begins a word with `-`, which the command may read as an option.
    LeadingDash {
        /// The field.
        field: String,
    },
    /// Spaces at the start or end, often left from pasting.
    EdgeSpace {
        /// The field.
        field: String,
    },
    /// Longer than [`LONG_VALUE`] bytes: Linux refuses a single argument over 128 KiB, so the
    /// command may fail with "Argument list too long".
    Long {
        /// The field.
        field: String,
    },
}

/// The length from which a value is flagged as [`ValueWarning::Long`].
pub const LONG_VALUE: usize = 64 * 1024;

fn write_value(kind: Kind, slot: &Placeholder, v: &str) -> Result<String, Refusal> {
    if v.contains('\0') {
        return Err(Refusal::Nul);
    }
    let filtered = match slot.filter {
        Filter::Plain | Filter::Lit => v.to_owned(),
        Filter::ClassAd => {
            if let Some(c) = v.chars().find(|c| matches!(c, '"' | '\\') || c.is_control()) {
                return Err(Refusal::ClassAd(CharName(c)));
            }
            v.to_owned()
        }
        Filter::Regex => {
            if let Some(c) = v.chars().find(|c| c.is_control() || c.is_whitespace()) {
                return Err(Refusal::Regex(CharName(c)));
            }
            let mut out = String::with_capacity(v.len() * 2);
            for c in v.chars() {
                if "\\^$.|?*+()[]{}/".contains(c) {
                    out.push('\\');
                }
                out.push(c);
            }
            out
        }
        Filter::Url => {
            let mut out = String::with_capacity(v.len() * 3);
            for b in v.bytes() {
                if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
                    out.push(char::from(b));
                } else {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            out
        }
    };
    match (kind, slot.context) {
        (Kind::Sh, Context::SingleQuoted) => Ok(escape_single(&filtered)?),
        (Kind::Sh, _) => Ok(quote(&filtered)?),
        (Kind::Text, _) => Ok(filtered),
        (Kind::Jsh, _) => {
            if filtered.starts_with('-') {
                return Err(Refusal::JshDash);
            }
            let ok = |c: char| c.is_alphanumeric() || "._:@/+=,-%".contains(c);
            if let Some(c) = filtered.chars().find(|c| !ok(*c)) {
                return Err(Refusal::Jsh(CharName(c)));
            }
            Ok(filtered)
        }
    }
}

/// Zero-width and bidirectional formatting characters (the "Trojan Source" set).
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

fn warn(kind: Kind, slot: &Placeholder, v: &str) -> Vec<ValueWarning> {
    let mut out = Vec::new();
    let field = || slot.field.clone();
    if kind == Kind::Text {
        return out;
    }
    if v.contains('\n') {
        out.push(ValueWarning::LineBreak { field: field() });
    }
    if v.chars().any(|c| (c.is_control() && c != '\n' && c != '\t') || invisible(c)) {
        out.push(ValueWarning::Control { field: field() });
    }
    if slot.starts_word && v.starts_with('-') {
        out.push(ValueWarning::LeadingDash { field: field() });
    }
    if v.trim() != v {
        out.push(ValueWarning::EdgeSpace { field: field() });
    }
    if v.len() > LONG_VALUE {
        out.push(ValueWarning::Long { field: field() });
    }
    out
}

/// A part of a filled template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Template text.
    Literal(String),
    /// A value as written into the line (quoted for its place).
    Value {
        /// The field it came from.
        field: String,
        /// The text written.
        text: String,
    },
    /// No value was given.
    Missing {
        /// The field.
        field: String,
    },
    /// The value cannot be written here.
    Refused {
        /// The field.
        field: String,
        /// Why.
        reason: Refusal,
    },
}

/// A template filled with values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filled {
    /// The template's kind.
    pub kind: Kind,
    /// Its parts, in order.
    pub segments: Vec<Segment>,
    /// What the user should look at before using it.
    pub warnings: Vec<ValueWarning>,
}

/// The opening and closing marks around a gap in a displayed command; not shell syntax.
pub const MISSING_OPEN: &str = "⟨missing: ";
/// See [`MISSING_OPEN`].
pub const MISSING_CLOSE: &str = "⟩";

impl Filled {
    /// Whether every placeholder got a usable value.
    pub fn is_complete(&self) -> bool {
        self.segments.iter().all(|s| matches!(s, Segment::Literal(_) | Segment::Value { .. }))
    }

    /// The text to copy, only when complete.
    pub fn line(&self) -> Option<String> {
        if !self.is_complete() {
            return None;
        }
        Some(self.concat(&|_| String::new()))
    }

    /// The fields that have no value here, in order, without repeats.
    pub fn missing(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for s in &self.segments {
            if let Segment::Missing { field } = s
                && !out.contains(&field.as_str())
            {
                out.push(field);
            }
        }
        out
    }

    /// The text for display: gaps as `⟨missing: label⟩`, refusals as `⟨cannot use label: why⟩`.
    pub fn display(&self, label: &dyn Fn(&str) -> String) -> String {
        self.concat(label)
    }

    fn concat(&self, label: &dyn Fn(&str) -> String) -> String {
        let mut out = String::new();
        for s in &self.segments {
            match s {
                Segment::Literal(t) | Segment::Value { text: t, .. } => out.push_str(t),
                Segment::Missing { field } => {
                    out.push_str(MISSING_OPEN);
                    out.push_str(&label(field));
                    out.push_str(MISSING_CLOSE);
                }
                Segment::Refused { field, reason } => {
                    out.push_str("⟨cannot use ");
                    out.push_str(&label(field));
                    out.push_str(": ");
                    out.push_str(&reason.to_string());
                    out.push_str(MISSING_CLOSE);
                }
            }
        }
        out
    }
}
