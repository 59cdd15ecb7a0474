//! Recognising the job framework, CE and batch system from a pasted environment: variable
//! names alone, `env` output, or a `/proc/<pid>/environ` dump (NUL-separated as the kernel
//! writes it, or newline-separated after `tr '\0' '\n'`).
//!
//! The rules are data (`[[recognise]]` in `questions/trace.toml`). Each matching rule adds its
//! weight to the option it points to; an option is chosen for the user only when it reaches the
//! catalogue's `decide_at` with no tie, otherwise the scores are only shown.
//!
//! Invariant: the dump itself is never kept or sent; only captured values of non-sensitive
//! variables can reach a field, and [`apply`] never overwrites a value the user gave.

use std::collections::BTreeMap;

use super::model::{BATCH, CE, FRAMEWORK, NameMatch, RecogniseRule, Target, TraceCatalog, Values};

/// The largest dump read (1 MiB, like every import).
pub const MAX_DUMP: usize = 1 << 20;

/// Why a dump was not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DumpError {
    /// Larger than [`MAX_DUMP`].
    #[error("the pasted text is {bytes} bytes; at most {limit} are read")]
    TooLarge {
        /// Its size.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
}

/// One variable found in a dump.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvEntry {
    /// Its name.
    pub name: String,
    /// Its value, when the paste had one.
    pub value: Option<String>,
}

fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn split_assignment(s: &str) -> Option<(&str, &str)> {
    let (name, value) = s.split_once('=')?;
    is_name(name).then_some((name, value))
}

/// Reads a pasted environment. In a paste with values, a line that is not `NAME=value` continues
/// the previous value (a value with a line break, after `tr '\0' '\n'`); a paste without values
/// is read as variable names separated by spaces, commas or line breaks.
pub fn parse_dump(text: &str) -> Result<Vec<EnvEntry>, DumpError> {
    if text.len() > MAX_DUMP {
        return Err(DumpError::TooLarge { bytes: text.len(), limit: MAX_DUMP });
    }
    let mut out: Vec<EnvEntry> = Vec::new();
    if text.contains('\0') {
        for chunk in text.split('\0') {
            let chunk = chunk.trim_start_matches(['\n', '\r']);
            if let Some((n, v)) = split_assignment(chunk) {
                out.push(EnvEntry { name: n.to_owned(), value: Some(v.to_owned()) });
            } else if is_name(chunk.trim()) {
                out.push(EnvEntry { name: chunk.trim().to_owned(), value: None });
            }
        }
        return Ok(out);
    }
    let lines: Vec<&str> = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    let body_of = |line: &'_ str| -> String {
        let trimmed = line.trim_start();
        trimmed
            .strip_prefix("declare -x ")
            .or_else(|| trimmed.strip_prefix("export "))
            .unwrap_or(trimmed)
            .to_owned()
    };
    // With any `NAME=value` line, other lines continue values (a certificate in a variable);
    // without, the paste is a list of names.
    let with_values = lines.iter().any(|l| split_assignment(&body_of(l)).is_some());
    for line in lines {
        let body = body_of(line);
        if let Some((n, v)) = split_assignment(&body) {
            let declared = body.len() != line.trim_start().len();
            let quoted = declared && v.len() >= 2 && v.starts_with('"') && v.ends_with('"');
            let v = if quoted { &v[1..v.len() - 1] } else { v };
            out.push(EnvEntry { name: n.to_owned(), value: Some(v.to_owned()) });
        } else if with_values {
            if let Some(EnvEntry { value: Some(v), .. }) = out.last_mut() {
                v.push('\n');
                v.push_str(line);
            }
        } else {
            out.extend(
                body.split(|c: char| c.is_whitespace() || c == ',' || c == ';')
                    .filter(|w| is_name(w))
                    .map(|w| EnvEntry { name: w.to_owned(), value: None }),
            );
        }
    }
    Ok(out)
}

/// The score of one option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    /// Option ID.
    pub option: String,
    /// Sum of the weights of the rules that matched.
    pub points: u32,
    /// The variables that matched, in dump order, without repeats.
    pub evidence: Vec<String>,
}

/// What a dump says about one selector.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verdict {
    /// Scores, highest first (ties by option ID).
    pub scores: Vec<Score>,
    /// The option chosen: top score reaches `decide_at` and no other has as many points.
    pub chosen: Option<String>,
}

/// A value a dump can fill in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capture {
    /// The field.
    pub field: String,
    /// The value (the first one seen when several agree).
    pub value: String,
    /// The variable it came from.
    pub variable: String,
    /// Other values for the same field from other variables: then nothing is filled.
    pub conflicts: Vec<(String, String)>,
    /// The option the capturing rule points to: the value is filled only when that option is
    /// the one chosen (a CE job ID read from a DIRAC variable belongs to a DIRAC pilot).
    pub target: Option<Target>,
}

