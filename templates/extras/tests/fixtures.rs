//! Stripe's published fixtures for API version 2018-01-23 decode into the
//! generated types and encode back without losing a field. The fixtures are
//! test data outside this repository: `cargo xtask conformance` points
//! `STRIPE_FIXTURES` at them; plain `cargo test` lists this as ignored.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use stripe_client::*;

fn fixtures() -> serde_json::Map<String, Value> {
    let path = std::env::var("STRIPE_FIXTURES").unwrap_or_else(|_| {
        panic!(
            "STRIPE_FIXTURES is not set: run `cargo xtask conformance` (it needs ../shared/specs beside the checkout)"
        )
    });
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read fixtures {path}: {e}"));
    let mut all: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("fixtures {path} are not JSON: {e}"));
    match all.get_mut("resources").map(Value::take) {
        Some(Value::Object(map)) => map,
        _ => panic!("fixtures {path} have no `resources` object"),
    }
}

/// Drops `null` members: an absent optional field and a `null` one are the
/// same value, and the generated types write absent optional fields as absent.
fn without_nulls(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            Value::Object(m.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), without_nulls(v))).collect())
        }
        Value::Array(a) => Value::Array(a.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

/// Describes the first difference between two JSON values.
fn first_difference(path: &str, a: &Value, b: &Value) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                match y.get(k) {
                    None => return Some(format!("{path}.{k} was lost")),
                    Some(w) => {
                        if let Some(d) = first_difference(&format!("{path}.{k}"), v, w) {
                            return Some(d);
                        }
                    }
                }
            }
            y.keys().find(|k| !x.contains_key(*k)).map(|k| format!("{path}.{k} was added"))
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            x.iter().zip(y).enumerate().find_map(|(i, (v, w))| first_difference(&format!("{path}[{i}]"), v, w))
        }
        _ if a == b => None,
        _ => Some(format!("{path}: {a} became {b}")),
    }
}

/// A check of one fixture.
type Check = fn(&str, &Value) -> Result<(), String>;

fn round_trip<T: DeserializeOwned + Serialize>(name: &str, fixture: &Value) -> Result<(), String> {
    let typed: T = serde_path_to_error::deserialize(fixture)
        .map_err(|e| format!("{name}: does not decode as {}: {e}", std::any::type_name::<T>()))?;
    let back = serde_json::to_value(&typed).map_err(|e| format!("{name}: does not encode: {e}"))?;
    match first_difference(name, &without_nulls(fixture), &without_nulls(&back)) {
        None => Ok(()),
        Some(d) => Err(d),
    }
}

fn decodes<T: DeserializeOwned + HasId>(name: &str, fixture: &Value) -> Result<(), String> {
    let typed: T = serde_path_to_error::deserialize(fixture)
        .map_err(|e| format!("{name}: does not decode as {}: {e}", std::any::type_name::<T>()))?;
    if typed.id() != fixture.get("id").and_then(Value::as_str) {
        return Err(format!("{name}: id was not kept"));
    }
    Ok(())
}

#[test]
#[ignore = "needs ../shared/specs: run `cargo xtask conformance`"]
fn fixtures_round_trip() {
    let all = fixtures();
    // Resources this spec models in full: every field must survive.
    let full: &[(&str, Check)] = &[
        ("account_debit_account", round_trip::<AccountDebitAccount>),
        ("alipay_account", round_trip::<AlipayAccount>),
        ("balance", round_trip::<Balance>),
        ("balance_transaction", round_trip::<BalanceTransaction>),
        ("bank_account", round_trip::<BankAccount>),
        ("bitcoin_receiver", round_trip::<BitcoinReceiver>),
        ("bitcoin_transaction", round_trip::<BitcoinTransaction>),
        ("card", round_trip::<Card>),
        ("charge", round_trip::<Charge>),
        ("coupon", round_trip::<Coupon>),
        ("customer", round_trip::<Customer>),
        ("discount", round_trip::<Discount>),
        ("event", round_trip::<Event>),
        ("plan", round_trip::<Plan>),
        ("refund", round_trip::<Refund>),
        ("source", round_trip::<Source>),
        ("subscription", round_trip::<Subscription>),
        ("subscription_item", round_trip::<SubscriptionItem>),
        ("token", round_trip::<Token>),
    ];
    // Resources modelled only as `id` + `object` (what expansions need).
    let stubs: &[(&str, Check)] = &[
        ("account", decodes::<Account>),
        ("dispute", decodes::<Dispute>),
        ("fee_refund", decodes::<FeeRefund>),
        ("invoice", decodes::<Invoice>),
        ("order", decodes::<Order>),
        ("payout", decodes::<Payout>),
        ("transfer", decodes::<Transfer>),
        ("transfer_recipient", decodes::<TransferRecipient>),
        ("transfer_reversal", decodes::<TransferReversal>),
    ];
    let mut failures = Vec::new();
    let mut checked = 0;
    for (name, check) in full.iter().chain(stubs) {
        let Some(fixture) = all.get(*name) else {
            failures.push(format!("{name}: not in the fixtures file"));
            continue;
        };
        checked += 1;
        if let Err(e) = check(name, fixture) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{} of {checked} fixtures failed:\n  {}", failures.len(), failures.join("\n  "));
    println!("{checked} fixtures decoded ({} round-tripped field for field)", full.len());
}

#[test]
#[ignore = "needs ../shared/specs: run `cargo xtask conformance`"]
fn the_fixture_event_reads_as_an_event() {
    let all = fixtures();
    let fixture = all.get("event").expect("the fixtures have an event");
    let text = serde_json::to_vec(fixture).expect("JSON encodes");
    let event = Event::from_slice(&text).unwrap_or_else(|e| panic!("the fixture event: {e}"));
    // `invoice.upcoming`, rendered at 2017-06-05, about an invoice with no id.
    assert_eq!(event.type_, EventType::InvoiceUpcoming);
    assert_eq!(event.api_version.as_deref(), Some("2017-06-05"));
    assert!(!event.api_version_matches());
    assert!(matches!(event.data.object, EventObject::Unrecognized(_)));
    let why = event.data.object_error.as_ref().expect("an invoice without an id does not decode as Invoice");
    assert_eq!(why.object(), Some("invoice"));
    assert_eq!(&event.data.raw_object.parse::<serde_json::Value>().expect("JSON"), &fixture["data"]["object"]);
}
