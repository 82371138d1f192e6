//! Hostile responses to the generated types and through a real local
//! server: truncated, mutated, wrongly typed and deeply nested bodies
//! decoded into `Charge`, `List<Customer>` and `Balance` (property tests,
//! a new seed each run), then a few answers no mock server sends: bodies without
//! end, a `Content-Length` of 10 GiB, bytes that are not HTTP, random
//! statuses and headers, and a redirect. Each ends in a value, never a
//! panic, with memory bounded by `max_response_bytes`.
//!
//! The response handling itself is property-tested as unit tests of the
//! runtime (`runtime::hostile`).

use crate::common;

use common::raw::{self, Reply};
use proptest::prelude::*;
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use stripe_client::{Balance, Charge, Client, CreateCharge, Customer, ErrorKind, List, RetrieveCharge};

/// A charge as Stripe writes it, with an expanded customer.
fn charge_text() -> String {
    let mut charge = common::charge("ch_1");
    charge["customer"] = common::customer("cus_1");
    charge["description"] = json!("Order \"6735\" é");
    common::stripe_order(&charge)
}

fn customers_text() -> String {
    common::stripe_order(&common::list(
        "/v1/customers",
        vec![common::customer("cus_1"), common::customer("cus_2")],
        true,
    ))
}

fn balance_text() -> String {
    common::stripe_order(&common::balance())
}

/// Decodes `body` into each generated type; whether each decoded.
fn decode_all(body: &[u8]) -> [bool; 3] {
    [
        serde_json::from_slice::<Charge>(body).is_ok(),
        serde_json::from_slice::<List<Customer>>(body).is_ok(),
        serde_json::from_slice::<Balance>(body).is_ok(),
    ]
}

/// Any JSON value, a few levels deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
        prop::sample::select(vec!["card", "customer", "list", "bank_account", "source", "charge"])
            .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("object".to_owned()),
                    Just("id".to_owned()),
                    Just("deleted".to_owned()),
                    "[a-z_]{1,8}"
                ],
                inner,
                0..4
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every value in `v` as JSON pointers.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => m.iter().for_each(|(k, c)| pointers(c, format!("{at}/{k}"), out)),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, c)| pointers(c, format!("{at}/{i}"), out)),
        _ => {}
    }
    out.push(at);
}

fn sample() -> impl Strategy<Value = String> {
    prop_oneof![Just(charge_text()), Just(customers_text()), Just(balance_text())]
}

#[test]
fn the_samples_decode() {
    assert_eq!(decode_all(charge_text().as_bytes()), [true, false, false]);
    assert_eq!(decode_all(customers_text().as_bytes()), [false, true, false]);
    assert_eq!(decode_all(balance_text().as_bytes()), [false, false, true]);
}

#[test]
fn every_prefix_of_each_sample_is_refused() {
    for text in [charge_text(), customers_text(), balance_text()] {
        for n in 0..text.len() {
            assert_eq!(decode_all(&text.as_bytes()[..n]), [false; 3], "cut after {n} bytes of {text}");
        }
    }
}

#[test]
fn deep_nesting_in_any_field_is_refused() {
    for depth in [200, 10_000] {
        for (open, close) in [("[", "]"), ("{\"object\":\"card\",\"a\":", "}")] {
            let nested = format!("{}1{}", open.repeat(depth), close.repeat(depth));
            for field in ["customer", "source", "refunds", "metadata", "amount"] {
                let mut v: Value = serde_json::from_str(&charge_text()).expect("the sample is JSON");
                v[field] = json!("@");
                let body = v.to_string().replace("\"@\"", &nested);
                assert_eq!(decode_all(body.as_bytes()), [false; 3], "{field} nested {depth} deep");
            }
        }
    }
}

