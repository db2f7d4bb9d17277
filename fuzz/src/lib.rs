//! The properties the fuzz targets check. They use `ogone` and `std` only, so that
//! `tests/fuzz_regressions.rs` compiles the very same files (`#[path]`) to replay the inputs
//! kept under `tests/fuzz_regressions/` without `libfuzzer-sys` or `arbitrary`.

pub mod checks;
pub mod checks_xml;
