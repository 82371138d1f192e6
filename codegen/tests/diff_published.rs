//! The changelog between Stripe's published specs 2018-01-23 and
//! 2018-02-06 (test data outside this repository): run by
//! `cargo xtask conformance`, which sets `STRIPE_SHARED_SPECS`.

use std::path::PathBuf;

#[test]
#[ignore = "needs ../shared/specs: run cargo xtask conformance"]
fn published_pair() {
    let dir = std::env::var_os("STRIPE_SHARED_SPECS").map(PathBuf::from).unwrap_or_else(|| {
        panic!("STRIPE_SHARED_SPECS is not set: run `cargo xtask conformance`, or set it to the folder of Stripe's published specs")
    });
    let load = |name: &str| {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let opts = codegen::Options { spec_name: name.into(), strict: false, extras: false };
        codegen::load(&text, &opts).unwrap_or_else(|e| panic!("{}: {e}", path.display())).0
    };
    let old = load("stripe-openapi-2018-01-23.json");
    let new = load("stripe-openapi-2018-02-06.json");
    insta::assert_snapshot!(codegen::diff::diff(&old, &new).to_markdown());
}

/// The one naming rule of parameter structs (README, naming rules), on every
/// published spec: `{Verb}{Resource}{Rest}`, the resource plural when the
/// endpoint answers a collection and has no path words
/// (`ListCharges`, `SearchPaymentIntents`), singular otherwise.
#[test]
#[ignore = "needs ../shared/specs and the 2024-04-10 spec: run cargo xtask conformance"]
fn parameter_structs_follow_one_naming_rule() {
    let dir = std::env::var_os("STRIPE_SHARED_SPECS").map(PathBuf::from).unwrap_or_else(|| {
        panic!("STRIPE_SHARED_SPECS is not set: run `cargo xtask conformance`, or set it to the folder of Stripe's published specs")
    });
    let newest = std::env::var_os("STRIPE_2024_SPEC").map(PathBuf::from).unwrap_or_else(|| {
        panic!("STRIPE_2024_SPEC is not set: run `cargo xtask conformance`, which installs Stripe's 2024-04-10 spec")
    });
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("stripe-openapi-")))
        .collect();
    specs.sort();
    assert!(!specs.is_empty(), "no published spec in {}", dir.display());
    specs.push(newest);
    let mut checked = 0;
    for path in &specs {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let opts = codegen::Options { spec_name: "spec.json".into(), strict: false, extras: false };
        let api = codegen::load(&text, &opts).unwrap_or_else(|e| panic!("{}: {e}", path.display())).0;
        for op in &api.operations {
            let Some(params) = op.params else { continue };
            let name = &api.ty(params).name;
            let owner = &api.ty(op.owner).name;
            let (verb, rest) = op.fn_name.split_once('_').unwrap_or((&op.fn_name, ""));
            let verb = format!("{}{}", verb[..1].to_ascii_uppercase(), &verb[1..]);
            let collection = matches!(op.response, codegen::ir::TypeRef::List(_) | codegen::ir::TypeRef::SearchList(_));
            let singular = format!("{verb}{owner}");
            let at = format!("{}: {} {} ({owner}::{})", path.display(), op.method.as_str(), op.path, op.fn_name);
            if collection && rest.is_empty() {
                assert!(
                    name.starts_with(&verb) && *name != singular && name.ends_with('s'),
                    "{at}: `{name}` should be `{verb}` and the plural of `{owner}`"
                );
            } else {
                assert!(name.starts_with(&singular), "{at}: `{name}` should start with `{singular}`");
            }
            checked += 1;
        }
    }
    println!("{checked} parameter structs of {} specs follow the naming rule", specs.len());
}
