//! Unit tests: hostile answers to the response handling of the send loop
//! ([`judge`] and [`Answer`]). Truncated, mutated, wrongly typed, deeply
//! nested and oversized bodies, random statuses and random headers must
//! each end in a value (a response, an error or a retry), never a panic,
//! and never hold more of a body than the configured limit.
//!
//! The targets are shaped like the generated types (expandable fields, a
//! polymorphic `source`, a string enum, a list) but defined here: the
//! runtime never names generated types. The generated `Charge`,
//! `List<Customer>` and `Balance` are fed the same bodies by the crate's
//! `hostile_responses` test.

use super::answer::{Answer, Sent, Verdict, judge};
use super::de::{self, Union};
use super::error::{Error, ErrorKind};
use super::expandable::Expandable;
use super::list::List;
use super::request::Response;
use super::retry::Backoff;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::time::Duration;

/// A charge as Stripe sends it, with `id` and `object` first.
const CHARGE: &str = r#"{"id":"ch_1","object":"charge","amount":2000,"amount_refunded":0,"captured":true,"created":1517000000,"currency":"usd","customer":{"id":"cus_1","object":"customer","email":"jenny@example.com","metadata":{}},"description":"Order \"6735\" \u00e9","livemode":false,"metadata":{"order_id":"6735"},"paid":true,"refunded":false,"refunds":{"object":"list","data":[],"has_more":false,"url":"/v1/charges/ch_1/refunds"},"source":{"id":"card_1","object":"card","brand":"Visa","exp_month":8,"exp_year":2030,"last4":"4242","metadata":{}},"status":"succeeded"}"#;

/// The body limit the tests use.
const LIMIT: usize = 64 * 1024;

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct TestCharge {
    id: String,
    object: String,
    amount: i64,
    captured: bool,
    currency: String,
    customer: Option<Expandable<TestCustomer>>,
    description: Option<String>,
    metadata: BTreeMap<String, String>,
    refunds: List<Value>,
    source: Option<TestSource>,
    status: TestStatus,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct TestCustomer {
    id: String,
    email: Option<String>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct TestCard {
    id: String,
    exp_month: i64,
    exp_year: i64,
    last4: String,
}

#[derive(Debug)]
#[allow(dead_code)]
enum TestSource {
    Card(Box<TestCard>),
    Unrecognized(Value),
}

impl Union for TestSource {
    fn decode<'de, D: serde::Deserializer<'de>>(object: &str, _deleted: bool, d: D) -> Result<Self, D::Error> {
        Ok(match object {
            "card" => TestSource::Card(Box::new(TestCard::deserialize(d)?)),
            _ => TestSource::Unrecognized(Value::deserialize(d)?),
        })
    }

    fn unrecognized(value: Value) -> Self {
        TestSource::Unrecognized(value)
    }
}

impl<'de> Deserialize<'de> for TestSource {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        de::union(d, "TestSource")
    }
}

#[derive(Debug)]
#[allow(dead_code)]
enum TestStatus {
    Succeeded,
    Unrecognized(String),
}

impl From<&str> for TestStatus {
    fn from(s: &str) -> Self {
        match s {
            "succeeded" => TestStatus::Succeeded,
            other => TestStatus::Unrecognized(other.to_owned()),
        }
    }
}

impl<'de> Deserialize<'de> for TestStatus {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        de::string_enum(d)
    }
}

/// Property tests' settings: `cases` cases from a new seed on every run,
/// so each run tries new cases, or from the seed in `PROPTEST_RNG_SEED` to
/// replay a failure. The seed is printed; cargo test shows it when a test
/// fails.
fn config(cases: u32) -> Config {
    let seed = match std::env::var("PROPTEST_RNG_SEED") {
        Ok(s) => s.trim().parse().unwrap_or_else(|_| panic!("PROPTEST_RNG_SEED={s:?} is not a number")),
        Err(_) => std::hash::BuildHasher::hash_one(&std::hash::RandomState::new(), std::time::SystemTime::now()),
    };
    eprintln!("proptest seed {seed}: replay with PROPTEST_RNG_SEED={seed}");
    Config { cases, failure_persistence: None, rng_seed: RngSeed::Fixed(seed), ..Config::default() }
}

