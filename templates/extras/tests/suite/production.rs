//! What a team running payments in production relies on, each as it shows
//! on the wire: decode errors that name the API version, the idempotency
//! key on every error of a POST and the replay flag on success, time
//! budgets (per attempt and in all), complete API errors and Stripe's
//! telemetry headers. `request_spans.rs` checks the `tracing` spans.

use crate::common;

use common::{KEY, builder, client, header, received, respond, respond_times, single};
use serde_json::{Value, json};
use std::time::{Duration, Instant};
use stripe_client::{API_VERSION, Balance, Charge, Client, CreateCharge, Error, ErrorKind};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A balance whose `available` is not a list: fine JSON, wrong shape.
async fn reshaped_balance() -> MockServer {
    let server = MockServer::start().await;
    let body = json!({"object": "balance", "available": "not a list", "pending": [], "livemode": false});
    respond(&server, "GET", "/v1/balance", 200, body).await;
    server
}

#[tokio::test]
async fn a_decode_failure_under_another_api_version_says_so() {
    let server = reshaped_balance().await;
    let client = client(&server);
    let err = Balance::retrieve(&client).api_version("2099-01-01").await.unwrap_err();
    let decode = err.decode().expect("a decode error");
    assert!(decode.version_mismatch());
    assert_eq!((decode.api_version.as_str(), decode.type_name.as_str()), ("2099-01-01", "Balance"));
    assert_eq!(decode.path, "available");
    let text = err.to_string();
    for needle in ["Balance", "`available`", "2099-01-01", API_VERSION, ".json()", "regenerate"] {
        assert!(text.contains(needle), "{needle} is missing from: {text}");
    }
    // The untyped path reads the same response.
    let raw = Balance::retrieve(&client).api_version("2099-01-01").json().await.unwrap();
    assert_eq!(raw["available"], "not a list");
    // A client-wide version counts the same.
    let pinned = builder(&server).api_version("2099-01-01").build().unwrap();
    let err = Balance::retrieve(&pinned).await.unwrap_err();
    assert!(err.decode().is_some_and(|d| d.version_mismatch()), "{err}");
}

#[tokio::test]
async fn a_decode_failure_under_the_crates_version_names_type_and_field_only() {
    let server = reshaped_balance().await;
    let err = Balance::retrieve(&client(&server)).await.unwrap_err();
    let decode = err.decode().expect("a decode error");
    assert!(!decode.version_mismatch());
    assert_eq!(decode.api_version, API_VERSION);
    let text = err.to_string();
    assert!(text.contains("Balance") && text.contains("`available`"), "{text}");
    assert!(!text.contains("regenerate"), "{text}");
}

#[tokio::test]
async fn every_error_of_a_post_carries_the_key_that_replays_it() {
    let server = MockServer::start().await;
    let failure = ResponseTemplate::new(500).set_body_json(common::error_body("api_error", None, "try later"));
    respond_times(&server, "POST", "/v1/charges", 1, failure).await;
    let replayed = common::ok(&common::charge("ch_1")).insert_header("Idempotent-Replayed", "true");
    respond_times(&server, "POST", "/v1/charges", 1, replayed).await;
    let client = client(&server);
    let params = CreateCharge::new(2000, "usd");

    let err = Charge::create(&client, &params).max_retries(0).await.unwrap_err();
    let key = err.idempotency_key().expect("a failed POST carries its key").to_owned();
    assert_eq!(err.api().and_then(|e| e.idempotency_key.as_deref()), Some(key.as_str()));
    assert_eq!(header(&single(&server).await, "idempotency-key"), Some(key.as_str()));

    let replay = Charge::create(&client, &params).idempotency_key(&key).send_with_response().await.unwrap();
    assert!(replay.idempotent_replayed);
    assert_eq!(replay.idempotency_key.as_deref(), Some(key.as_str()));
    assert_eq!(header(&received(&server).await[1], "idempotency-key"), Some(key.as_str()));
}

#[tokio::test]
async fn a_fresh_response_is_not_marked_replayed() {
    let server = MockServer::start().await;
    respond(&server, "POST", "/v1/charges", 200, common::charge("ch_1")).await;
    let response =
        Charge::create(&client(&server), &CreateCharge::new(2000, "usd")).send_with_response().await.unwrap();
    assert!(!response.idempotent_replayed);
    assert!(response.idempotency_key.is_some());
}

