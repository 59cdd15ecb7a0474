//! Architecture invariants (ARCHITECTURE.md), enforced by reading the source files.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every Rust source file of the workspace (the app's `src/` and each crate's `crates/*/src/`),
/// with its path from the workspace root.
fn src() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    for krate in fs::read_dir(root.join("crates")).unwrap() {
        rust_files(&krate.unwrap().path().join("src"), &mut files);
    }
    files
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            (rel, fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// Source lines without `//` comments (doc comments may mention anything).
fn code(text: &str) -> String {
    text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

fn manifest(path: &str) -> toml::Table {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    toml::from_str(&fs::read_to_string(root.join(path)).unwrap()).unwrap()
}

/// The names of the dependencies a manifest declares of one kind (`dependencies`,
/// `build-dependencies`, `dev-dependencies`), for every target.
fn declared(manifest: &toml::Table, kind: &str) -> BTreeSet<String> {
    let mut tables: Vec<&toml::Table> = manifest.get(kind).and_then(|d| d.as_table()).into_iter().collect();
    if let Some(targets) = manifest.get("target").and_then(|t| t.as_table()) {
        tables.extend(targets.values().filter_map(|t| t.get(kind)?.as_table()));
    }
    tables.into_iter().flat_map(|t| t.keys().cloned()).collect()
}

/// The crates a browser brings: none of them may reach the core.
fn is_browser_crate(name: &str) -> bool {
    ["leptos", "web-sys", "wasm-bindgen", "js-sys", "gloo", "tachys", "reactive_graph"]
        .iter()
        .any(|b| name == *b || name.starts_with(&format!("{b}-")) || name.starts_with(&format!("{b}_")))
}

/// Every package reachable from `from` in Cargo.lock (any target, normal and build dependencies).
fn reachable_in_lock(from: &str) -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lock: toml::Table = toml::from_str(&fs::read_to_string(root.join("Cargo.lock")).unwrap()).unwrap();
    let packages = lock["package"].as_array().unwrap();
    let deps_of = |name: &str| -> Vec<String> {
        packages
            .iter()
            .filter(|p| p["name"].as_str() == Some(name))
            .flat_map(|p| p.get("dependencies").and_then(|d| d.as_array()).cloned().unwrap_or_default())
            .filter_map(|d| d.as_str().and_then(|d| d.split(' ').next()).map(str::to_owned))
            .collect()
    };
    let mut seen = BTreeSet::new();
    let mut todo = vec![from.to_owned()];
    while let Some(name) = todo.pop() {
        for dep in deps_of(&name) {
            if seen.insert(dep.clone()) {
                todo.push(dep);
            }
        }
    }
    seen
}

#[test]
fn core_depends_on_no_browser_crate() {
    let core = manifest("crates/core/Cargo.toml");
    // What the core may use: serialisation, errors, a hash. Anything new is a decision worth a
    // line here.
    let allowed: BTreeSet<&str> = ["serde", "serde_json", "serde_path_to_error", "sha2", "thiserror"].into();
    for dep in declared(&core, "dependencies") {
        assert!(allowed.contains(dep.as_str()), "crates/core depends on `{dep}`, which is not on its list");
    }
    let build: BTreeSet<&str> = ["serde_json", "toml"].into();
    for dep in declared(&core, "build-dependencies") {
        assert!(build.contains(dep.as_str()), "crates/core's build step depends on `{dep}`");
    }
    let reached = reachable_in_lock("ti-core");
    assert!(reached.contains("serde_json"), "Cargo.lock does not list the core's dependencies");
    let browser: Vec<&String> = reached.iter().filter(|n| is_browser_crate(n)).collect();
    assert!(browser.is_empty(), "the core reaches browser crates through Cargo.lock: {browser:?}");
}

#[test]
fn the_app_never_links_the_pdf_code_and_the_pdf_code_never_links_the_app() {
    let app = declared(&manifest("Cargo.toml"), "dependencies");
    for pdf in ["ti-pdf", "printpdf", "lopdf"] {
        assert!(!app.contains(pdf), "the app depends on `{pdf}`: printpdf must stay out of the first load");
    }
    let pdf = declared(&manifest("crates/pdf/Cargo.toml"), "dependencies");
    for ui in ["ti-assess", "leptos", "gloo-storage"] {
        assert!(!pdf.contains(ui), "the PDF worker depends on `{ui}`");
    }
}

#[test]
fn only_storage_touches_browser_storage() {
    for (path, text) in src() {
        let code = code(&text);
        let touches = ["gloo_storage", "local_storage", "session_storage", "localStorage"]
            .iter()
            .any(|k| code.contains(k));
        assert!(
            !touches || path == "src/web/storage.rs",
            "{path} touches browser storage; only src/web/storage.rs may"
        );
    }
}

#[test]
fn only_persist_knows_the_stored_json_shape() {
    for (path, text) in src() {
        let code = code(&text);
        if code.contains("Serialize") || code.contains("serde_json::to_") {
            assert!(
                path.starts_with("crates/core/src/persist/"),
                "{path} serialises data; only crates/core/src/persist/ knows the stored JSON shape"
            );
        }
        // The question-file reader also parses JSON (from build.rs), which is not stored data.
        if code.contains("serde_json") {
            assert!(
                path.starts_with("crates/core/src/persist/") || path == "crates/core/src/catalog/mod.rs",
                "{path} uses serde_json outside persist and the catalogue reader"
            );
        }
    }
}

#[test]
fn ui_uses_no_inner_html() {
    for (path, text) in src() {
        assert!(!code(&text).contains("inner_html"), "{path} uses inner_html; render data as text only");
    }
}

#[test]
fn no_question_or_recommendation_ids_in_rust_code() {
    // Gap rules live in questions/*.toml. A string literal like "VO-LOG-2" in src/ means a rule
    // has leaked into code.
    for (path, text) in src() {
        for prefix in ["\"VO-", "\"SITE-", "\"ALL-", "\"T6\"", "\"T7\""] {
            assert!(!code(&text).contains(prefix), "{path} names a catalogue ID ({prefix}…) in code");
        }
    }
}

#[test]
fn no_absolute_urls_in_the_app() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<(String, String)> = src();
    for extra in ["index.html", "style/main.css", "public/pdf-worker-entry.js", "public/boot.js"] {
        if let Ok(t) = fs::read_to_string(root.join(extra)) {
            files.push((extra.to_owned(), t));
        }
    }
    for (path, text) in files {
        for line in text.lines() {
            let t = line.trim_start();
            if t.starts_with("//") || t.starts_with("/*") || t.starts_with('*') || t.starts_with("<!--") {
                continue;
            }
            assert!(
                !(line.contains("http://") || line.contains("https://")),
                "{path}: absolute URL in `{line}`"
            );
        }
    }
}

