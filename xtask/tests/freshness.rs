//! generated/ must be exactly what the generator writes from spec/ now
//! (changed, missing and extra files all fail), like `cargo xtask generate --check`.

#[test]
fn generated_crate_is_fresh() {
    let args = xtask::generate::parse_args(&[]).expect("default arguments parse");
    let text = std::fs::read_to_string(&args.spec).expect("spec/stripe.yaml is readable");
    let opts = codegen::Options {
        spec_name: xtask::generate::spec_name(&args.spec),
        strict: args.strict,
        extras: args.extras,
    };
    let output = codegen::generate(&text, &opts).expect("spec/ generates");
    let diff = xtask::generate::compare(&args.out, &output.files).expect("generated/ is readable");
    let mut problems = Vec::new();
    problems.extend(diff.changed.iter().map(|p| format!("changed: {p}")));
    problems.extend(diff.missing.iter().map(|p| format!("missing: {p}")));
    problems.extend(diff.extra.iter().map(|p| format!("extra: {p}")));
    assert!(problems.is_empty(), "generated/ is out of date; run `cargo xtask generate`:\n  {}", problems.join("\n  "));
}
