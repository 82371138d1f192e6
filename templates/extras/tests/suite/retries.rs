//! Retries: how many, on what, what `Stripe-Should-Retry` changes, and the
//! backoff between attempts.

use crate::common;

use common::{builder, client, error_body, received, respond_times};
use std::time::{Duration, Instant};
use stripe_client::{Balance, Charge, CreateCharge, ErrorKind};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server that answers every request with `status` (and `header`).
async fn always(status: u16, header: Option<(&str, &str)>) -> MockServer {
    let server = MockServer::start().await;
    let mut template = ResponseTemplate::new(status).set_body_json(error_body("api_error", None, "try again"));
    if let Some((name, value)) = header {
        template = template.insert_header(name, value);
    }
    Mock::given(any()).respond_with(template).mount(&server).await;
    server
}

async fn attempts_of(server: &MockServer) -> usize {
    received(server).await.len()
}

#[tokio::test]
async fn two_retries_by_default() {
    let server = always(500, None).await;
    let err = Charge::create(&client(&server), &CreateCharge::new(2000, "usd")).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Api);
    assert_eq!(err.attempts(), 3);
    assert_eq!(attempts_of(&server).await, 3);
    assert!(err.to_string().contains("after 3 attempts"), "{err}");
}

#[tokio::test]
async fn retries_are_configurable_per_client() {
    for (retries, expected) in [(0, 1), (1, 2), (4, 5)] {
        let server = always(503, None).await;
        let client = builder(&server).max_retries(retries).build().unwrap();
        let err = Balance::retrieve(&client).await.unwrap_err();
        assert_eq!(err.attempts(), expected, "max_retries({retries})");
        assert_eq!(attempts_of(&server).await, expected as usize);
    }
}

#[tokio::test]
async fn retries_are_configurable_per_request() {
    let server = always(500, None).await;
    let client = builder(&server).max_retries(0).build().unwrap();
    let err = Balance::retrieve(&client).max_retries(3).await.unwrap_err();
    assert_eq!(err.attempts(), 4);
    let server = always(500, None).await;
    let client = builder(&server).max_retries(5).build().unwrap();
    let err = Balance::retrieve(&client).max_retries(0).await.unwrap_err();
    assert_eq!(err.attempts(), 1);
    assert_eq!(attempts_of(&server).await, 1);
}

#[tokio::test]
async fn retryable_statuses_are_retried_until_success() {
    for status in [409, 429, 500, 502, 503, 504] {
        let server = MockServer::start().await;
        respond_times(&server, "POST", "/v1/charges", 2, ResponseTemplate::new(status)).await;
        common::respond(&server, "POST", "/v1/charges", 200, common::charge("ch_1")).await;
        let response =
            Charge::create(&client(&server), &CreateCharge::new(2000, "usd")).send_with_response().await.unwrap();
        assert_eq!(response.attempts, 3, "{status}");
        assert_eq!(response.data.id, "ch_1");
    }
}

#[tokio::test]
async fn client_errors_are_never_retried() {
    for status in [400, 401, 402, 403, 404] {
        let server = always(status, None).await;
        let client = builder(&server).max_retries(5).build().unwrap();
        let err = Charge::create(&client, &CreateCharge::new(2000, "usd")).await.unwrap_err();
        assert_eq!(err.attempts(), 1, "{status}");
        assert_eq!(attempts_of(&server).await, 1, "{status}");
    }
}

#[tokio::test]
async fn should_retry_false_stops_a_retryable_status() {
    let server = always(500, Some(("Stripe-Should-Retry", "false"))).await;
    let err = Charge::create(&client(&server), &CreateCharge::new(2000, "usd")).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Api);
    assert_eq!(err.attempts(), 1);
    assert_eq!(attempts_of(&server).await, 1);
}

#[tokio::test]
async fn should_retry_true_retries_a_client_error() {
    let server = always(400, Some(("Stripe-Should-Retry", "true"))).await;
    let err = Charge::create(&client(&server), &CreateCharge::new(2000, "usd")).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidRequest);
    assert_eq!(err.attempts(), 3);
    assert_eq!(attempts_of(&server).await, 3);

    let server = MockServer::start().await;
    let conflict = ResponseTemplate::new(400).insert_header("Stripe-Should-Retry", "true");
    respond_times(&server, "POST", "/v1/charges", 1, conflict).await;
    common::respond(&server, "POST", "/v1/charges", 200, common::charge("ch_1")).await;
    let response =
        Charge::create(&client(&server), &CreateCharge::new(2000, "usd")).send_with_response().await.unwrap();
    assert_eq!(response.attempts, 2);
}

#[tokio::test]
async fn connection_errors_are_retried() {
    let port = common::closed_port();
    let client = stripe_client::Client::builder(common::KEY)
        .base_url(format!("http://127.0.0.1:{port}"))
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
        .build()
        .unwrap();
    let err = Charge::create(&client, &CreateCharge::new(2000, "usd")).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Connection);
    assert_eq!(err.attempts(), 3);
    assert!(err.to_string().contains("after 3 attempt"), "{err}");
}

#[tokio::test]
async fn retry_after_is_bounded_by_the_largest_backoff() {
    let server = MockServer::start().await;
    respond_times(&server, "GET", "/v1/balance", 1, ResponseTemplate::new(429).insert_header("Retry-After", "60"))
        .await;
    common::respond(&server, "GET", "/v1/balance", 200, common::balance()).await;
    let started = Instant::now();
    let response = Balance::retrieve(&client(&server)).send_with_response().await.unwrap();
    assert_eq!(response.attempts, 2);
    assert!(started.elapsed() < Duration::from_secs(2), "waited {:?}", started.elapsed());
}

#[tokio::test]
async fn the_default_backoff_waits_between_attempts() {
    let server = MockServer::start().await;
    respond_times(&server, "GET", "/v1/balance", 1, ResponseTemplate::new(500)).await;
    common::respond(&server, "GET", "/v1/balance", 200, common::balance()).await;
    let client = stripe_client::Client::builder(common::KEY).base_url(server.uri()).build().unwrap();
    let started = Instant::now();
    let response = Balance::retrieve(&client).send_with_response().await.unwrap();
    let waited = started.elapsed();
    assert_eq!(response.attempts, 2);
    // The first retry waits 0.5 s (jittered down, then raised back to the
    // initial wait); never more than the 5 s cap.
    assert!(waited >= Duration::from_millis(500), "retried after only {waited:?}");
    assert!(waited < Duration::from_secs(5), "waited {waited:?}");
}

#[tokio::test]
async fn a_decode_error_after_retries_reports_every_attempt() {
    let server = MockServer::start().await;
    respond_times(&server, "GET", "/v1/balance", 1, ResponseTemplate::new(503)).await;
    common::respond(&server, "GET", "/v1/balance", 200, serde_json::json!({"object": "balance"})).await;
    let err = Balance::retrieve(&client(&server)).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert_eq!(err.attempts(), 2);
}
