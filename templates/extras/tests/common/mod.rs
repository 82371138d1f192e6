//! Shared by the wire tests: a local mock server, a client pointed at it
//! with fast retries, accessors for what the server received, and JSON
//! fixtures shaped like Stripe's responses.

// Each test file uses a different part of this module.
#![allow(dead_code)]

pub mod raw;
pub mod tls;

use proptest::test_runner::{Config, RngSeed};
use serde_json::{Value, json};
use std::time::Duration;
use stripe_client::{Client, ClientBuilder};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The secret key every test client uses.
pub const KEY: &str = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";

/// A builder pointed at `server`, with retries that wait at most 5 ms.
pub fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder(KEY).base_url(server.uri()).retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
}

/// A client pointed at `server` with the default policy but fast retries.
pub fn client(server: &MockServer) -> Client {
    builder(server).build().expect("a loopback base URL and a valid key build a client")
}

/// Every request the server received, in order.
pub async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("request recording is on by default")
}

/// The only request the server received.
pub async fn single(server: &MockServer) -> Request {
    let mut all = received(server).await;
    assert_eq!(all.len(), 1, "expected exactly one request, got {}", all.len());
    all.remove(0)
}

/// The value of header `name`, which must appear at most once.
pub fn header<'a>(req: &'a Request, name: &str) -> Option<&'a str> {
    let mut values = req.headers.get_all(name).iter();
    let first = values.next()?;
    assert!(values.next().is_none(), "header {name} was sent more than once");
    Some(first.to_str().expect("headers we send are visible ASCII"))
}

/// The body as text (our bodies are form-encoded, so ASCII).
pub fn body(req: &Request) -> &str {
    std::str::from_utf8(&req.body).expect("form bodies are ASCII")
}

/// The raw query string ("" when there is none).
pub fn query(req: &Request) -> &str {
    req.url.query().unwrap_or_default()
}

/// Answers `verb path` with `status` and a JSON body, as often as asked.
pub async fn respond(server: &MockServer, verb: &str, route: &str, status: u16, body: Value) {
    Mock::given(method(verb))
        .and(path(route))
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
        .mount(server)
        .await;
}

/// Answers `verb path` `times` times with `template`, before any mock
/// mounted later.
pub async fn respond_times(server: &MockServer, verb: &str, route: &str, times: u64, template: ResponseTemplate) {
    Mock::given(method(verb)).and(path(route)).respond_with(template).up_to_n_times(times).mount(server).await;
}

/// A Stripe error body.
pub fn error_body(kind: &str, code: Option<&str>, message: &str) -> Value {
    let mut error = json!({"type": kind, "message": message});
    if let Some(code) = code {
        error["code"] = json!(code);
    }
    json!({ "error": error })
}

/// A list envelope.
pub fn list(url: &str, data: Vec<Value>, has_more: bool) -> Value {
    json!({"object": "list", "url": url, "has_more": has_more, "data": data})
}

/// A card, as Stripe embeds it in a charge's `source`.
pub fn card(id: &str) -> Value {
    json!({
        "id": id,
        "object": "card",
        "brand": "Visa",
        "exp_month": 8,
        "exp_year": 2030,
        "funding": "credit",
        "last4": "4242",
        "metadata": {},
    })
}

/// A charge with its customer as an id and a card source.
pub fn charge(id: &str) -> Value {
    json!({
        "id": id,
        "object": "charge",
        "amount": 2000,
        "amount_refunded": 0,
        "captured": true,
        "created": 1_517_000_000,
        "currency": "usd",
        "customer": "cus_1",
        "livemode": false,
        "metadata": {"order_id": "6735"},
        "paid": true,
        "refunded": false,
        "refunds": list(&format!("/v1/charges/{id}/refunds"), vec![], false),
        "source": card("card_1"),
        "status": "succeeded",
    })
}

/// A customer with no sources.
pub fn customer(id: &str) -> Value {
    json!({
        "id": id,
        "object": "customer",
        "created": 1_517_000_000,
        "email": format!("{id}@example.com"),
        "livemode": false,
        "metadata": {},
        "sources": list(&format!("/v1/customers/{id}/sources"), vec![], false),
    })
}

/// The account balance.
pub fn balance() -> Value {
    json!({
        "object": "balance",
        "livemode": false,
        "available": [{"amount": 2000, "currency": "usd"}],
        "pending": [{"amount": 0, "currency": "usd"}],
    })
}

/// A balance transaction for a charge.
pub fn balance_transaction(id: &str) -> Value {
    json!({
        "id": id,
        "object": "balance_transaction",
        "amount": 2000,
        "available_on": 1_517_600_000,
        "created": 1_517_000_000,
        "currency": "usd",
        "fee": 88,
        "fee_details": [{"amount": 88, "currency": "usd", "type": "stripe_fee"}],
        "net": 1912,
        "source": "ch_1",
        "status": "pending",
        "type": "charge",
    })
}

/// JSON text with `id` and `object` first in every object, as Stripe
/// writes it (`serde_json` maps sort their keys, which puts `object` late).
pub fn stripe_order(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let first = ["id", "object"].into_iter().filter(|k| map.contains_key(*k));
            let rest = map.keys().map(String::as_str).filter(|k| *k != "id" && *k != "object");
            let fields: Vec<String> =
                first.chain(rest).map(|k| format!("{}:{}", Value::from(k), stripe_order(&map[k]))).collect();
            format!("{{{}}}", fields.join(","))
        }
        Value::Array(items) => format!("[{}]", items.iter().map(stripe_order).collect::<Vec<_>>().join(",")),
        other => other.to_string(),
    }
}

/// A 200 response with `body` in Stripe's key order.
pub fn ok(body: &Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(stripe_order(body), "application/json")
}

/// A port on 127.0.0.1 where nothing listens (bound, then released).
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("an ephemeral port is free");
    listener.local_addr().expect("a bound socket has an address").port()
}

/// Everything a `tracing` subscriber (or `log`, through `tracing-log`)
/// wrote, for tests that check what is logged.
#[derive(Clone, Default)]
pub struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("no panics while writing a log line").extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    /// What was written so far.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("no panics while writing a log line")).into_owned()
    }
}

/// The seed of this run's random cases: new on every run, so each run
/// tries new cases, or the one in `PROPTEST_RNG_SEED` to replay a failure.
/// It is printed; cargo test shows it when a test fails.
pub fn run_seed() -> u64 {
    let seed = match std::env::var("PROPTEST_RNG_SEED") {
        Ok(s) => s.trim().parse().unwrap_or_else(|_| panic!("PROPTEST_RNG_SEED={s:?} is not a number")),
        Err(_) => std::hash::BuildHasher::hash_one(&std::hash::RandomState::new(), std::time::SystemTime::now()),
    };
    eprintln!("random seed {seed}: replay with PROPTEST_RNG_SEED={seed}");
    seed
}

/// Property tests' settings: `cases` cases from [`run_seed`], no files.
pub fn proptest_config(cases: u32) -> Config {
    Config { cases, failure_persistence: None, rng_seed: RngSeed::Fixed(run_seed()), ..Config::default() }
}
