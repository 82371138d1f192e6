//! `cargo xtask fixtures`: every spec the generator's tests use (under
//! `codegen/tests/`) and the sample of random specs the property test
//! writes are generated into crates under `target/fixture-crates/` and
//! checked by the compiler (see [`crate::compile`]). The snapshots show
//! what changed; this proves it compiles.
#![allow(missing_docs)]

use crate::compile::{Deps, Workspace, package_name};
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};

/// Where the property test of random specs writes its sample
/// (`codegen/tests/random_specs.rs` writes it, relative to the root).
pub const RANDOM_SAMPLE_DIR: &str = "target/random-specs";

pub fn run(args: &[String]) -> Result<()> {
    if let Some(other) = args.first() {
        bail!("unknown option `{other}` for fixtures");
    }
    check_all()
}

/// Generates and checks every fixture spec and the random sample.
pub fn check_all() -> Result<()> {
    let root = crate::root();
    let tests = root.join("codegen/tests");
    let mut specs = Vec::new();
    collect(&tests, &mut specs)?;
    specs.sort();
    let sample_dir = root.join(RANDOM_SAMPLE_DIR);
    let mut samples = Vec::new();
    if sample_dir.is_dir() {
        collect(&sample_dir, &mut samples)?;
    }
    samples.sort();
    if samples.is_empty() {
        bail!(
            "no random specs in {}: the property test writes them (`cargo test -p codegen --test random_specs`)",
            sample_dir.display()
        );
    }
    let mut ws = Workspace::new(root.join("target/fixture-crates"), Deps::Locked);
    // A spec that generates the same crate as an earlier one (its name
    // aside: a reordered copy, a diff pair without changes) is checked once.
    let mut seen: std::collections::HashMap<Vec<(String, String)>, String> = std::collections::HashMap::new();
    let mut same = Vec::new();
    for (prefix, base, list) in [("fixture", &tests, &specs), ("random", &sample_dir, &samples)] {
        for spec in list {
            let name = package_name(prefix, base, spec);
            let text = std::fs::read_to_string(spec).with_context(|| format!("reading {}", spec.display()))?;
            let rel = spec.strip_prefix(&root).unwrap_or(spec).to_string_lossy().replace('\\', "/");
            let opts = codegen::Options { spec_name: rel.clone(), strict: false, extras: false };
            let out = codegen::generate(&text, &opts).with_context(|| format!("generating from {rel}"))?;
            let key: Vec<(String, String)> =
                out.files.iter().map(|f| (f.path.clone(), f.contents.replace(&rel, "<spec>"))).collect();
            if let Some(first) = seen.get(&key) {
                same.push(format!("{rel} (as {first})"));
                continue;
            }
            seen.insert(key, rel.clone());
            ws.add(&name, &out.files)?;
        }
    }
    if !same.is_empty() {
        println!(
            "fixtures: {} specs generate the same crate as an earlier one, checked once: {}",
            same.len(),
            same.join(", ")
        );
    }
    ws.finish()?;
    let took = ws.check(&root.join("target"))?;
    println!(
        "fixtures: {} crates generated from {} fixture specs and {} random specs are clippy- and rustdoc-clean \
         with no features and all ({:.0} s)",
        ws.len(),
        specs.len(),
        samples.len(),
        took.as_secs_f64(),
    );
    Ok(())
}

/// Every `.yaml` and `.json` spec under `dir`, but not under `snapshots/`.
fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "snapshots") {
                collect(&path, out)?;
            }
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "json") {
            out.push(path);
        }
    }
    Ok(())
}
