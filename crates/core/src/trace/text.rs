//! The plain-text documents: the site's trace request (TLP-marked, with the incident or
//! exercise ID in the subject) and the VO's replies, and reading a request back from an e-mail.
//!
//! Layout is data (`[request]`, `[[reply]]`): a subject, the TLP label, opening lines, sections
//! of `Label: value` lines (a multi-line value as `Label:` followed by `  | ` lines), the list
//! of required fields still missing, closing lines, the TLP label again.
//!
//! Invariant: the subject is one line; a document never carries control characters other than
//! line breaks and tabs (others become U+FFFD); reading a rendered request back gives the same
//! values (trimmed), whatever quoting (`> `) a mail client added.

use super::complete::required_gaps;
use super::model::{Document, Field, Input, TraceCatalog, Values};

/// A rendered document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// Recipient line (shown in the app, not part of the text).
    pub to: String,
    /// Subject, one line.
    pub subject: String,
    /// Body.
    pub body: String,
}

impl Rendered {
    /// `Subject: …`, a blank line, then the body: what is copied or downloaded.
    pub fn full(&self) -> String {
        format!("Subject: {}\n\n{}", self.subject, self.body)
    }
}

/// Values as people read them: option labels for choices.
fn shown(cat: &TraceCatalog, values: &Values) -> Values {
    values
        .iter()
        .map(|(k, v)| (k.to_owned(), cat.field(k).map_or_else(|| v.to_owned(), |f| f.show(v))))
        .collect()
}

fn one_line(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

fn clean(s: &str) -> String {
    s.chars().map(|c| if c.is_control() && c != '\n' && c != '\t' { '\u{FFFD}' } else { c }).collect()
}

fn push_field(out: &mut String, field: &Field, value: &str) {
    let value = clean(value.trim());
    if field.input == Input::Lines || value.contains('\n') {
        out.push_str(&field.label);
        out.push_str(":\n");
        for line in value.split('\n') {
            out.push_str("  | ");
            out.push_str(line.trim_end());
            out.push('\n');
        }
    } else {
        out.push_str(&field.label);
        out.push_str(": ");
        out.push_str(&value);
        out.push('\n');
    }
}

/// Renders a document with these values. For the request (`missing_heading` set), required
/// fields still missing are listed.
pub fn render(cat: &TraceCatalog, doc: &Document, values: &Values) -> Rendered {
    let display = shown(cat, values);
    let get = |id: &str| display.get(id);
    let label = |id: &str| cat.label(id);
    let line = |t: &super::template::Template| clean(&t.fill(&get).display(&label));
    let mut body = String::new();
    body.push_str(&cat.tlp);
    body.push('\n');
    for l in &doc.opening {
        body.push_str(&line(l));
        body.push('\n');
    }
    for s in doc.sections.iter().filter(|s| values.holds(&s.when)) {
        body.push_str("\n== ");
        body.push_str(&s.title);
        body.push_str(" ==\n");
        for id in &s.fields {
            if let (Some(f), Some(v)) = (cat.field(id), display.get(id)) {
                push_field(&mut body, f, v);
            }
        }
        for l in &s.lines {
            body.push_str(&line(l));
            body.push('\n');
        }
    }
    if !doc.missing_heading.is_empty() {
        let gaps = required_gaps(cat, values);
        if !gaps.is_empty() {
            body.push_str("\n== ");
            body.push_str(&doc.missing_heading);
            body.push_str(" ==\n");
            for g in gaps {
                let alts: Vec<String> = g
                    .missing
                    .iter()
                    .map(|alt| alt.iter().map(|id| cat.label(id)).collect::<Vec<_>>().join(", "))
                    .collect();
                body.push_str("- ");
                body.push_str(&alts.join(" or "));
                body.push('\n');
            }
        }
    }
    if !doc.closing.is_empty() {
        body.push('\n');
        for l in &doc.closing {
            body.push_str(&line(l));
            body.push('\n');
        }
    }
    body.push_str(&cat.tlp);
    body.push('\n');
    Rendered {
        to: one_line(&doc.to.fill(&get).display(&label)),
        subject: one_line(&doc.subject.fill(&get).display(&label)),
        body,
    }
}

/// The trace request.
pub fn render_request(cat: &TraceCatalog, values: &Values) -> Rendered {
    render(cat, &cat.request, values)
}

/// What was read from a pasted e-mail.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedText {
    /// Values found.
    pub values: Values,
    /// `Label: value` lines that were not understood (shown, so nothing is dropped silently).
    pub unread: Vec<String>,
}

