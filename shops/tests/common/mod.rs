//! Helpers shared by the integration tests that run a shop example.

use std::path::PathBuf;
use std::process::Command;

/// Builds the example `name` of this package with the profile of the running test and returns
/// its path.
///
/// `cargo test` builds examples, but `cargo test --test <name>` does not, so the example is
/// (re)built here: a stale binary would test old code.
pub fn build_example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().unwrap().parent().unwrap();
    let profile = profile_dir.file_name().unwrap().to_str().unwrap();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--quiet", "--example", name, "--profile"])
        .arg(if profile == "debug" { "dev" } else { profile })
        .arg("--manifest-path")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
        .status()
        .unwrap_or_else(|e| panic!("cannot run cargo to build the {name} example: {e}"));
    assert!(status.success(), "building the {name} example failed");
    let path = profile_dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(path.is_file(), "{} is missing", path.display());
    path
}