/// A source file's module path inside its crate: `crates/core/src/persist/v2.rs` → `persist::v2`,
/// `src/ui/mod.rs` → `ui`, a crate root → the empty path.
fn module_of(path: &str) -> (String, Vec<String>) {
    let (krate, inner) = match path.strip_prefix("crates/") {
        Some(rest) => {
            let (name, inner) = rest.split_once("/src/").unwrap();
            (name.to_owned(), inner)
        }
        None => ("app".to_owned(), path.strip_prefix("src/").unwrap()),
    };
    let inner = inner.strip_suffix(".rs").unwrap();
    let mut parts: Vec<String> = inner.split('/').map(str::to_owned).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main"))
        || parts.first().is_some_and(|p| p == "bin")
    {
        parts.pop();
    }
    (krate, parts)
}

/// Every path a file names through `crate::` or `super::` (braces expanded), resolved to
/// module paths in its crate.
fn named_paths(module: &[String], code: &str) -> Vec<Vec<String>> {
    let bytes = code.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !code.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let rest = &code[i..];
        let starts = (rest.starts_with("crate::") || rest.starts_with("super::"))
            && (i == 0
                || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_' || bytes[i - 1] == b':'));
        if !starts {
            i += 1;
            continue;
        }
        let end = path_end(rest);
        for p in expand(&rest[..end]) {
            let mut segs: Vec<&str> = p.split("::").map(str::trim).filter(|s| !s.is_empty()).collect();
            let mut base: Vec<String> = if segs.first() == Some(&"crate") {
                segs.remove(0);
                Vec::new()
            } else {
                module.to_vec()
            };
            while segs.first() == Some(&"super") {
                segs.remove(0);
                base.pop();
            }
            base.extend(segs.iter().map(|s| (*s).to_owned()));
            out.push(base);
        }
        i += end.max(1);
    }
    out
}

