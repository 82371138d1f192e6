//! Webhooks: signatures as Stripe makes them (known answers computed
//! outside this crate with Python's `hmac`), every way a request is
//! refused, secrets never in messages, any changed byte refused, no input
//! that panics; and events of other API versions read as events.

use crate::common;

use proptest::prelude::*;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use stripe_client::{Event, EventObject, EventType, Webhook, WebhookErrorKind};

const SECRET: &str = "whsec_test_secret";
const BODY: &[u8] = br#"{"id":"evt_test_webhook","object":"event"}"#;
const T: i64 = 1_700_000_000;
/// `hmac.new(b"whsec_test_secret", b"1700000000." + BODY, hashlib.sha256).hexdigest()`
const SIG: &str = "d95c6b7477fbd7e9f90b1b0ef5f9c7ac25abca5382460e0d988c2b2a5b71b990";

fn at(unix: i64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(u64::try_from(unix).expect("a time after 1970"))
}

/// A verifier for `secrets` whose clock says `now`.
fn webhook(secrets: &[&str], now: i64) -> Webhook {
    Webhook::with_secrets(secrets.iter().copied()).clock(move || at(now))
}

fn kind(w: &Webhook, body: &[u8], header: Option<&str>) -> Option<WebhookErrorKind> {
    w.verify(body, header).err().map(|e| e.kind())
}

#[test]
fn signatures_match_known_answers() {
    assert_eq!(Webhook::signature_header(BODY, SECRET, T), format!("t={T},v1={SIG}"));
    assert_eq!(
        Webhook::signature_header(b"", "whsec_abc", 0),
        "t=0,v1=72ee6e6d320f3ed4a162fa3d2c68835dd4d6d9d330ebf026659100009c69e2fd"
    );
    // Bytes, not text: UTF-8 in the body and in the secret.
    let body = "{\"id\":\"evt_1\",\"object\":\"event\",\"data\":{\"object\":{\"name\":\"Jos\u{e9} \u{e9}\"}}}";
    assert_eq!(
        Webhook::signature_header(body.as_bytes(), "whsec_\u{e9}", 1_517_000_000),
        "t=1517000000,v1=5d081c3bd27e3b1912cf6ad7b1f7308c273fa6d382759e8ca5959850f43f7264"
    );
    let header = format!("t={T},v1={SIG}");
    assert!(webhook(&[SECRET], T + 10).verify(BODY, header.as_str()).is_ok());
    // Upper-case hex and spaces after commas are Stripe's too.
    let loose = format!("t={T}, v1={}", SIG.to_uppercase());
    assert!(webhook(&[SECRET], T).verify(BODY, loose.as_str()).is_ok());
}

#[test]
fn any_secret_and_any_v1_may_match() {
    let old = Webhook::signature_header(BODY, "whsec_old", T);
    let new = Webhook::signature_header(BODY, "whsec_new", T);
    let v1 = |h: &str| h.split_once(",v1=").map(|(_, s)| s.to_owned()).expect("a v1");
    // During a roll Stripe signs with both secrets.
    let both = format!("t={T},v1={},v1={}", v1(&old), v1(&new));
    assert!(webhook(&["whsec_new"], T).verify(BODY, both.as_str()).is_ok());
    assert!(webhook(&["whsec_old"], T).verify(BODY, both.as_str()).is_ok());
    // One URL, several endpoints: any of the secrets.
    assert!(webhook(&["whsec_other", "whsec_old"], T).verify(BODY, old.as_str()).is_ok());
    assert!(Webhook::new("whsec_other").secret("whsec_new").clock(move || at(T)).verify(BODY, new.as_str()).is_ok());
    // v0 and unknown schemes are ignored, wherever they stand.
    let mixed = format!("v0={},t={T},v2=zz,v1={}", "ab".repeat(32), v1(&new));
    assert!(webhook(&["whsec_new"], T).verify(BODY, mixed.as_str()).is_ok());
}

