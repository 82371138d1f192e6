//! Exactly once under faults: 300 charges created 8 at a time through a
//! server that, on a schedule drawn from the run's seed, fails about 30% of the
//! attempts: it closes the connection after creating the charge, answers
//! 500, answers 409 `lock_timeout`, or answers after the client's timeout.
//! Like Stripe, it keeps the answer of every idempotency key it created a
//! charge for and replays it when the key comes again.
//!
//! Every call that succeeded must match exactly one stored charge, no key
//! may create two, and every call that failed must have used up its
//! retries and say so. `cargo test --test faults -- --nocapture` prints
//! the counts.

use crate::common;

use common::raw::{self, RawRequest, Reply};
use futures_util::StreamExt;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use stripe_client::{Charge, Client, CreateCharge, Error, ErrorKind, Metadata, Response};

const ORDERS: usize = 300;
const CONCURRENCY: usize = 8;
/// The share of attempts that fail.
const FAULT_RATE: f64 = 0.3;
/// The default policy: two retries after the first attempt.
const ATTEMPTS: usize = 3;
/// The client's per-attempt timeout, and how late a slow answer comes.
const TIMEOUT: Duration = Duration::from_millis(1_000);
const LATE: Duration = Duration::from_millis(2_500);

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Fault {
    /// Creates the charge, then closes the connection without answering.
    CloseAfterProcessing,
    /// Answers 500 without creating anything.
    ServerError,
    /// Answers 409 `lock_timeout` without creating anything.
    LockTimeout,
    /// Creates the charge and answers after the client's timeout.
    TooSlow,
}

const KINDS: [Fault; 4] = [Fault::CloseAfterProcessing, Fault::ServerError, Fault::LockTimeout, Fault::TooSlow];

/// The fault (if any) for each attempt of each order.
fn schedule(seed: u64) -> Vec<[Option<Fault>; ATTEMPTS]> {
    let mut rng = fastrand::Rng::with_seed(seed);
    (0..ORDERS)
        .map(|_| std::array::from_fn(|_| (rng.f64() < FAULT_RATE).then(|| KINDS[rng.usize(..KINDS.len())])))
        .collect()
}

/// A charge the server created, under the key that created it.
struct Stored {
    order: usize,
    params: Vec<u8>,
    charge_id: String,
    body: Vec<u8>,
}

/// What the server saw and did.
#[derive(Default)]
struct Ledger {
    by_key: BTreeMap<String, Stored>,
    /// Every charge created, with the key that created it.
    charges: Vec<(String, String)>,
    attempts: BTreeMap<usize, usize>,
    keys: BTreeMap<usize, BTreeSet<String>>,
    faults: BTreeMap<Fault, usize>,
    replays: usize,
    /// Requests without a key, with an unreadable order, with more
    /// attempts than the policy allows, or reusing a key for other params.
    anomalies: Vec<String>,
}

fn error(status: u16, kind: &str, code: Option<&str>, message: &str) -> Reply {
    let mut body = serde_json::json!({"error": {"type": kind, "message": message}});
    if let Some(code) = code {
        body["error"]["code"] = code.into();
    }
    Reply::json(status, body.to_string())
}

/// The order number sent as `metadata[order]`.
fn order_of(params: &[u8]) -> Option<usize> {
    let text = std::str::from_utf8(params).ok()?;
    text.split('&').find_map(|pair| pair.strip_prefix("metadata[order]=")).and_then(|v| v.parse().ok())
}