/// The result of reading a dump.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recognition {
    /// Framework.
    pub framework: Verdict,
    /// CE.
    pub ce: Verdict,
    /// Batch system.
    pub batch: Verdict,
    /// Values found, by field.
    pub captures: Vec<Capture>,
    /// Credential variables present (their values are not read).
    pub sensitive: Vec<String>,
    /// Variables read.
    pub variables: usize,
}

fn matches(rule: &RecogniseRule, e: &EnvEntry) -> bool {
    let name_ok = match &rule.name {
        NameMatch::Exact(n) => &e.name == n,
        NameMatch::Prefix(p) => e.name.starts_with(p.as_str()),
    };
    name_ok
        && match &rule.value_contains {
            None => true,
            Some(needle) => e.value.as_deref().is_some_and(|v| v.contains(needle.as_str())),
        }
}

fn verdict(map: BTreeMap<String, Score>, decide_at: u32) -> Verdict {
    let mut scores: Vec<Score> = map.into_values().filter(|s| s.points > 0).collect();
    scores.sort_by(|a, b| b.points.cmp(&a.points).then_with(|| a.option.cmp(&b.option)));
    let chosen = match scores.as_slice() {
        [first, rest @ ..]
            if first.points >= decide_at && rest.first().is_none_or(|s| s.points < first.points) =>
        {
            Some(first.option.clone())
        }
        _ => None,
    };
    Verdict { scores, chosen }
}

/// Applies the catalogue's rules to the entries of a dump.
pub fn recognise(cat: &TraceCatalog, entries: &[EnvEntry]) -> Recognition {
    let mut fw = BTreeMap::new();
    let mut ce = BTreeMap::new();
    let mut batch = BTreeMap::new();
    let mut captures: Vec<Capture> = Vec::new();
    let mut sensitive = Vec::new();
    for rule in &cat.recognise {
        let mut counted = false;
        for e in entries.iter().filter(|e| matches(rule, e)) {
            if rule.sensitive && !sensitive.contains(&e.name) {
                sensitive.push(e.name.clone());
            }
            if let Some(target) = &rule.target {
                let (map, opt) = match target {
                    Target::Framework(o) => (&mut fw, o),
                    Target::Ce(o) => (&mut ce, o),
                    Target::Batch(o) => (&mut batch, o),
                };
                let s: &mut Score = map.entry(opt.clone()).or_insert_with(|| Score {
                    option: opt.clone(),
                    points: 0,
                    evidence: Vec::new(),
                });
                // A rule counts once, however many variables its prefix matches.
                if !counted {
                    s.points += u32::from(rule.weight);
                    counted = true;
                }
                if !s.evidence.contains(&e.name) {
                    s.evidence.push(e.name.clone());
                }
            }
            if let (Some(field), Some(value)) = (&rule.capture, e.value.as_deref()) {
                if value.trim().is_empty() {
                    continue;
                }
                match captures.iter_mut().find(|c| &c.field == field) {
                    Some(c) if c.value == value => {}
                    Some(c) => {
                        if !c.conflicts.iter().any(|(_, v)| v == value) {
                            c.conflicts.push((e.name.clone(), value.to_owned()));
                        }
                    }
                    None => captures.push(Capture {
                        field: field.clone(),
                        value: value.to_owned(),
                        variable: e.name.clone(),
                        conflicts: Vec::new(),
                        target: rule.target.clone(),
                    }),
                }
            }
        }
    }
    Recognition {
        framework: verdict(fw, cat.decide_at),
        ce: verdict(ce, cat.decide_at),
        batch: verdict(batch, cat.decide_at),
        captures,
        sensitive,
        variables: entries.len(),
    }
}

/// What [`apply`] filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The field.
    pub field: String,
    /// The value set.
    pub value: String,
}

/// Fills blank fields from a recognition: chosen options, and captures without conflicts.
/// Never overwrites a value already given.
pub fn apply(rec: &Recognition, values: &mut Values) -> Vec<Applied> {
    let mut out = Vec::new();
    let mut fill = |field: &str, value: &str, values: &mut Values| {
        if values.get(field).is_none() {
            values.set(field, value);
            out.push(Applied { field: field.to_owned(), value: value.to_owned() });
        }
    };
    for (field, verdict) in [(FRAMEWORK, &rec.framework), (CE, &rec.ce), (BATCH, &rec.batch)] {
        if let Some(o) = &verdict.chosen {
            fill(field, o, values);
        }
    }
    for c in rec.captures.iter().filter(|c| c.conflicts.is_empty()) {
        let consistent = match &c.target {
            None => true,
            Some(Target::Framework(o)) => values.selector(FRAMEWORK) == o,
            Some(Target::Ce(o)) => values.selector(CE) == o,
            Some(Target::Batch(o)) => values.selector(BATCH) == o,
        };
        if consistent {
            fill(&c.field, &c.value, values);
        }
    }
    out
}