#[test]
fn every_refusal_has_its_kind() {
    let w = webhook(&[SECRET], T);
    let good = format!("t={T},v1={SIG}");
    assert_eq!(kind(&w, BODY, None), Some(WebhookErrorKind::MissingHeader));
    assert_eq!(kind(&w, BODY, Some("  ")), Some(WebhookErrorKind::MissingHeader));
    for bad in ["garbage", "t=now,v1=00", &format!("v1={SIG}"), "t=,v1=00", "t=1;v1=00"] {
        assert_eq!(kind(&w, BODY, Some(bad)), Some(WebhookErrorKind::MalformedHeader), "{bad}");
    }
    assert_eq!(kind(&w, BODY, Some(&format!("t={T},v0={SIG}"))), Some(WebhookErrorKind::NoSignature));
    assert_eq!(kind(&w, BODY, Some(&format!("t={T}"))), Some(WebhookErrorKind::NoSignature));
    assert_eq!(kind(&webhook(&["whsec_wrong"], T), BODY, Some(&good)), Some(WebhookErrorKind::SignatureMismatch));
    assert_eq!(
        kind(&w, b"{\"id\": \"evt_test_webhook\", \"object\": \"event\"}", Some(&good)),
        Some(WebhookErrorKind::SignatureMismatch)
    );
    assert_eq!(kind(&w, BODY, Some(&format!("t={},v1={SIG}", T + 1))), Some(WebhookErrorKind::SignatureMismatch));
    assert_eq!(
        kind(&Webhook::with_secrets(Vec::<String>::new()), BODY, Some(&good)),
        Some(WebhookErrorKind::SignatureMismatch)
    );
    // The tolerance: 300 s by default, inclusive; configurable.
    assert_eq!(kind(&webhook(&[SECRET], T + 300), BODY, Some(&good)), None);
    assert_eq!(kind(&webhook(&[SECRET], T + 301), BODY, Some(&good)), Some(WebhookErrorKind::TooOld));
    let patient = webhook(&[SECRET], T + 3600).tolerance(Duration::from_secs(3600));
    assert_eq!(kind(&patient, BODY, Some(&good)), None);
    let strict = webhook(&[SECRET], T + 2).tolerance(Duration::from_secs(1));
    assert_eq!(kind(&strict, BODY, Some(&good)), Some(WebhookErrorKind::TooOld));
    // A wrong signature is a mismatch even when it is also stale.
    let stale_and_wrong = webhook(&["whsec_wrong"], T + 10_000);
    assert_eq!(kind(&stale_and_wrong, BODY, Some(&good)), Some(WebhookErrorKind::SignatureMismatch));
}

#[test]
fn messages_help_and_never_show_a_secret() {
    let secret = "whsec_do_not_print_me";
    let w = webhook(&[secret, "whsec_second_secret"], T + 1000);
    let header = Webhook::signature_header(BODY, secret, T);
    let mismatch = w.verify(b"{}", header.as_str()).expect_err("another body");
    let text = mismatch.to_string();
    assert!(text.contains("raw request body") && text.contains("secret"), "{text}");
    let stale = w.verify(BODY, header.as_str()).expect_err("too old");
    assert!(stale.to_string().contains("1000 s"), "{stale}");
    let all = [
        text,
        format!("{mismatch:?}"),
        stale.to_string(),
        format!("{stale:?}"),
        format!("{w:?}"),
        w.verify(BODY, None).expect_err("no header").to_string(),
        w.verify(BODY, "t=x").expect_err("malformed").to_string(),
    ];
    for s in &all {
        assert!(!s.contains("do_not_print") && !s.contains("second_secret"), "a secret in: {s}");
    }
}