/// An answer with `status`, `headers` and `body` read through the limit.
/// What a request was sent with, as the send loop records it.
fn sent(attempts: u32, idempotency_key: Option<&str>) -> Sent {
    Sent { attempts, idempotency_key: idempotency_key.map(str::to_owned), api_version: crate::API_VERSION.to_owned() }
}

fn answer(status: u16, headers: &HeaderMap, body: &[u8], limit: usize) -> Answer {
    let mut a = Answer::new(status, headers);
    for chunk in body.chunks(4096) {
        if !a.push(chunk, limit) {
            break;
        }
    }
    a
}

/// The result of a 200 answer with `body`, which is never a retry.
fn decode<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<Response<T>, Error> {
    match judge::<T>(answer(200, &HeaderMap::new(), body, 16 * 1024 * 1024), &sent(1, None), true) {
        Verdict::Done(result) => result,
        Verdict::Retry { .. } => panic!("a 200 answer was retried"),
    }
}

/// Decodes `body` into every target; returns whether the charge decoded.
/// Errors must be decode errors that print (bounded) without panicking.
fn decode_all(body: &[u8]) -> bool {
    let results = [
        decode::<TestCharge>(body).map(|_| ()),
        decode::<List<TestCharge>>(body).map(|_| ()),
        decode::<Value>(body).map(|_| ()),
        decode::<List<Value>>(body).map(|_| ()),
    ];
    for r in &results {
        if let Err(e) = r {
            assert_eq!(e.kind(), ErrorKind::Decode, "{e}");
            assert_eq!(e.status(), Some(200));
            assert!(e.to_string().len() < 4096, "an error message grew with the body");
        }
    }
    results[0].is_ok()
}

/// Every value in `v`, depth first, as JSON pointers.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => m.iter().for_each(|(k, c)| pointers(c, format!("{at}/{k}"), out)),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, c)| pointers(c, format!("{at}/{i}"), out)),
        _ => {}
    }
    out.push(at);
}

/// Any JSON value, a few levels deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// One edit of the charge text's bytes.
#[derive(Clone, Debug)]
enum Edit {
    Replace(usize, u8),
    Insert(usize, u8),
    Delete(usize),
    Flip(usize, u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    let at = 0..CHARGE.len();
    prop_oneof![
        (at.clone(), any::<u8>()).prop_map(|(i, b)| Edit::Replace(i, b)),
        (at.clone(), prop::sample::select(&b"{}[]\",:0-.e\\ntfu"[..])).prop_map(|(i, b)| Edit::Insert(i, b)),
        at.clone().prop_map(Edit::Delete),
        (at, 0..8u8).prop_map(|(i, bit)| Edit::Flip(i, bit)),
    ]
}

fn apply(text: &mut Vec<u8>, e: &Edit) {
    let clamp = |i: usize, len: usize| if len == 0 { 0 } else { i % len };
    match *e {
        Edit::Replace(i, b) if !text.is_empty() => {
            let i = clamp(i, text.len());
            text[i] = b;
        }
        Edit::Insert(i, b) => {
            let i = clamp(i, text.len() + 1);
            text.insert(i, b);
        }
        Edit::Delete(i) if !text.is_empty() => {
            let i = clamp(i, text.len());
            text.remove(i);
        }
        Edit::Flip(i, bit) if !text.is_empty() => {
            let i = clamp(i, text.len());
            text[i] ^= 1 << bit;
        }
        _ => {}
    }
}

#[test]
fn the_sample_charge_decodes() {
    assert!(decode_all(CHARGE.as_bytes()));
    let charge = decode::<TestCharge>(CHARGE.as_bytes()).expect("the sample decodes").data;
    assert!(matches!(charge.source, Some(TestSource::Card(_))));
    assert!(matches!(charge.status, TestStatus::Succeeded));
}

#[test]
fn every_prefix_of_a_charge_is_a_decode_error() {
    let bytes = CHARGE.as_bytes();
    for n in 0..bytes.len() {
        assert!(!decode_all(&bytes[..n]), "a charge cut after {n} bytes decoded");
        // Every target fails on a cut body: it is not one JSON value.
        let e = decode::<Value>(&bytes[..n]).expect_err("a cut body is not JSON");
        assert!(e.to_string().contains("HTTP 200"), "{e}");
    }
}

#[test]
fn trailing_bytes_after_the_body_are_refused() {
    let body = format!("{CHARGE} {{}}");
    let e = decode::<Value>(body.as_bytes()).expect_err("two values are not one body");
    assert_eq!(e.kind(), ErrorKind::Decode);
    assert!(decode::<Value>(format!("{CHARGE}\n").as_bytes()).is_ok(), "trailing whitespace is fine");
}

#[test]
fn nesting_past_the_parser_limit_is_an_error_not_an_overflow() {
    for depth in [100, 127, 128, 129, 1_000, 100_000] {
        for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
            let nested = format!("{}1{}", open.repeat(depth), close.repeat(depth));
            for at in ["metadata", "source", "customer", "refunds", "description"] {
                let mut v: Value = serde_json::from_str(CHARGE).expect("the sample is JSON");
                v[at] = Value::Null;
                let body = v.to_string().replace(&format!("\"{at}\":null"), &format!("\"{at}\":{nested}"));
                let decoded = decode_all(body.as_bytes());
                if depth >= 128 {
                    assert!(!decoded, "{at} nested {depth} deep decoded as a charge");
                    assert!(decode::<Value>(body.as_bytes()).is_err(), "{depth} levels are past serde_json's limit");
                }
            }
        }
    }
}

