//! The hand-written runtime and its companions, embedded at compile time
//! from `templates/` and copied into the generated crate. The runtime is a
//! crate of its own there (`stripe-runtime`); its manifest is the one list
//! of the dependencies and the non-resource features a generated crate has.

use crate::ir::Api;
use crate::render::OutFile;

include!(concat!(env!("OUT_DIR"), "/templates.rs"));

/// The generated crate's manifest; `# @features` is replaced by the feature
/// table, `# @dependencies` by the runtime's dependencies.
pub const CARGO_TOML: &str = include_str!("../../templates/generated.Cargo.toml");

/// The runtime crate's manifest: its `[dependencies]` and `[features]` are
/// every generated crate's.
const RUNTIME_MANIFEST: &str = include_str!("../../templates/Cargo.toml");

/// The marker line in [`CARGO_TOML`] for the feature table.
pub const FEATURES_MARKER: &str = "# @features";

/// The marker line in [`CARGO_TOML`] for the dependencies.
pub const DEPENDENCIES_MARKER: &str = "# @dependencies";

/// The marker line in [`CARGO_TOML`] for the `[[test]]` and `[[bench]]`
/// entries, which exist only with the extras.
pub const TARGETS_MARKER: &str = "# @targets";

/// Tests and benchmarks among the extras that need a feature: they build
/// only with it (`cargo xtask test` enables all).
const FEATURE_TARGETS: &[(&str, &str)] = &[("benches/meter", "v2")];

/// The marker line in [`CARGO_TOML`] after which everything (dev-dependencies,
/// benches) is written only with the extras.
pub const EXTRAS_MARKER: &str = "# @extras";

/// Runtime modules that only hold the runtime's own unit tests, which run
/// in the runtime crate: never copied.
const TEST_ONLY_RUNTIME: &[&str] = &["hostile"];

/// The extras that go with `api`: those of our v2 spec for an API of v2
/// namespaces alone, else those of our own spec.
fn extras_of(api: &Api) -> &'static [(&'static str, &'static str)] {
    let v2_only = !api.modules.is_empty() && api.modules.iter().all(|m| m.path.first().is_some_and(|p| p == "v2"));
    if v2_only { EXTRAS_V2 } else { EXTRAS }
}

/// `[[test]]` entries for the extras' tests that need a feature, and
/// `[[bench]]` entries for their benchmarks (which bring their own `main`).
fn targets(extras: &[(&str, &str)]) -> String {
    let needs = |target: &str| {
        FEATURE_TARGETS
            .iter()
            .find(|(t, _)| *t == target)
            .map(|(_, f)| format!("required-features = [\"{f}\"]\n"))
            .unwrap_or_default()
    };
    let tests = FEATURE_TARGETS
        .iter()
        .filter_map(|(target, _)| target.strip_prefix("tests/"))
        .filter(|name| extras.iter().any(|(path, _)| *path == format!("tests/{name}.rs")))
        .map(|name| format!("[[test]]\nname = \"{name}\"\n{}", needs(&format!("tests/{name}"))));
    let benches = extras
        .iter()
        .filter_map(|(path, _)| path.strip_prefix("benches/")?.strip_suffix(".rs"))
        .map(|name| format!("[[bench]]\nname = \"{name}\"\nharness = false\n{}", needs(&format!("benches/{name}"))));
    tests.chain(benches).collect::<Vec<_>>().join("\n")
}

/// Every template file of the output, with headers.
pub fn files(api: &Api, spec_name: &str, extras: bool) -> Vec<OutFile> {
    let rust_header = crate::render::header("//", spec_name, &api.version);
    let test_only = |path: &str| {
        TEST_ONLY_RUNTIME
            .iter()
            .any(|m| path.strip_prefix("src/runtime/").and_then(|p| p.strip_suffix(".rs")) == Some(m))
    };
    let mut out: Vec<OutFile> = RUNTIME
        .iter()
        .filter(|(path, _)| !test_only(path))
        .chain(if extras { extras_of(api) } else { &[] })
        .map(|(path, text)| {
            let text = if *path == "src/runtime/mod.rs" { without_test_modules(text) } else { (*text).to_owned() };
            OutFile { path: (*path).to_owned(), contents: format!("{rust_header}{text}") }
        })
        .collect();
    let toml_header = crate::render::header("#", spec_name, &api.version);
    let manifest = match CARGO_TOML.split_once(EXTRAS_MARKER) {
        Some((user, test_bed)) if extras => {
            let test_bed = test_bed.split_once('\n').map_or("", |(_, rest)| rest);
            format!("{user}{}", test_bed.replacen(TARGETS_MARKER, &targets(extras_of(api)), 1))
        }
        Some((user, _)) => user.trim_end().to_owned() + "\n",
        None => CARGO_TOML.to_owned(),
    };
    let manifest = manifest.replacen(FEATURES_MARKER, &features(api), 1).replacen(
        DEPENDENCIES_MARKER,
        &format!("[dependencies]\n{}", section(RUNTIME_MANIFEST, "[dependencies]").trim_end()),
        1,
    );
    out.push(OutFile { path: "Cargo.toml".into(), contents: format!("{toml_header}{manifest}") });
    out
}

