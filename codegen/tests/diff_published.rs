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