/// Where a path that starts at `rest` ends: identifiers, `::` and one balanced `{…}` group.
fn path_end(rest: &str) -> usize {
    let mut depth = 0usize;
    for (i, c) in rest.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return i,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            c if depth > 0 && (c.is_whitespace() || c == ',') => {}
            c if c.is_alphanumeric() || c == '_' || c == ':' || c == '*' => {}
            _ => return i,
        }
    }
    rest.len()
}

/// `a::{b, c::{d}}` → `a::b`, `a::c::d`.
fn expand(path: &str) -> Vec<String> {
    let Some(open) = path.find('{') else { return vec![path.to_owned()] };
    let prefix = &path[..open];
    let inner = &path[open + 1..path.rfind('}').unwrap_or(path.len())];
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[start..]);
    items
        .into_iter()
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .flat_map(|i| expand(&format!("{prefix}{}", if i == "self" { "" } else { i })))
        .map(|p| p.trim_end_matches("::").to_owned())
        .collect()
}

/// The file-level import graph of the workspace: an edge from each file to each other file of its
/// crate whose items it names. A module naming its own ancestor or descendant (a facade and its
/// parts) is not an edge: that is nesting, not a circle between peers.
fn import_graph() -> BTreeMap<String, BTreeSet<String>> {
    let files = src();
    let modules: BTreeMap<(String, Vec<String>), String> =
        files.iter().map(|(p, _)| (module_of(p), p.clone())).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, text) in &files {
        let (krate, module) = module_of(path);
        let edges = graph.entry(path.clone()).or_default();
        for mut named in named_paths(&module, &code(text)) {
            // The longest prefix that is a file of this crate.
            let target = loop {
                if let Some(file) = modules.get(&(krate.clone(), named.clone())) {
                    break Some((file, named));
                }
                if named.pop().is_none() {
                    break None;
                }
            };
            let Some((file, target_module)) = target else { continue };
            let nested = target_module.starts_with(&module) || module.starts_with(&target_module);
            if !nested {
                edges.insert(file.clone());
            }
        }
    }
    graph
}