#[test]
fn a_body_past_the_limit_is_cut_and_refused() {
    // 1 GiB offered in 64 KiB chunks: the answer stops taking them at the
    // limit, so memory stays bounded whatever the server sends.
    let chunk = vec![b' '; 64 * 1024];
    let mut a = Answer::new(200, &HeaderMap::new());
    let mut taken = 0usize;
    while a.push(&chunk, LIMIT + 1) {
        taken += 1;
        assert!(taken < 16 * 1024, "the answer kept taking chunks past the limit");
    }
    let e = match judge::<Value>(a, &sent(1, None), true) {
        Verdict::Done(Err(e)) => e,
        _ => panic!("a body past the limit must be an error"),
    };
    assert_eq!(e.kind(), ErrorKind::Decode);
    assert!(e.to_string().contains(&format!("larger than the limit of {} bytes", LIMIT + 1)), "{e}");
    // Exactly at the limit is fine.
    let mut a = Answer::new(200, &HeaderMap::new());
    assert!(a.push(b"[1, 2]", 6));
    assert!(matches!(judge::<Value>(a, &sent(1, None), true), Verdict::Done(Ok(_))));
    // An error answer past the limit keeps its status and retry rule.
    let mut a = Answer::new(503, &HeaderMap::new());
    assert!(!a.push(&chunk, 16));
    assert!(matches!(judge::<Value>(a.clone(), &sent(1, None), true), Verdict::Retry { after: None, .. }));
    match judge::<Value>(a, &sent(3, None), false) {
        Verdict::Done(Err(Error::Api(api))) => assert_eq!((api.status, api.attempts), (503, 3)),
        _ => panic!("a 503 past the limit must be an API error"),
    }
}

