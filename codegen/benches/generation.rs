//! Generation time, in process: spec text to rendered files, median of
//! several runs, split by stage (parse, lower, emit, prettyplease). Run with
//! `cargo xtask bench generation` or
//! `cargo bench -p codegen --bench generation -- <spec> [<spec> ...]`.

use std::time::Duration;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const RUNS: usize = 9;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this
    // once as a smoke test, on our own spec.
    let measuring = std::env::args().any(|a| a == "--bench");
    let runs = if measuring { RUNS } else { 1 };
    let mut specs: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    if specs.is_empty() {
        specs.push(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/stripe.yaml").to_owned());
    }
    for path in specs {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("cannot read {path}: {e}");
                std::process::exit(1);
            }
        };
        let opts = codegen::Options { spec_name: path.clone(), strict: false, extras: false };
        let (mut total, mut parse, mut lower, mut emit, mut render, mut wall) =
            (vec![], vec![], vec![], vec![], vec![], vec![]);
        let mut files = 0;
        // The floor any generator pays: reading the text as JSON or YAML.
        let mut floor = vec![];
        for _ in 0..runs {
            let start = std::time::Instant::now();
            let ok = if text.trim_start().starts_with('{') {
                serde_json::from_str::<serde_json::Value>(&text).is_ok()
            } else {
                serde_yaml::from_str::<serde_json::Value>(&text).is_ok()
            };
            floor.push(start.elapsed());
            assert!(ok, "{path} is not JSON or YAML");
        }
        for _ in 0..runs {
            let start = std::time::Instant::now();
            let out = match codegen::generate(&text, &opts) {
                Ok(o) => o,
                Err(e) => {
                    eprintln!("{e}");
                    std::process::exit(1);
                }
            };
            total.push(start.elapsed());
            parse.push(out.timings.parse);
            lower.push(out.timings.lower);
            emit.push(out.timings.emit);
            render.push(out.timings.render);
            wall.push(out.timings.emit_and_render);
            files = out.files.len();
        }
        println!(
            "GENERATION spec={path} bytes={} files={files} runs={runs} total_ms={:.1} read_only_ms={:.1} parse_ms={:.1} lower_ms={:.1} emit_cpu_ms={:.1} render_cpu_ms={:.1} emit_render_wall_ms={:.1} threads={}",
            text.len(),
            ms(median(total)),
            ms(median(floor)),
            ms(median(parse)),
            ms(median(lower)),
            ms(median(emit)),
            ms(median(render)),
            ms(median(wall)),
            std::thread::available_parallelism().map_or(1, |n| n.get()),
        );
    }
}
