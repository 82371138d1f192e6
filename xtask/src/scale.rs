//! `cargo xtask bench scale`: the generator and the generated crate at the
//! size of today's API, on Stripe's 2024-04-10 spec (installed with npm, see
//! [`crate::specs`]), each next to a baseline measured in the same run:
//!
//! - `cargo xtask generate` as the README runs it (dev build) next to a
//!   release build of the same command;
//! - a clean build of a user project calling `Balance::retrieve`,
//!   `Charge::create` and `Customer::list` with only those features, next
//!   to the same program on async-stripe 1.0 (its `balance`, `charge` and
//!   `customer` features, rustls with aws-lc-rs as ours), the best peer:
//!   both programs are in `xtask/compare`, built with its committed lock
//!   file, so both sides build the same dependency versions on every run;
//! - the generated crate alone (dependencies built): with those features
//!   next to async-stripe's crates alone; with a five-resource set and with
//!   all features next to no features (the runtime alone).
//!
//! Every comparison runs [`crate::measure::ROUNDS`] interleaved rounds and
//! reports the medians and their spread. Builds run with a target
//! directory of their own under `target/bench/`.
#![allow(missing_docs)]

use crate::measure::{Goal, Row, cargo_in, interleaved, median, ms, pin_versions, ratio, run, timed};
use anyhow::{Context, Result};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// The minimal set of the issue, and the five-resource set.
const MINIMAL: &[&str] = &["balance", "charge", "customer"];
const FIVE: &[&str] = &["payment_intent", "customer", "checkout_session", "subscription", "invoice"];
/// How many times the generate command is timed (the median is kept).
const GENERATE_RUNS: usize = 5;

pub fn rows() -> Result<Vec<Row>> {
    let spec = crate::specs::stripe_2024()?;
    let root = crate::root();
    let dir = root.join("target/bench");
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut rows = generate_rows(&spec, &dir)?;
    rows.extend(build_rows(&dir)?);
    Ok(rows)
}

/// The generate command, dev build (as the README runs it) and release.
fn generate_rows(spec: &Path, dir: &Path) -> Result<Vec<Row>> {
    let root = crate::root();
    let cargo = || {
        let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        c.current_dir(&root);
        c
    };
    run(
        {
            let mut c = cargo();
            c.args(["build", "--quiet", "-p", "xtask"]);
            c
        },
        "building xtask (dev)",
    )?;
    run(
        {
            let mut c = cargo();
            c.args(["build", "--quiet", "--release", "-p", "xtask"]);
            c
        },
        "building xtask (release)",
    )?;
    let release = root.join("target/release/xtask");
    let out = dir.join("generate-out");
    let mut dev_times = Vec::new();
    let mut release_times = Vec::new();
    // One warm-up each, then alternate so drift hits both alike.
    for i in 0..=GENERATE_RUNS {
        let mut dev = cargo();
        dev.args(["xtask", "generate", "--spec"]).arg(spec).arg("--out").arg(&out);
        let d = run(dev, "cargo xtask generate (dev)")?;
        let mut rel = Command::new(&release);
        rel.current_dir(&root)
            .args(["generate", "--spec"])
            .arg(spec)
            .arg("--out")
            .arg(dir.join("generate-out-release"));
        let r = run(rel, "xtask generate (release)")?;
        if i > 0 {
            dev_times.push(d);
            release_times.push(r);
        }
    }
    let (dev, rel) = (median(dev_times), median(release_times));
    Ok(vec![Row {
        bench: "scale: generate",
        measured: format!("`cargo xtask generate`, 2024-04-10 spec (dev build, as the README runs it): {}", ms(dev)),
        baseline: format!("the same command, release build: {}", ms(rel)),
        ratio: ratio(dev, rel),
        goal: Goal::AtMost { value: dev.as_secs_f64() * 1000.0, limit: 1000.0, unit: "ms" },
    }])
}

fn features_arg(f: &[&str]) -> Vec<String> {
    if f.is_empty() {
        vec!["--no-default-features".into()]
    } else {
        vec!["--no-default-features".into(), "--features".into(), f.join(",")]
    }
}

/// Builds `args` in `dir` once (so everything else is built), then times
/// rebuilding only `packages`.
fn crate_alone(dir: &Path, target: &Path, packages: &[&str], args: &[String], what: &str) -> Result<Duration> {
    let build = || {
        let mut c = cargo_in(dir, target);
        c.arg("build").arg("--quiet").args(args);
        c
    };
    run(build(), &format!("building {what}"))?;
    let mut clean = cargo_in(dir, target);
    clean.args(["clean", "--quiet"]);
    for p in packages {
        clean.args(["-p", p]);
    }
    run(clean, &format!("cleaning {what}"))?;
    run(build(), &format!("rebuilding {what}"))
}