proptest! {
    #![proptest_config(common::proptest_config(256))]

    #[test]
    fn any_changed_byte_is_refused(part in 0..3usize, at_index in any::<prop::sample::Index>(), flip in 1..=255u8) {
        let header = format!("t={T},v1={SIG}");
        let mut body = BODY.to_vec();
        let mut header_bytes = header.clone().into_bytes();
        match part {
            0 => {
                let i = at_index.index(body.len());
                body[i] ^= flip;
            }
            // Inside the timestamp's digits or the signature's hex.
            1 => {
                let i = 2 + at_index.index(T.to_string().len());
                header_bytes[i] = b'0' + (header_bytes[i] - b'0' + flip % 9 + 1) % 10;
            }
            _ => {
                let start = header.len() - SIG.len();
                let i = start + at_index.index(SIG.len());
                let hex = b"0123456789abcdef";
                let pos = hex.iter().position(|c| *c == header_bytes[i]).expect("hex");
                header_bytes[i] = hex[(pos + 1 + usize::from(flip % 15)) % 16];
            }
        }
        let header = String::from_utf8(header_bytes).expect("still ASCII");
        let w = webhook(&[SECRET], T);
        prop_assert!(w.verify(&body, header.as_str()).is_err(), "accepted {header} / {:?}", String::from_utf8_lossy(&body));
    }

    #[test]
    fn random_headers_and_bodies_are_refused_without_a_panic(header in "\\PC{0,80}", body in prop::collection::vec(any::<u8>(), 0..200), parts in prop::collection::vec(("[tv]?[01]?", "[0-9a-f=,]{0,70}"), 0..4)) {
        let w = webhook(&[SECRET, ""], T);
        prop_assert!(w.verify(&body, header.as_str()).is_err(), "accepted the header {header:?}");
        let built: Vec<String> = parts.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let built = built.join(",");
        prop_assert!(w.verify(&body, built.as_str()).is_err(), "accepted the header {built:?}");
        prop_assert!(w.construct_event(&body, built.as_str()).is_err(), "made an event with the header {built:?}");
        // Random bytes are not an event (the parser must say so, not panic).
        prop_assert!(Event::from_slice(&body).is_err(), "read {:?} as an event", String::from_utf8_lossy(&body));
    }
}

/// An event as Stripe sends it, `data.object` and the envelope's fields given.
fn event(envelope: &str, object: &str) -> Vec<u8> {
    format!(
        r#"{{"id":"evt_1","object":"event","created":1517000000,"livemode":false,"pending_webhooks":1,{envelope},"data":{{"object":{object}}}}}"#
    )
    .into_bytes()
}

const CHARGE: &str = r#"{"id":"ch_1","object":"charge","amount":2000,"amount_refunded":0,"captured":true,"created":1517000000,"currency":"usd","livemode":false,"metadata":{},"paid":true,"refunded":false,"refunds":{"object":"list","data":[],"has_more":false,"url":"/v1/charges/ch_1/refunds"},"status":"succeeded"}"#;

#[test]
fn a_verified_event_is_typed() {
    let body = event(
        r#""api_version":"2018-01-23","type":"charge.succeeded","request":{"id":"req_1","idempotency_key":"k1"}"#,
        CHARGE,
    );
    let header = Webhook::signature_header(&body, SECRET, T);
    let e = webhook(&[SECRET], T).construct_event(&body, header.as_str()).expect("a verified event");
    assert_eq!(e.id, "evt_1");
    assert_eq!(e.type_, EventType::ChargeSucceeded);
    assert!(e.api_version_matches());
    let request = e.request.as_ref().expect("a request");
    assert_eq!((request.id.as_deref(), request.idempotency_key.as_deref()), (Some("req_1"), Some("k1")));
    match &e.data.object {
        EventObject::Charge(c) => assert_eq!((c.id.as_str(), c.amount), ("ch_1", 2000)),
        other => panic!("not a charge: {other:?}"),
    }
    assert!(e.data.object_error.is_none());
    assert_eq!(e.data.raw_object.parse::<serde_json::Value>().expect("JSON")["amount"], 2000);
    assert_eq!(e.data.raw_object.get(), CHARGE, "exactly as sent");
    // Verification comes first: a forged event is never read.
    let forged = webhook(&["whsec_other"], T).construct_event(&body, header.as_str()).expect_err("forged");
    assert_eq!(forged.kind(), WebhookErrorKind::SignatureMismatch);
}

