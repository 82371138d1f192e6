//! Helpers shared by the integration tests.

#![allow(dead_code)]

pub mod audit;
pub mod grammar;
pub mod mutate;
pub mod run;

use std::path::{Path, PathBuf};

/// `codegen/tests/fixtures`.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Every fixture spec, sorted by file name.
pub fn fixtures() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .expect("tests/fixtures exists")
        .map(|e| e.expect("readable directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    out.sort();
    out
}

/// Options the fixtures are generated with: lenient, no extras, and a
/// spec name that does not depend on where the checkout lives.
pub fn options(path: &Path) -> codegen::Options {
    let name = path.file_name().expect("a file name").to_string_lossy();
    codegen::Options { spec_name: format!("tests/fixtures/{name}"), strict: false, extras: false }
}

/// Generates a fixture, panicking with the error's message on failure.
pub fn generate(path: &Path) -> codegen::Output {
    let text = std::fs::read_to_string(path).expect("fixture is readable");
    codegen::generate(&text, &options(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What a snapshot shows: the generated `src/resources/*.rs` files with a
/// `// --- path` line before each, then the warnings. The copied runtime
/// and the manifest are the same for every fixture and are left out.
pub fn resources(out: &codegen::Output) -> String {
    let mut text = String::new();
    for f in out.files.iter().filter(|f| f.path.starts_with("src/resources/")) {
        text.push_str("// --- ");
        text.push_str(&f.path);
        text.push('\n');
        text.push_str(&f.contents);
    }
    if !out.warnings.is_empty() {
        text.push_str("// --- warnings\n");
        for w in &out.warnings {
            text.push_str(&format!("// {w}\n"));
        }
    }
    text
}
