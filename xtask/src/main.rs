//! Project tasks. `cargo xtask <task> --help` for each.
//!
//! - `generate`: spec -> generated client crate (the main job).
//! - `test`: every test, including those against a local Stripe-compatible server.
//! - `diff`: what changes (and what breaks) between two specs.

use anyhow::{Result, bail};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use xtask::{bench, conformance, diff, fixtures, generate, test};

fn usage() -> &'static str {
    "usage: cargo xtask <task> [options]

tasks:
  generate [--spec FILE] [--out DIR] [--check] [--strict|--lenient] [--extras|--no-extras]
           write (or with --check, verify) the client crate generated from a spec
           (default spec/stripe.yaml -> generated/); when the API version changed, also
           prints what breaks and prepends the changelog to <out>/CHANGELOG.md
  diff <OLD> <NEW> [--format markdown|json]
           the changelog between two specs (or generated api-surface.json files): types,
           fields, parameters, enum values and endpoints added, removed, changed; what breaks
  test [--integration-only]
           every test: the workspace's, then the integration tests and examples against
           localstripe (installed into target/localstripe-venv, started on 127.0.0.1)
  fixtures
           every spec under codegen/tests and the random sample of the property test
           (target/random-specs) generated into crates under target/fixture-crates and
           checked with clippy and rustdoc (-D warnings), with no features and with all
  conformance
           checks against Stripe's published specs and fixtures in ../shared/specs
  bench [generation|compile|scale|tls|decode|client]...
           benchmarks next to their baselines; prints a table and writes BENCHMARKS.md"
}

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e:#}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(task) = args.next() else {
        println!("{}", usage());
        bail!("no task given");
    };
    let rest: Vec<String> = args.collect();
    match task.as_str() {
        "generate" => generate::run(&rest),
        "test" => test::run(&rest),
        "conformance" => conformance::run(&rest),
        "fixtures" => fixtures::run(&rest),
        "bench" => bench::run(&rest),
        "diff" => diff::run(&rest),
        "help" | "--help" | "-h" => {
            println!("{}", usage());
            Ok(())
        }
        other => {
            println!("{}", usage());
            bail!("unknown task `{other}`")
        }
    }
}