#[test]
fn events_of_other_versions_are_still_events() {
    // Rendered before 2017-05-25: `request` is the id; an unknown field.
    let old = event(
        r#""api_version":"2017-01-27","type":"customer.updated","request":"req_old","extra_field":{"a":1}"#,
        r#"{"id":"cus_1","object":"customer","email":"new@example.com","metadata":{}}"#,
    );
    let e = Event::from_slice(&old).expect("an old event");
    assert_eq!(e.request.as_ref().and_then(|r| r.id.as_deref()), Some("req_old"));
    assert!(!e.api_version_matches());
    // `api_version` null (events before October 2014), or absent; no request.
    let ancient = event(r#""api_version":null,"type":"ping","request":null"#, r#"{"object":"ping"}"#);
    let e = Event::from_slice(&ancient).expect("an ancient event");
    assert_eq!(e.api_version, None);
    assert!(!e.api_version_matches());
    assert!(matches!(e.data.object, EventObject::Unrecognized(_)) && e.data.object_error.is_none());
    let bare = event(r#""type":"ping""#, "{}");
    assert!(Event::from_slice(&bare).is_ok());
    // A type and an object this crate does not know: kept.
    let newer = event(
        r#""api_version":"2030-01-01","type":"quantum.entangled""#,
        r#"{"id":"qe_1","object":"quantum","spin":"up"}"#,
    );
    let e = Event::from_slice(&newer).expect("a newer event");
    assert_eq!(e.type_, EventType::Unrecognized("quantum.entangled".into()));
    assert_eq!(e.type_.as_str(), "quantum.entangled");
    match &e.data.object {
        EventObject::Unrecognized(v) => assert_eq!(v["spin"], "up"),
        other => panic!("{other:?}"),
    }
    // A known object that does not decode at this version: the event, the
    // JSON and the reason (object and field) are all there.
    let changed = CHARGE.replace(r#""amount":2000"#, r#""amount":{"value":2000,"currency":"usd"}"#);
    let e = Event::from_slice(&event(r#""api_version":"2030-01-01","type":"charge.succeeded""#, &changed))
        .expect("still an event");
    assert!(matches!(e.data.object, EventObject::Unrecognized(_)));
    let why = e.data.object_error.as_ref().expect("the reason");
    assert_eq!((why.object(), why.path()), (Some("charge"), "amount"));
    assert!(why.to_string().contains("`charge`") && why.to_string().contains("`amount`"), "{why}");
    assert_eq!(e.data.raw_object.parse::<serde_json::Value>().expect("JSON")["amount"]["value"], 2000);
    // `previous_attributes`, raw.
    let updated = r#"{"id":"evt_2","object":"event","created":1,"livemode":false,"pending_webhooks":0,"type":"customer.updated","data":{"object":{"id":"cus_1","object":"customer"},"previous_attributes":{"email":"old@example.com"}}}"#;
    let e = Event::from_slice(updated.as_bytes()).expect("an update");
    assert_eq!(e.data.previous_attributes.as_ref().map(|p| p["email"].clone()), Some("old@example.com".into()));
}

#[test]
fn an_invoice_without_an_id_still_gives_the_event() {
    // Shaped like the upcoming-invoice event Stripe rendered at 2017-06-05:
    // an upcoming invoice has no `id` yet.
    let body = event(
        r#""api_version":"2017-06-05","type":"invoice.upcoming","request":{"id":null,"idempotency_key":null}"#,
        r#"{"object":"invoice","amount_due":0,"currency":"usd","customer":"cus_1","lines":{"object":"list","data":[],"has_more":false,"url":"/v1/invoices/upcoming/lines"}}"#,
    );
    let e = Event::from_slice(&body).expect("the event");
    assert_eq!(e.type_, EventType::InvoiceUpcoming);
    assert!(matches!(e.data.object, EventObject::Unrecognized(_)));
    let why = e.data.object_error.as_ref().expect("the missing id");
    assert_eq!(why.object(), Some("invoice"));
    assert!(why.message().contains("id"), "{why}");
    // It re-encodes as it came.
    let back = serde_json::to_value(&e).expect("encodes");
    assert_eq!(back["data"]["object"]["amount_due"], 0);
    assert_eq!(back["type"], "invoice.upcoming");
}

#[test]
fn a_body_that_is_no_event_is_refused_with_where() {
    for (body, needle) in [(&b"not json"[..], "not an event"), (b"{}", "missing field"), (br#"{"id":1}"#, "`id`")] {
        let err = Event::from_slice(body).expect_err("not an event");
        assert_eq!(err.kind(), WebhookErrorKind::NotAnEvent);
        assert!(err.to_string().contains(needle), "{err}");
    }
    let body = br#"{"id":"evt_1"} trailing"#;
    assert!(Event::from_slice(body).is_err());
}
