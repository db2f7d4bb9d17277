//! The structure of `src/`, checked from its source text.
//!
//! 1. The layers of `src/` import only layers below them (issue 8), so that a future module
//!    cannot quietly reach up. Bottom to top: `charset.rs` (imports nothing of the crate),
//!    `error.rs` (only `charset`), the signing core `signing/`, the Ogone protocol `protocol/`,
//!    Worldline Direct `worldline/`, then the framework adapters `integrations/` (legacy
//!    feedback and Worldline webhooks alike), the one order update `order/` (beside them), and
//!    the testing aids `testing/` on top.
//! 2. The files of `src/` import one another without a cycle (issue 16): the file-level graph
//!    of imports is acyclic, so that each file can be read knowing only the files below it.
//! 3. Library code names every item of the crate through the module that defines it, never
//!    through a re-export (issue 16): no `use crate::Params` inside `src/` (`lib.rs` re-exports
//!    for users, not for the crate itself), no `super::Error` that a `mod.rs` only re-exports.
//!
//! Only library code is checked: comments, string literals and the `#[cfg(test)]` items of a
//! file (its test module) are blanked out before anything is read.
//!
//! # How the scan works
//!
//! It is a scanner of source text, not a parser, and relies on the code being `rustfmt`ed:
//!
//! - [`library_code`] blanks comments (doc comments included), the contents of string and
//!   character literals, and every item under a `#[cfg(test)]` attribute (a one-line item, or
//!   a block that ends at the first `}` back at the attribute's indentation; one-line
//!   attributes between are skipped too). Line numbers are kept.
//! - [`paths`] collects the paths that start with `crate::` (`$crate::` too), `super::`,
//!   `self::`, or the name of a module the file declares (`mod child;`), from `use`
//!   declarations (their `{...}` trees expanded) and from code (`crate::a::b(...)`). Inline
//!   modules (`mod sealed { ... }`, `pub mod dangerous { ... }`) are followed, so that a
//!   `super::` inside one resolves from it.
//! - [`resolve`] turns a path into the file of the longest leading run of its segments that
//!   names a file of `src/` (`crate::signing::params::Params` is `src/signing/params.rs`, item
//!   `Params`), and the segment after it: the item the path names in that file, if any.
//! - An item is *defined* in a file when the file's library code has `fn`, `struct`, `enum`,
//!   `trait`, `type`, `const`, `static`, `union`, `mod` or `macro_rules!` followed by its name,
//!   or a macro invocation with the name as its first argument (`builtin_list!(SHA_IN, ...)`
//!   defines `SHA_IN`).
//!
//! Each edge of the graph is one such path from a file to another file; a re-export (`pub use`)
//! is an edge too (the file that relays an item depends on it).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The crate's modules, as named after `crate::`, for each layer, bottom first.
const LAYERS: [(&str, &[&str]); 8] = [
    ("charset", &[]),
    ("error", &["charset"]),
    ("signing", &["charset", "error", "signing"]),
    ("protocol", &["charset", "error", "signing", "protocol"]),
    (
        "worldline",
        &["charset", "error", "signing", "protocol", "worldline"],
    ),
    // The framework adapters take legacy feedback and Worldline webhooks alike.
    (
        "integrations",
        &[
            "charset",
            "error",
            "signing",
            "protocol",
            "worldline",
            "integrations",
        ],
    ),
    // The order update reads both platforms' verified messages.
    (
        "order",
        &[
            "charset",
            "error",
            "signing",
            "protocol",
            "worldline",
            "order",
        ],
    ),
    // The testing aids sit on top: the Worldline stand-in verifier uses `worldline/`.
    (
        "testing",
        &[
            "charset",
            "error",
            "signing",
            "protocol",
            "worldline",
            "testing",
        ],
    ),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            rust_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

/// The layer a file of `src/` belongs to: its folder, or its stem for a file at the top.
fn layer_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).ok()?;
    let mut parts = relative.components();
    let first = parts.next()?.as_os_str().to_str()?.to_string();
    Some(if parts.next().is_some() {
        first
    } else {
        first.trim_end_matches(".rs").to_string()
    })
}

