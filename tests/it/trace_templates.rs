//! Command templates: what the loader refuses, how values are written, and the proof on the
//! shipped data: every `sh` command, filled with every corpus value, passes `sh -n`, and run
//! against recording stubs it passes each value as one inert argument, byte for byte.

use std::collections::BTreeSet;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use ti_core::trace::model::Values;
use ti_core::trace::template::{
    ALLOWED_BUILTINS, Context, Filter, Kind, MISSING_OPEN, Refusal, Segment, Template, ValueWarning,
};

use super::trace_support::{TempDir, catalog, corpus};

#[test]
fn unsafe_templates_are_refused() {
    // (template, part of the message). Each would let a value, or the template itself, run
    // something the user did not see, or hide a value from the tests.
    let table: &[(&str, &str)] = &[
        ("{{pid}} -l", "command to run"),
        ("ls \"{{pid}}\"", "double quotes"),
        ("grep -F 'x{{pid}}'", "|classad or |lit"),
        ("ls ${{pid}}", "follows `$`"),
        ("ls \\{{pid}}", "backslash"),
        ("ls {{pid}} # note", "comments"),
        ("cat < /proc/{{pid}}/environ", "redirections"),
        ("ps > out", "redirections"),
        ("ls `id`", "backquotes"),
        ("ls $(id) {{pid}}", "command substitution"),
        ("ls \"$(id)\"", "command substitution"),
        ("(ls {{pid}})", "parentheses"),
        ("ls {{pid}} &", "background"),
        ("sh -c {{pid}}", "re-parses"),
        ("eval {{pid}}", "re-parses"),
        ("awk '{print}' {{pid}}", "re-parses"),
        ("sudo -u x sh -c {{pid}}", "would run a shell"),
        ("sudo -s {{pid}}", "would run a shell"),
        ("find / -exec rm {{pid}} ;", "would run a shell"),
        ("xargs kill", "re-parses"),
        ("echo {{pid}}", "builtin"),
        ("printf {{pid}}", "builtin"),
        ("export X={{pid}}", "literal arguments"),
        ("X={{pid}} ps", "assignment"),
        ("/usr/bin/id {{pid}}", "PATH"),
        ("grep {{pid}} file", "-F"),
        ("ps -p {{pid}} | grep {{pid}}", "-F"),
        ("condor_q -constraint {{pid|classad}}", "directly inside"),
        ("condor_q -constraint 'Owner == {{pid|classad}}'", "directly inside"),
        ("ls {{pid|regex}}", "cannot be used"),
        ("ls 'a{{pid|url}}'", "|classad or |lit"),
        ("ls 'unclosed", "not closed"),
        ("ls {{pid", "not closed"),
        ("ls {{Bad-Name}}", "placeholder name"),
        ("ls {{pid|shell}}", "unknown filter"),
        ("ls $'{{pid|lit}}'", "$'"),
        ("ls ${X:-{{pid}}}", "${…}"),
        ("ls\n{{pid}}", "one line"),
        ("| ls", "operator"),
        ("ls |", "operator"),
        ("ls \\", "backslash"),
        ("", "no command"),
    ];
    for (src, want) in table {
        match Template::parse(Kind::Sh, src) {
            Ok(_) => panic!("accepted: {src:?}"),
            Err(e) => assert!(e.to_string().contains(want), "{src:?}: {e} (wanted {want:?})"),
        }
    }
    let text: &[(Kind, &str, &str)] = &[
        (Kind::Text, "x {{pid|classad}}", "outside a shell"),
        (Kind::Text, "x {{pid|lit}}", "outside a shell"),
        (Kind::Jsh, "ps {{pid|url}}", "JAliEn"),
    ];
    for (kind, src, want) in text {
        let e = Template::parse(*kind, src).unwrap_err();
        assert!(e.to_string().contains(want), "{src:?}: {e}");
    }
}

#[test]
fn contexts_and_commands_are_found() {
    let t = Template::parse(
        Kind::Sh,
        "cat /proc/{{pid}}/environ | grep -hF -- 'dest={{job|lit}},' x && condor_q -constraint 'A == \"{{dn|classad}}\"'",
    )
    .unwrap();
    let got: Vec<(&str, Filter, Context, bool)> =
        t.placeholders().map(|p| (p.field.as_str(), p.filter, p.context, p.starts_word)).collect();
    assert_eq!(
        got,
        vec![
            ("pid", Filter::Plain, Context::Unquoted, false),
            ("job", Filter::Lit, Context::SingleQuoted, false),
            ("dn", Filter::ClassAd, Context::SingleQuoted, false),
        ]
    );
    assert_eq!(t.commands(), ["cat", "grep", "condor_q"]);
}