fn handle(ledger: &Mutex<Ledger>, schedule: &[[Option<Fault>; ATTEMPTS]], req: RawRequest) -> Reply {
    let mut l = ledger.lock().expect("no test thread panics while holding the ledger");
    let Some(key) = req.header("idempotency-key").map(str::to_owned) else {
        l.anomalies.push(format!("{} {} without an idempotency key", req.method, req.target));
        return error(400, "invalid_request_error", None, "no key");
    };
    let Some(order) = order_of(&req.body) else {
        l.anomalies.push(format!("unreadable body {:?}", String::from_utf8_lossy(&req.body)));
        return error(400, "invalid_request_error", None, "no order");
    };
    let attempt = *l.attempts.entry(order).and_modify(|n| *n += 1).or_insert(1) - 1;
    l.keys.entry(order).or_default().insert(key.clone());
    let fault = match schedule[order].get(attempt) {
        Some(f) => *f,
        None => {
            l.anomalies.push(format!("order {order}: attempt {} is past the policy", attempt + 1));
            None
        }
    };
    if let Some(f) = fault {
        *l.faults.entry(f).or_default() += 1;
    }
    match fault {
        Some(Fault::ServerError) => return error(500, "api_error", None, "Something went wrong on Stripe's end."),
        Some(Fault::LockTimeout) => {
            return error(
                409,
                "invalid_request_error",
                Some("lock_timeout"),
                "This object cannot be accessed right now because another API request or Stripe process is \
                 currently accessing it.",
            );
        }
        _ => {}
    }
    let request_id = format!("req_{order}_{attempt}");
    let answer = match l.by_key.get(&key) {
        Some(stored) if stored.params != req.body => {
            l.anomalies.push(format!("key {key} reused with other parameters"));
            return error(
                400,
                "idempotency_error",
                None,
                "Keys for idempotent requests can only be used with the same parameters they were first used with.",
            );
        }
        Some(stored) => {
            let body = stored.body.clone();
            if fault.is_none() {
                l.replays += 1;
            }
            Reply::json(200, body).with_header("Request-Id", &request_id).with_header("Idempotent-Replayed", "true")
        }
        None => {
            let charge_id = format!("ch_{:04}", l.charges.len() + 1);
            let mut charge = common::charge(&charge_id);
            charge["metadata"] = serde_json::json!({"order": order.to_string()});
            let body = common::stripe_order(&charge).into_bytes();
            l.charges.push((charge_id.clone(), key.clone()));
            l.by_key.insert(key, Stored { order, params: req.body, charge_id, body: body.clone() });
            Reply::json(200, body).with_header("Request-Id", &request_id)
        }
    };
    match fault {
        Some(Fault::CloseAfterProcessing) => Reply::Close,
        Some(Fault::TooSlow) => Reply::Late(LATE, Box::new(answer)),
        _ => answer,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_charge_is_created_exactly_once_under_faults() {
    let seed = common::run_seed();
    let schedule = Arc::new(schedule(seed));
    let ledger = Arc::new(Mutex::new(Ledger::default()));
    let base_url = {
        let (schedule, ledger) = (Arc::clone(&schedule), Arc::clone(&ledger));
        raw::serve(move |req| {
            let reply = handle(&ledger, &schedule, req);
            async move { reply }
        })
        .await
    };
    let client = Client::builder(common::KEY)
        .base_url(base_url)
        .timeout(TIMEOUT)
        .retry_backoff(Duration::from_millis(5), Duration::from_millis(20))
        .build()
        .expect("a loopback base URL and a valid key build a client");

    let started = Instant::now();
    let results: Vec<(usize, Result<Response<Charge>, Error>)> = futures_util::stream::iter(0..ORDERS)
        .map(|order| {
            let client = client.clone();
            async move {
                let mut params = CreateCharge::new(2000, "usd");
                params.metadata = Some(Metadata::from([("order", order.to_string())]));
                (order, Charge::create(&client, &params).send_with_response().await)
            }
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    let elapsed = started.elapsed();

    let l = ledger.lock().expect("the server is done with the ledger");
    assert!(l.anomalies.is_empty(), "the server saw: {:#?}", l.anomalies);
    assert_eq!(results.len(), ORDERS, "a call was lost");
    let (mut ok, mut failed) = (0usize, BTreeMap::<String, usize>::new());
    let mut failed_orders = BTreeSet::new();
    for (order, result) in &results {
        let seen = l.attempts.get(order).copied().unwrap_or(0);
        let keys = &l.keys[order];
        assert_eq!(keys.len(), 1, "order {order} was sent with more than one idempotency key: {keys:?}");
        match result {
            Ok(response) => {
                ok += 1;
                let key = response.idempotency_key.as_deref().expect("a POST has an idempotency key");
                assert!(keys.contains(key), "order {order}: the response names key {key}, the server saw {keys:?}");
                let stored = l.by_key.get(key).unwrap_or_else(|| panic!("order {order}: no charge under key {key}"));
                assert_eq!(stored.order, *order);
                assert_eq!(response.data.id, stored.charge_id, "order {order}");
                let created = l.charges.iter().filter(|(id, _)| *id == response.data.id).count();
                assert_eq!(created, 1, "charge {} was stored {created} times", response.data.id);
                assert_eq!(response.attempts as usize, seen, "order {order}: attempts the client counted");
                assert!(response.request_id.is_some());
            }
            Err(e) => {
                *failed.entry(format!("{:?}", e.kind())).or_default() += 1;
                failed_orders.insert(*order);
                assert_eq!(e.attempts() as usize, ATTEMPTS, "order {order}: {e}");
                assert_eq!(seen, ATTEMPTS, "order {order}: the server saw {seen} attempts; {e}");
                let text = e.to_string();
                assert!(
                    text.contains("after 3 attempt"),
                    "order {order}: the error does not say it was retried: {text}"
                );
                assert!(
                    matches!(
                        e.kind(),
                        ErrorKind::Api | ErrorKind::Conflict | ErrorKind::Connection | ErrorKind::Timeout
                    ),
                    "order {order}: {text}"
                );
            }
        }
    }
    let mut per_key = BTreeMap::<&str, usize>::new();
    for (_, key) in &l.charges {
        *per_key.entry(key.as_str()).or_default() += 1;
    }
    assert!(per_key.values().all(|n| *n == 1), "a key created more than one charge: {per_key:?}");
    assert_eq!(l.charges.len(), l.by_key.len(), "stored charges and distinct keys differ");
    assert_eq!(ok + failed.values().sum::<usize>(), ORDERS);

    // The schedule decides every outcome: an order fails exactly when all
    // of its attempts are faulted.
    let doomed: BTreeSet<usize> = (0..ORDERS).filter(|o| schedule[*o].iter().all(Option::is_some)).collect();
    assert_eq!(failed_orders, doomed, "orders that failed differ from the schedule");
    let injected: usize = l.faults.values().sum();
    assert!(injected > ORDERS / 5, "only {injected} faults were injected");
    for kind in KINDS {
        assert!(l.faults.get(&kind).is_some_and(|n| *n > 0), "no {kind:?} fault was injected");
    }
    assert!(l.replays > 0, "no stored answer was replayed");

    // A failed call may still have created its charge (the answer was
    // lost); a retry with the same key would get it back.
    let failed_but_created = l.by_key.values().filter(|s| failed_orders.contains(&s.order)).count();
    let sent: usize = l.attempts.values().sum();
    println!("exactly once under faults (seed {seed}), {ORDERS} creates, {CONCURRENCY} at a time, in {elapsed:.2?}:");
    println!(
        "  ok: {ok}; failed after {ATTEMPTS} attempts: {} {failed:?}, {failed_but_created} of them with a charge stored",
        failed.values().sum::<usize>()
    );
    println!("  attempts sent: {sent}; faults injected: {injected} {:?}", l.faults);
    println!("  replays served: {}; charges stored: {} under {} keys", l.replays, l.charges.len(), l.by_key.len());
}