/// The module names that follow `crate::` in the library code of `text`.
fn crate_paths(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (number, line) in library_code(text).lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // Lower-case names are modules; capitalised ones are root re-exports of types
            // (which the re-export test below refuses).
            if name.chars().next().is_some_and(|c| c.is_ascii_lowercase()) {
                out.push((number + 1, name));
            }
            rest = after;
        }
    }
    out
}

#[test]
fn each_layer_imports_only_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files).unwrap();
    let mut checked = 0;
    let mut violations = Vec::new();
    for file in &files {
        let Some(layer) = layer_of(&src, file) else {
            continue;
        };
        if layer == "lib" {
            continue; // the root re-exports everything
        }
        let allowed = LAYERS
            .iter()
            .find(|(name, _)| *name == layer)
            .map(|(_, allowed)| *allowed)
            .unwrap_or_else(|| panic!("{} is in no known layer", file.display()));
        let text = fs::read_to_string(file).unwrap();
        for (line, module) in crate_paths(&text) {
            checked += 1;
            if !allowed.contains(&module.as_str()) {
                violations.push(format!(
                    "{}:{line}: layer `{layer}` uses crate::{module}",
                    file.display()
                ));
            }
        }
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));
    assert!(
        checked > 50,
        "only {checked} crate paths found: is the scan broken?"
    );
}

/// `text` with comments, the contents of string and character literals, and the items under
/// `#[cfg(test)]` replaced by spaces; newlines are kept, so line numbers stay.
fn library_code(text: &str) -> String {
    let blanked = blank_comments_and_literals(text);
    let mut out = Vec::new();
    let mut lines = blanked.lines();
    while let Some(line) = lines.next() {
        if line.trim() != "#[cfg(test)]" {
            out.push(line.to_string());
            continue;
        }
        out.push(String::new());
        let indent = line.len() - line.trim_start().len();
        // The item under the attribute (after its other one-line attributes): one line, or a
        // block up to its closing brace, which rustfmt puts at the attribute's indentation.
        let mut item = "";
        for next in lines.by_ref() {
            out.push(String::new());
            item = next;
            if !next.trim_start().starts_with("#[") {
                break;
            }
        }
        if item.trim_end().ends_with('{') {
            let close = format!("{}}}", " ".repeat(indent));
            for inner in lines.by_ref() {
                out.push(String::new());
                if inner.trim_end() == close {
                    break;
                }
            }
        }
    }
    out.join("\n")
}

