//! `cargo xtask bench scale`: the generator and the generated crate at the
//! size of today's API, on Stripe's 2024-04-10 spec (installed with npm, see
//! [`crate::specs`]), each next to a baseline measured in the same run:
//!
//! - `cargo xtask generate` as the README runs it (dev build) next to a
//!   release build of the same command;
//! - a clean build of a user project calling `Balance::retrieve`,
//!   `Charge::create` and `Customer::list` with only those features, next
//!   to the same program on async-stripe 1.0 (its `balance`, `charge` and
//!   `customer` features, rustls with ring), the best peer;
//! - the generated crate alone (dependencies built): with those features
//!   next to async-stripe's crates alone; with a five-resource set and with
//!   all features next to no features (the runtime alone).
//!
//! Builds run with a target directory of their own under `target/bench/`.
#![allow(missing_docs)]

use crate::measure::{Row, cargo_in, clean_build, median, ms, pin_versions, project, ratio, run, secs};
use anyhow::{Context, Result};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// The peer, pinned.
const PEER_VERSION: &str = "=1.0.0-rc.10";
/// The minimal set of the issue, and the five-resource set.
const MINIMAL: &[&str] = &["balance", "charge", "customer"];
const FIVE: &[&str] = &["payment_intent", "customer", "checkout_session", "subscription", "invoice"];
/// How many times the generate command is timed (the median is kept).
const GENERATE_RUNS: usize = 5;

pub fn rows() -> Result<Vec<Row>> {
    let spec = crate::specs::stripe_2024()?;
    let root = crate::root();
    let dir = root.join("target/bench");
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut rows = generate_rows(&spec, &dir)?;
    rows.extend(build_rows(&spec, &dir)?);
    Ok(rows)
}

/// The generate command, dev build (as the README runs it) and release.
fn generate_rows(spec: &Path, dir: &Path) -> Result<Vec<Row>> {
    let root = crate::root();
    let cargo = || {
        let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        c.current_dir(&root);
        c
    };
    run(
        {
            let mut c = cargo();
            c.args(["build", "--quiet", "-p", "xtask"]);
            c
        },
        "building xtask (dev)",
    )?;
    run(
        {
            let mut c = cargo();
            c.args(["build", "--quiet", "--release", "-p", "xtask"]);
            c
        },
        "building xtask (release)",
    )?;
    let release = root.join("target/release/xtask");
    let out = dir.join("generate-out");
    let mut dev_times = Vec::new();
    let mut release_times = Vec::new();
    // One warm-up each, then alternate so drift hits both alike.
    for i in 0..=GENERATE_RUNS {
        let mut dev = cargo();
        dev.args(["xtask", "generate", "--spec"]).arg(spec).arg("--out").arg(&out);
        let d = run(dev, "cargo xtask generate (dev)")?;
        let mut rel = Command::new(&release);
        rel.current_dir(&root)
            .args(["generate", "--spec"])
            .arg(spec)
            .arg("--out")
            .arg(dir.join("generate-out-release"));
        let r = run(rel, "xtask generate (release)")?;
        if i > 0 {
            dev_times.push(d);
            release_times.push(r);
        }
    }
    let (dev, rel) = (median(dev_times), median(release_times));
    Ok(vec![Row {
        bench: "scale: generate",
        measured: format!("`cargo xtask generate`, 2024-04-10 spec (dev build, as the README runs it): {}", ms(dev)),
        baseline: format!("the same command, release build: {}", ms(rel)),
        ratio: ratio(dev, rel),
        target: "<= 1.0 s",
    }])
}

const USER_MAIN: &str = r#"use stripe_client::{Balance, Charge, Client, CreateCharge, Customer, ListCustomers};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::from_env()?;
    let balance = Balance::retrieve(&client).await?;
    println!("{}", balance.available.len());
    let charge = Charge::create(&client, &CreateCharge::new().amount(2000).currency("usd")).await?;
    println!("{}", charge.id);
    let customers = Customer::list(&client, &ListCustomers::new()).await?;
    println!("{}", customers.data.len());
    Ok(())
}
"#;

const PEER_MAIN: &str = r#"use stripe::Client;
use stripe_core::balance::RetrieveForMyAccountBalance;
use stripe_core::charge::CreateCharge;
use stripe_core::customer::ListCustomer;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new(std::env::var("STRIPE_SECRET_KEY")?);
    let balance = RetrieveForMyAccountBalance::new().send(&client).await?;
    println!("{}", balance.available.len());
    let charge = CreateCharge::new().amount(2000).currency(stripe_types::Currency::USD).send(&client).await?;
    println!("{}", charge.id);
    let customers = ListCustomer::new().send(&client).await?;
    println!("{}", customers.data.len());
    Ok(())
}
"#;

fn features_arg(f: &[&str]) -> Vec<String> {
    if f.is_empty() {
        vec!["--no-default-features".into()]
    } else {
        vec!["--no-default-features".into(), "--features".into(), f.join(",")]
    }
}

