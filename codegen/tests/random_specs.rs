//! Random Stripe-like specs from a grammar (`common/grammar.rs`), not only
//! mutations of the fixtures: generation either refuses the spec with an
//! error that names the file and a place, or gives a crate whose every file
//! parses and where no two items, fields, variants, methods, arguments or
//! features clash (`common/audit.rs`). The compiler checks a sample of them
//! too: [`writes_the_sample_the_compiler_checks`] writes it to
//! `target/random-specs/`, and `cargo xtask fixtures` (run by `cargo xtask
//! test`) generates and builds every spec there.

mod common;

use common::grammar;
use common::run::{check_output, config};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

proptest! {
    #![proptest_config(config(384))]

    #[test]
    fn random_specs_generate_cleanly_or_are_refused_with_a_place(spec in grammar::spec(), as_yaml in any::<bool>()) {
        let doc = spec.document();
        let text = if as_yaml {
            serde_yaml::to_string(&doc).expect("JSON values are YAML")
        } else {
            serde_json::to_string_pretty(&doc).expect("values print")
        };
        if let Some(out) = check_output(text.clone()) {
            if let Err(problems) = common::audit::audit(&out) {
                panic!("{problems}\n--- spec:\n{text}");
            }
        }
    }
}

/// How many random specs the compiler checks.
const SAMPLE: usize = 8;

/// Writes [`SAMPLE`] random specs that generate to `target/random-specs/`,
/// drawn from the run's seed: a new sample on every run (the seed is
/// printed, `PROPTEST_RNG_SEED` replays it).
#[test]
fn writes_the_sample_the_compiler_checks() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/random-specs");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("the old sample can be removed");
    }
    std::fs::create_dir_all(&dir).expect("target/random-specs can be created");
    let mut runner = TestRunner::new(config(1));
    let strategy = grammar::spec();
    let mut written = 0;
    for attempt in 0..200 {
        if written == SAMPLE {
            break;
        }
        let spec = strategy.new_tree(&mut runner).expect("the grammar always gives a spec").current();
        let text = serde_json::to_string_pretty(&spec.document()).expect("values print");
        // Specs with endpoints and several components make the better sample.
        if spec.ops.len() < 2 || spec.components.len() < 3 || check_output(text.clone()).is_none() {
            continue;
        }
        std::fs::write(dir.join(format!("sample-{attempt:03}.json")), text).expect("the sample can be written");
        written += 1;
    }
    assert_eq!(written, SAMPLE, "fewer than {SAMPLE} of 200 random specs generated");
}
