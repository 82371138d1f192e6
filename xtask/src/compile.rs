//! The compiler as the judge of generated code. Crates generated from many
//! specs become members of one cargo workspace under `target/`, checked
//! together (one cargo run per check, members in parallel, the main
//! target directory shared so dependencies build once): clippy with
//! `-D warnings` and rustdoc with `RUSTDOCFLAGS=-D warnings`, each with no
//! features and with all of them.
#![allow(missing_docs)]

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// One workspace of generated crates.
pub struct Workspace {
    dir: PathBuf,
    members: Vec<String>,
    deps: Deps,
}

/// Which dependency versions a workspace of generated crates builds with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deps {
    /// The root's Cargo.lock: the versions the main workspace has built
    /// already (fast, and the same on every run).
    Locked,
    /// Resolved afresh on every run, as a user's new project resolves a
    /// generated crate (which ships no lock file): the newest versions its
    /// manifest allows, so a deprecation or break upstream fails here
    /// before it reaches a user.
    Fresh,
}

/// Clippy runs on the whole workspace at once, with each feature set.
const CLIPPY: &[(&str, &str)] = &[("no features", "--no-default-features"), ("all features", "--all-features")];

impl Workspace {
    /// A workspace in `dir` (created, and emptied of members from earlier
    /// runs when [`Workspace::finish`] is called).
    pub fn new(dir: PathBuf, deps: Deps) -> Self {
        Workspace { dir, members: Vec::new(), deps }
    }

    /// The directory of member `name`.
    pub fn member_dir(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Writes `files` (a generated crate) as member `name`, renaming its
    /// package so members can share a workspace. Only changed files are
    /// written, so an unchanged member is not rebuilt.
    pub fn add(&mut self, name: &str, files: &[codegen::OutFile]) -> Result<()> {
        if self.members.iter().any(|m| m == name) {
            bail!("two generated crates are both named `{name}`");
        }
        let mut files = files.to_vec();
        let manifest =
            files.iter_mut().find(|f| f.path == "Cargo.toml").context("the generator wrote no Cargo.toml")?;
        manifest.contents = crate::generate::rename_package(&manifest.contents, name)?;
        crate::generate::write(&self.member_dir(name), &files)?;
        self.members.push(name.to_owned());
        Ok(())
    }

    /// Writes the workspace manifest and lock file, and deletes members of
    /// earlier runs that are gone.
    pub fn finish(&self) -> Result<()> {
        std::fs::create_dir_all(&self.dir).with_context(|| format!("creating {}", self.dir.display()))?;
        for entry in std::fs::read_dir(&self.dir).with_context(|| format!("listing {}", self.dir.display()))? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type()?.is_dir() && !self.members.contains(&name) {
                std::fs::remove_dir_all(entry.path())
                    .with_context(|| format!("removing {}", entry.path().display()))?;
            }
        }
        let members: Vec<String> = self.members.iter().map(|m| format!("    {m:?},")).collect();
        // The root's dev profile, so the dependencies built for the main
        // workspace are reused.
        let manifest = format!(
            "# Generated crates checked by `cargo xtask`; rewritten on every run.\n[workspace]\nmembers = [\n{}\n]\nresolver = \"3\"\n\n[profile.dev]\ndebug = \"line-tables-only\"\n\n[profile.dev.package.\"*\"]\ndebug = false\n",
            members.join("\n")
        );
        write_if_changed(&self.dir.join("Cargo.toml"), &manifest)?;
        let lock = self.dir.join("Cargo.lock");
        let root_lock = crate::root().join("Cargo.lock");
        match self.deps {
            Deps::Locked => {
                if !lock.exists() {
                    std::fs::copy(&root_lock, &lock)
                        .with_context(|| format!("copying {} to {}", root_lock.display(), lock.display()))?;
                }
            }
            Deps::Fresh => {
                let mut cmd = cargo(&self.dir);
                cmd.args(["generate-lockfile", "--quiet"]);
                let st = cmd.status().context("running cargo generate-lockfile")?;
                if !st.success() {
                    bail!("cargo generate-lockfile in {} failed ({st}); it needs crates.io", self.dir.display());
                }
                let newer = newer_versions(&root_lock, &lock, &self.members)?;
                if newer.is_empty() {
                    println!("fresh dependencies: the same versions as Cargo.lock");
                } else {
                    println!("fresh dependencies newer than Cargo.lock: {}", newer.join(", "));
                }
            }
        }
        Ok(())
    }

