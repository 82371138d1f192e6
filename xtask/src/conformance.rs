//! `cargo xtask conformance`: the checks that read Stripe's published specs
//! and fixtures in `../shared/specs` (test data kept outside this
//! repository): the fixtures round-trip through the generated types, and
//! the changelog between the two published specs matches its snapshot.
//! Fails, naming what is missing, when that folder is absent.
#![allow(missing_docs)]

use anyhow::{Context, Result, bail};
use std::path::PathBuf;
use std::process::Command;

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
    Ok(())
}