proptest! {
    #![proptest_config(common::proptest_config(256))]

    #[test]
    fn mutated_bytes_never_panic(
        text in sample(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0..3u8), 1..8),
    ) {
        let mut body = text.into_bytes();
        for (at, byte, op) in edits {
            let i = at.index(body.len() + 1);
            match op {
                0 if i < body.len() => body[i] = byte,
                1 => body.insert(i, byte),
                _ if i < body.len() => {
                    body.remove(i);
                }
                _ => {}
            }
        }
        decode_all(&body);
    }

    #[test]
    fn values_of_the_wrong_type_never_panic(
        text in sample(),
        picks in prop::collection::vec((any::<prop::sample::Index>(), any_json()), 1..4),
    ) {
        let mut v: Value = serde_json::from_str(&text).expect("the samples are JSON");
        for (pick, value) in picks {
            let mut all = Vec::new();
            pointers(&v, String::new(), &mut all);
            if let Some(slot) = v.pointer_mut(pick.get(&all).as_str()) {
                *slot = value;
            }
        }
        decode_all(v.to_string().as_bytes());
    }

    #[test]
    fn duplicated_and_dropped_keys_never_panic(text in sample(), pick in any::<prop::sample::Index>(), drop in any::<bool>()) {
        let v: Value = serde_json::from_str(&text).expect("the samples are JSON");
        let map = v.as_object().expect("the samples are objects");
        let keys: Vec<&String> = map.keys().collect();
        let key = pick.get(&keys);
        let fields: Vec<String> = map
            .iter()
            .filter(|(k, _)| !(drop && k == key))
            .map(|(k, v)| format!("{}:{v}", Value::from(k.as_str())))
            .chain((!drop).then(|| format!("{}:{}", Value::from(key.as_str()), map[key.as_str()])))
            .collect();
        decode_all(format!("{{{}}}", fields.join(",")).as_bytes());
    }
}

/// A server that answers every request with what `slot` holds.
async fn slot_server() -> (String, Arc<Mutex<Reply>>) {
    let slot = Arc::new(Mutex::new(Reply::json(200, "{}")));
    let shared = Arc::clone(&slot);
    let url = raw::serve(move |_| {
        let reply = shared.lock().expect("no panics while holding the slot").clone();
        async move { reply }
    })
    .await;
    (url, slot)
}

fn client_for(url: &str) -> stripe_client::ClientBuilder {
    Client::builder(common::KEY)
        .base_url(url)
        .max_retries(0)
        .timeout(Duration::from_secs(5))
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
}

#[tokio::test]
async fn every_prefix_of_a_charge_from_the_server_is_a_decode_error() {
    let (url, slot) = slot_server().await;
    let client = client_for(&url).build().unwrap();
    let text = charge_text();
    let started = Instant::now();
    for n in 0..=text.len() {
        *slot.lock().unwrap() = Reply::json(200, &text.as_bytes()[..n]);
        let result = Charge::retrieve(&client, "ch_1", &RetrieveCharge::new()).await;
        match result {
            Ok(charge) => {
                assert_eq!(n, text.len(), "a charge cut after {n} bytes decoded");
                assert_eq!(charge.id, "ch_1");
            }
            Err(e) => {
                assert_eq!(e.kind(), ErrorKind::Decode, "{e}");
                assert!(e.to_string().contains("Charge"), "{e}");
            }
        }
    }
    println!("{} prefixes through the server in {:.2?}", text.len() + 1, started.elapsed());
}

#[tokio::test]
async fn a_body_without_end_stops_at_the_limit() {
    let (url, slot) = slot_server().await;
    let client = client_for(&url).max_response_bytes(1024 * 1024).build().unwrap();
    let started = Instant::now();
    for content_length in [None, Some(10u64 << 30)] {
        *slot.lock().unwrap() = Reply::Endless { status: 200, chunk: vec![b' '; 64 * 1024], content_length };
        let err = Balance::retrieve(&client).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Decode, "{err}");
        assert!(err.to_string().contains("larger than the limit of 1048576 bytes"), "{err}");
        assert_eq!(err.attempts(), 1, "a body past the limit is not retried");
    }
    // An error status with a body without end: the status still decides.
    *slot.lock().unwrap() = Reply::Endless { status: 400, chunk: b"{\"error\":".repeat(1000), content_length: None };
    let err = Balance::retrieve(&client).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidRequest, "{err}");
    assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
}