#[tokio::test]
async fn connection_failures_timeouts_and_decode_errors_carry_the_key_too() {
    let refused = Client::builder(KEY)
        .base_url(format!("http://127.0.0.1:{}", common::closed_port()))
        .max_retries(0)
        .build()
        .unwrap();
    let err = Charge::create(&refused, &CreateCharge::new(2000, "usd")).idempotency_key("order-1").await.unwrap_err();
    assert_eq!((err.kind(), err.idempotency_key()), (ErrorKind::Connection, Some("order-1")));

    let server = MockServer::start().await;
    let slow = common::ok(&common::charge("ch_1")).set_delay(Duration::from_secs(3));
    respond_times(&server, "POST", "/v1/charges", 1, slow).await;
    respond(&server, "POST", "/v1/charges", 200, json!({"id": 5})).await;
    let client = client(&server);
    let err = Charge::create(&client, &CreateCharge::new(2000, "usd"))
        .timeout(Duration::from_millis(200))
        .max_retries(0)
        .await
        .unwrap_err();
    match &err {
        Error::Timeout { timeout, deadline: false, .. } => assert_eq!(*timeout, Duration::from_millis(200)),
        other => panic!("expected a per-attempt timeout, got {other}"),
    }
    assert!(err.idempotency_key().is_some(), "{err:?}");

    let err = Charge::create(&client, &CreateCharge::new(2000, "usd")).idempotency_key("order-2").await.unwrap_err();
    assert_eq!((err.kind(), err.idempotency_key()), (ErrorKind::Decode, Some("order-2")));

    // GET and DELETE send no key, so their errors have none.
    let err = Balance::retrieve(&refused).await.unwrap_err();
    assert_eq!(err.idempotency_key(), None);
}

#[tokio::test]
async fn the_deadline_cuts_an_attempt_short() {
    let server = MockServer::start().await;
    let slow = common::ok(&common::balance()).set_delay(Duration::from_secs(3));
    Mock::given(method("GET")).and(path("/v1/balance")).respond_with(slow).mount(&server).await;
    let client =
        builder(&server).timeout(Duration::from_secs(30)).deadline(Duration::from_millis(300)).build().unwrap();
    let started = Instant::now();
    let err = Balance::retrieve(&client).await.unwrap_err();
    let took = started.elapsed();
    assert!(matches!(err, Error::Timeout { deadline: true, .. }), "{err}");
    assert_eq!(err.attempts(), 1);
    assert!(took < Duration::from_millis(2000), "the deadline of 300 ms was not kept: {took:?}");
    assert!(err.to_string().contains("deadline"), "{err}");
}

#[tokio::test]
async fn a_retry_never_sleeps_past_the_deadline() {
    let server = MockServer::start().await;
    respond(&server, "GET", "/v1/balance", 503, common::error_body("api_error", None, "busy")).await;
    // Waits of 2 s between attempts, a deadline of 500 ms: no retry fits.
    let client = builder(&server).retry_backoff(Duration::from_secs(2), Duration::from_secs(2)).build().unwrap();
    let started = Instant::now();
    let err = Balance::retrieve(&client).deadline(Duration::from_millis(500)).await.unwrap_err();
    let took = started.elapsed();
    assert_eq!((err.status(), err.attempts()), (Some(503), 1), "{err}");
    assert!(took < Duration::from_millis(1500), "slept past the deadline: {took:?}");

    // With room for them, the same policy retries.
    let fast = builder(&server).build().unwrap();
    let err = Balance::retrieve(&fast).deadline(Duration::from_secs(20)).await.unwrap_err();
    assert_eq!(err.attempts(), 3, "{err}");
}

