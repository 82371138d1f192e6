//! Embeds `templates/` into the library: the runtime crate's build script
//! and modules (`templates/build.rs`, `templates/src/runtime`) and the
//! extras (`templates/extras/{tests,examples,benches}`) become `(path,
//! include_str!(...))` tables, sorted by path (as they are written into a
//! generated crate), so adding a template file needs no code change here.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(base: &Path, rel: &Path, out: &mut Vec<PathBuf>) {
    if base.join(rel).is_file() {
        out.push(rel.to_path_buf());
        return;
    }
    let Ok(entries) = std::fs::read_dir(base.join(rel)) else { return };
    for entry in entries.flatten() {
        let child = rel.join(entry.file_name());
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            collect(base, &child, out);
        } else if child.extension().is_some_and(|e| e == "rs" || e == "json") {
            out.push(child);
        }
    }
}

fn table(name: &str, doc: &str, base: &Path, dirs: &[&str], out: &mut String) {
    let mut files = Vec::new();
    for d in dirs {
        collect(base, Path::new(d), &mut files);
    }
    files.sort();
    let _ = writeln!(out, "#[doc = {doc:?}]\npub const {name}: &[(&str, &str)] = &[");
    for f in files {
        let rel = f.to_string_lossy().replace('\\', "/");
        let abs = base.join(&f);
        let _ = writeln!(out, "    ({rel:?}, include_str!({:?})),", abs.to_string_lossy());
    }
    out.push_str("];\n");
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let templates = manifest.join("../templates");
    println!("cargo:rerun-if-changed={}", templates.display());
    for d in ["Cargo.toml", "generated.Cargo.toml", "build.rs", "src/runtime", "extras"] {
        println!("cargo:rerun-if-changed={}", templates.join(d).display());
    }
    for d in ["tests", "examples", "benches", "v2/tests", "v2/examples"] {
        println!("cargo:rerun-if-changed={}", templates.join("extras").join(d).display());
    }
    let mut out = String::new();
    table(
        "RUNTIME",
        "The runtime: copied into every generated crate.",
        &templates,
        &["build.rs", "src/runtime"],
        &mut out,
    );
    table(
        "EXTRAS",
        "Tests, examples and benchmarks written against our own spec: copied only with `Options::extras`.",
        &templates.join("extras"),
        &["tests", "examples", "benches"],
        &mut out,
    );
    table(
        "EXTRAS_V2",
        "Tests and examples written against our own v2 spec: copied with `Options::extras` for a spec of the v2 API alone.",
        &templates.join("extras/v2"),
        &["tests", "examples"],
        &mut out,
    );
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("templates.rs");
    std::fs::write(&dest, out).expect("OUT_DIR is writable");
}
