//! The layers of `src/` import only layers below them (issue 8): a test so that a future
//! module cannot quietly reach up.
//!
//! Bottom to top: `charset.rs` (imports nothing of the crate), `error.rs` (only `charset`), the
//! signing core `signing/`, the Ogone protocol `protocol/`, then the framework adapters
//! `integrations/` and Worldline Direct `worldline/` side by side, and the testing aids
//! `testing/` on top. Only library code is checked: a file's `#[cfg(test)]` module may use
//! anything.

use std::fs;
use std::path::{Path, PathBuf};

/// The crate's modules, as named after `crate::`, for each layer, bottom first.
const LAYERS: [(&str, &[&str]); 7] = [
    ("charset", &[]),
    ("error", &["charset"]),
    ("signing", &["charset", "error", "signing"]),
    ("protocol", &["charset", "error", "signing", "protocol"]),
    (
        "integrations",
        &["charset", "error", "signing", "protocol", "integrations"],
    ),
    (
        "worldline",
        &["charset", "error", "signing", "protocol", "worldline"],
    ),
    (
        "testing",
        &["charset", "error", "signing", "protocol", "testing"],
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

/// The module names that follow `crate::` in the library code of `text` (doc comments,
/// comments and the `#[cfg(test)]` tail skipped).
fn crate_paths(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let code = line.trim_start();
        if code.starts_with("#[cfg(test)]") {
            break;
        }
        if code.starts_with("//") {
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // Lower-case names are modules; capitalised ones are root re-exports of types,
            // which every layer may name.
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

#[test]
fn the_scan_sees_paths_and_skips_comments_and_tests() {
    let text = "use crate::protocol::status::Status;\n// crate::testing in a comment\n\
                let x = crate::Params::new();\n#[cfg(test)]\nuse crate::testing::simulate;\n";
    assert_eq!(crate_paths(text), [(1, "protocol".to_string())]);
}