#[tokio::test]
async fn bytes_that_are_not_http_are_a_connection_error() {
    let (url, slot) = slot_server().await;
    let client = client_for(&url).max_retries(1).build().unwrap();
    for bytes in [
        &b""[..],
        b"garbage\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n{\"object\":",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"HTTP/1.1 99999 Nope\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nX: \xff\xfe\r\nContent-Length: 2\r\n\r\n{}",
    ] {
        *slot.lock().unwrap() = Reply::Bytes(bytes.to_vec());
        let err = Balance::retrieve(&client).await.unwrap_err();
        let text = err.to_string();
        assert!(
            matches!(err.kind(), ErrorKind::Connection | ErrorKind::Decode),
            "{:?}: {text}",
            String::from_utf8_lossy(bytes)
        );
        assert!(!text.contains(common::KEY), "{text}");
    }
}

#[tokio::test]
async fn random_statuses_and_headers_end_in_a_value() {
    let (url, slot) = slot_server().await;
    let client = client_for(&url).build().unwrap();
    let mut rng = fastrand::Rng::with_seed(8);
    let bodies = [
        charge_text(),
        common::error_body("card_error", Some("card_declined"), "declined").to_string(),
        "<html>oops</html>".to_owned(),
        String::new(),
        "{\"error\": 5}".to_owned(),
    ];
    for _ in 0..48 {
        let status = rng
            .choice([200u16, 201, 299, 300, 400, 402, 404, 409, 418, 429, 500, 503, 599, 999])
            .expect("a non-empty list");
        let body = rng.choice(&bodies).expect("a non-empty list").clone();
        let mut reply = Reply::json(status, body);
        for (name, value) in [
            ("Request-Id", "req_\u{e9}x"),
            ("Retry-After", "18446744073709551615"),
            ("Stripe-Should-Retry", "maybe"),
            ("Content-Type", "text/html"),
            ("Request-Id", "req_2"),
        ] {
            if rng.bool() {
                reply = reply.with_header(name, value);
            }
        }
        *slot.lock().unwrap() = reply;
        match Charge::retrieve(&client, "ch_1", &RetrieveCharge::new()).await {
            Ok(charge) => assert!((200..300).contains(&status) && charge.id == "ch_1"),
            Err(e) => {
                let text = e.to_string();
                assert_eq!(e.status(), Some(status), "{text}");
                assert!(text.len() < 4096, "{text}");
            }
        }
    }
}

#[tokio::test]
async fn a_redirect_is_not_followed() {
    let hits = Arc::new(Mutex::new(0usize));
    let counter = Arc::clone(&hits);
    let elsewhere = raw::serve(move |_| {
        *counter.lock().unwrap() += 1;
        async { Reply::json(200, balance_text()) }
    })
    .await;
    let (url, slot) = slot_server().await;
    let client = client_for(&url).build().unwrap();
    for status in [301, 302, 307, 308] {
        *slot.lock().unwrap() = Reply::json(status, "").with_header("Location", &format!("{elsewhere}/v1/balance"));
        let err = Balance::retrieve(&client).await.unwrap_err();
        assert_eq!(err.status(), Some(status), "{err}");
        // A POST too: a 307 or 308 would send the body again.
        let err = Charge::create(&client, &CreateCharge::new(2000, "usd")).await.unwrap_err();
        assert_eq!(err.status(), Some(status), "{err}");
    }
    assert_eq!(*hits.lock().unwrap(), 0, "a redirect was followed (with the key) to another server");
}
