//! `cargo xtask bench tls`: what the TLS crypto provider costs a user.
//! The same user project (balance, charge, customer of the crate generated
//! from `spec/`) is built clean once per candidate provider, in interleaved
//! rounds so drift hits all alike: aws-lc-rs (the crate's choice, rustls'
//! default, post-quantum key exchange), ring (the crate's provider before
//! rustls 0.23.48 deprecated it: no post-quantum key exchange) and graviola
//! (a third-party provider rustls lists: post-quantum, but x86_64 and
//! aarch64 only, with CPU features it checks at run time, and Rust 1.89).
//! Each candidate is the generated crate with its one crypto module
//! (`src/runtime/crypto.rs`) and its crypto dependencies swapped.
#![allow(missing_docs)]

use crate::measure::{Goal, Row, Timed, clean_build, interleaved, pin_versions, project, timed};
use anyhow::{Context, Result, bail};
use std::path::Path;

struct Candidate {
    name: &'static str,
    /// The dependency lines replacing the crate's `aws-lc-rs` and `rustls`
    /// lines; `None` keeps the crate as generated.
    deps: Option<&'static str>,
    /// The crypto module replacing the generated one.
    crypto: Option<&'static str>,
}

const CANDIDATES: &[Candidate] = &[
    Candidate { name: "aws-lc-rs", deps: None, crypto: None },
    Candidate {
        name: "ring",
        deps: Some(
            "ring = \"0.17\"\nrustls = { version = \"0.23\", default-features = false, features = [\"ring\", \"std\", \"tls12\"] }\n",
        ),
        crypto: Some(RING),
    },
    Candidate {
        name: "graviola",
        deps: Some(
            "graviola = \"0.4\"\nrustls-graviola = \"0.4\"\nrustls = { version = \"0.23\", default-features = false, features = [\"std\", \"tls12\"] }\n",
        ),
        crypto: Some(GRAVIOLA),
    },
];

const RING: &str = r#"use ring::hmac;
use ring::rand::SecureRandom;
use std::sync::Arc;

#[allow(deprecated)]
pub(crate) fn tls_provider() -> Arc<rustls::crypto::CryptoProvider> {
    rustls::crypto::CryptoProvider::get_default()
        .cloned()
        .unwrap_or_else(|| Arc::new(rustls::crypto::ring::default_provider()))
}

pub(crate) fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let tag = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, key), message);
    let mut out = [0u8; 32];
    out.copy_from_slice(tag.as_ref());
    out
}

pub(crate) fn hmac_sha256_matches(key: &[u8], message: &[u8], tag: &[u8]) -> bool {
    hmac::verify(&hmac::Key::new(hmac::HMAC_SHA256, key), message, tag).is_ok()
}

pub(crate) fn fill_random(buf: &mut [u8]) -> bool {
    ring::rand::SystemRandom::new().fill(buf).is_ok()
}
"#;

const GRAVIOLA: &str = r#"use graviola::hashing::{Sha256, hmac::Hmac};
use std::sync::Arc;

pub(crate) fn tls_provider() -> Arc<rustls::crypto::CryptoProvider> {
    rustls::crypto::CryptoProvider::get_default()
        .cloned()
        .unwrap_or_else(|| Arc::new(rustls_graviola::default_provider()))
}

pub(crate) fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new(key);
    mac.update(message);
    let mut out = [0u8; 32];
    out.copy_from_slice(mac.finish().as_ref());
    out
}

pub(crate) fn hmac_sha256_matches(key: &[u8], message: &[u8], tag: &[u8]) -> bool {
    let mut mac = Hmac::<Sha256>::new(key);
    mac.update(message);
    mac.verify(tag).is_ok()
}

pub(crate) fn fill_random(buf: &mut [u8]) -> bool {
    graviola::random::fill(buf).is_ok()
}
"#;

const USER_MAIN: &str = r#"use stripe_client::{Balance, Charge, Client, CreateCharge, Currency, Customer, ListCustomers};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::from_env()?;
    println!("{}", Balance::retrieve(&client).await?.available.len());
    println!("{}", Charge::create(&client, &CreateCharge::new(2000, Currency::Usd)).await?.id);
    println!("{}", Customer::list(&client, &ListCustomers::new()).await?.data.len());
    Ok(())
}
"#;

/// Writes candidate `c`'s crate and user project under `dir`.
fn write_candidate(dir: &Path, files: &[codegen::OutFile], c: &Candidate) -> Result<()> {
    let krate = dir.join("stripe-client");
    crate::generate::write(&krate, files)?;
    if let Some(deps) = c.deps {
        let manifest_path = krate.join("Cargo.toml");
        let manifest = std::fs::read_to_string(&manifest_path).context("reading the generated manifest")?;
        let mut out = String::new();
        let mut replaced = false;
        for line in manifest.lines() {
            if line.starts_with("aws-lc-rs = ") || line.starts_with("rustls = ") {
                if !replaced {
                    out.push_str(deps);
                    replaced = true;
                }
                continue;
            }
            out.push_str(line);
            out.push('\n');
        }
        if !replaced {
            bail!("the generated manifest has no `aws-lc-rs` or `rustls` dependency to replace");
        }
        std::fs::write(&manifest_path, out).context("writing a candidate's manifest")?;
    }
    if let Some(crypto) = c.crypto {
        let path = krate.join("src/runtime/crypto.rs");
        if !path.is_file() {
            bail!("the generated crate has no {}", path.display());
        }
        std::fs::write(&path, crypto).with_context(|| format!("writing {}", path.display()))?;
    }
    let user = project(
        dir,
        "user",
        "stripe-client = { path = \"../stripe-client\", default-features = false, features = [\"balance\", \"charge\", \"customer\"] }\n",
        USER_MAIN,
    )?;
    pin_versions(&user)
}

pub fn rows() -> Result<Vec<Row>> {
    let root = crate::root();
    let spec = root.join("spec/stripe.yaml");
    let text = std::fs::read_to_string(&spec).with_context(|| format!("reading {}", spec.display()))?;
    let opts = codegen::Options { spec_name: "spec/stripe.yaml".into(), strict: false, extras: false };
    let output = codegen::generate(&text, &opts).context("generating the crate of spec/")?;
    let base = root.join("target/bench/tls");
    for c in CANDIDATES {
        write_candidate(&base.join(c.name), &output.files, c)?;
    }
    let runs: Vec<Timed<'_>> = CANDIDATES
        .iter()
        .map(|c| {
            let dir = base.join(c.name);
            let what = format!("the user project on {}", c.name);
            timed(c.name, move || clean_build(&dir.join("user"), &dir.join("target"), &what))
        })
        .collect();
    let times = interleaved("tls", runs)?;
    let ring = &times[1];
    let mut rows = Vec::new();
    for (c, t) in CANDIDATES.iter().zip(&times) {
        if c.name == "ring" {
            continue;
        }
        rows.push(Row {
            bench: "tls",
            measured: format!(
                "clean build of a user project (balance, charge, customer) with {}: {}",
                c.name,
                t.text()
            ),
            baseline: format!("the same with ring (no post-quantum key exchange): {}", ring.text()),
            ratio: t.over(ring),
            goal: Goal::Report(if c.name == "aws-lc-rs" { "the crate's provider" } else { "not chosen" }),
        });
    }
    Ok(rows)
}
