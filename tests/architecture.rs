//! The shape of the code, checked: every file's imports (`use` declarations and
//! `crate::`/`super::` paths written inline) are read from `src/`, and the test fails
//! on an import loop between files or on an import that runs from a lower layer to a
//! higher one. The layer order lives in [`LAYERS`], lowest first; a module imports only
//! from layers below its own (modules that share a layer never import each other, so
//! `ui`, `plain` and `cli` stay apart). A `pub use` in a `mod.rs` or `lib.rs` is the
//! folder's front door, not a dependency, and is not counted.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// The layers, lowest first. Every top-level module of `src/` is in exactly one.
const LAYERS: &[&[&str]] = &[
    &["text", "files", "paths", "signals"],
    &["library", "runs"],
    &["session"],
    // Words for the engine's things and the helpers every sentence uses; history's
    // reports and today's reasons are worded with them.
    &["wording"],
    &["history"],
    &["today", "config"],
    &["input"],
    &["coach"],
    &["voice"],
    &["ui", "plain", "cli"],
];

/// One import: from a file, to a file, and the line it is on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Import {
    from: String,
    to: String,
    line: usize,
}

/// The module path of a file under `src/`: `ui/app.rs` is `ui::app`, `ui/mod.rs` is `ui`.
fn module_of(file: &str) -> Vec<String> {
    let stem = file.trim_end_matches(".rs");
    let mut parts: Vec<String> = stem.split('/').map(str::to_string).collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// The source with comments, strings and character literals blanked out (lines kept),
/// so that a path in a doc comment or a message is not taken for an import.
fn code_only(src: &str) -> String {
    let c: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let blank = |out: &mut String, ch: char| out.push(if ch == '\n' { '\n' } else { ' ' });
    let mut i = 0;
    while i < c.len() {
        let next = c.get(i + 1).copied();
        if c[i] == '/' && next == Some('/') {
            while i < c.len() && c[i] != '\n' {
                blank(&mut out, c[i]);
                i += 1;
            }
        } else if c[i] == '/' && next == Some('*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, c[i]);
                    i += 1;
                }
            }
        } else if c[i] == 'r' && (next == Some('"') || next == Some('#')) && !ident_before(&c, i) {
            // A raw string: r"..." or r#"..."#.
            let mut j = i + 1;
            let mut hashes = 0;
            while c.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if c.get(j) != Some(&'"') {
                out.push(c[i]);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= c.len() {
                    break;
                }
                if c[j] == '"' && (0..hashes).all(|h| c.get(j + 1 + h) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            for &ch in &c[i..j.min(c.len())] {
                blank(&mut out, ch);
            }
            i = j;
        } else if c[i] == '"' {
            blank(&mut out, c[i]);
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    blank(&mut out, c[i]);
                    i += 1;
                }
                if i < c.len() {
                    blank(&mut out, c[i]);
                    i += 1;
                }
            }
            if i < c.len() {
                blank(&mut out, c[i]);
                i += 1;
            }
        } else if c[i] == '\'' {
            // A character literal ('x', '\n', '\u{1F}'), or else a lifetime.
            let end = if next == Some('\\') {
                (i + 2..c.len()).find(|&j| c[j] == '\'')
            } else if c.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match end {
                Some(e) => {
                    for &ch in &c[i..=e] {
                        blank(&mut out, ch);
                    }
                    i = e + 1;
                }
                None => {
                    out.push(c[i]);
                    i += 1;
                }
            }
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

fn ident_before(c: &[char], i: usize) -> bool {
    i > 0 && (c[i - 1].is_alphanumeric() || c[i - 1] == '_')
}

/// The paths a `use` tree names, each as a list of segments: `a::{b, c::d}` gives
/// `a::b` and `a::c::d`.
fn use_tree(tree: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    expand(tree, &[], &mut out);
    out
}

fn expand(tree: &str, prefix: &[String], out: &mut Vec<Vec<String>>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let head = tree[..open].trim().trim_end_matches("::");
        let inner = tree[open + 1..].trim_end();
        let inner = inner.strip_suffix('}').unwrap_or(inner);
        let mut base = prefix.to_vec();
        base.extend(segments(head));
        let mut depth = 0;
        let mut start = 0;
        for (k, ch) in inner.char_indices() {
            match ch {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand(&inner[start..k], &base, out);
                    start = k + 1;
                }
                _ => {}
            }
        }
        expand(&inner[start..], &base, out);
    } else {
        // `path as name`: the name is the file's own.
        let item = tree.split_whitespace().next().unwrap_or("");
        let mut path = prefix.to_vec();
        path.extend(segments(item));
        if path.last().is_some_and(|s| s == "self" || s == "*") {
            path.pop();
        }
        if !path.is_empty() {
            out.push(path);
        }
    }
}