#[tokio::test]
async fn api_errors_keep_everything_stripe_sends() {
    let server = MockServer::start().await;
    let body = json!({"error": {
        "type": "card_error",
        "code": "card_declined",
        "decline_code": "generic_decline",
        "message": "Your card was declined.\nTry another card.",
        "param": "payment_method",
        "charge": "ch_1",
        "doc_url": "https://stripe.com/docs/error-codes/card-declined",
        "request_log_url": "https://dashboard.stripe.com/test/logs/req_1?t=1",
        "payment_intent": {"id": "pi_1", "object": "payment_intent", "status": "requires_payment_method"},
        "payment_method": {"id": "pm_1", "object": "payment_method"},
        "setup_intent": {"id": "seti_1", "object": "setup_intent"},
        "source": {"id": "card_1", "object": "card"},
        "a_field_from_the_future": {"x": 1}
    }});
    let template = ResponseTemplate::new(402).set_body_json(body).insert_header("Request-Id", "req_1");
    Mock::given(method("POST")).and(path("/v1/charges")).respond_with(template).mount(&server).await;
    let err = Charge::create(&client(&server), &CreateCharge::new(2000, "usd")).await.unwrap_err();
    let api = err.api().expect("an API error");
    assert_eq!(api.doc_url.as_deref(), Some("https://stripe.com/docs/error-codes/card-declined"));
    assert_eq!(api.request_log_url.as_deref(), Some("https://dashboard.stripe.com/test/logs/req_1?t=1"));
    assert_eq!(api.payment_intent.as_ref().map(|v| &v["id"]), Some(&json!("pi_1")));
    assert_eq!(api.payment_method.as_ref().map(|v| &v["id"]), Some(&json!("pm_1")));
    assert_eq!(api.setup_intent.as_ref().map(|v| &v["id"]), Some(&json!("seti_1")));
    assert_eq!(api.source.as_ref().map(|v| &v["id"]), Some(&json!("card_1")));
    assert_eq!(api.decline_code.as_deref(), Some("generic_decline"));
    let raw = api.raw.as_ref().expect("the raw body");
    assert_eq!(raw["error"]["a_field_from_the_future"]["x"], 1);
    let text = err.to_string();
    assert!(!text.contains('\n'), "Display is one line: {text}");
    assert!(text.contains("Your card was declined. Try another card.") && text.contains("req_1"), "{text}");
}

#[tokio::test]
async fn telemetry_headers_are_sent_as_stripes_libraries_send_them() {
    let server = MockServer::start().await;
    let answer = common::ok(&common::balance()).insert_header("Request-Id", "req_first");
    Mock::given(method("GET")).and(path("/v1/balance")).respond_with(answer).mount(&server).await;
    let client = builder(&server).app_info("shop", "1.2.3").app_url("https://shop.example").build().unwrap();
    Balance::retrieve(&client).await.unwrap();
    Balance::retrieve(&client).await.unwrap();
    let reqs = received(&server).await;

    let ua: Value = serde_json::from_str(header(&reqs[0], "x-stripe-client-user-agent").expect("the header"))
        .expect("X-Stripe-Client-User-Agent is JSON");
    assert_eq!(ua["lang"], "rust");
    assert_eq!(ua["bindings_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(ua["publisher"], env!("CARGO_PKG_NAME"));
    let lang_version = ua["lang_version"].as_str().unwrap_or_default();
    assert!(lang_version.starts_with("1."), "lang_version is the compiler's version: {ua}");
    assert_eq!(ua["application"], json!({"name": "shop", "version": "1.2.3", "url": "https://shop.example"}));
    let agent = header(&reqs[0], "user-agent").unwrap_or_default();
    assert!(agent.ends_with("shop/1.2.3 (https://shop.example)"), "{agent}");

    assert_eq!(header(&reqs[0], "x-stripe-client-telemetry"), None, "the first request has nothing to report");
    let telemetry: Value = serde_json::from_str(header(&reqs[1], "x-stripe-client-telemetry").expect("the header"))
        .expect("X-Stripe-Client-Telemetry is JSON");
    assert_eq!(telemetry["last_request_metrics"]["request_id"], "req_first");
    assert!(telemetry["last_request_metrics"]["request_duration_ms"].is_u64(), "{telemetry}");
    assert_eq!(telemetry.as_object().map(|o| o.len()), Some(1), "nothing else is sent: {telemetry}");
    for req in &reqs {
        for (name, value) in &req.headers {
            let value = value.to_str().unwrap_or_default();
            assert!(name == "authorization" || !value.contains(KEY), "the key is in {name}: {value}");
        }
    }

    let quiet = builder(&server).telemetry(false).build().unwrap();
    Balance::retrieve(&quiet).await.unwrap();
    Balance::retrieve(&quiet).await.unwrap();
    let reqs = received(&server).await;
    assert_eq!(header(&reqs[3], "x-stripe-client-telemetry"), None, "telemetry(false) sends none");
    assert!(header(&reqs[3], "x-stripe-client-user-agent").is_some());
}