/// The crate generated from Stripe's 2024-04-10 spec, written to
/// `target/bench/stripe-client` (where `xtask/compare` looks for it).
pub fn generate_2024_crate() -> Result<codegen::Output> {
    let spec = crate::specs::stripe_2024()?;
    let text = std::fs::read_to_string(&spec).with_context(|| format!("reading {}", spec.display()))?;
    let opts = codegen::Options { spec_name: "stripe-2024-04-10.json".into(), strict: false, extras: false };
    let output = codegen::generate(&text, &opts).context("generating the 2024-04-10 crate")?;
    let krate = crate::root().join("target/bench/stripe-client");
    crate::generate::write(&krate, &output.files)?;
    pin_versions(&krate)?;
    Ok(output)
}

/// `xtask/compare`: the programs built side by side, with one lock file.
pub fn compare_dir() -> std::path::PathBuf {
    crate::root().join("xtask/compare")
}

/// A clean build of package `package` of `xtask/compare`, locked.
fn clean_package_build(package: &str, target: &Path) -> Result<Duration> {
    if target.exists() {
        std::fs::remove_dir_all(target).with_context(|| format!("removing {}", target.display()))?;
    }
    let dir = compare_dir();
    let mut fetch = cargo_in(&dir, target);
    fetch.args(["fetch", "--quiet", "--locked"]);
    run(fetch, "fetching the dependencies of xtask/compare (its Cargo.lock must be current: `cargo update` there)")?;
    let mut build = cargo_in(&dir, target);
    build.args(["build", "--quiet", "--locked", "-p", package]);
    run(build, &format!("building {package} in xtask/compare"))
}

/// Whole-project clean builds and crate-alone builds, ours and the peer's,
/// in interleaved rounds.
fn build_rows(dir: &Path) -> Result<Vec<Row>> {
    let output = generate_2024_crate()?;
    let krate = crate::root().join("target/bench/stripe-client");
    let compare = compare_dir();
    let (ours_target, peer_target) = (dir.join("ours-target"), dir.join("peer-target"));

    let whole = interleaved(
        "scale: user project",
        vec![
            timed("ours", || clean_package_build("ours", &ours_target)),
            timed("async-stripe", || clean_package_build("peer", &peer_target)),
        ],
    )?;
    let locked = |p: &str| vec!["--locked".to_owned(), "-p".to_owned(), p.to_owned()];
    let peer_crates =
        ["async-stripe-shared", "async-stripe-core", "async-stripe-types", "async-stripe-client-core", "async-stripe"];
    let alone = interleaved(
        "scale: crate alone",
        vec![
            timed("ours", || {
                crate_alone(&compare, &ours_target, &["stripe-client"], &locked("ours"), "the generated crate")
            }),
            timed("async-stripe", || {
                crate_alone(&compare, &peer_target, &peer_crates, &locked("peer"), "async-stripe's crates")
            }),
        ],
    )?;
    let lib = |f: &[&str]| {
        let mut args = vec!["--lib".to_owned()];
        args.extend(features_arg(f));
        args
    };
    let own_target = dir.join("crate-target");
    let sets = interleaved(
        "scale: feature sets",
        vec![
            timed("no features", || {
                crate_alone(&krate, &own_target, &["stripe-client"], &lib(&[]), "the crate, no features")
            }),
            timed("five resources", || {
                crate_alone(&krate, &own_target, &["stripe-client"], &lib(FIVE), "the crate, five resources")
            }),
            timed("all features", || {
                crate_alone(&krate, &own_target, &["stripe-client"], &["--lib".into()], "the crate, all features")
            }),
        ],
    )?;
    let (none, five, full) = (&sets[0], &sets[1], &sets[2]);
    let minimal = MINIMAL.join(", ");
    Ok(vec![
        Row {
            bench: "scale: user project",
            measured: format!("clean build, {minimal} (2024-04-10 crate + dependencies): {}", whole[0].text()),
            baseline: format!("the same program on async-stripe 1.0: {}", whole[1].text()),
            ratio: whole[0].over(&whole[1]),
            goal: Goal::RatioAtMost(0.67),
        },
        Row {
            bench: "scale: crate alone",
            measured: format!("{minimal}: {}", alone[0].text()),
            baseline: format!("async-stripe's crates, same features: {}", alone[1].text()),
            ratio: alone[0].over(&alone[1]),
            goal: Goal::AtMost { value: alone[0].median().as_secs_f64(), limit: 10.0, unit: "s" },
        },
        Row {
            bench: "scale: crate alone",
            measured: format!("{}: {}", FIVE.join(", "), five.text()),
            baseline: format!("all features: {}", full.text()),
            ratio: five.over(full),
            goal: Goal::AtMost { value: five.median().as_secs_f64(), limit: 18.0, unit: "s" },
        },
        Row {
            bench: "scale: crate alone",
            measured: format!(
                "all features ({} types, {} operations): {}",
                output.types,
                output.operations,
                full.text()
            ),
            baseline: format!("no features (the runtime): {}", none.text()),
            ratio: full.over(none),
            goal: Goal::AtMost { value: full.median().as_secs_f64(), limit: 45.0, unit: "s" },
        },
    ])
}
