//! The third-party licence notices (`scripts/notices.mjs`, written into every build as
//! `third-party-licenses.txt`) against what they describe: every crate `cargo metadata` says is
//! compiled into either wasm module is listed, with its licence and its texts, and nothing else;
//! and `deny.toml`'s licence policy allows each listed licence and allows nothing they do not use.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

/// One crate line of the notices: `- name version: licence (module) [T1, T2]`.
#[derive(Debug)]
struct Listed {
    licence: String,
    modules: String,
    texts: Vec<String>,
}

/// The notices generated from this checkout, once: (crates by `name version`, the whole text).
fn notices() -> &'static (BTreeMap<String, Listed>, String) {
    static NOTICES: OnceLock<(BTreeMap<String, Listed>, String)> = OnceLock::new();
    NOTICES.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("ti-assess-notices-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let out = Command::new("node").arg("scripts/notices.mjs").arg(&dir).output().expect("node runs");
        assert!(out.status.success(), "notices.mjs failed: {}", String::from_utf8_lossy(&out.stderr));
        let text = std::fs::read_to_string(dir.join("third-party-licenses.txt")).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        let section = text.split("\nCrates (").nth(1).expect("a crates section");
        let section = section.split("\n\nThe Rust standard library").next().unwrap();
        let mut crates = BTreeMap::new();
        for line in section.lines().filter(|l| l.starts_with("- ")) {
            let (head, rest) = line[2..].split_once(": ").unwrap();
            let (licence, rest) = rest.rsplit_once(" (").unwrap();
            let (modules, texts) = rest.split_once(") [").unwrap();
            let texts = texts.trim_end_matches(']').split(", ").map(str::to_owned).collect();
            let listed = Listed { licence: licence.to_owned(), modules: modules.to_owned(), texts };
            assert!(crates.insert(head.to_owned(), listed).is_none(), "{head} listed twice");
        }
        (crates, text)
    })
}