#[test]
fn huge_values_within_the_limit_are_values_or_errors() {
    let mut v: Value = serde_json::from_str(CHARGE).expect("the sample is JSON");
    v["description"] = Value::from("x".repeat(LIMIT / 2));
    assert!(decode_all(v.to_string().as_bytes()));
    for number in ["1e400", "-1e400", "99999999999999999999999", "-0", "1.5", "2e3"] {
        let body = CHARGE.replace("\"amount\":2000", &format!("\"amount\":{number}"));
        assert!(!decode_all(body.as_bytes()), "amount {number} decoded as an i64");
    }
    // serde quotes a value of the wrong type; the error stays short.
    let body = CHARGE.replace("\"amount\":2000", &format!("\"amount\":\"{}\"", "9".repeat(LIMIT / 2)));
    let e = decode::<TestCharge>(body.as_bytes()).expect_err("a string is not an amount");
    assert!(e.to_string().len() < 2048, "{} bytes", e.to_string().len());
    let many = format!("{{\"object\":\"list\",\"data\":[{}],\"has_more\":false}}", vec!["{}"; 10_000].join(","));
    assert!(decode::<List<Value>>(many.as_bytes()).is_ok());
    assert!(decode::<List<TestCharge>>(many.as_bytes()).is_err());
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn mutated_bytes_never_panic(edits in prop::collection::vec(edit(), 1..8)) {
        let mut body = CHARGE.as_bytes().to_vec();
        for e in &edits {
            apply(&mut body, e);
        }
        decode_all(&body);
    }

    #[test]
    fn values_of_the_wrong_type_never_panic(pick in any::<prop::sample::Index>(), value in any_json()) {
        let mut v: Value = serde_json::from_str(CHARGE).expect("the sample is JSON");
        let mut all = Vec::new();
        pointers(&v, String::new(), &mut all);
        let at = pick.get(&all);
        if let Some(slot) = v.pointer_mut(at) {
            *slot = value;
        }
        let body = v.to_string();
        decode_all(body.as_bytes());
        // Any JSON at all is a `Value`.
        prop_assert!(decode::<Value>(body.as_bytes()).is_ok());
    }

    #[test]
    fn random_answers_never_panic(
        status in prop_oneof![100..600u16, any::<u16>()],
        headers in prop::collection::vec(
            (
                prop_oneof![
                    Just("request-id".to_owned()),
                    Just("stripe-should-retry".to_owned()),
                    Just("retry-after".to_owned()),
                    Just("content-type".to_owned()),
                    "[a-z-]{1,16}",
                ],
                prop_oneof![
                    prop::collection::vec(any::<u8>(), 0..64),
                    Just(b"true".to_vec()),
                    Just(b"false".to_vec()),
                    (0..u64::MAX).prop_map(|n| n.to_string().into_bytes()),
                ],
            ),
            0..6,
        ),
        body in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..256),
            Just(CHARGE.as_bytes().to_vec()),
            Just(br#"{"error":{"type":"invalid_request_error","code":"lock_timeout","message":"m"}}"#.to_vec()),
            any_json().prop_map(|v| v.to_string().into_bytes()),
        ],
        limit in prop_oneof![Just(LIMIT), 0..64usize],
        attempts in 1..5u32,
        may_retry in any::<bool>(),
    ) {
        let mut map = HeaderMap::new();
        for (name, value) in &headers {
            if let (Ok(n), Ok(v)) = (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_bytes(value)) {
                map.append(n, v);
            }
        }
        let a = answer(status, &map, &body, limit);
        match judge::<TestCharge>(a, &sent(attempts, Some("k")), may_retry) {
            Verdict::Retry { after, error } => {
                prop_assert_eq!(error.idempotency_key(), Some("k"));
                prop_assert!(may_retry && !(200..300).contains(&status));
                let wait = Backoff::default().delay(attempts, after);
                prop_assert!(wait <= Duration::from_secs(5));
            }
            Verdict::Done(Ok(r)) => {
                prop_assert!((200..300).contains(&status));
                prop_assert_eq!(r.attempts, attempts);
                prop_assert_eq!(r.idempotency_key.as_deref(), Some("k"));
            }
            Verdict::Done(Err(e)) => {
                prop_assert_eq!(e.status(), Some(status));
                prop_assert_eq!(e.idempotency_key(), Some("k"));
                prop_assert_eq!(e.attempts(), attempts);
                let text = e.to_string();
                prop_assert!(text.contains(&status.to_string()), "{}", text);
                prop_assert!(text.len() < 4096, "an error message grew with the body");
                if (200..300).contains(&status) {
                    prop_assert_eq!(e.kind(), ErrorKind::Decode);
                } else {
                    prop_assert!(e.api().is_some(), "{}", text);
                }
            }
        }
    }
}
