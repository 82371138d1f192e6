//! Project tasks as a library, so tests can run the same checks the
//! commands do (the freshness test is `generate --check`).

pub mod bench;
pub mod build;
pub mod compile;
pub mod conformance;
pub mod diff;
pub mod fixtures;
pub mod generate;
pub mod measure;
pub mod providers;
pub mod scale;
pub mod specs;
pub mod stress;
pub mod test;
pub mod v2;

use std::path::PathBuf;

/// The workspace root (the parent of this crate).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}
