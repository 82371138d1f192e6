//! `cargo xtask test`: every test of the workspace, then the integration
//! tests and examples against localstripe, a Stripe-compatible server that
//! this task installs (in a venv under target/), starts on 127.0.0.1 and
//! stops again, also when tests fail; then the v2 examples against the v2
//! test server (see `v2`).
#![allow(missing_docs)]

use crate::build::Features;
use crate::measure::step;
use anyhow::{Context, Result, bail};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// The secret key the integration tests use (localstripe accepts any `sk_`).
const TEST_KEY: &str = "sk_test_localstripe";

/// Examples that localstripe can serve, with their arguments. The others
/// need what it lacks: a standard balance object (`balance`, `api_version`,
/// `per_request_key`), `tok_visa` (`create_charge`, `quickstart`), or ids
/// of existing objects (`balance_transaction`, `expand_customer`).
pub const EXAMPLES_AGAINST_LOCALSTRIPE: &[(&str, &[&str])] =
    &[("list_customers", &[]), ("paginate_customers", &[]), ("handle_errors", &[])];

fn cargo() -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.current_dir(crate::root());
    c
}

fn status(mut cmd: Command, what: &str) -> Result<()> {
    let st = cmd.status().with_context(|| format!("running {what}"))?;
    if !st.success() {
        bail!("{what} failed ({st})");
    }
    Ok(())
}

pub fn run(args: &[String]) -> Result<()> {
    let mut integration_only = false;
    for a in args {
        match a.as_str() {
            "--integration-only" => integration_only = true,
            other => bail!("unknown option `{other}` for test"),
        }
    }
    // Every cargo run here uses all features, as CI's clippy and docs do:
    // one dependency resolution, artifacts built once and reused.
    if !integration_only {
        // Every target but the examples: their code compiles (and runs
        // against a local server) in the generated crate's test suite,
        // clippy lints them as examples, and those run against the servers
        // below are built there; linking all of them again here took 30 s.
        step("unit tests", || {
            let mut unit = cargo();
            unit.args(["test", "--workspace", "--lib", "--bins", "--tests", "--benches", "--all-features"]);
            status(unit, "cargo test --workspace --all-features")
        })?;
        // The runtime's doc examples are written as users see them
        // (`stripe_client::..`): they run in the generated crate.
        step("doc tests", || {
            let mut doc = cargo();
            doc.args(["test", "--workspace", "--all-features", "--doc"]).args([
                "--exclude",
                "stripe-runtime",
                "--exclude",
                "stripe-client-v2",
            ]);
            status(doc, "cargo test --workspace --doc")
        })?;
        step("feature matrix", feature_matrix)?;
        step("fixture crates", crate::fixtures::check_all)?;
    }
    step("localstripe", || {
        let server = Localstripe::start()?;
        println!("localstripe listening on {}", server.base_url);
        let ran = integration_tests(&server.base_url)?;
        for (example, args) in EXAMPLES_AGAINST_LOCALSTRIPE {
            let mut cmd = cargo();
            cmd.args(["run", "--quiet", "--all-features", "-p", "stripe-client", "--example", example, "--"])
                .args(*args)
                .env("STRIPE_API_BASE", &server.base_url)
                .env("STRIPE_SECRET_KEY", TEST_KEY);
            status(cmd, &format!("example `{example}` against localstripe"))?;
        }
        drop(server);
        println!(
            "integration: {ran} tests and {} examples ran against localstripe; all passed",
            EXAMPLES_AGAINST_LOCALSTRIPE.len()
        );
        Ok(())
    })?;
    step("v2 examples", crate::v2::run)
}

/// The generated crate compiles without warnings with no features, with
/// each resource feature alone, and with a typical small set: the feature
/// gating leaves nothing dangling and nothing unused.
fn feature_matrix() -> Result<()> {
    let root = crate::root();
    let manifest =
        std::fs::read_to_string(root.join("generated/Cargo.toml")).context("reading generated/Cargo.toml")?;
    let features: Vec<String> = manifest
        .lines()
        .find_map(|l| l.strip_prefix("full = ["))
        .map(|l| l.trim_end_matches(']').split(',').map(|f| f.trim().trim_matches('"').to_owned()).collect())
        .context("generated/Cargo.toml has no `full` feature")?;
    let mut sets: Vec<Vec<String>> = vec![Vec::new(), vec!["balance".into(), "charge".into(), "customer".into()]];
    sets.extend(features.iter().map(|f| vec![f.clone()]));
    for set in &sets {
        crate::build::check_clean("check", &root, Some("stripe-client"), None, &Features::Only(set.clone()))?;
    }
    println!("feature matrix: the generated crate checks cleanly with {} feature sets", sets.len());
    Ok(())
}