/// Comments and literal contents blanked (a small state machine: line and nested block
/// comments, strings with escapes, raw strings, character literals told from lifetimes).
fn blank_comments_and_literals(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if c == 'r'
            && (next == Some('"') || next == Some('#'))
            && !chars
                .get(i.wrapping_sub(1))
                .is_some_and(|p| p.is_alphanumeric() || *p == '_')
        {
            // A raw string r"..." or r#"..."#.
            let hashes = chars[i + 1..].iter().take_while(|&&h| h == '#').count();
            if chars.get(i + 1 + hashes) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let end: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            out.push_str(&" ".repeat(2 + hashes));
            i += 2 + hashes;
            while i < chars.len() && !chars[i..].starts_with(&end) {
                out.push(blank(chars[i]));
                i += 1;
            }
            out.push_str(&" ".repeat(end.len()));
            i += end.len();
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if let Some(&inner) = chars.get(i) {
                    out.push(blank(inner));
                }
                i += 1;
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' {
            // 'x', '\n', '\u{1F600}' are characters; 'a in `&'a str` is a lifetime.
            let close = if next == Some('\\') {
                chars[i + 2..]
                    .iter()
                    .position(|&q| q == '\'')
                    .map(|p| i + 2 + p)
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match close {
                Some(end) => {
                    out.push_str(&" ".repeat(end + 1 - i));
                    i = end + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// A path found in a file: where, and its segments (as written, the leading `crate`, `super`
/// or `self` included).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Found {
    line: usize,
    /// The module the path is written in (inline modules included), as segments after `crate`.
    module: Vec<String>,
    segments: Vec<String>,
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Expands a `use` tree (`a::{b, c::{d, self}}`) into its paths.
fn expand_use_tree(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        // `a::b as c`: the path is `a::b`.
        let path = tree.split(" as ").next().unwrap_or(tree).trim();
        return vec![path.to_string()];
    };
    let prefix = tree[..open].trim();
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (at, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|part| !part.trim().is_empty())
        .flat_map(expand_use_tree)
        .map(|tail| match tail.as_str() {
            "self" => prefix.trim_end_matches("::").to_string(),
            _ => format!("{prefix}{tail}"),
        })
        .collect()
}

/// The paths of the library code of a file whose module is `module` (segments after
/// `crate`): those of `use` declarations and those written in code, when they start with
/// `crate`, `super`, `self` or a module the file declares.
fn paths(text: &str, module: &[String]) -> Vec<Found> {
    let code = library_code(text);
    let children: BTreeSet<String> = code
        .lines()
        .filter_map(|line| {
            let line = line.trim();
            let rest = line.strip_prefix("pub ").unwrap_or(line);
            let rest = rest
                .strip_prefix("pub(crate) ")
                .or_else(|| rest.strip_prefix("pub(super) "))
                .unwrap_or(rest);
            let name = rest.strip_prefix("mod ")?.strip_suffix(';')?;
            Some(name.to_string())
        })
        .collect();
    let roots = |first: &str| {
        matches!(first, "crate" | "$crate" | "super" | "self") || children.contains(first)
    };
    let mut out = Vec::new();
    // Inline modules: (name, indentation of its closing brace).
    let mut inline: Vec<(String, String)> = Vec::new();
    let lines: Vec<&str> = code.lines().collect();
    let mut n = 0;
    while n < lines.len() {
        let line = lines[n];
        let trimmed = line.trim();
        if let Some((_, close)) = inline.last() {
            if line.trim_end() == close {
                inline.pop();
            }
        }
        let here: Vec<String> = module
            .iter()
            .cloned()
            .chain(inline.iter().map(|(name, _)| name.clone()))
            .collect();
        let visibility_stripped = ["pub ", "pub(crate) ", "pub(super) "]
            .iter()
            .find_map(|v| trimmed.strip_prefix(v))
            .unwrap_or(trimmed);
        if let Some(name) = visibility_stripped
            .strip_prefix("mod ")
            .and_then(|rest| rest.strip_suffix(" {"))
        {
            let indent = &line[..line.len() - line.trim_start().len()];
            inline.push((name.to_string(), format!("{indent}}}")));
            n += 1;
            continue;
        }
        if let Some(tree) = visibility_stripped.strip_prefix("use ") {
            // The declaration may span lines, up to its `;`.
            let mut statement = tree.to_string();
            let first = n;
            while !statement.contains(';') && n + 1 < lines.len() {
                n += 1;
                statement.push(' ');
                statement.push_str(lines[n].trim());
            }
            let statement = statement.split(';').next().unwrap_or_default();
            for path in expand_use_tree(statement) {
                let segments: Vec<String> = path
                    .split("::")
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect();
                if segments.first().is_some_and(|s| roots(s)) {
                    out.push(Found {
                        line: first + 1,
                        module: here.clone(),
                        segments,
                    });
                }
            }
            n += 1;
            continue;
        }
        // Paths in code: a run of `ident::ident::...` whose first segment is a root.
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let starts = (chars[i] == '$' || is_ident(chars[i]))
                && (i == 0 || !(is_ident(chars[i - 1]) || chars[i - 1] == ':'));
            if !starts {
                i += 1;
                continue;
            }
            let mut segments = Vec::new();
            let mut j = i;
            loop {
                let begin = j;
                if chars.get(j) == Some(&'$') {
                    j += 1;
                }
                while j < chars.len() && is_ident(chars[j]) {
                    j += 1;
                }
                segments.push(chars[begin..j].iter().collect::<String>());
                if chars.get(j) == Some(&':')
                    && chars.get(j + 1) == Some(&':')
                    && chars.get(j + 2).is_some_and(|&c| is_ident(c) || c == '$')
                {
                    j += 2;
                } else {
                    break;
                }
            }
            if segments.len() > 1 && roots(&segments[0]) {
                out.push(Found {
                    line: n + 1,
                    module: here.clone(),
                    segments,
                });
            }
            i = j.max(i + 1);
        }
        n += 1;
    }
    out
}

/// The module of a file of `src/`, as segments after `crate` (`src/a/mod.rs` and `src/a.rs`
/// are `a`; `src/lib.rs` is the root).
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut segments: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_str().unwrap().to_string())
        .collect();
    if matches!(segments.last().map(String::as_str), Some("mod" | "lib")) {
        segments.pop();
    }
    segments
}

/// The files of `src/` by module.
fn modules(src: &Path) -> BTreeMap<Vec<String>, PathBuf> {
    let mut files = Vec::new();
    rust_files(src, &mut files).unwrap();
    files.sort();
    files
        .into_iter()
        .map(|file| (module_of(src, &file), file))
        .collect()
}

/// The file a path leads to and the item it names there (`None` for the module itself).
fn resolve(
    modules: &BTreeMap<Vec<String>, PathBuf>,
    found: &Found,
) -> Option<(Vec<String>, Option<String>)> {
    let mut absolute: Vec<String> = match found.segments.first()?.as_str() {
        "crate" | "$crate" => Vec::new(),
        "self" => found.module.clone(),
        "super" => found.module.clone(),
        _ => {
            let mut here = found.module.clone();
            here.push(found.segments[0].clone());
            here
        }
    };
    let mut rest = &found.segments[1..];
    if found.segments[0] == "super" {
        absolute.pop();
        while rest.first().is_some_and(|s| s == "super") {
            absolute.pop();
            rest = &rest[1..];
        }
    }
    absolute.extend(rest.iter().filter(|s| *s != "*").cloned());
    let depth = (0..=absolute.len())
        .rev()
        .find(|&n| modules.contains_key(&absolute[..n]))?;
    Some((absolute[..depth].to_vec(), absolute.get(depth).cloned()))
}

/// Whether `code` (library code, as [`library_code`] leaves it) defines an item called `name`.
fn defines(code: &str, name: &str) -> bool {
    const KEYWORDS: [&str; 10] = [
        "fn",
        "struct",
        "enum",
        "trait",
        "type",
        "const",
        "static",
        "union",
        "mod",
        "macro_rules!",
    ];
    if code.contains(&format!("!({name},")) {
        return true;
    }
    let words: Vec<&str> = code
        .split(|c: char| !(is_ident(c) || c == '!'))
        .filter(|w| !w.is_empty())
        .collect();
    words
        .windows(2)
        .any(|pair| KEYWORDS.contains(&pair[0]) && pair[1].trim_end_matches('!') == name)
}

struct Graph {
    /// `src/`-relative file names, and for each its imports: target file and the line that
    /// imports it first.
    edges: BTreeMap<String, BTreeMap<String, usize>>,
    /// Paths that name an item through a file that does not define it.
    through_reexports: Vec<String>,
    paths: usize,
}

fn graph(src: &Path) -> Graph {
    let modules = modules(src);
    let name = |file: &Path| file.strip_prefix(src).unwrap().display().to_string();
    let texts: BTreeMap<Vec<String>, String> = modules
        .iter()
        .map(|(module, file)| (module.clone(), fs::read_to_string(file).unwrap()))
        .collect();
    let codes: BTreeMap<&Vec<String>, String> = texts
        .iter()
        .map(|(module, text)| (module, library_code(text)))
        .collect();
    let mut graph = Graph {
        edges: BTreeMap::new(),
        through_reexports: Vec::new(),
        paths: 0,
    };
    for (module, file) in &modules {
        let from = name(file);
        let edges = graph.edges.entry(from.clone()).or_default();
        for found in paths(&texts[module], module) {
            let Some((target, item)) = resolve(&modules, &found) else {
                continue;
            };
            graph.paths += 1;
            let to = name(&modules[&target]);
            if let Some(item) = &item {
                if !defines(&codes[&target], item) {
                    graph.through_reexports.push(format!(
                        "src/{from}:{}: `{}` names `{item}` through {to}, which does not \
                         define it",
                        found.line,
                        found.segments.join("::"),
                    ));
                }
            }
            if to != from {
                edges.entry(to).or_insert(found.line);
            }
        }
    }
    graph
}

/// A cycle of `edges`, as the files around it (the first one repeated at the end), if any.
fn find_cycle(edges: &BTreeMap<String, BTreeMap<String, usize>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Open,
        Done,
    }
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeMap<String, usize>>,
        state: &mut BTreeMap<String, State>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(node.to_string(), State::Open);
        stack.push(node.to_string());
        for next in edges.get(node).into_iter().flat_map(BTreeMap::keys) {
            match state.get(next).copied().unwrap_or(State::New) {
                State::Open => {
                    let at = stack.iter().position(|n| n == next).unwrap();
                    let mut cycle = stack[at..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                State::New => {
                    if let Some(cycle) = visit(next, edges, state, stack) {
                        return Some(cycle);
                    }
                }
                State::Done => {}
            }
        }
        stack.pop();
        state.insert(node.to_string(), State::Done);
        None
    }
    let mut state = BTreeMap::new();
    for node in edges.keys() {
        if state.get(node).copied().unwrap_or(State::New) == State::New {
            if let Some(cycle) = visit(node, edges, &mut state, &mut Vec::new()) {
                return Some(cycle);
            }
        }
    }
    None
}

#[test]
fn the_files_of_src_import_one_another_without_a_cycle() {
    let graph = graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    let edges: usize = graph.edges.values().map(BTreeMap::len).sum();
    assert!(
        graph.edges.len() > 60 && edges > 150,
        "only {} files and {edges} imports found: is the scan broken?",
        graph.edges.len()
    );
    if let Some(cycle) = find_cycle(&graph.edges) {
        let steps: Vec<String> = cycle
            .windows(2)
            .map(|pair| format!("src/{} (line {})", pair[0], graph.edges[&pair[0]][&pair[1]]))
            .collect();
        panic!(
            "the files of src/ import one another in a circle: {} -> src/{}",
            steps.join(" -> "),
            cycle[0]
        );
    }
}

#[test]
fn library_code_imports_items_from_the_module_that_defines_them() {
    let graph = graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    assert!(
        graph.paths > 300,
        "only {} paths found: is the scan broken?",
        graph.paths
    );
    assert!(
        graph.through_reexports.is_empty(),
        "import these from the module that defines them:\n{}",
        graph.through_reexports.join("\n")
    );
}

#[test]
fn the_scan_sees_paths_and_skips_comments_strings_and_tests() {
    let text = "use crate::protocol::status::Status;\n// crate::testing in a comment\n\
                let x = crate::Params::new(\"crate::worldline\");\n#[cfg(test)]\n\
                use crate::testing::simulate;\n";
    assert_eq!(crate_paths(text), [(1, "protocol".to_string())]);
    let text = "pub(crate) use crate::a::{b::{C, d}, self};\nfn f<'a>(x: &'a str) -> char {\n    \
                '\"'; super::g(crate::h::I::J)\n}\n#[cfg(test)]\nmod tests {\n    \
                use crate::k::L;\n}\n#[cfg(test)]\n#[allow(x)]\nmod t {\n    use crate::p::Q;\n}\nmod m {\n    use super::n::O;\n}\n";
    let found: Vec<(usize, String)> = paths(text, &["x".to_string()])
        .into_iter()
        .map(|f| (f.line, f.segments.join("::")))
        .collect();
    assert_eq!(
        found,
        [
            (1, "crate::a::b::C".to_string()),
            (1, "crate::a::b::d".to_string()),
            (1, "crate::a".to_string()),
            (3, "super::g".to_string()),
            (3, "crate::h::I::J".to_string()),
            (15, "super::n::O".to_string()),
        ]
    );
    let defines = |text: &str, name: &str| defines(&library_code(text), name);
    assert!(defines("pub(crate) fn g() {}\n", "g"));
    assert!(defines("macro_rules! m {}\npub(crate) use m;\n", "m"));
    assert!(defines(
        "builtin_list!(SHA_IN, \"sha_in.txt\");\n",
        "SHA_IN"
    ));
    assert!(!defines("pub use inner::Thing;\n", "Thing"));
    assert!(!defines("#[cfg(test)]\nfn g() {}\n", "g"));
}

#[test]
fn a_cycle_is_found_and_named() {
    let edge = |pairs: &[(&str, &str)]| {
        let mut edges: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        for (from, to) in pairs {
            edges
                .entry(from.to_string())
                .or_default()
                .insert(to.to_string(), 1);
            edges.entry(to.to_string()).or_default();
        }
        edges
    };
    assert_eq!(
        find_cycle(&edge(&[("a", "b"), ("b", "c"), ("a", "c")])),
        None
    );
    assert_eq!(
        find_cycle(&edge(&[("a", "b"), ("b", "c"), ("c", "a")])),
        Some(
            vec!["a", "b", "c", "a"]
                .into_iter()
                .map(String::from)
                .collect()
        )
    );
}
