//! `cargo xtask conformance`: the checks that read Stripe's published specs
//! and fixtures in `../shared/specs` (test data kept outside this
//! repository): the fixtures round-trip through the generated types, and
//! the changelog between the two published specs matches its snapshot.
//! Fails, naming what is missing, when that folder is absent.
#![allow(missing_docs)]

use crate::build::{self, Features};
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// `../shared/specs` beside the checkout, or `$STRIPE_SHARED_SPECS`.
pub fn shared_specs() -> Result<PathBuf> {
    let dir = match std::env::var_os("STRIPE_SHARED_SPECS") {
        Some(d) => PathBuf::from(d),
        None => crate::root().join("../shared/specs"),
    };
    if !dir.is_dir() {
        bail!(
            "{} does not exist: conformance needs Stripe's published specs and fixtures in ../shared/specs \
             beside the checkout (or STRIPE_SHARED_SPECS pointing at them)",
            dir.display()
        );
    }
    Ok(dir)
}

pub fn run(args: &[String]) -> Result<()> {
    if let Some(other) = args.first() {
        bail!("unknown option `{other}` for conformance");
    }
    let dir = shared_specs()?;
    let fixtures = dir.join("stripe-fixtures-2018-01-23.json");
    if !fixtures.is_file() {
        bail!("{} is missing", fixtures.display());
    }
    let st = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(crate::root())
        .args(["test", "-p", "stripe-client", "--test", "fixtures", "--", "--include-ignored", "--nocapture"])
        .env("STRIPE_FIXTURES", &fixtures)
        .status()
        .context("running the fixture tests")?;
    if !st.success() {
        bail!("fixtures of {} do not round-trip through the generated types", fixtures.display());
    }
    println!("conformance: fixtures round-trip");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let st = Command::new(cargo)
        .current_dir(crate::root())
        .args(["test", "-p", "codegen", "--test", "diff_published", "--", "--include-ignored"])
        .env("STRIPE_SHARED_SPECS", dir.canonicalize().unwrap_or_else(|_| dir.clone()))
        .status()
        .context("running the published-spec changelog test")?;
    if !st.success() {
        bail!(
            "the changelog between the published specs in {} differs from its snapshot \
             (review with `cargo insta review`)",
            dir.display()
        );
    }
    println!("conformance: changelog of the published specs matches its snapshot");
    published_specs(&dir)
}

/// The minimal feature set the issue names: a user who only needs these
/// compiles only them and what they hold.
const MINIMAL: &[&str] = &["balance", "charge", "customer"];

/// Every `stripe-openapi-*` spec in `dir` generates a crate that builds
/// without warnings with all features and with a minimal set; prints the
/// generation time and the clean build times of the crate alone.
fn published_specs(dir: &Path) -> Result<()> {
    let mut specs: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("listing {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            name.starts_with("stripe-openapi-") && (name.ends_with(".json") || name.ends_with(".yaml"))
        })
        .collect();
    specs.sort();
    if specs.is_empty() {
        bail!("no stripe-openapi-*.json or .yaml spec in {}", dir.display());
    }
    let root = crate::root();
    let target = root.join("target/conformance-target");
    let mut report = Vec::new();
    for spec in &specs {
        let stem = spec.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let out = root.join("target/conformance").join(&stem);
        let text = std::fs::read_to_string(spec).with_context(|| format!("reading {}", spec.display()))?;
        let opts = codegen::Options { spec_name: crate::generate::spec_name(spec), strict: false, extras: false };
        let started = Instant::now();
        let output = codegen::generate(&text, &opts).with_context(|| format!("generating from {}", spec.display()))?;
        let generation = started.elapsed();
        crate::generate::write(&out, &output.files)?;
        let manifest = std::fs::read_to_string(out.join("Cargo.toml")).context("reading the generated manifest")?;
        let minimal: Vec<String> =
            MINIMAL.iter().filter(|f| manifest.contains(&format!("\n{f} = ["))).map(|f| (*f).to_owned()).collect();
        // With no features only what is always compiled builds: it must not
        // name anything gated.
        build::check_clean("check", &out, None, Some(&target), &Features::Only(Vec::new()))?;
        let full = build::timed_build(&out, "stripe-client", &target, &Features::Default)?;
        let small = build::timed_build(&out, "stripe-client", &target, &Features::Only(minimal.clone()))?;
        let line = format!(
            "{stem}: {} types, {} operations; generated in {} ms (debug build of the generator); \
             clean build of the crate: full {:.1} s, {} {:.1} s ({:.0}% of full)",
            output.types,
            output.operations,
            generation.as_millis(),
            full.as_secs_f64(),
            minimal.join(","),
            small.as_secs_f64(),
            100.0 * small.as_secs_f64() / full.as_secs_f64().max(f64::EPSILON)
        );
        println!("conformance: {line}");
        report.push(line);
    }
    println!("conformance: {} published spec(s) build without warnings:", specs.len());
    for line in report {
        println!("  {line}");
    }
    newer_shapes(&specs[specs.len() - 1], &target)
}

/// The newest published spec reshaped like newer Stripe specs
/// ([`crate::stress`]) generates a crate that checks cleanly with no
/// features, a minimal set and all of them.
fn newer_shapes(spec: &Path, target: &Path) -> Result<()> {
    let text = std::fs::read_to_string(spec).with_context(|| format!("reading {}", spec.display()))?;
    let mut doc: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{} is not JSON", spec.display()))?;
    crate::stress::newer_shapes(&mut doc);
    let reshaped = serde_json::to_string(&doc).context("writing the reshaped spec")?;
    let opts = codegen::Options { spec_name: "newer-shapes.json".into(), strict: false, extras: false };
    let output = codegen::generate(&reshaped, &opts).context("generating from the reshaped spec")?;
    let out = crate::root().join("target/conformance/newer-shapes");
    crate::generate::write(&out, &output.files)?;
    for features in [
        Features::Only(Vec::new()),
        Features::Only(MINIMAL.iter().map(|f| (*f).to_owned()).collect()),
        Features::Default,
    ] {
        build::check_clean("clippy", &out, None, Some(target), &features)?;
    }
    println!(
        "conformance: {} reshaped like newer specs (deleted forms, dotted names, search): {} types, {} operations, clippy-clean with no features, {} and full",
        spec.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        output.types,
        output.operations,
        MINIMAL.join(",")
    );
    Ok(())
}
