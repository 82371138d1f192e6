//! Running the generator on untrusted specs: on its own thread, under a
//! time limit, turning a panic or a hang into a test failure; and checking
//! that a refusal names the file and a place in it.

use codegen::{Error, Options};
use proptest::test_runner::{Config, RngSeed};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

pub const FILE: &str = "specs/hostile.yaml";
/// The most one case may take.
pub const LIMIT: Duration = Duration::from_secs(10);

/// Property tests' settings: `cases` cases from a new seed on every run,
/// so each run tries new cases, or from the seed in `PROPTEST_RNG_SEED` to
/// replay a failure. The seed is printed; cargo test shows it when a test
/// fails.
pub fn config(cases: u32) -> Config {
    let seed = match std::env::var("PROPTEST_RNG_SEED") {
        Ok(s) => s.trim().parse().unwrap_or_else(|_| panic!("PROPTEST_RNG_SEED={s:?} is not a number")),
        Err(_) => std::hash::BuildHasher::hash_one(&std::hash::RandomState::new(), std::time::SystemTime::now()),
    };
    eprintln!("proptest seed {seed}: replay with PROPTEST_RNG_SEED={seed}");
    Config {
        cases,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(seed),
        max_shrink_iters: 256,
        ..Config::default()
    }
}

/// Runs `codegen::generate` on its own thread; panics on a panic or when
/// it takes longer than [`LIMIT`].
pub fn generate(text: String) -> Result<codegen::Output, Error> {
    let (tx, rx) = mpsc::channel();
    let worker = std::thread::Builder::new()
        .name("generate".into())
        .spawn(move || {
            let opts = Options { spec_name: FILE.into(), strict: false, extras: false };
            // The receiver is gone only after a timeout, which fails the test.
            let _ = tx.send(codegen::generate(&text, &opts));
        })
        .expect("a thread can be spawned");
    match rx.recv_timeout(LIMIT) {
        Ok(result) => {
            worker.join().expect("the worker sent its result, so it did not panic");
            result
        }
        Err(RecvTimeoutError::Timeout) => panic!("codegen::generate ran for more than {LIMIT:?}: a hang"),
        Err(RecvTimeoutError::Disconnected) => {
            let payload = worker.join().expect_err("the worker ended without a result, so it panicked");
            let message = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            panic!("codegen::generate panicked: {message}")
        }
    }
}

/// Whether `text` (after the file name) starts with `:LINE:COLUMN:` or `: #`.
pub fn located(message: &str) -> bool {
    let Some(rest) = message.strip_prefix(FILE) else { return false };
    if rest.starts_with(": #") {
        return true;
    }
    fn number(s: &str) -> Option<&str> {
        let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        (digits > 0 && !s.starts_with('0')).then(|| &s[digits..])
    }
    rest.strip_prefix(':')
        .and_then(number)
        .and_then(|r| r.strip_prefix(':'))
        .and_then(number)
        .is_some_and(|r| r.starts_with(':'))
}

/// Generates `text`: `Ok`, or an error that names the file and a place.
/// Returns the error message, if any.
pub fn check(text: String) -> Option<String> {
    match generate(text.clone()) {
        Ok(_) => None,
        Err(e) => {
            let message = e.to_string();
            assert!(
                located(&message),
                "the error does not name the file and a place: {message}\n--- spec:\n{}",
                head(&text)
            );
            Some(message)
        }
    }
}

/// `check`, and the spec must be refused.
pub fn refused(text: String) -> String {
    let shown = head(&text);
    check(text).unwrap_or_else(|| panic!("accepted:\n{shown}"))
}

/// The start of a spec, for failure messages.
pub fn head(text: &str) -> String {
    text.chars().take(2000).collect()
}

/// Generates `text`: the output, or `None` after checking that the error
/// names the file and a place.
pub fn check_output(text: String) -> Option<codegen::Output> {
    match generate(text.clone()) {
        Ok(out) => Some(out),
        Err(e) => {
            let message = e.to_string();
            assert!(
                located(&message),
                "the error does not name the file and a place: {message}\n--- spec:\n{}",
                head(&text)
            );
            None
        }
    }
}