fn fill_one(src: &str, field_value: &[(&str, &str)]) -> ti_core::trace::template::Filled {
    let t = Template::parse(Kind::Sh, src).unwrap();
    let v: Values = field_value.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    t.fill(&|id| v.get(id))
}

#[test]
fn values_are_written_for_their_place() {
    // (template, values, the line to copy or None, what is displayed)
    type Row<'a> = (&'a str, &'a [(&'a str, &'a str)], Option<&'a str>, &'a str);
    let table: &[Row] = &[
        ("ps -p {{pid}}", &[("pid", "123")], Some("ps -p '123'"), "ps -p '123'"),
        ("ls /proc/{{pid}}/cwd", &[("pid", "1 2")], Some("ls /proc/'1 2'/cwd"), "ls /proc/'1 2'/cwd"),
        ("ps -p {{pid}}", &[("pid", "it's")], Some(r"ps -p 'it'\''s'"), r"ps -p 'it'\''s'"),
        (
            "grep -F -- 'x={{j|lit}},' f",
            &[("j", "a'b")],
            Some(r"grep -F -- 'x=a'\''b,' f"),
            r"grep -F -- 'x=a'\''b,' f",
        ),
        ("ps -p {{pid}}", &[], None, "ps -p ⟨missing: pid⟩"),
        ("ps -p {{pid}}", &[("pid", "   ")], None, "ps -p ⟨missing: pid⟩"),
        (
            "q -constraint 'A == \"{{dn|classad}}\"'",
            &[("dn", "x\" || true || \"")],
            None,
            "q -constraint 'A == \"⟨cannot use dn: contains '\"', which cannot be put in a ClassAd string here⟩\"'",
        ),
        ("ps -p {{pid}}", &[("pid", "a\0b")], None, "ps -p ⟨cannot use pid: contains a NUL character⟩"),
        (
            "ps -p {{pid}} {{pid}}",
            &[("pid", "}}{{pid}}")],
            Some("ps -p '}}{{pid}}' '}}{{pid}}'"),
            "ps -p '}}{{pid}}' '}}{{pid}}'",
        ),
    ];
    for (src, vals, line, display) in table {
        let f = fill_one(src, vals);
        assert_eq!(f.line().as_deref(), *line, "{src} {vals:?}");
        assert_eq!(f.display(&|id| id.to_owned()), *display, "{src} {vals:?}");
    }
}

#[test]
fn values_worth_a_second_look_are_flagged() {
    let long = "9".repeat(70_000);
    let table: &[(&str, &str, &[ValueWarning])] = &[
        ("kill -STOP {{pid}}", "-1", &[ValueWarning::LeadingDash { field: String::new() }]),
        ("ls /x/{{pid}}", "-1", &[]),
        ("ps -p {{pid}}", "1\n2", &[ValueWarning::LineBreak { field: String::new() }]),
        ("ps -p {{pid}}", "\u{1b}[2J1", &[ValueWarning::Control { field: String::new() }]),
        ("ps -p {{pid}}", " 12 ", &[ValueWarning::EdgeSpace { field: String::new() }]),
        ("ps -p {{pid}}", "12\u{202E}34", &[ValueWarning::Control { field: String::new() }]),
        ("ps -p {{pid}}", "12", &[]),
        ("ps -p {{pid}}", long.as_str(), &[ValueWarning::Long { field: String::new() }]),
    ];
    for (src, v, want) in table {
        let f = fill_one(src, &[("pid", v)]);
        let want: Vec<ValueWarning> = want
            .iter()
            .map(|w| match w {
                ValueWarning::LeadingDash { .. } => ValueWarning::LeadingDash { field: "pid".into() },
                ValueWarning::LineBreak { .. } => ValueWarning::LineBreak { field: "pid".into() },
                ValueWarning::Control { .. } => ValueWarning::Control { field: "pid".into() },
                ValueWarning::EdgeSpace { .. } => ValueWarning::EdgeSpace { field: "pid".into() },
                ValueWarning::Long { .. } => ValueWarning::Long { field: "pid".into() },
            })
            .collect();
        assert_eq!(f.warnings, want, "{src} {v:?}");
        assert!(f.line().is_some());
    }
}