/// `cargo metadata` for wasm32, as JSON.
fn metadata() -> serde_json::Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .args(["--filter-platform", "wasm32-unknown-unknown"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// What `cargo metadata` says is compiled into a module: `name version` → (licence, modules).
fn compiled_in() -> BTreeMap<String, (String, Vec<&'static str>)> {
    let meta = metadata();
    let packages: BTreeMap<&str, &serde_json::Value> =
        meta["packages"].as_array().unwrap().iter().map(|p| (p["id"].as_str().unwrap(), p)).collect();
    let deps: BTreeMap<&str, Vec<&str>> = meta["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            let normal = n["deps"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["dep_kinds"].as_array().unwrap().iter().any(|k| k["kind"].is_null()));
            (n["id"].as_str().unwrap(), normal.map(|d| d["pkg"].as_str().unwrap()).collect())
        })
        .collect();
    let members: BTreeSet<&str> =
        meta["workspace_members"].as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect();
    let mut out: BTreeMap<String, (String, Vec<&'static str>)> = BTreeMap::new();
    for (package, module) in [("ti-assess", "app"), ("ti-pdf", "PDF worker")] {
        let root = *members.iter().find(|id| packages[**id]["name"] == package).unwrap();
        let mut todo = vec![root];
        let mut seen = BTreeSet::new();
        while let Some(id) = todo.pop() {
            if seen.insert(id) {
                todo.extend(&deps[id]);
            }
        }
        for id in seen.into_iter().filter(|id| !members.contains(id)) {
            let p = packages[id];
            let key = format!("{} {}", p["name"].as_str().unwrap(), p["version"].as_str().unwrap());
            let licence = p["license"].as_str().unwrap_or("(none)").to_owned();
            out.entry(key).or_insert_with(|| (licence, Vec::new())).1.push(module);
        }
    }
    out
}

#[test]
fn the_notices_list_every_crate_of_both_wasm_modules_with_its_licence_and_texts() {
    let (listed, text) = notices();
    let expected = compiled_in();
    assert!(expected.len() > 100, "the app and the worker link more than {} crates", expected.len());
    let want: BTreeSet<&String> = expected.keys().collect();
    let have: BTreeSet<&String> = listed.keys().collect();
    assert_eq!(
        (want.difference(&have).collect::<Vec<_>>(), have.difference(&want).collect::<Vec<_>>()),
        (vec![], vec![]),
        "(missing from the notices, listed but not compiled in)"
    );
    for (name, (licence, modules)) in &expected {
        let l = &listed[name];
        assert_eq!(&l.licence, licence, "{name}: the licence Cargo.toml declares");
        assert_eq!(l.modules, modules.join(" and "), "{name}: modules");
        assert!(!l.texts.is_empty() && l.texts.iter().all(|t| !t.is_empty()), "{name}: no licence text");
        for t in &l.texts {
            // Each text's header names the crates it belongs to.
            let header = text.lines().find(|h| h.starts_with(&format!("[{t}] "))).unwrap();
            assert!(header.contains(&format!("{name} (")), "{name}: text {t} is not its own: {header}");
        }
    }
    for module in ["app", "PDF worker"] {
        assert!(listed.values().any(|l| l.modules == module), "no crate only in the {module}");
    }
    assert!(text.contains("The Rust standard library"), "the standard library's notice");
}

/// An SPDX expression (`MIT OR Apache-2.0`, `(A OR B) AND C`, the old `MIT/Apache-2.0`),
/// evaluated: does `allowed` license it, and which identifiers does it name.
fn licensed(expr: &str, allowed: &dyn Fn(&str) -> bool) -> bool {
    let spaced = expr.replace('(', " ( ").replace(')', " ) ").replace('/', " OR ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    fn or(t: &[&str], i: &mut usize, ok: &dyn Fn(&str) -> bool) -> bool {
        let mut v = and(t, i, ok);
        while t.get(*i) == Some(&"OR") {
            *i += 1;
            v |= and(t, i, ok);
        }
        v
    }
    fn and(t: &[&str], i: &mut usize, ok: &dyn Fn(&str) -> bool) -> bool {
        let mut v = atom(t, i, ok);
        while t.get(*i) == Some(&"AND") {
            *i += 1;
            v &= atom(t, i, ok);
        }
        v
    }
    fn atom(t: &[&str], i: &mut usize, ok: &dyn Fn(&str) -> bool) -> bool {
        let token = t[*i];
        *i += 1;
        if token == "(" {
            let v = or(t, i, ok);
            assert_eq!(t.get(*i), Some(&")"), "unbalanced");
            *i += 1;
            return v;
        }
        let v = ok(token);
        if t.get(*i) == Some(&"WITH") {
            *i += 2;
        }
        v
    }
    let mut i = 0;
    let v = or(&tokens, &mut i, allowed);
    assert_eq!(i, tokens.len(), "`{expr}` read to its end");
    v
}

#[test]
fn the_spdx_reader_follows_or_and_and_parentheses() {
    let only_mit = |id: &str| id == "MIT";
    for (expr, expected) in [
        ("MIT", true),
        ("Apache-2.0", false),
        ("MIT OR Apache-2.0", true),
        ("Apache-2.0/MIT", true),
        ("(Apache-2.0 OR MIT) AND BSD-3-Clause", false),
        ("(Apache-2.0 OR MIT) AND (MIT OR Zlib)", true),
        ("Apache-2.0 WITH LLVM-exception OR MIT", true),
    ] {
        assert_eq!(licensed(expr, &only_mit), expected, "{expr}");
    }
}

#[test]
fn deny_toml_allows_every_licence_of_the_notices_and_nothing_they_do_not_need() {
    let deny: toml::Table =
        toml::from_str(&std::fs::read_to_string(PathBuf::from("deny.toml")).unwrap()).unwrap();
    let licences = deny["licenses"].as_table().unwrap();
    let strings = |v: &toml::Value| -> Vec<String> {
        v.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_owned()).collect()
    };
    let allow: BTreeSet<String> = strings(&licences["allow"]).into_iter().collect();
    let mut exceptions: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for e in licences["exceptions"].as_array().unwrap() {
        let name = e["crate"].as_str().unwrap().to_owned();
        exceptions.entry(name).or_default().extend(strings(&e["allow"]));
    }
    let (listed, _) = notices();
    let mut used_allow = BTreeSet::new();
    for (name, l) in listed {
        let crate_name = name.split(' ').next().unwrap();
        let extra = exceptions.get(crate_name);
        assert!(
            licensed(&l.licence, &|id| allow.contains(id) || extra.is_some_and(|e| e.contains(id))),
            "{name}: `{}` is not allowed by deny.toml (licenses.allow or an exception for {crate_name})",
            l.licence
        );
        let ids = l.licence.replace(['(', ')', '/'], " ");
        used_allow.extend(ids.split_whitespace().filter(|id| allow.contains(*id)).map(str::to_owned));
    }
    let unused: Vec<_> = allow.difference(&used_allow).collect();
    assert!(
        unused.is_empty(),
        "deny.toml allows {unused:?}, which no crate of the notices uses (a licence that only a \
         host or build tool needs belongs in an exception for that crate)"
    );
    let lock = std::fs::read_to_string("Cargo.lock").unwrap();
    for name in exceptions.keys() {
        assert!(
            lock.contains(&format!("name = \"{name}\"\n")),
            "deny.toml: exception for {name}, not in Cargo.lock"
        );
    }
}

#[test]
fn the_notices_carry_every_licence_text_beside_the_fonts() {
    let (_, text) = notices();
    let mut names: Vec<String> = std::fs::read_dir("public/fonts")
        .expect("public/fonts")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    assert!(names.len() >= 4, "the fonts' README and three licences: {names:?}");
    for name in names {
        let listed = format!("- public/fonts/{name} [T");
        assert!(text.contains(&listed), "the notices do not carry public/fonts/{name}");
        let body = std::fs::read_to_string(format!("public/fonts/{name}")).expect("readable");
        let first = body.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
        assert!(text.contains(first), "the text of public/fonts/{name} is not in the notices");
    }
}