fn strip_quoting(line: &str) -> &str {
    let mut l = line.strip_suffix('\r').unwrap_or(line);
    while let Some(rest) = l.strip_prefix('>') {
        l = rest.strip_prefix(' ').unwrap_or(rest);
    }
    l
}

fn choice(field: &Field, shown: &str) -> Option<String> {
    let find = |s: &str| {
        field
            .options
            .iter()
            .find(|o| o.label.eq_ignore_ascii_case(s.trim()) || o.id == s.trim())
            .map(|o| o.id.clone())
    };
    match field.input {
        Input::Select => find(shown),
        Input::Multi => shown.split(';').map(find).collect::<Option<Vec<_>>>().map(|v| v.join(",")),
        Input::Text | Input::Lines => Some(shown.to_owned()),
    }
}

/// Reads the fields of a document back from text (a pasted e-mail, possibly quoted with `> `).
pub fn parse(cat: &TraceCatalog, doc: &Document, text: &str) -> ParsedText {
    let fields: Vec<&Field> =
        doc.sections.iter().flat_map(|s| s.fields.iter()).filter_map(|id| cat.field(id)).collect();
    // The document's own fixed lines (up to their first value) are not data.
    let fixed: Vec<&str> = doc
        .opening
        .iter()
        .chain(doc.closing.iter())
        .chain(doc.sections.iter().flat_map(|s| s.lines.iter()))
        .map(|t| t.literal_prefix())
        .filter(|p| !p.trim().is_empty())
        .collect();
    let mut out = ParsedText::default();
    let mut block: Option<(&Field, Vec<String>)> = None;
    let finish = |block: &mut Option<(&Field, Vec<String>)>, out: &mut ParsedText| {
        if let Some((f, lines)) = block.take() {
            let v = lines.join("\n");
            match choice(f, &v) {
                Some(id) => out.values.set(&f.id, id),
                None => out.unread.push(format!("{}: {}", f.label, v)),
            }
        }
    };
    for raw in text.split('\n') {
        let line = strip_quoting(raw);
        if block.is_some() {
            let t = line.trim_start();
            if let Some(rest) = t.strip_prefix('|') {
                let rest = rest.strip_prefix(' ').unwrap_or(rest);
                if let Some((_, lines)) = block.as_mut() {
                    lines.push(rest.trim_end().to_owned());
                }
                continue;
            }
            finish(&mut block, &mut out);
        }
        if fixed.iter().any(|p| line.trim_start().starts_with(p.trim_start())) {
            continue;
        }
        let Some((label, value)) = line.split_once(':') else {
            continue;
        };
        let label = label.trim();
        if label.is_empty() || label.eq_ignore_ascii_case("subject") || line.trim() == cat.tlp {
            continue;
        }
        let Some(field) = fields.iter().find(|f| f.label.eq_ignore_ascii_case(label)) else {
            // Looks like a `Label: value` line of another version or a hand-written mail.
            let looks_like_field = label.chars().count() <= 40
                && label.starts_with(char::is_uppercase)
                && !label.contains(['.', ',', '(', '['])
                && !value.trim().is_empty();
            if looks_like_field {
                out.unread.push(line.trim().to_owned());
            }
            continue;
        };
        let value = value.trim();
        if value.is_empty() {
            block = Some((field, Vec::new()));
            continue;
        }
        match choice(field, value) {
            Some(id) => out.values.set(&field.id, id),
            None => out.unread.push(line.trim().to_owned()),
        }
    }
    finish(&mut block, &mut out);
    out
}

/// Reads a request back from text.
pub fn parse_request(cat: &TraceCatalog, text: &str) -> ParsedText {
    parse(cat, &cat.request, text)
}
