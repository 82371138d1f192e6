//! What every benchmark shares: a row of the results table, and timing a
//! command (builds run without incremental compilation, as a dependency
//! builds, in a target directory of their own).
#![allow(missing_docs)]

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// One row of the table.
pub struct Row {
    pub bench: &'static str,
    pub measured: String,
    pub baseline: String,
    /// Measured over baseline (for throughput rows: baseline time over
    /// measured time, so higher is faster).
    pub ratio: f64,
    pub goal: Goal,
}

/// What a row should show, and how to tell whether it does.
#[derive(Clone, Copy, Debug)]
pub enum Goal {
    /// No goal: the row informs (its words say why).
    Report(&'static str),
    /// The ratio is at most this.
    RatioAtMost(f64),
    /// The ratio is at least this.
    RatioAtLeast(f64),
    /// A measured quantity (`value`, in `unit`) is at most `limit`.
    AtMost { value: f64, limit: f64, unit: &'static str },
}

impl Goal {
    /// The goal as the table prints it.
    pub fn text(&self) -> String {
        match self {
            Goal::Report(why) => format!("report: {why}"),
            Goal::RatioAtMost(x) => format!("ratio <= {x:.2}"),
            Goal::RatioAtLeast(x) => format!("ratio >= {x:.2}"),
            Goal::AtMost { limit, unit, .. } => format!("<= {limit} {unit}"),
        }
    }

    /// `met`, `missed`, or `report` for a row with this `ratio`.
    pub fn status(&self, ratio: f64) -> &'static str {
        let met = match *self {
            Goal::Report(_) => return "report",
            Goal::RatioAtMost(x) => ratio <= x,
            Goal::RatioAtLeast(x) => ratio >= x,
            Goal::AtMost { value, limit, .. } => value <= limit,
        };
        if met { "met" } else { "missed" }
    }
}

/// Timings of one build or command over several rounds.
pub struct Samples(pub Vec<Duration>);

impl Samples {
    pub fn median(&self) -> Duration {
        median(self.0.clone())
    }

    /// `72.1 s (median of 3; 70.4-74.9 s)`.
    pub fn text(&self) -> String {
        let lo = self.0.iter().min().copied().unwrap_or_default();
        let hi = self.0.iter().max().copied().unwrap_or_default();
        format!("{} (median of {}; {:.1}-{})", secs(self.median()), self.0.len(), lo.as_secs_f64(), secs(hi))
    }

    /// The ratio of the medians.
    pub fn over(&self, baseline: &Samples) -> f64 {
        self.median().as_secs_f64() / baseline.median().as_secs_f64().max(f64::EPSILON)
    }
}

/// How many interleaved rounds every compile comparison runs.
pub const ROUNDS: usize = 3;

/// A named thing to time once per round.
pub type Timed<'a> = (&'a str, Box<dyn FnMut() -> Result<Duration> + 'a>);

/// One entry of [`interleaved`].
pub fn timed<'a>(name: &'a str, run: impl FnMut() -> Result<Duration> + 'a) -> Timed<'a> {
    (name, Box::new(run))
}

/// Times each of `runs` once per round for [`ROUNDS`] rounds, in turned
/// order every other round (ours first, then the peer first), so drift and
/// warm caches hit all alike; prints every time as it comes.
pub fn interleaved(label: &str, mut runs: Vec<Timed<'_>>) -> Result<Vec<Samples>> {
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); runs.len()];
    for round in 1..=ROUNDS {
        let mut order: Vec<usize> = (0..runs.len()).collect();
        if round % 2 == 0 {
            order.reverse();
        }
        for i in order {
            let (name, run) = &mut runs[i];
            let took = run()?;
            println!("bench {label}: round {round}, {name}: {}", secs(took));
            times[i].push(took);
        }
    }
    Ok(times.into_iter().map(Samples).collect())
}

/// `cargo` in `dir` building into `target`, without incremental builds.
pub fn cargo_in(dir: &Path, target: &Path) -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.current_dir(dir).env("CARGO_TARGET_DIR", target).env("CARGO_INCREMENTAL", "0");
    c
}

/// Runs `cmd` and times it; fails with the end of its stderr.
pub fn run(mut cmd: Command, what: &str) -> Result<Duration> {
    let started = Instant::now();
    let out = cmd.output().with_context(|| format!("running {what}"))?;
    let took = started.elapsed();
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(30).collect();
        bail!("{what} failed:\n{}", tail.into_iter().rev().collect::<Vec<_>>().join("\n"));
    }
    Ok(took)
}

pub fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

pub fn secs(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

pub fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

pub fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(f64::EPSILON)
}

/// Writes a binary project `name` in `dir` with these dependencies (and
/// tokio), outside any workspace.
pub fn project(dir: &Path, name: &str, deps: &str, main: &str) -> Result<PathBuf> {
    let p = dir.join(name);
    std::fs::create_dir_all(p.join("src")).with_context(|| format!("creating {}", p.display()))?;
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\n{deps}tokio = {{ version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }}\n\n[workspace]\n"
    );
    std::fs::write(p.join("Cargo.toml"), manifest).context("writing a bench manifest")?;
    std::fs::write(p.join("src/main.rs"), main).context("writing a bench program")?;
    Ok(p)
}

/// Gives a project our lock file (the versions our own builds use), unless
/// it has one.
pub fn pin_versions(project: &Path) -> Result<()> {
    let lock = project.join("Cargo.lock");
    if !lock.exists() {
        std::fs::copy(crate::root().join("Cargo.lock"), &lock).context("copying the lock file")?;
    }
    Ok(())
}

/// A clean build of `project` (its target directory removed first, the
/// sources fetched outside the timing).
pub fn clean_build(project: &Path, target: &Path, what: &str) -> Result<Duration> {
    if target.exists() {
        std::fs::remove_dir_all(target).with_context(|| format!("removing {}", target.display()))?;
    }
    let mut fetch = cargo_in(project, target);
    fetch.args(["fetch", "--quiet"]);
    run(fetch, &format!("fetching the dependencies of {what}"))?;
    let mut build = cargo_in(project, target);
    build.args(["build", "--quiet"]);
    run(build, &format!("building {what}"))
}

/// Runs one step of a task and prints how long it took (CI's log shows
/// where its time goes).
pub fn step<T>(name: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    let started = Instant::now();
    let out = f();
    let failed = if out.is_err() { ", failed" } else { "" };
    println!("step: {name}: {:.0} s{failed}", started.elapsed().as_secs_f64());
    out
}