#[test]
fn jalien_shell_and_text_values() {
    let t = Template::parse(Kind::Jsh, "ps -trace {{q}}").unwrap();
    let table: &[(&str, Option<&str>)] = &[
        ("3012345678", Some("ps -trace 3012345678")),
        ("wn042.site.example.org", Some("ps -trace wn042.site.example.org")),
        ("1 2", None),
        ("1;ls", None),
        ("-a", None),
        ("$(id)", None),
    ];
    for (v, want) in table {
        let vals: Values = [("q".to_owned(), (*v).to_owned())].into_iter().collect();
        assert_eq!(t.fill(&|id| vals.get(id)).line().as_deref(), *want, "{v:?}");
    }
    let url = Template::parse(Kind::Text, "https://x/job?id={{q|url}}").unwrap();
    let vals: Values = [("q".to_owned(), "1&a=b c/é".to_owned())].into_iter().collect();
    assert_eq!(
        url.fill(&|id| vals.get(id)).line().as_deref(),
        Some("https://x/job?id=1%26a%3Db%20c%2F%C3%A9")
    );
    let re = Template::parse(Kind::Text, "SCITOKENS /^{{i|regex}},{{s|regex}}$/ x").unwrap();
    let vals: Values = [("i".to_owned(), "https://a.b/".to_owned()), ("s".to_owned(), "x.y*".to_owned())]
        .into_iter()
        .collect();
    assert_eq!(
        re.fill(&|id| vals.get(id)).line().as_deref(),
        Some(r"SCITOKENS /^https:\/\/a\.b\/,x\.y\*$/ x")
    );
    let vals: Values =
        [("i".to_owned(), "a\nb".to_owned()), ("s".to_owned(), "x".to_owned())].into_iter().collect();
    let f = re.fill(&|id| vals.get(id));
    assert!(matches!(f.segments[1], Segment::Refused { reason: Refusal::Regex(_), .. }));
}

// ---------------------------------------------------------------------------------------------
// The sandbox: every command a template names is a stub that records its arguments (NUL
// separated) in a file of its own; the builtins templates may use are shell functions calling
// stubs. Nothing real runs: PATH holds only the stubs, HOME is a sacrificial directory.

const STUB: &str = "#!/bin/sh\nprintf '%s\\0' \"${0##*/}\" \"$@\" > \"$REC/$$\"\n";

struct Sandbox {
    _dir: TempDir,
    bin: PathBuf,
    rec: PathBuf,
    home: PathBuf,
    work: PathBuf,
    script: PathBuf,
    baseline: BTreeSet<PathBuf>,
}

fn listing(dir: &Path) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p.clone());
            }
            out.insert(p);
        }
    }
    out
}

fn stub(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, STUB).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

impl Sandbox {
    fn new(commands: &BTreeSet<String>) -> Sandbox {
        let dir = TempDir::new("sandbox");
        let (bin, rec, home, work) = (
            dir.path().join("bin"),
            dir.path().join("rec"),
            dir.path().join("home"),
            dir.path().join("work"),
        );
        for d in [&bin, &rec, &home, &work] {
            std::fs::create_dir_all(d).unwrap();
        }
        std::fs::write(home.join("canary"), "here").unwrap();
        for c in commands {
            if c.contains('/') {
                stub(&work.join(c));
            } else {
                stub(&bin.join(c));
            }
        }
        for b in ALLOWED_BUILTINS {
            stub(&bin.join(b));
        }
        let baseline = listing(&work);
        let script = dir.path().join("line.sh");
        Sandbox { _dir: dir, bin, rec, home, work, script, baseline }
    }

    fn syntax(&self, line: &str) -> Result<(), String> {
        std::fs::write(&self.script, format!("{line}\n")).unwrap();
        let out = Command::new("/bin/sh").arg("-n").arg(&self.script).output().unwrap();
        if out.status.success() { Ok(()) } else { Err(String::from_utf8_lossy(&out.stderr).into_owned()) }
    }

    /// Runs the line; returns the stub invocations (sorted) or what went wrong.
    fn run(&self, line: &str) -> Result<Vec<Vec<Vec<u8>>>, String> {
        let mut prelude = String::new();
        for b in ALLOWED_BUILTINS.iter().filter(|b| **b != "export") {
            prelude.push_str(&format!("{b}() {{ \"$STUBS/{b}\" \"$@\"; }}\n"));
        }
        std::fs::write(&self.script, format!("{prelude}{line}\n")).unwrap();
        let out = Command::new("/bin/sh")
            .arg(&self.script)
            .current_dir(&self.work)
            .env_clear()
            .env("PATH", &self.bin)
            .env("STUBS", &self.bin)
            .env("REC", &self.rec)
            .env("HOME", &self.home)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        if stderr.contains("not found") || stderr.contains("Syntax error") {
            return Err(format!("stderr: {stderr}"));
        }
        if stderr.contains("Argument list too long") {
            return Err(E2BIG.into());
        }
        let mut records = Vec::new();
        for e in std::fs::read_dir(&self.rec).unwrap() {
            let p = e.unwrap().path();
            let bytes = std::fs::read(&p).unwrap();
            std::fs::remove_file(&p).unwrap();
            let mut args: Vec<Vec<u8>> = bytes.split(|b| *b == 0).map(<[u8]>::to_vec).collect();
            args.pop();
            records.push(args);
        }
        records.sort();
        let now = listing(&self.work);
        if now != self.baseline {
            return Err(format!("files appeared: {:?}", now.difference(&self.baseline).collect::<Vec<_>>()));
        }
        if !self.home.join("canary").exists() {
            return Err("HOME was emptied".into());
        }
        Ok(records)
    }
}