/// Rebuilds only `packages` (everything else built already) and times it.
fn crate_alone(
    project: &Path,
    target: &Path,
    packages: &[&str],
    build_args: &[String],
    what: &str,
) -> Result<Duration> {
    run(
        {
            let mut c = cargo_in(project, target);
            c.arg("build").arg("--quiet").args(build_args);
            c
        },
        &format!("building {what}"),
    )?;
    let mut clean = cargo_in(project, target);
    clean.args(["clean", "--quiet"]);
    for p in packages {
        clean.args(["-p", p]);
    }
    run(clean, &format!("cleaning {what}"))?;
    let mut build = cargo_in(project, target);
    build.arg("build").arg("--quiet").args(build_args);
    run(build, &format!("rebuilding {what}"))
}

/// Whole-project clean builds and crate-alone builds, ours and the peer's.
fn build_rows(spec: &Path, dir: &Path) -> Result<Vec<Row>> {
    let text = std::fs::read_to_string(spec).with_context(|| format!("reading {}", spec.display()))?;
    let opts = codegen::Options { spec_name: "stripe-2024-04-10.json".into(), strict: false, extras: false };
    let output = codegen::generate(&text, &opts).context("generating the 2024-04-10 crate")?;
    let krate = dir.join("stripe-client");
    crate::generate::write(&krate, &output.files)?;
    pin_versions(&krate)?;

    // A user project on a path dependency outside its workspace (built as
    // a dependency is, without incremental compilation).
    let user = project(
        dir,
        "user",
        &format!(
            "stripe-client = {{ path = \"../stripe-client\", default-features = false, features = [{}] }}\n",
            MINIMAL.iter().map(|f| format!("\"{f}\"")).collect::<Vec<_>>().join(", ")
        ),
        USER_MAIN,
    )?;
    pin_versions(&user)?;
    let peer = project(
        dir,
        "peer",
        &format!(
            "stripe = {{ package = \"async-stripe\", version = \"{PEER_VERSION}\", default-features = false, features = [\"rustls-ring\", \"rustls-tls-native\"] }}\n\
             stripe_core = {{ package = \"async-stripe-core\", version = \"{PEER_VERSION}\", features = [\"balance\", \"charge\", \"customer\", \"deserialize\"] }}\n\
             stripe_types = {{ package = \"async-stripe-types\", version = \"{PEER_VERSION}\" }}\n"
        ),
        PEER_MAIN,
    )?;
    let user_target = dir.join("user-target");
    let peer_target = dir.join("peer-target");
    let ours_whole = clean_build(&user, &user_target, "the user project")?;
    let peer_whole = clean_build(&peer, &peer_target, "the async-stripe project")?;

    let ours_minimal = crate_alone(&user, &user_target, &["stripe-client"], &[], "the generated crate")?;
    let peer_crates =
        ["async-stripe-shared", "async-stripe-core", "async-stripe-types", "async-stripe-client-core", "async-stripe"];
    let peer_minimal = crate_alone(&peer, &peer_target, &peer_crates, &[], "async-stripe's crates")?;

    let lib = |f: &[&str]| {
        let mut args = vec!["--lib".to_owned()];
        args.extend(features_arg(f));
        args
    };
    let none = crate_alone(&krate, &user_target, &["stripe-client"], &lib(&[]), "the crate, no features")?;
    let five = crate_alone(&krate, &user_target, &["stripe-client"], &lib(FIVE), "the crate, five resources")?;
    let full = crate_alone(&krate, &user_target, &["stripe-client"], &["--lib".into()], "the crate, all features")?;

    let minimal = MINIMAL.join(", ");
    Ok(vec![
        Row {
            bench: "scale: user project",
            measured: format!("clean build, {minimal} (2024-04-10 crate + dependencies): {}", secs(ours_whole)),
            baseline: format!("the same program on async-stripe 1.0: {}", secs(peer_whole)),
            ratio: ratio(ours_whole, peer_whole),
            target: "<= 0.67 (35 s vs the peer's 52 s)",
        },
        Row {
            bench: "scale: crate alone",
            measured: format!("{minimal}: {}", secs(ours_minimal)),
            baseline: format!("async-stripe's crates, same features: {}", secs(peer_minimal)),
            ratio: ratio(ours_minimal, peer_minimal),
            target: "<= 10 s on the issue's machine",
        },
        Row {
            bench: "scale: crate alone",
            measured: format!("{}: {}", FIVE.join(", "), secs(five)),
            baseline: format!("all features: {}", secs(full)),
            ratio: ratio(five, full),
            target: "<= 18 s on the issue's machine",
        },
        Row {
            bench: "scale: crate alone",
            measured: format!(
                "all features ({} types, {} operations): {}",
                output.types,
                output.operations,
                secs(full)
            ),
            baseline: format!("no features (the runtime): {}", secs(none)),
            ratio: ratio(full, none),
            target: "<= 45 s on the issue's machine",
        },
    ])
}
