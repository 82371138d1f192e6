//! generated/ and generated/v2 must be exactly what the generator writes
//! from spec/ now (changed, missing and extra files all fail), like `cargo
//! xtask generate --check`.

#[test]
fn generated_crates_are_fresh() {
    let args = xtask::generate::parse_args(&[]).expect("default arguments parse");
    for target in xtask::generate::targets(args) {
        let output = xtask::generate::output(&target).expect("spec/ generates");
        let diff = xtask::generate::compare(&target.out, &output.files).expect("the crate is readable");
        let mut problems = Vec::new();
        problems.extend(diff.changed.iter().map(|p| format!("changed: {p}")));
        problems.extend(diff.missing.iter().map(|p| format!("missing: {p}")));
        problems.extend(diff.extra.iter().map(|p| format!("extra: {p}")));
        assert!(
            problems.is_empty(),
            "{} is out of date; run `cargo xtask generate`:\n  {}",
            target.out.display(),
            problems.join("\n  ")
        );
    }
}