/// What `run` says when the kernel refused an argument over 128 KiB.
const E2BIG: &str = "argument list too long";

fn replace_all(haystack: &[u8], needle: &[u8], with: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len());
    let mut i = 0;
    while i < haystack.len() {
        if haystack[i..].starts_with(needle) {
            out.extend_from_slice(with);
            i += needle.len();
        } else {
            out.push(haystack[i]);
            i += 1;
        }
    }
    out
}

fn sentinel(k: usize) -> String {
    format!("__TIsentinel{k}__")
}

/// What a refusal may be for: the value really cannot be written there.
fn refusal_is_legit(reason: &Refusal, value: &str) -> bool {
    match reason {
        Refusal::Nul => value.contains('\0'),
        Refusal::ClassAd(c) => value.contains(c.0) && (c.0 == '"' || c.0 == '\\' || c.0.is_control()),
        _ => false,
    }
}

#[derive(Default)]
struct Tally {
    lines: usize,
    executed: usize,
    refused: usize,
    missing: usize,
    too_long: usize,
    failures: Vec<String>,
}

fn check_template(
    id: &str,
    t: &Template,
    corpus: &[(&'static str, String)],
    sb: &Sandbox,
    tally: &mut Tally,
) {
    let fields: Vec<&str> = {
        let mut f: Vec<&str> = Vec::new();
        for p in t.placeholders() {
            if !f.contains(&p.field.as_str()) {
                f.push(&p.field);
            }
        }
        f
    };
    let sentinels: Values = fields.iter().enumerate().map(|(k, f)| ((*f).to_owned(), sentinel(k))).collect();
    let Some(sline) = t.fill(&|id| sentinels.get(id)).line() else {
        tally.failures.push(format!("{id}: the sentinel fill is incomplete"));
        return;
    };
    if let Err(e) = sb.syntax(&sline) {
        tally.failures.push(format!("{id}: sentinel line fails sh -n: {e}"));
        return;
    }
    let base = match sb.run(&sline) {
        Ok(r) => r,
        Err(e) => {
            tally.failures.push(format!("{id}: sentinel line: {e}"));
            return;
        }
    };
    if base.is_empty() && !t.commands().iter().all(|c| c == "export") {
        tally.failures.push(format!("{id}: no command ran"));
    }
    let n = corpus.len();
    let mut executed_here = 0;
    // A second pass gives each field a different value, where there are several fields.
    let passes = if fields.len() > 1 { 2 } else { 1 };
    for pass in 0..passes {
        for i in 0..n {
            let assign: Vec<(&str, &str)> = fields
                .iter()
                .enumerate()
                .map(|(k, f)| (*f, corpus[if pass == 0 { i } else { (i + 7 * k + 1) % n }].1.as_str()))
                .collect();
            let label = || {
                let names: Vec<&str> = fields
                    .iter()
                    .enumerate()
                    .map(|(k, _)| corpus[if pass == 0 { i } else { (i + 7 * k + 1) % n }].0)
                    .collect();
                format!("{id} with {names:?}")
            };
            let values: Values = assign.iter().map(|(f, v)| ((*f).to_owned(), (*v).to_owned())).collect();
            let filled = t.fill(&|id| values.get(id));
            tally.lines += 1;
            let mut blocked = false;
            for s in &filled.segments {
                match s {
                    Segment::Missing { field } => {
                        blocked = true;
                        let v = assign.iter().find(|(f, _)| f == field).map_or("", |(_, v)| *v);
                        if !v.trim().is_empty() {
                            tally.failures.push(format!("{}: `{field}` missing though given", label()));
                        }
                    }
                    Segment::Refused { field, reason } => {
                        blocked = true;
                        let v = assign.iter().find(|(f, _)| f == field).map_or("", |(_, v)| *v);
                        if !refusal_is_legit(reason, v) {
                            tally.failures.push(format!("{}: `{field}` refused: {reason}", label()));
                        }
                    }
                    _ => {}
                }
            }
            if blocked {
                if filled.line().is_some() {
                    tally.failures.push(format!("{}: an incomplete command has a line to copy", label()));
                }
                let shown = filled.display(&|f| f.to_owned());
                if !shown.contains(MISSING_OPEN) && !shown.contains("⟨cannot use ") {
                    tally.failures.push(format!("{}: the gap is not marked", label()));
                }
                if filled.segments.iter().any(|s| matches!(s, Segment::Missing { .. })) {
                    tally.missing += 1;
                } else {
                    tally.refused += 1;
                }
                continue;
            }
            let Some(line) = filled.line() else {
                tally.failures.push(format!("{}: complete but no line", label()));
                continue;
            };
            if let Err(e) = sb.syntax(&line) {
                tally.failures.push(format!("{}: sh -n: {e}", label()));
                continue;
            }
            let expected: Vec<Vec<Vec<u8>>> = {
                let mut e: Vec<Vec<Vec<u8>>> = base
                    .iter()
                    .map(|rec| {
                        rec.iter()
                            .map(|arg| {
                                let mut a = arg.clone();
                                for (k, (_, v)) in assign.iter().enumerate() {
                                    a = replace_all(&a, sentinel(k).as_bytes(), v.as_bytes());
                                }
                                a
                            })
                            .collect()
                    })
                    .collect();
                e.sort();
                e
            };
            match sb.run(&line) {
                Ok(got) if got == expected => {
                    tally.executed += 1;
                    executed_here += 1;
                }
                Ok(got) => tally.failures.push(format!(
                    "{}: the commands received other arguments: got {} invocations, wanted {}",
                    label(),
                    got.len(),
                    expected.len()
                )),
                // The kernel's limit, flagged to the user beforehand: not a quoting failure.
                Err(e)
                    if e == E2BIG
                        && filled.warnings.iter().any(|w| matches!(w, ValueWarning::Long { .. })) =>
                {
                    tally.too_long += 1;
                }
                Err(e) => tally.failures.push(format!("{}: {e}", label())),
            }
        }
    }
    if !fields.is_empty() && executed_here == 0 {
        tally.failures.push(format!("{id}: no corpus value was executed"));
    }
}

#[test]
fn every_shipped_command_keeps_every_corpus_value_inert() {
    let cat = catalog();
    let corpus = corpus();
    let tmp_x = Path::new("/tmp/x").exists();
    let templates: Vec<(String, &Template)> = cat
        .steps
        .iter()
        .flat_map(|s| s.commands.iter())
        .filter(|c| c.template.kind == Kind::Sh)
        .map(|c| (c.id.clone(), &c.template))
        .collect();
    assert!(templates.len() >= 40, "only {} sh templates", templates.len());
    let commands: BTreeSet<String> =
        templates.iter().flat_map(|(_, t)| t.commands().iter().cloned()).collect();
    // Two workers (the machine has two cores); each has its own sandbox.
    let halves: Vec<Vec<(String, &Template)>> = {
        let mut a = Vec::new();
        let mut b = Vec::new();
        for (i, t) in templates.iter().cloned().enumerate() {
            if i % 2 == 0 { a.push(t) } else { b.push(t) }
        }
        vec![a, b]
    };
    let tallies: Vec<Tally> = std::thread::scope(|s| {
        let handles: Vec<_> = halves
            .iter()
            .map(|half| {
                let corpus = &corpus;
                let commands = &commands;
                s.spawn(move || {
                    let sb = Sandbox::new(commands);
                    let mut tally = Tally::default();
                    for (id, t) in half {
                        check_template(id, t, corpus, &sb, &mut tally);
                    }
                    tally
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut total = Tally::default();
    for t in tallies {
        total.lines += t.lines;
        total.executed += t.executed;
        total.refused += t.refused;
        total.missing += t.missing;
        total.too_long += t.too_long;
        total.failures.extend(t.failures);
    }
    assert_eq!(Path::new("/tmp/x").exists(), tmp_x, "/tmp/x was created");
    assert!(
        total.failures.is_empty(),
        "{} failures, first: {:#?}",
        total.failures.len(),
        &total.failures[..total.failures.len().min(10)]
    );
    // Each non-blank corpus value is executed through every template at least once.
    assert!(total.executed > total.lines / 2, "{} executed of {}", total.executed, total.lines);
    eprintln!(
        "trace templates: {} sh templates, {} corpus values, {} filled lines, {} executed, {} refused, {} with a blank value, {} over the kernel's argument limit",
        templates.len(),
        corpus.len(),
        total.lines,
        total.executed,
        total.refused,
        total.missing,
        total.too_long
    );
}
