//! The hand-written runtime and its companions, embedded at compile time
//! from `templates/` and copied into the generated crate.

use crate::ir::Api;
use crate::{Options, OutFile};

include!(concat!(env!("OUT_DIR"), "/templates.rs"));

/// The crate manifest; `# @features` is replaced by the feature table.
pub const CARGO_TOML: &str = include_str!("../../templates/Cargo.toml");

/// The marker line in [`CARGO_TOML`] for the feature table.
pub const FEATURES_MARKER: &str = "# @features";

/// The marker line in [`CARGO_TOML`] for the `[[bench]]` entries, which
/// exist only with the extras.
pub const BENCHES_MARKER: &str = "# @benches";

/// `[[bench]]` entries for the benchmarks among the extras (they bring
/// their own `main`).
fn benches() -> String {
    EXTRAS
        .iter()
        .filter_map(|(path, _)| path.strip_prefix("benches/")?.strip_suffix(".rs"))
        .map(|name| format!("[[bench]]\nname = \"{name}\"\nharness = false\n"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every template file of the output, with headers.
pub fn files(api: &Api, opts: &Options) -> Vec<OutFile> {
    let rust_header = crate::render::header("//", &opts.spec_name, &api.version);
    let mut out: Vec<OutFile> = RUNTIME
        .iter()
        .chain(if opts.extras { EXTRAS } else { &[] })
        .map(|(path, text)| OutFile { path: (*path).to_owned(), contents: format!("{rust_header}{text}") })
        .collect();
    let toml_header = crate::render::header("#", &opts.spec_name, &api.version);
    let benches = if opts.extras { benches() } else { String::new() };
    let manifest = CARGO_TOML.replacen(FEATURES_MARKER, &features(api), 1).replacen(BENCHES_MARKER, &benches, 1);
    out.push(OutFile { path: "Cargo.toml".into(), contents: format!("{toml_header}{manifest}") });
    out
}

/// The `[features]` table: `full` (the default) enables every resource;
/// each resource feature compiles that resource, its endpoints and what they
/// hold (see `ir::Gate`).
fn features(api: &Api) -> String {
    let quoted: Vec<String> = api.features.iter().map(|f| format!("\"{f}\"")).collect();
    let mut out = String::from("[features]\ndefault = [\"full\"]\n");
    out.push_str(&format!("full = [{}]\n", quoted.join(", ")));
    for f in &api.features {
        out.push_str(&format!("{f} = []\n"));
    }
    out
}
