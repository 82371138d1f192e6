//! Building a client: the base URL and its scheme rule, the timeout, the
//! secret key (checked, sent as a bearer token, never printed) and the
//! `User-Agent`.

use crate::common;

use common::{KEY, builder, client, header, received, respond, single};
use std::time::Duration;
use stripe_client::{Balance, Client, ErrorKind, RequestOptions};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[test]
fn default_base_url_is_stripe() {
    let client = Client::new(KEY).unwrap();
    assert_eq!(client.base_url(), "https://api.stripe.com");
    assert_eq!(client.api_version(), stripe_client::API_VERSION);
}

#[test]
fn plain_http_is_refused_unless_loopback() {
    for url in ["http://api.stripe.com", "http://10.0.0.1:12111", "http://127.0.0.1.example.com"] {
        let err = Client::builder(KEY).base_url(url).build().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config, "{url}");
        let text = err.to_string();
        assert!(text.contains("plain http") && text.contains("loopback"), "{url}: {text}");
    }
    for url in ["http://127.0.0.1:12111", "http://localhost:12111", "http://[::1]:12111", "https://stripe.internal"] {
        let client = Client::builder(KEY).base_url(url).build().unwrap();
        assert_eq!(client.base_url(), url);
    }
    let err = Client::builder(KEY).base_url("ftp://127.0.0.1").build().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config);
}

#[tokio::test]
async fn a_slow_answer_times_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(common::balance()).set_delay(Duration::from_secs(2)))
        .mount(&server)
        .await;
    let client = builder(&server).timeout(Duration::from_millis(100)).max_retries(0).build().unwrap();
    let started = std::time::Instant::now();
    let err = Balance::retrieve(&client).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err}");
    assert_eq!(err.attempts(), 1);
    assert!(started.elapsed() < Duration::from_secs(1), "gave up after {:?}", started.elapsed());
    assert!(err.to_string().contains("100ms"), "{err}");
}

#[tokio::test]
async fn a_timed_out_attempt_is_retried() {
    let server = MockServer::start().await;
    let slow = ResponseTemplate::new(200).set_body_json(common::balance()).set_delay(Duration::from_secs(2));
    Mock::given(method("GET")).respond_with(slow).up_to_n_times(1).mount(&server).await;
    respond(&server, "GET", "/v1/balance", 200, common::balance()).await;
    let client = builder(&server).timeout(Duration::from_millis(500)).build().unwrap();
    let response = Balance::retrieve(&client).send_with_response().await.unwrap();
    assert_eq!(response.attempts, 2);
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn timeouts_exhaust_the_retries() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(common::balance()).set_delay(Duration::from_secs(2)))
        .mount(&server)
        .await;
    let client = builder(&server).timeout(Duration::from_millis(100)).max_retries(2).build().unwrap();
    let err = Balance::retrieve(&client).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert_eq!(err.attempts(), 3);
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn the_key_is_a_bearer_token() {
    let server = MockServer::start().await;
    respond(&server, "GET", "/v1/balance", 200, common::balance()).await;
    Balance::retrieve(&client(&server)).await.unwrap();
    let req = single(&server).await;
    assert_eq!(header(&req, "authorization"), Some(format!("Bearer {KEY}").as_str()));
    assert_eq!(header(&req, "accept"), Some("application/json"));
}

#[tokio::test]
async fn bad_keys_are_refused_before_sending() {
    let server = MockServer::start().await;
    respond(&server, "GET", "/v1/balance", 200, common::balance()).await;
    for bad in ["", "sk_test_a b", "sk_test_a\r\nX-Evil: 1", "sk_test_a\n", "sk_test_\u{e9}"] {
        let err = Client::builder(bad).base_url(server.uri()).build().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config, "{bad:?}");
        if !bad.is_empty() {
            assert!(!err.to_string().contains("sk_test_a"), "the error repeats the key: {err}");
        }
        // The same key given for one request.
        let err = Balance::retrieve(&client(&server)).api_key(bad).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config, "{bad:?}");
        assert_eq!(err.attempts(), 0);
    }
    assert!(received(&server).await.is_empty(), "a request went out with a bad key");
}

#[tokio::test]
async fn the_key_never_appears_in_debug_or_errors() {
    const SECRET: &str = "sk_test_SuperSecret123";
    const OTHER: &str = "sk_test_OtherSecret456";
    let server = MockServer::start().await;
    respond(&server, "GET", "/v1/balance", 401, common::error_body("authentication_error", None, "Invalid API Key"))
        .await;
    let builder = Client::builder(SECRET).base_url(server.uri()).max_retries(0);
    let client = builder.clone().build().unwrap();
    let options = RequestOptions::new().api_key(OTHER).idempotency_key("k1");
    let request = Balance::retrieve(&client).options(options.clone());
    let api_error = request.clone().await.unwrap_err();
    assert_eq!(api_error.kind(), ErrorKind::Authentication);
    let bad_key = Client::builder(format!("{SECRET}\n")).build().unwrap_err();
    let bad_request_key = Balance::retrieve(&client).api_key(format!("{OTHER} x")).await.unwrap_err();
    let refused = Client::new(SECRET).unwrap();
    let connection = Balance::retrieve(
        &Client::builder(SECRET)
            .base_url(format!("http://127.0.0.1:{}", common::closed_port()))
            .max_retries(0)
            .build()
            .unwrap(),
    )
    .await
    .unwrap_err();
    let printed = [
        format!("{builder:?}"),
        format!("{client:?}"),
        format!("{refused:?}"),
        format!("{options:?}"),
        format!("{request:?}"),
        format!("{api_error:?} {api_error}"),
        format!("{bad_key:?} {bad_key}"),
        format!("{bad_request_key:?} {bad_request_key}"),
        format!("{connection:?} {connection}"),
    ];
    for text in printed {
        assert!(!text.contains("SuperSecret") && !text.contains("OtherSecret"), "key printed in: {text}");
    }
}

#[tokio::test]
async fn user_agent_names_the_crate_and_version() {
    let server = MockServer::start().await;
    respond(&server, "GET", "/v1/balance", 200, common::balance()).await;
    Balance::retrieve(&client(&server)).await.unwrap();
    let with_app = builder(&server).app_info("shop", "1.2.3").build().unwrap();
    Balance::retrieve(&with_app).await.unwrap();
    let reqs = received(&server).await;
    let expected = format!("stripe-client/{} (Rust)", env!("CARGO_PKG_VERSION"));
    assert_eq!(header(&reqs[0], "user-agent"), Some(expected.as_str()));
    assert_eq!(header(&reqs[1], "user-agent"), Some(format!("{expected} shop/1.2.3").as_str()));
}

#[tokio::test]
async fn a_custom_http_client_still_gets_our_user_agent_and_timeout() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(common::balance()).set_delay(Duration::from_secs(2)))
        .mount(&server)
        .await;
    // reqwest is built without a default TLS provider; the application
    // that brings its own client installs one.
    let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
    let client = builder(&server)
        .http_client(reqwest::Client::new())
        .timeout(Duration::from_millis(100))
        .max_retries(0)
        .build()
        .unwrap();
    let err = Balance::retrieve(&client).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    let req = single(&server).await;
    let expected = format!("stripe-client/{} (Rust)", env!("CARGO_PKG_VERSION"));
    assert_eq!(header(&req, "user-agent"), Some(expected.as_str()));
}