/// One circle in the graph, if there is any (depth-first search with colours).
fn find_circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(node.to_owned(), 1);
        stack.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            match state.get(next.as_str()).copied().unwrap_or(0) {
                1 => {
                    let from = stack.iter().position(|n| n == next).unwrap_or(0);
                    let mut circle = stack[from..].to_vec();
                    circle.push(next.clone());
                    return Some(circle);
                }
                0 => {
                    if let Some(c) = visit(next, graph, state, stack) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(node.to_owned(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in graph.keys() {
        if state.get(node.as_str()).copied().unwrap_or(0) == 0 {
            let mut stack = Vec::new();
            if let Some(c) = visit(node, graph, &mut state, &mut stack) {
                return Some(c);
            }
        }
    }
    None
}

#[test]
fn no_two_files_import_each_other_even_through_others() {
    let graph = import_graph();
    let edges: usize = graph.values().map(BTreeSet::len).sum();
    // The walk must see the imports it is meant to judge, or it would pass on nothing.
    assert!(edges >= 60, "the import graph has only {edges} edges: the parser is out of date");
    assert!(
        graph.get("src/ui/question.rs").is_some_and(|e| e.contains("src/ui/dom_id.rs")),
        "the import graph misses `use super::dom_id::field_id` in src/ui/question.rs"
    );
    if let Some(circle) = find_circle(&graph) {
        panic!("an import circle: {}", circle.join(" → "));
    }
}

#[test]
fn the_circle_finder_finds_a_circle_between_peers_and_none_through_a_facade() {
    // A peer circle: ui/a names ui/b, ui/b names ui/a.
    let named = named_paths(
        &["ui".into(), "a".into()],
        "use super::{b::X, c};\nlet _ = crate::web::files::chosen(&e);",
    );
    assert_eq!(
        named,
        vec![
            vec!["ui".to_owned(), "b".into(), "X".into()],
            vec!["ui".into(), "c".into()],
            vec!["web".into(), "files".into(), "chosen".into()]
        ]
    );
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a".to_owned(), BTreeSet::from(["b".to_owned()])),
        ("b".to_owned(), BTreeSet::from(["c".to_owned()])),
        ("c".to_owned(), BTreeSet::from(["a".to_owned()])),
    ]
    .into();
    assert_eq!(find_circle(&graph), Some(vec!["a".into(), "b".into(), "c".into(), "a".into()]));
    let line: BTreeMap<String, BTreeSet<String>> =
        [("a".to_owned(), BTreeSet::from(["b".to_owned()])), ("b".to_owned(), BTreeSet::new())].into();
    assert_eq!(find_circle(&line), None);
}

/// The files of `src/` the page's shell (`src/ui/app.rs`) reaches through its imports.
fn reached_from_the_shell(graph: &BTreeMap<String, BTreeSet<String>>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec!["src/ui/app.rs".to_owned()];
    while let Some(file) = todo.pop() {
        if seen.insert(file.clone()) {
            todo.extend(graph.get(&file).into_iter().flatten().cloned());
        }
    }
    seen
}

#[test]
fn the_page_fetches_its_question_sets_and_carries_none() {
    // `catalog::builtin*` link the sets' JSON into the wasm; the page asks `catalog::shipped`,
    // which only knows the files' names (e2e `lazy.mjs` checks the built wasm).
    let graph = import_graph();
    let seen = reached_from_the_shell(&graph);
    assert!(
        seen.contains("src/ui/sets.rs") && seen.contains("src/ui/home.rs"),
        "the walk misses the set loader"
    );
    let texts: BTreeMap<String, String> = src().into_iter().collect();
    for file in &seen {
        let text = code(texts.get(file).map(String::as_str).unwrap_or_default());
        for call in ["builtin(", "builtin_vo(", "builtin_site(", "builtin_kit(", "builtin_trace("] {
            assert!(
                !text.contains(call),
                "{file} calls catalog::{call}…): the page would carry the question sets"
            );
        }
    }
}

/// The files the page's first load must not link: the tools' views, which only `src/ui/tools.rs`
/// (the second wasm module's root view) may name. The build check is e2e `lazy.mjs` (their
/// words are absent from the app's wasm); this is the source-level half.
fn is_tool_view(path: &str) -> bool {
    let tools = ["collect", "collect_challenges", "compare", "challenges", "challenge", "trace_", "tools."];
    path.strip_prefix("src/ui/").is_some_and(|rest| {
        tools.iter().any(|t| rest.starts_with(t)) && !rest.starts_with("challenge_import")
    })
}

#[test]
fn the_app_shell_reaches_no_tool_view_through_its_imports() {
    let graph = import_graph();
    let seen = reached_from_the_shell(&graph);
    // The walk must reach the views the shell does show, or it would pass on nothing.
    for shown in ["src/ui/home.rs", "src/ui/workspace.rs", "src/ui/results.rs", "src/ui/tools_host.rs"] {
        assert!(seen.contains(shown), "the walk from app.rs misses {shown}");
    }
    let linked: Vec<&String> = seen.iter().filter(|f| is_tool_view(f)).collect();
    assert!(linked.is_empty(), "the first load would link tool views: {linked:?}");
    // And the tools module does reach them all.
    let tools = graph.get("src/ui/tools.rs").cloned().unwrap_or_default();
    for view in [
        "src/ui/collect.rs",
        "src/ui/compare.rs",
        "src/ui/challenges.rs",
        "src/ui/trace_site.rs",
        "src/ui/trace_vo.rs",
    ] {
        assert!(tools.contains(view), "src/ui/tools.rs does not name {view}");
    }
}
