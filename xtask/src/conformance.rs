//! `cargo xtask conformance`: the checks that read Stripe's published specs
//! and fixtures in `../shared/specs` (test data kept outside this
//! repository): the fixtures round-trip through the generated types, and
//! the changelog between the two published specs matches its snapshot, and
//! the crates generated from the published specs are clippy- and
//! rustdoc-clean with freshly resolved dependencies, as a user builds them.
//! Fails, naming what is missing, when that folder is absent.
#![allow(missing_docs)]

use crate::compile::{Deps, Workspace};
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
        .args([
            "test",
            "--all-features",
            "-p",
            "stripe-client",
            "--test",
            "fixtures",
            "--",
            "--include-ignored",
            "--nocapture",
        ])
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
        .args(["test", "--all-features", "-p", "codegen", "--test", "diff_published", "--", "--include-ignored"])
        .env("STRIPE_SHARED_SPECS", dir.canonicalize().unwrap_or_else(|_| dir.clone()))
        .env("STRIPE_2024_SPEC", crate::specs::stripe_2024()?)
        .status()
        .context("running the published-spec changelog test")?;
    if !st.success() {
        bail!(
            "the changelog between the published specs in {} differs from its snapshot \
             (review with `cargo insta review`), or a parameter struct breaks the naming rule",
            dir.display()
        );
    }
    println!(
        "conformance: changelog of the published specs matches its snapshot; parameter structs follow the naming rule"
    );
    crate::measure::step("published specs", || published_specs(&dir))?;
    crate::measure::step("benchmark programs (smoke)", compare_programs)
}

/// The programs the benchmarks build and run beside the peer's
/// (`xtask/compare`: our user program, async-stripe's, the decode
/// benchmark on both) compile with their committed lock file, so a change
/// to the generator or the runtime cannot break a benchmark unnoticed.
/// The runtime's own benchmarks compile (and run once) in `cargo xtask
/// test`.
fn compare_programs() -> Result<()> {
    crate::scale::generate_2024_crate()?;
    let st = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(crate::scale::compare_dir())
        .env("CARGO_TARGET_DIR", crate::root().join("target"))
        .args(["check", "--locked", "--workspace", "--all-targets", "--message-format", "short"])
        .status()
        .context("checking xtask/compare")?;
    if !st.success() {
        bail!(
            "the benchmark programs in xtask/compare do not compile (or its Cargo.lock is stale: run \
             `cargo update` there)"
        );
    }
    println!("conformance: the benchmark programs in xtask/compare compile");
    Ok(())
}

/// `spec` (a v1 spec, JSON) with the paths and schemas of the v2 spec at
/// `v2` added: one spec with both APIs, as Stripe publishes today.
fn with_v2(spec: &str, v2: &Path) -> Result<String> {
    let mut doc: serde_json::Value = serde_json::from_str(spec).context("the v1 spec is not JSON")?;
    let text = std::fs::read_to_string(v2).with_context(|| format!("reading {}", v2.display()))?;
    let v2doc: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{} is not JSON", v2.display()))?;
    for section in ["/paths", "/components/schemas"] {
        let (Some(into), Some(from)) = (
            doc.pointer_mut(section).and_then(|v| v.as_object_mut()),
            v2doc.pointer(section).and_then(|v| v.as_object()),
        ) else {
            bail!("both specs need {section}");
        };
        for (k, v) in from {
            into.insert(k.clone(), v.clone());
        }
    }
    serde_json::to_string(&doc).context("writing the spec with both APIs")
}

/// The minimal feature set the issue names: a user who only needs these
/// compiles only them and what they hold.
const MINIMAL: &[&str] = &["balance", "charge", "customer"];

/// Every `stripe-openapi-*` spec in `dir`, Stripe's 2024-04-10 spec, and the
/// newest of `dir` reshaped like newer Stripe specs ([`crate::stress`]),
/// generates a crate that is clippy- and rustdoc-clean with no features, all
/// of them and a minimal set.
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
    let Some(newest) = specs.last().cloned() else {
        bail!("no stripe-openapi-*.json or .yaml spec in {}", dir.display());
    };
    // Today's scale: Stripe's 2024-04-10 spec (installed with npm), with
    // the v2 API beside its v1 (the shared excerpt of today's spec).
    specs.push(crate::specs::stripe_2024()?);
    let v2_excerpt = dir.join("v2/stripe-openapi-2026-09-30-v2-excerpt.json");
    if !v2_excerpt.is_file() {
        bail!("{} is missing: conformance checks a crate with both APIs", v2_excerpt.display());
    }
    let root = crate::root();
    // As users get them: a generated crate ships no lock file.
    let mut ws = Workspace::new(root.join("target/conformance-crates"), Deps::Fresh);
    let mut report = Vec::new();
    for spec in &specs {
        let stem = match spec.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default() {
            npm if npm == "stripe.oas.json" => format!("stripe-openapi-{}", crate::specs::VERSION),
            _ => spec.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
        };
        let mut text = std::fs::read_to_string(spec).with_context(|| format!("reading {}", spec.display()))?;
        let stem = if spec.file_name().is_some_and(|n| n == "stripe.oas.json") {
            text = with_v2(&text, &v2_excerpt)?;
            format!("{stem}-with-v2")
        } else {
            stem
        };
        let opts = codegen::Options { spec_name: crate::generate::spec_name(spec), strict: false, extras: false };
        let started = Instant::now();
        let output = codegen::generate(&text, &opts).with_context(|| format!("generating from {}", spec.display()))?;
        report.push(format!(
            "{stem}: {} types, {} operations, generated in {} ms (debug build of the generator)",
            output.types,
            output.operations,
            started.elapsed().as_millis()
        ));
        ws.add(&stem, &output.files)?;
    }
    let text = std::fs::read_to_string(&newest).with_context(|| format!("reading {}", newest.display()))?;
    let mut doc: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{} is not JSON", newest.display()))?;
    crate::stress::newer_shapes(&mut doc);
    let reshaped = serde_json::to_string(&doc).context("writing the reshaped spec")?;
    let opts = codegen::Options { spec_name: "newer-shapes.json".into(), strict: false, extras: false };
    let output = codegen::generate(&reshaped, &opts).context("generating from the reshaped spec")?;
    report.push(format!(
        "{} reshaped like newer specs (deleted forms, dotted names, search): {} types, {} operations",
        newest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        output.types,
        output.operations
    ));
    ws.add("newer-shapes", &output.files)?;
    crate::measure::step("resolving fresh dependencies", || ws.finish())?;
    let target = root.join("target");
    let took = ws.check(&target)?;
    let minimal: Vec<String> = MINIMAL.iter().map(|f| (*f).to_owned()).collect();
    crate::measure::step("clippy with the minimal features", || ws.check_features(&target, &minimal))?;
    println!(
        "conformance: {} crates are clippy- and rustdoc-clean with no features and all, and clippy-clean with {} \
         ({:.0} s):",
        ws.len(),
        MINIMAL.join(","),
        took.as_secs_f64()
    );
    for line in report {
        println!("  {line}");
    }
    Ok(())
}
