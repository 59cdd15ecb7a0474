//! Helpers shared by the trace tests.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use ti_core::trace::TraceCatalog;

/// The S-nn source IDs of `questions/common.toml`.
pub fn common_sources() -> Vec<String> {
    let text = std::fs::read_to_string("questions/common.toml").unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap();
    table["source"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap().to_owned()).collect()
}

/// The shipped trace catalogue (from the JSON the build script made).
pub fn catalog() -> &'static TraceCatalog {
    ti_core::catalog::builtin_trace().unwrap()
}

/// The trace file parsed from TOML, as JSON (for mutation tests).
pub fn trace_json_value() -> serde_json::Value {
    let text = std::fs::read_to_string("questions/trace.toml").unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap();
    serde_json::to_value(table).unwrap()
}

/// A fresh directory under the system temp dir, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        static N: AtomicU32 = AtomicU32::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let p = std::env::temp_dir().join(format!("ti-trace-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Hostile and awkward values: shell syntax of every kind, quotes, line breaks, globbing,
/// parameter expansion, options, scripts of several languages, control characters, very long
/// values. Side effects they would have if interpreted are confined to the sandbox's
/// directories (`touch pwned…` is relative; HOME is a sacrificial directory).
pub fn corpus() -> Vec<(&'static str, String)> {
    let mut c: Vec<(&'static str, String)> = vec![
        ("command substitution", "$(touch pwned-1)".into()),
        ("command substitution to /tmp/x", "$(touch /tmp/x)".into()),
        ("backquotes", "`touch pwned-2`".into()),
        ("close quote then command", "'; touch pwned-3; '".into()),
        ("close quote, rm home", "'; rm -rf ~".into()),
        ("double-quote break-out", "\"; touch pwned-5; \"".into()),
        ("rm home by substitution", "$(rm -rf ~)".into()),
        ("lone backslash", "\\".into()),
        ("backslash quote", "\\'".into()),
        ("lone single quote", "'".into()),
        ("two single quotes", "''".into()),
        ("lone double quote", "\"".into()),
        ("quote soup", "'\"'\"'".into()),
        ("mixed specials", "a\"b'c\\d$e`f".into()),
        ("line break", "first\nsecond".into()),
        ("line break then command", "\ntouch pwned-12\n".into()),
        ("carriage return", "abc\rtouch pwned-13".into()),
        ("glob star", "*".into()),
        ("glob root", "/*".into()),
        ("glob question", "?".into()),
        ("glob class", "[a-z]*".into()),
        ("tilde", "~".into()),
        ("tilde user", "~root".into()),
        ("IFS braces", "${IFS}".into()),
        ("IFS plain", "$IFS".into()),
        ("HOME", "$HOME".into()),
        ("assigning expansion", "${PATH:=x}".into()),
        ("arithmetic", "$((1+1))".into()),
        ("ANSI-C quote", "$'\\x41'".into()),
        ("spaces", "a b  c".into()),
        ("only spaces", "   ".into()),
        ("tab", "a\tb".into()),
        ("option rf", "-rf".into()),
        ("double dash", "--".into()),
        ("minus one (kill -1)", "-1".into()),
        ("operators", "a;b|c&d&&e||f".into()),
        ("process substitution", "<(touch pwned-30)".into()),
        ("redirect", ">pwned-31".into()),
        ("here-doc", "<<EOF".into()),
        ("comment", "#comment".into()),
        ("history bang", "!!".into()),
        ("printf format", "%s%n%x".into()),
        ("echo options", "-e\\n".into()),
        ("template syntax", "}}{{pid}}".into()),
        ("missing marker look-alike", "⟨missing: Process ID⟩".into()),
        ("ClassAd break-out", "\" || true || \"".into()),
        ("awk program", "\"; system(\"touch pwned-40\"); \"".into()),
        ("Cyrillic", "Ячейка-42 задание".into()),
        ("Chinese", "作业编号七".into()),
        ("Greek", "Εργασία Ω".into()),
        ("emoji", "🔥💥".into()),
        ("right-to-left override", "abc\u{202E}fed".into()),
        ("combining accent", "e\u{0301}".into()),
        ("zero-width joiner and BOM", "\u{FEFF}a\u{200D}b".into()),
        ("escape sequence", "\u{1b}[31mred\u{1b}[0m".into()),
        ("DEL", "a\u{7f}b".into()),
        (
            "realistic DN",
            "/DC=ch/DC=cern/OU=Organic Units/OU=Users/CN=lhcbpilot/CN=123456/CN=Robot: LHCb Pilot".into(),
        ),
        ("realistic HTCondor ID", "19126986.5".into()),
        ("realistic token issuer", "https://lhcb-auth.web.cern.ch/".into()),
        ("URL with query", "https://ce.example.org:9619/job?id=1&x=$(id)".into()),
    ];
    c.push(("very long", "A".repeat(100_000)));
    c.push(("very many quotes", "'".repeat(10_000)));
    c.push(("long mixed", "$(x)'\"\\`\n".repeat(2_000)));
    c
}
