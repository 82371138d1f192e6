//! Building a generated crate with a feature set, failing on any warning,
//! and timing a clean build of the crate alone (dependencies prebuilt).
#![allow(missing_docs)]

use anyhow::{Context, Result, bail};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Which features to build with.
#[derive(Clone, Debug)]
pub enum Features {
    /// The crate's default features (`full`).
    Default,
    /// Only these (`--no-default-features --features ...`); empty for none.
    Only(Vec<String>),
}

impl Features {
    pub fn label(&self) -> String {
        match self {
            Features::Default => "default (full)".into(),
            Features::Only(f) if f.is_empty() => "no features".into(),
            Features::Only(f) => f.join(","),
        }
    }

    fn args(&self) -> Vec<String> {
        match self {
            Features::Default => Vec::new(),
            Features::Only(f) => vec!["--no-default-features".into(), "--features".into(), f.join(",")],
        }
    }
}

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// Runs `cargo <verb>` on the crate at `manifest_dir` (or on `-p package`
/// of the workspace when `package` is given) and fails, quoting them, if
/// it prints warnings or errors.
pub fn check_clean(
    verb: &str,
    manifest_dir: &Path,
    package: Option<&str>,
    target_dir: Option<&Path>,
    features: &Features,
) -> Result<()> {
    let mut cmd = cargo();
    cmd.current_dir(manifest_dir).arg(verb).args(["--message-format", "short"]);
    if let Some(p) = package {
        cmd.args(["-p", p]);
    }
    if let Some(t) = target_dir {
        cmd.env("CARGO_TARGET_DIR", t);
    }
    cmd.args(features.args());
    let out = cmd.output().with_context(|| format!("running cargo {verb} in {}", manifest_dir.display()))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    let problems: Vec<&str> =
        stderr.lines().filter(|l| l.contains("warning:") || l.contains("error:") || l.starts_with("error")).collect();
    if !out.status.success() || !problems.is_empty() {
        bail!(
            "cargo {verb} with {} in {} is not clean:\n{}",
            features.label(),
            manifest_dir.display(),
            if problems.is_empty() { stderr.to_string() } else { problems.join("\n") }
        );
    }
    Ok(())
}

/// Times `cargo build` of the crate alone: builds once (dependencies),
/// then cleans only the crate and builds again; returns the second time.
pub fn timed_build(manifest_dir: &Path, package: &str, target_dir: &Path, features: &Features) -> Result<Duration> {
    check_clean("build", manifest_dir, None, Some(target_dir), features)?;
    let st = cargo()
        .current_dir(manifest_dir)
        .args(["clean", "--quiet", "-p", package])
        .env("CARGO_TARGET_DIR", target_dir)
        .status()
        .context("cargo clean")?;
    if !st.success() {
        bail!("cargo clean -p {package} failed");
    }
    let start = Instant::now();
    check_clean("build", manifest_dir, None, Some(target_dir), features)?;
    Ok(start.elapsed())
}