/// The runtime's `mod.rs` without the declarations of test-only modules
/// (`#[cfg(test)]` and `mod hostile;` on the next line).
fn without_test_modules(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let declares_test_only = |l: &str| TEST_ONLY_RUNTIME.iter().any(|m| l.trim() == format!("mod {m};"));
        if line.trim() == "#[cfg(test)]" && lines.peek().is_some_and(|next| declares_test_only(next)) {
            lines.next();
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The lines of `manifest`'s table `header` (up to the next table or its
/// end, without the blank lines that end it), each ending in a newline.
fn section<'a>(manifest: &'a str, header: &str) -> &'a str {
    let Some(start) = manifest.find(&format!("\n{header}\n")) else { return "" };
    let body = &manifest[start + header.len() + 2..];
    let end = body.find("\n[").map_or(body.len(), |e| e + 1);
    let body = &body[..end];
    &body[..body.trim_end().len() + usize::from(!body.trim_end().is_empty())]
}

/// The `[features]` table: `full` (the default) enables every resource;
/// each resource feature compiles that resource, its endpoints and what they
/// hold (see `ir::Gate`); the runtime's own features (`blocking`) follow
/// the default.
fn features(api: &Api) -> String {
    let quoted: Vec<String> = api.features.iter().map(|f| format!("\"{f}\"")).collect();
    let mut out = String::from("[features]\ndefault = [\"full\"]\n");
    out.push_str(section(RUNTIME_MANIFEST, "[features]"));
    out.push_str(&format!("full = [{}]\n", quoted.join(", ")));
    for f in &api.features {
        // A v2 resource needs the runtime's v2 part.
        let v2 = api.modules.iter().any(|m| &m.feature == f && m.path.first().is_some_and(|p| p == "v2"));
        out.push_str(&format!("{f} = [{}]\n", if v2 { "\"v2\"" } else { "" }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api() -> Api {
        Api {
            version: "2018-01-23".into(),
            title: "t".into(),
            doc: Vec::new(),
            types: Vec::new(),
            modules: Vec::new(),
            operations: Vec::new(),
            features: vec!["charge".into()],
            event: None,
            v2_error_code: None,
            v2_event: None,
        }
    }

    #[test]
    fn a_users_crate_has_no_test_bed() {
        let files = files(&api(), "s", false);
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert!(
            paths.iter().all(|p| p.starts_with("src/runtime/") || *p == "Cargo.toml" || *p == "build.rs"),
            "{paths:?}"
        );
        assert!(!paths.contains(&"src/runtime/hostile.rs") && !paths.contains(&"src/lib.rs"));
        let module = files.iter().find(|f| f.path == "src/runtime/mod.rs").expect("the runtime's mod.rs");
        assert!(!module.contents.contains("hostile"), "{}", module.contents);
        let manifest = files.iter().find(|f| f.path == "Cargo.toml").expect("a manifest");
        for absent in ["dev-dependencies", "[[bench]]", "[[test]]", "@extras", "@targets", "proptest", "wiremock"] {
            assert!(!manifest.contents.contains(absent), "{absent} in:\n{}", manifest.contents);
        }
        assert!(manifest.contents.contains("charge = []"));
        // The runtime's dependencies and features, and nothing of its own
        // package or dev-dependencies.
        assert!(manifest.contents.contains("\n[dependencies]\n") && manifest.contents.contains("\nreqwest = "));
        assert!(manifest.contents.contains("\nblocking = [\"tokio/rt-multi-thread\"]\n"));
        for absent in ["stripe-runtime", "@dependencies", "autotests", "[lints]\nworkspace"] {
            assert!(!manifest.contents.contains(absent), "{absent} in:\n{}", manifest.contents);
        }
    }

    #[test]
    fn a_section_is_its_lines() {
        let manifest = "[package]\nname = \"x\"\n\n[features]\n# a\nb = []\n\n[dependencies]\nc = \"1\"\n";
        assert_eq!(section(manifest, "[features]"), "# a\nb = []\n");
        assert_eq!(section(manifest, "[dependencies]"), "c = \"1\"\n");
        assert_eq!(section(manifest, "[lints]"), "");
    }

    #[test]
    fn our_test_bed_keeps_them() {
        let files = files(&api(), "s", true);
        assert!(files.iter().any(|f| f.path.starts_with("tests/")));
        let manifest = files.iter().find(|f| f.path == "Cargo.toml").expect("a manifest");
        assert!(manifest.contents.contains("[dev-dependencies]") && manifest.contents.contains("[[bench]]"));
        assert!(!manifest.contents.contains("# @extras") && !manifest.contents.contains("# @targets"));
        assert!(
            manifest.contents.contains("[[bench]]\nname = \"meter\"\nharness = false\nrequired-features = [\"v2\"]\n")
        );
    }
}