fn segments(path: &str) -> Vec<String> {
    path.split("::")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Every import of one file, as module paths with their line: `use` declarations and
/// inline `crate::…` and `super::…` paths. `pub use` in a folder's front door is left out.
fn imports_of(file: &str, src: &str) -> Vec<(Vec<String>, usize)> {
    let code = code_only(src);
    let front_door = file.ends_with("mod.rs") || file == "lib.rs";
    let mut found = Vec::new();
    let bytes = code.as_bytes();
    // `use` declarations, which may span lines.
    let mut at = 0;
    while let Some(k) = code[at..].find("use ") {
        let start = at + k;
        at = start + 4;
        let word_start =
            start == 0 || !(bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_');
        if !word_start {
            continue;
        }
        let Some(end) = code[start..].find(';') else {
            break;
        };
        let line = code[..start].matches('\n').count() + 1;
        let before = code[..start].trim_end();
        let is_pub = before.ends_with("pub") || before.ends_with(')');
        if !(front_door && is_pub) {
            for path in use_tree(&code[start + 4..start + end]) {
                found.push((path, line));
            }
        }
        at = start + end;
    }
    // Inline paths outside `use` declarations.
    let without_uses = blank_uses(&code);
    for anchor in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(k) = without_uses[from..].find(anchor) {
            let start = from + k;
            from = start + anchor.len();
            let b = without_uses.as_bytes();
            if start > 0
                && (b[start - 1].is_ascii_alphanumeric()
                    || b[start - 1] == b'_'
                    || b[start - 1] == b':')
            {
                continue;
            }
            let rest = &without_uses[start..];
            let len = rest
                .find(|ch: char| !(ch.is_alphanumeric() || ch == '_' || ch == ':'))
                .unwrap_or(rest.len());
            let line = without_uses[..start].matches('\n').count() + 1;
            found.push((segments(&rest[..len]), line));
        }
    }
    found
}

/// The code with every `use …;` declaration blanked out.
fn blank_uses(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(k) = rest.find("use ") {
        let word = k == 0
            || !rest.as_bytes()[k - 1].is_ascii_alphanumeric() && rest.as_bytes()[k - 1] != b'_';
        if !word {
            out.push_str(&rest[..k + 4]);
            rest = &rest[k + 4..];
            continue;
        }
        let Some(end) = rest[k..].find(';') else {
            break;
        };
        out.push_str(&rest[..k]);
        out.extend(
            rest[k..k + end]
                .chars()
                .map(|c| if c == '\n' { '\n' } else { ' ' }),
        );
        rest = &rest[k + end..];
    }
    out.push_str(rest);
    out
}

/// Turns a path written in `file` into the file it names, if it is one of ours.
fn resolve(file: &str, path: &[String], modules: &BTreeMap<Vec<String>, String>) -> Option<String> {
    let here = module_of(file);
    let mut abs: Vec<String> = match path.first().map(String::as_str) {
        Some("crate") => path[1..].to_vec(),
        Some("super") => {
            let mut base = here.clone();
            let mut rest = path;
            while rest.first().is_some_and(|s| s == "super") {
                base.pop();
                rest = &rest[1..];
            }
            base.extend(rest.iter().cloned());
            base
        }
        Some("self") => here.iter().chain(&path[1..]).cloned().collect(),
        Some(first) => {
            // A `use` of a child module by its bare name (`use list::x` in `ui/mod.rs`).
            let mut child = here.clone();
            child.push(first.to_string());
            if !modules.contains_key(&child) {
                return None;
            }
            here.iter().chain(path).cloned().collect()
        }
        None => return None,
    };
    while !abs.is_empty() {
        if let Some(f) = modules.get(&abs) {
            return Some(f.clone());
        }
        abs.pop();
    }
    None
}

/// Every file-to-file import of a tree given as (path under `src/`, text).
fn graph(files: &[(String, String)]) -> Vec<Import> {
    let modules: BTreeMap<Vec<String>, String> = files
        .iter()
        .map(|(f, _)| (module_of(f), f.clone()))
        .collect();
    let mut out = BTreeSet::new();
    for (file, src) in files {
        for (path, line) in imports_of(file, src) {
            if let Some(to) = resolve(file, &path, &modules)
                && to != *file
                && to != "lib.rs"
            {
                out.insert(Import {
                    from: file.clone(),
                    to,
                    line,
                });
            }
        }
    }
    out.into_iter().collect()
}

fn layer_of(file: &str) -> Option<usize> {
    let top = module_of(file).into_iter().next()?;
    LAYERS.iter().position(|l| l.contains(&top.as_str()))
}

/// Imports from a lower layer to a higher one, or between modules of one layer.
fn layer_violations(imports: &[Import]) -> Vec<String> {
    let mut out = Vec::new();
    for i in imports {
        let (from_top, to_top) = (&module_of(&i.from)[0], &module_of(&i.to)[0]);
        if from_top == to_top {
            continue;
        }
        match (layer_of(&i.from), layer_of(&i.to)) {
            (Some(a), Some(b)) if b < a => {}
            (Some(_), Some(_)) => out.push(format!(
                "src/{}:{} imports {} from src/{}: a layer may only import layers below it",
                i.from, i.line, to_top, i.to
            )),
            _ => out.push(format!(
                "src/{}:{} -> src/{}: put both top-level modules in LAYERS",
                i.from, i.line, i.to
            )),
        }
    }
    out
}

/// The import loops between files, each as the files around it.
fn loops(imports: &[Import]) -> Vec<Vec<String>> {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for i in imports {
        next.entry(&i.from).or_default().push(&i.to);
    }
    // Tarjan's strongly connected components; a component of two or more is a loop.
    struct State<'a> {
        next: &'a BTreeMap<&'a str, Vec<&'a str>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        let outs = s.next.get(v).cloned().unwrap_or_default();
        for w in outs {
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low[v];
                s.low.insert(v, lv.min(lw));
            } else if s.on_stack.contains(w) {
                let iw = s.index[w];
                let lv = s.low[v];
                s.low.insert(v, lv.min(iw));
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut s = State {
        next: &next,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    let starts: Vec<&str> = next.keys().copied().collect();
    for v in starts {
        if !s.index.contains_key(v) {
            visit(&mut s, v);
        }
    }
    s.found
}

fn read_tree(dir: &Path, base: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            read_tree(&p, base, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            let rel = p
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if rel != "main.rs" {
                out.push((rel, fs::read_to_string(&p).unwrap()));
            }
        }
    }
}

fn source() -> Vec<(String, String)> {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    read_tree(&base, &base, &mut files);
    files
}

fn describe(imports: &[Import], component: &[String]) -> String {
    let edges: Vec<String> = imports
        .iter()
        .filter(|i| component.contains(&i.from) && component.contains(&i.to))
        .map(|i| format!("  src/{}:{} -> src/{}", i.from, i.line, i.to))
        .collect();
    format!(
        "loop between {}:\n{}",
        component.join(", "),
        edges.join("\n")
    )
}

#[test]
fn the_module_graph_has_no_loops() {
    let imports = graph(&source());
    let found: Vec<String> = loops(&imports)
        .iter()
        .map(|c| describe(&imports, c))
        .collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn no_layer_imports_a_higher_one() {
    let imports = graph(&source());
    let bad = layer_violations(&imports);
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn every_top_level_module_has_a_layer() {
    let tops: BTreeSet<String> = source()
        .iter()
        .filter(|(f, _)| f != "lib.rs")
        .map(|(f, _)| module_of(f)[0].clone())
        .collect();
    for top in &tops {
        let n = LAYERS.iter().filter(|l| l.contains(&top.as_str())).count();
        assert_eq!(
            n, 1,
            "module `{top}` must be in exactly one layer of LAYERS"
        );
    }
    // And the list names nothing that is gone.
    for name in LAYERS.iter().flat_map(|l| l.iter()) {
        assert!(
            tops.contains(*name),
            "LAYERS names `{name}`, which src/ does not have"
        );
    }
}

#[test]
fn the_graph_sees_the_imports_it_must() {
    // The reader itself, on the real tree: known imports are found, and nothing is
    // found in a comment or a string.
    let imports = graph(&source());
    let has = |from: &str, to: &str| imports.iter().any(|i| i.from == from && i.to == to);
    assert!(has("coach/mod.rs", "session/mod.rs"));
    assert!(has("ui/app.rs", "coach/mod.rs"));
    assert!(has("library/load.rs", "library/merge.rs"));
    assert!(imports.len() > 100, "{} imports", imports.len());
}

// The checker can fail: small made-up trees with a loop and a violation.

fn tree(files: &[(&str, &str)]) -> Vec<(String, String)> {
    files
        .iter()
        .map(|(f, s)| (f.to_string(), s.to_string()))
        .collect()
}

#[test]
fn a_loop_through_use_lines_and_inline_paths_is_found() {
    let files = tree(&[
        ("library/mod.rs", "mod a;\nmod b;\nmod c;\npub use a::X;\n"),
        (
            "library/a.rs",
            "use super::b::{Y, Z as W};\npub struct X;\n",
        ),
        ("library/b.rs", "pub fn y() -> super::c::Q { todo!() }\n"),
        ("library/c.rs", "use crate::library::{a::X, self};\n"),
    ]);
    let found = loops(&graph(&files));
    assert_eq!(
        found,
        vec![vec![
            "library/a.rs".to_string(),
            "library/b.rs".to_string(),
            "library/c.rs".to_string()
        ]]
    );
}

#[test]
fn paths_in_comments_and_strings_are_not_imports() {
    let files = tree(&[
        (
            "text.rs",
            "// use crate::ui::x;\n/* crate::ui */\nconst S: &str = \"crate::ui::x\";\nconst R: &str = r#\"super::ui\"#;\nfn f<'a>(c: char) -> bool { c == '\"' }\n",
        ),
        ("ui/mod.rs", "pub fn x() {}\n"),
    ]);
    assert_eq!(graph(&files), vec![]);
}

#[test]
fn an_import_up_the_layers_is_found() {
    let files = tree(&[
        ("session/mod.rs", "use crate::coach::Coach;\n"),
        ("coach/mod.rs", "pub struct Coach;\n"),
        ("ui/mod.rs", "fn f() { crate::cli::run(); }\n"),
        ("cli/mod.rs", "pub fn run() {}\n"),
    ]);
    let bad = layer_violations(&graph(&files));
    assert_eq!(bad.len(), 2, "{bad:?}");
    assert!(
        bad[0].contains("src/session/mod.rs:1 imports coach"),
        "{bad:?}"
    );
    assert!(bad[1].contains("src/ui/mod.rs:1 imports cli"), "{bad:?}");
}

#[test]
fn a_front_door_re_export_is_not_a_dependency() {
    let files = tree(&[
        ("ui/mod.rs", "mod app;\npub use app::App;\n"),
        ("ui/app.rs", "use super::Pane;\npub struct App;\n"),
    ]);
    assert!(loops(&graph(&files)).is_empty());
    // But a plain `use` in mod.rs is, and closes the loop.
    let files = tree(&[
        ("ui/mod.rs", "mod app;\nuse app::App;\npub struct Pane;\n"),
        ("ui/app.rs", "use super::Pane;\npub struct App;\n"),
    ]);
    assert_eq!(loops(&graph(&files)).len(), 1);
}
