//! The hand-written runtime and its companions, embedded at compile time
//! from `templates/` and copied into the generated crate.

use crate::ir::Api;
use crate::{Options, OutFile};

/// The runtime: copied into every generated crate.
pub const RUNTIME: &[(&str, &str)] = &[
    ("src/runtime/client.rs", include_str!("../../templates/src/runtime/client.rs")),
    ("src/runtime/de.rs", include_str!("../../templates/src/runtime/de.rs")),
    ("src/runtime/error.rs", include_str!("../../templates/src/runtime/error.rs")),
    ("src/runtime/expandable.rs", include_str!("../../templates/src/runtime/expandable.rs")),
    ("src/runtime/form.rs", include_str!("../../templates/src/runtime/form.rs")),
    ("src/runtime/list.rs", include_str!("../../templates/src/runtime/list.rs")),
    ("src/runtime/mod.rs", include_str!("../../templates/src/runtime/mod.rs")),
    ("src/runtime/params.rs", include_str!("../../templates/src/runtime/params.rs")),
    ("src/runtime/request.rs", include_str!("../../templates/src/runtime/request.rs")),
    ("src/runtime/retry.rs", include_str!("../../templates/src/runtime/retry.rs")),
];

/// Tests and examples written against our own spec's resources: copied
/// only with [`Options::extras`].
pub const EXTRAS: &[(&str, &str)] = &[];

/// The crate manifest; `# @features` is replaced by the feature table.
pub const CARGO_TOML: &str = include_str!("../../templates/Cargo.toml");

/// The marker line in [`CARGO_TOML`].
pub const FEATURES_MARKER: &str = "# @features";

/// Every template file of the output, with headers.
pub fn files(api: &Api, opts: &Options) -> Vec<OutFile> {
    let rust_header = crate::render::header("//", &opts.spec_name, &api.version);
    let mut out: Vec<OutFile> = RUNTIME
        .iter()
        .chain(if opts.extras { EXTRAS } else { &[] })
        .map(|(path, text)| OutFile { path: (*path).to_owned(), contents: format!("{rust_header}{text}") })
        .collect();
    let toml_header = crate::render::header("#", &opts.spec_name, &api.version);
    let manifest = CARGO_TOML.replacen(FEATURES_MARKER, &features(api), 1);
    out.push(OutFile { path: "Cargo.toml".into(), contents: format!("{toml_header}{manifest}") });
    out
}

/// The `[features]` table: empty until resources are feature-gated.
fn features(_api: &Api) -> String {
    String::new()
}