    /// Runs every check on every member; fails on the first warning or
    /// error, quoting it. Returns how long the checks took.
    ///
    /// Rustdoc writes the members' docs into a directory of their own
    /// (`CARGO_TARGET_DIR`), reading the dependencies checked in `target`
    /// (`CARGO_BUILD_BUILD_DIR`): in the main doc directory every crate
    /// documented would merge its search index with every other crate
    /// documented there, one at a time (5 s a crate instead of 1).
    pub fn check(&self, target: &Path) -> Result<Duration> {
        let started = Instant::now();
        for (label, flag) in CLIPPY {
            let mut cmd = cargo(&self.dir);
            cmd.args(["clippy", "--workspace", flag, "--message-format", "short", "--", "-D", "warnings"])
                .env("CARGO_TARGET_DIR", target);
            let what = format!("clippy with {label} on the crates in {}", self.dir.display());
            crate::measure::step(&what, || run_clean(cmd, &what))?;
        }
        let docs = self.dir.with_extension("docs");
        for (label, flag) in CLIPPY {
            let mut cmd = cargo(&self.dir);
            cmd.args(["doc", "--workspace", "--no-deps", flag, "--message-format", "short"])
                .env("CARGO_BUILD_BUILD_DIR", target)
                .env("CARGO_TARGET_DIR", &docs)
                .env("RUSTDOCFLAGS", "-D warnings");
            let what = format!("rustdoc with {label} on the crates in {}", self.dir.display());
            crate::measure::step(&what, || run_clean(cmd, &what))?;
        }
        Ok(started.elapsed())
    }

    /// Clippy on every member with only `features` (those a member lacks
    /// are left out for it), in one cargo run: members in parallel.
    pub fn check_features(&self, target: &Path, features: &[String]) -> Result<()> {
        let mut selected = Vec::new();
        for member in &self.members {
            let manifest = std::fs::read_to_string(self.member_dir(member).join("Cargo.toml"))
                .with_context(|| format!("reading the manifest of {member}"))?;
            selected.extend(
                features.iter().filter(|f| manifest.contains(&format!("\n{f} = ["))).map(|f| format!("{member}/{f}")),
            );
        }
        let mut cmd = cargo(&self.dir);
        cmd.args(["clippy", "--workspace", "--no-default-features", "--message-format", "short"]);
        if !selected.is_empty() {
            cmd.args(["--features", &selected.join(",")]);
        }
        cmd.args(["--", "-D", "warnings"]).env("CARGO_TARGET_DIR", target);
        let what = format!("clippy with {} on the crates in {}", features.join(","), self.dir.display());
        run_clean(cmd, &what)
    }

    /// How many members there are.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether there are no members.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
}

fn cargo(dir: &Path) -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(dir);
    cmd
}

/// Runs `cmd`; fails, quoting them, on any warning or error it prints.
fn run_clean(mut cmd: Command, what: &str) -> Result<()> {
    let out = cmd.output().with_context(|| format!("running {what}"))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    let problems: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("warning:") || l.contains("error:") || l.contains("error["))
        .take(60)
        .collect();
    if !out.status.success() || !problems.is_empty() {
        bail!("{what}: not clean:\n{}", if problems.is_empty() { stderr.to_string() } else { problems.join("\n") });
    }
    Ok(())
}

/// `name old -> new` for each package (but the workspace's `members`) whose
/// version in the lock file `new` is not among those of the lock file `old`.
fn newer_versions(old: &Path, new: &Path, members: &[String]) -> Result<Vec<String>> {
    let read = |p: &Path| -> Result<std::collections::BTreeMap<String, Vec<String>>> {
        let text = std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
        let mut out: std::collections::BTreeMap<String, Vec<String>> = std::collections::BTreeMap::new();
        let mut name = None;
        for line in text.lines() {
            if let Some(n) = line.strip_prefix("name = ") {
                name = Some(n.trim_matches('"').to_owned());
            } else if let (Some(v), Some(n)) = (line.strip_prefix("version = "), name.take()) {
                out.entry(n).or_default().push(v.trim_matches('"').to_owned());
            }
        }
        Ok(out)
    };
    let (old, new) = (read(old)?, read(new)?);
    let mut out = Vec::new();
    for (name, versions) in new.iter().filter(|(name, _)| !members.contains(name)) {
        let before = old.get(name).map(Vec::as_slice).unwrap_or_default();
        for v in versions.iter().filter(|v| !before.contains(v)) {
            let was = if before.is_empty() { "new".to_owned() } else { before.join("/") };
            out.push(format!("{name} {was} -> {v}"));
        }
    }
    Ok(out)
}

fn write_if_changed(path: &Path, text: &str) -> Result<()> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

/// A package name for a spec file: its path under `base`, lowercased, with
/// everything but letters and digits as `-` (`diff/field_removed/old.yaml`
/// -> `fixture-diff-field-removed-old`).
pub fn package_name(prefix: &str, base: &Path, spec: &Path) -> String {
    let rel = spec.strip_prefix(base).unwrap_or(spec).with_extension("");
    let slug: String = rel
        .to_string_lossy()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect();
    format!("{prefix}-{slug}")
}