/// Runs the ignored localstripe tests and returns how many passed.
fn integration_tests(base_url: &str) -> Result<usize> {
    let mut cmd = cargo();
    cmd.args(["test", "--all-features", "-p", "stripe-client", "--test", "localstripe", "--", "--include-ignored"])
        .env("STRIPE_API_BASE", base_url)
        .env("STRIPE_SECRET_KEY", TEST_KEY)
        .stdout(Stdio::piped());
    let mut child = cmd.spawn().context("running the localstripe tests")?;
    let stdout = child.stdout.take().context("test output")?;
    let mut passed = 0usize;
    for line in BufReader::new(stdout).lines() {
        let line = line.context("reading test output")?;
        println!("{line}");
        if let Some(rest) = line.strip_prefix("test result: ") {
            passed += rest
                .split(';')
                .find_map(|part| part.trim().strip_suffix(" passed").and_then(|n| n.rsplit(' ').next()?.parse().ok()))
                .unwrap_or(0);
        }
    }
    let st = child.wait().context("waiting for the localstripe tests")?;
    if !st.success() {
        bail!("integration tests against localstripe failed ({st})");
    }
    if passed == 0 {
        bail!("no integration test ran against localstripe");
    }
    Ok(passed)
}

/// A running localstripe; stopped (by process id) when dropped.
pub struct Localstripe {
    child: Child,
    /// `http://127.0.0.1:<port>`.
    pub base_url: String,
}

impl Drop for Localstripe {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Localstripe {
    /// Installs localstripe if needed and starts it on a free port.
    pub fn start() -> Result<Localstripe> {
        let root = crate::root();
        let python = venv(&root)?;
        let script = root.join("xtask/localstripe/server.py");
        let mut child = Command::new(&python)
            .arg(&script)
            .arg("0")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .with_context(|| format!("starting localstripe with {}", python.display()))?;
        let stdout = child.stdout.take().context("localstripe output")?;
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            if let Some(Ok(line)) = lines.next() {
                let _ = tx.send(line);
            }
            // Keep draining so the server never blocks on a full pipe.
            for _ in lines {}
        });
        let mut server = Localstripe { child, base_url: String::new() };
        let line = match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(line) => line,
            Err(_) => bail!("localstripe did not start within 60 s (see its output above)"),
        };
        let port: u16 = line
            .strip_prefix("LISTENING ")
            .and_then(|p| p.trim().parse().ok())
            .with_context(|| format!("unexpected first line from localstripe: {line:?}"))?;
        server.base_url = format!("http://127.0.0.1:{port}");
        wait_until_answering(port)?;
        Ok(server)
    }
}

fn wait_until_answering(port: u16) -> Result<()> {
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    bail!("localstripe on port {port} does not accept connections")
}

/// The venv's python, creating the venv and installing the pinned
/// requirements when they changed.
fn venv(root: &Path) -> Result<PathBuf> {
    let requirements = root.join("xtask/localstripe/requirements.txt");
    let wanted =
        std::fs::read_to_string(&requirements).with_context(|| format!("reading {}", requirements.display()))?;
    let dir = root.join("target/localstripe-venv");
    let python = dir.join("bin/python");
    let stamp = dir.join("installed-requirements.txt");
    if python.exists() && std::fs::read_to_string(&stamp).is_ok_and(|s| s == wanted) {
        return Ok(python);
    }
    let system_python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    let version = Command::new(&system_python).arg("--version").output();
    match version {
        Ok(out) if out.status.success() => {}
        _ => bail!(
            "`{system_python}` was not found: Python 3.8 or newer is needed to run localstripe for the integration \
             tests (install python3 with venv and pip, or set PYTHON to its path)"
        ),
    }
    println!("installing localstripe into {}", dir.display());
    let st = Command::new(&system_python)
        .args(["-m", "venv", "--clear"])
        .arg(&dir)
        .status()
        .context("creating the localstripe venv")?;
    if !st.success() {
        bail!(
            "`{system_python} -m venv {}` failed; is the venv module installed (Debian: python3-venv)?",
            dir.display()
        );
    }
    let st = Command::new(&python)
        .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--requirement"])
        .arg(&requirements)
        .status()
        .context("running pip")?;
    if !st.success() {
        bail!("installing localstripe with pip failed (needs access to PyPI); see the output above");
    }
    std::fs::write(&stamp, wanted).with_context(|| format!("writing {}", stamp.display()))?;
    Ok(python)
}
