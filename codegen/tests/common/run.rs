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

pub fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(0x5bec_0008),
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
