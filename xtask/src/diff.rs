//! `cargo xtask diff <old> <new> [--format markdown|json]`: what changes
//! for users of the generated crate between two specs: types, fields,
//! parameters, enum values and endpoints added, removed and changed, and
//! which changes break code. Either side may also be a generated crate's
//! `api-surface.json`.
#![allow(missing_docs)]

use anyhow::{Context, Result, bail};
use codegen::diff::Surface;
use codegen::diff::surface::SURFACE_FILE;
use std::path::{Path, PathBuf};

/// How to print the changelog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
}

pub struct Args {
    pub old: PathBuf,
    pub new: PathBuf,
    pub format: Format,
}

pub fn parse_args(args: &[String]) -> Result<Args> {
    let mut paths = Vec::new();
    let mut format = Format::Markdown;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" => {
                format = match it.next().map(String::as_str) {
                    Some("markdown" | "md") => Format::Markdown,
                    Some("json") => Format::Json,
                    Some(other) => bail!("unknown format `{other}` for diff (markdown or json)"),
                    None => bail!("--format needs markdown or json"),
                }
            }
            other if other.starts_with("--") => bail!("unknown option `{other}` for diff"),
            path => paths.push(PathBuf::from(path)),
        }
    }
    let [old, new]: [PathBuf; 2] = paths
        .try_into()
        .map_err(|p: Vec<PathBuf>| anyhow::anyhow!("diff needs two specs, old and new (got {})", p.len()))?;
    Ok(Args { old, new, format })
}

/// The API surface described by a spec (read leniently, like Stripe's
/// published specs need), or read from a generated crate's surface file.
pub fn load(path: &Path) -> Result<Surface> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let name = crate::generate::spec_name(path);
    if path.file_name().is_some_and(|f| f == SURFACE_FILE) {
        return Ok(Surface::from_json(&text, &name)?);
    }
    let opts = codegen::Options { spec_name: name, strict: false, extras: false };
    let (api, _warnings) = codegen::load(&text, &opts)?;
    Ok(Surface::of(&api))
}

pub fn run(args: &[String]) -> Result<()> {
    let args = parse_args(args)?;
    let old = load(&args.old)?;
    let new = load(&args.new)?;
    let changelog = codegen::diff::diff_surfaces(&old, &new);
    match args.format {
        Format::Markdown => print!("{}", changelog.to_markdown()),
        Format::Json => print!("{}", changelog.to_json()),
    }
    Ok(())
}
