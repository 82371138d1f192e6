//! Stripe OpenAPI spec -> typed async Rust client crate.
//!
//! A pure library: spec text in, files out; no file system, no network.
//! Stages, one module each: [`spec`] (parse, `$ref`s) -> [`lower`] (names
//! and Rust types) -> [`ir`] -> [`emit`] (tokens via `quote!`) -> [`render`]
//! (prettyplease + header). The hand-written runtime in `templates/` is
//! embedded at compile time and copied into the output ([`templates`]).
//! Each stage depends only on the ones before it; this module runs them
//! (and spreads emitting and rendering over the cores).

#![deny(missing_docs)]

pub mod diff;
pub(crate) mod docs;
pub(crate) mod emit;
pub mod error;
pub mod ir;
pub(crate) mod lower;
pub(crate) mod naming;
pub(crate) mod render;
pub(crate) mod spec;
pub(crate) mod templates;

pub use error::{Error, Warning};
pub use render::OutFile;

use std::time::{Duration, Instant};

/// How to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// The spec's name as it should appear in messages and file headers
    /// (a relative path such as `spec/stripe.yaml`, so output does not
    /// depend on where the checkout lives).
    pub spec_name: String,
    /// Refuse what the OpenAPI standard forbids but Stripe's published
    /// specs do anyway (duplicate operationIds). For our own spec.
    pub strict: bool,
    /// Also write the tests and examples that go with our own spec (those
    /// of our v2 spec when the spec has only the v2 API).
    pub extras: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { spec_name: "spec".into(), strict: false, extras: false }
    }
}

/// Time spent in each stage of one run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Reading the text into the OpenAPI model.
    pub parse: Duration,
    /// Lowering to the IR.
    pub lower: Duration,
    /// Building token streams (summed over the threads that do it).
    pub emit: Duration,
    /// syn parsing and prettyplease formatting (summed over threads).
    pub render: Duration,
    /// Wall time of emitting and rendering together, on all cores.
    pub emit_and_render: Duration,
}

/// Everything one run produces.
#[derive(Debug)]
pub struct Output {
    /// The crate's files, sorted by path.
    pub files: Vec<OutFile>,
    /// Warnings about the spec.
    pub warnings: Vec<Warning>,
    /// Number of named types emitted.
    pub types: usize,
    /// Number of endpoints emitted.
    pub operations: usize,
    /// Per-stage timings.
    pub timings: Timings,
}

/// Stack size of the threads the generator works on. Reading, lowering and
/// printing recurse once per level of nesting; a large stack makes every
/// depth up to [`spec::MAX_NESTING`] safe whatever thread calls in (test
/// harness threads get 2 MiB). Untouched stack pages cost no memory.
pub const STACK_SIZE: usize = 64 * 1024 * 1024;

/// Runs `work` on a thread with [`STACK_SIZE`] of stack.
fn on_big_stack<T: Send>(work: impl FnOnce() -> Result<T, Error> + Send) -> Result<T, Error> {
    std::thread::scope(|scope| {
        let handle = std::thread::Builder::new()
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, work)
            .map_err(|e| Error::Internal { message: format!("could not start the generator thread: {e}") })?;
        handle.join().unwrap_or_else(|_| Err(Error::Internal { message: "the generator thread panicked".into() }))
    })
}

/// Parses and lowers a spec: the IR that both the generator and the
/// changelog diff work from.
pub fn load(text: &str, opts: &Options) -> Result<(ir::Api, Vec<Warning>), Error> {
    on_big_stack(|| {
        let spec = spec::parse(text, &opts.spec_name)?;
        lower::lower(&spec, opts.strict)
    })
}

/// Generates the client crate from spec text.
pub fn generate(text: &str, opts: &Options) -> Result<Output, Error> {
    on_big_stack(|| generate_here(text, opts))
}

fn generate_here(text: &str, opts: &Options) -> Result<Output, Error> {
    let t0 = Instant::now();
    let spec = spec::parse(text, &opts.spec_name)?;
    let t1 = Instant::now();
    let (api, warnings) = lower::lower(&spec, opts.strict)?;
    let t2 = Instant::now();
    let header = render::header("//", &opts.spec_name, &api.version);
    let (mut files, emit, render) = emit_and_render(&api, &header)?;
    files.extend(templates::files(&api, &opts.spec_name, opts.extras));
    files.push(diff::surface::file(&api, &opts.spec_name));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let t3 = Instant::now();
    let (types, operations) = api.counts();
    Ok(Output {
        files,
        warnings,
        types,
        operations,
        timings: Timings { parse: t1 - t0, lower: t2 - t1, emit, render, emit_and_render: t3 - t2 },
    })
}

/// Emits and renders every Rust file of `api`, spread over the machine's
/// cores (token streams cannot cross threads, so each thread emits what it
/// renders). The result keeps file order, so output never depends on
/// scheduling. Also returns the time spent emitting and rendering, summed
/// over threads.
fn emit_and_render(
    api: &crate::ir::Api,
    header: &str,
) -> Result<(Vec<crate::OutFile>, std::time::Duration, std::time::Duration), Error> {
    use std::time::{Duration, Instant};
    let count = crate::emit::file_count(api);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8).min(count.max(1));
    // Heaviest first, each to the least loaded worker.
    let mut order: Vec<usize> = (0..count).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(crate::emit::file_weight(api, i)));
    let mut batches: Vec<(usize, Vec<usize>)> = (0..workers).map(|_| (0, Vec::new())).collect();
    for i in order {
        if let Some(b) = batches.iter_mut().min_by_key(|b| b.0) {
            b.0 += crate::emit::file_weight(api, i);
            b.1.push(i);
        }
    }
    type Done = (Vec<(usize, Result<crate::OutFile, Error>)>, Duration, Duration);
    let results: Vec<Done> = std::thread::scope(|scope| {
        let handles: Vec<_> = batches
            .into_iter()
            .map(|(_, batch)| {
                let builder = std::thread::Builder::new().stack_size(crate::STACK_SIZE);
                builder.spawn_scoped(scope, move || {
                    let (mut emit, mut render) = (Duration::ZERO, Duration::ZERO);
                    let mut out = Vec::with_capacity(batch.len());
                    for i in batch {
                        let t0 = Instant::now();
                        let f = crate::emit::file(api, i);
                        let t1 = Instant::now();
                        let done = render::rust(f.tokens, header, &f.path)
                            .map(|contents| crate::OutFile { path: f.path, contents });
                        render += t1.elapsed();
                        emit += t1 - t0;
                        out.push((i, done));
                    }
                    (out, emit, render)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                let failed = |message: &str| {
                    (vec![(0, Err(Error::Internal { message: message.to_owned() }))], Duration::ZERO, Duration::ZERO)
                };
                match h {
                    Ok(h) => h.join().unwrap_or_else(|_| failed("a render thread panicked")),
                    Err(e) => failed(&format!("could not start a render thread: {e}")),
                }
            })
            .collect()
    });
    let (mut emit, mut render) = (Duration::ZERO, Duration::ZERO);
    let mut indexed = Vec::with_capacity(count);
    for (files, e, r) in results {
        emit += e;
        render += r;
        indexed.extend(files);
    }
    indexed.sort_by_key(|(i, _)| *i);
    let files = indexed.into_iter().map(|(_, r)| r).collect::<Result<Vec<_>, Error>>()?;
    Ok((files, emit, render))
}
