//! The same bytes decoded by the generated crate and by async-stripe, one
//! group per input, both in one run (`cargo xtask bench decode` prints the
//! ratios).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use decode::{ours, peer};

fn bench(c: &mut Criterion) {
    let charge = decode::charge(1);
    let customer = decode::customer(1);
    let intents = decode::payment_intents(100);
    let event = decode::event();
    let signature = decode::signature(&event);
    let webhook = stripe_client::Webhook::new(decode::SECRET);
    let sizes: Vec<String> =
        [("charge", &charge), ("customer", &customer), ("payment_intents", &intents), ("event", &event)]
            .iter()
            .map(|(name, body)| format!("{name}_bytes={}", body.len()))
            .collect();
    println!("DECODE-SIZES {}", sizes.join(" "));

    let mut g = c.benchmark_group("charge");
    g.throughput(Throughput::Bytes(charge.len() as u64));
    g.bench_function("ours", |b| b.iter(|| ours::charge(charge.as_bytes())));
    g.bench_function("peer", |b| b.iter(|| peer::charge(charge.as_bytes())));
    g.finish();

    let mut g = c.benchmark_group("customer");
    g.throughput(Throughput::Bytes(customer.len() as u64));
    g.bench_function("ours", |b| b.iter(|| ours::customer(customer.as_bytes())));
    g.bench_function("peer", |b| b.iter(|| peer::customer(customer.as_bytes())));
    g.finish();

    let mut g = c.benchmark_group("payment_intents");
    g.throughput(Throughput::Bytes(intents.len() as u64));
    g.bench_function("ours", |b| b.iter(|| ours::payment_intents(intents.as_bytes())));
    g.bench_function("peer", |b| b.iter(|| peer::payment_intents(intents.as_bytes())));
    g.finish();

    let mut g = c.benchmark_group("event");
    g.throughput(Throughput::Bytes(event.len() as u64));
    g.bench_function("ours", |b| b.iter(|| ours::event(&webhook, event.as_bytes(), &signature)));
    g.bench_function("peer", |b| b.iter(|| peer::event(event.as_bytes(), &signature)));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
