//! `cargo xtask generate` across an API version change: the changelog
//! entry is written once, newest first, and `--check` accepts the crate
//! with its CHANGELOG.md right after.

use std::path::{Path, PathBuf};

fn generate(spec: &Path, out: &Path, check: bool) -> anyhow::Result<()> {
    let mut args = vec!["--spec".to_owned(), spec.display().to_string(), "--out".to_owned(), out.display().to_string()];
    if check {
        args.push("--check".to_owned());
    }
    xtask::generate::run(&args)
}

#[test]
fn upgrades_write_one_changelog_entry_each() {
    let pair = xtask::root().join("codegen/tests/diff/required_param_added");
    let (old, new) = (pair.join("old.yaml"), pair.join("new.yaml"));
    let out: PathBuf = std::env::temp_dir().join(format!("xtask-upgrade-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let changelog = out.join(xtask::generate::CHANGELOG_FILE);
    let read = || std::fs::read_to_string(&changelog).expect("CHANGELOG.md is readable");

    generate(&old, &out, false).expect("first generate");
    assert!(!changelog.exists(), "no changelog for a new crate");
    generate(&old, &out, false).expect("same spec again");
    assert!(!changelog.exists(), "no changelog when the version did not change");

    generate(&new, &out, false).expect("upgrade");
    let text = read();
    assert!(text.starts_with(xtask::generate::CHANGELOG_TITLE), "{text}");
    assert!(text.contains("## Stripe API 2018-01-23 -> 2018-02-06"), "{text}");
    assert!(text.contains("- **breaking** `CreateCharge::currency`: required parameter added"), "{text}");

    generate(&new, &out, false).expect("same spec again");
    assert_eq!(read(), text, "a re-run keeps CHANGELOG.md as it is");
    generate(&new, &out, true).expect("--check accepts CHANGELOG.md right after generate");

    generate(&old, &out, false).expect("downgrade");
    let again = read();
    let down = again.find("## Stripe API 2018-02-06 -> 2018-01-23").expect("the downgrade entry");
    let up = again.find("## Stripe API 2018-01-23 -> 2018-02-06").expect("the upgrade entry");
    assert!(down < up, "newest entry first:\n{again}");

    std::fs::remove_dir_all(&out).expect("removing the temporary crate");
}
