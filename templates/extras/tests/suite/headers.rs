//! Per-request options, `Stripe-Version`, `Stripe-Account` and
//! `Idempotency-Key`, as they appear on the wire.

use crate::common;

use common::{KEY, builder, client, header, received, respond, respond_times, single};
use serde_json::json;
use stripe_client::{API_VERSION, Balance, Charge, Client, CreateCharge, Customer, ErrorKind, RequestOptions};
use wiremock::{MockServer, ResponseTemplate};

async fn balance_server() -> MockServer {
    let server = MockServer::start().await;
    respond(&server, "GET", "/v1/balance", 200, common::balance()).await;
    server
}

async fn charge_server() -> MockServer {
    let server = MockServer::start().await;
    respond(&server, "POST", "/v1/charges", 200, common::charge("ch_1")).await;
    server
}

#[tokio::test]
async fn per_request_options_are_sent() {
    let server = charge_server().await;
    let client = client(&server);
    Charge::create(&client, &CreateCharge::new(2000, "usd"))
        .api_key("sk_test_connected")
        .idempotency_key("order-6735")
        .stripe_account("acct_1032D82eZvKYlo2C")
        .api_version("2019-02-19")
        .await
        .unwrap();
    let req = single(&server).await;
    assert_eq!(header(&req, "authorization"), Some("Bearer sk_test_connected"));
    assert_eq!(header(&req, "idempotency-key"), Some("order-6735"));
    assert_eq!(header(&req, "stripe-account"), Some("acct_1032D82eZvKYlo2C"));
    assert_eq!(header(&req, "stripe-version"), Some("2019-02-19"));
}

#[tokio::test]
async fn request_options_can_be_given_as_one_value() {
    let server = charge_server().await;
    let options = RequestOptions::new()
        .api_key("sk_test_other")
        .idempotency_key("k-1")
        .stripe_account("acct_2")
        .api_version("2017-08-15")
        .max_retries(0);
    Charge::create(&client(&server), &CreateCharge::new(2000, "usd")).options(options).await.unwrap();
    let req = single(&server).await;
    assert_eq!(header(&req, "authorization"), Some("Bearer sk_test_other"));
    assert_eq!(header(&req, "idempotency-key"), Some("k-1"));
    assert_eq!(header(&req, "stripe-account"), Some("acct_2"));
    assert_eq!(header(&req, "stripe-version"), Some("2017-08-15"));
}

#[tokio::test]
async fn per_request_options_do_not_leak_into_the_next_request() {
    let server = balance_server().await;
    let client = client(&server);
    Balance::retrieve(&client)
        .api_key("sk_test_other")
        .stripe_account("acct_2")
        .api_version("2019-02-19")
        .await
        .unwrap();
    Balance::retrieve(&client).await.unwrap();
    let reqs = received(&server).await;
    assert_eq!(header(&reqs[1], "authorization"), Some(format!("Bearer {KEY}").as_str()));
    assert_eq!(header(&reqs[1], "stripe-account"), None);
    assert_eq!(header(&reqs[1], "stripe-version"), Some(API_VERSION));
}

#[tokio::test]
async fn stripe_account_per_client_and_per_request() {
    let server = balance_server().await;
    let client = builder(&server).stripe_account("acct_default").build().unwrap();
    Balance::retrieve(&client).await.unwrap();
    Balance::retrieve(&client).stripe_account("acct_other").await.unwrap();
    let reqs = received(&server).await;
    assert_eq!(header(&reqs[0], "stripe-account"), Some("acct_default"));
    assert_eq!(header(&reqs[1], "stripe-account"), Some("acct_other"));
}

#[tokio::test]
async fn stripe_version_defaults_to_the_spec_version() {
    let server = balance_server().await;
    Balance::retrieve(&client(&server)).await.unwrap();
    let req = single(&server).await;
    assert_eq!(API_VERSION, "2018-01-23");
    assert_eq!(header(&req, "stripe-version"), Some(API_VERSION));
}

#[tokio::test]
async fn stripe_version_per_client_then_per_request() {
    let server = balance_server().await;
    let client = builder(&server).api_version("2020-08-27").build().unwrap();
    assert_eq!(client.api_version(), "2020-08-27");
    Balance::retrieve(&client).await.unwrap();
    Balance::retrieve(&client).api_version("2022-11-15").await.unwrap();
    let reqs = received(&server).await;
    assert_eq!(header(&reqs[0], "stripe-version"), Some("2020-08-27"));
    assert_eq!(header(&reqs[1], "stripe-version"), Some("2022-11-15"));
}

#[tokio::test]
async fn header_values_with_line_breaks_are_refused_before_sending() {
    let server = charge_server().await;
    let client = client(&server);
    let params = CreateCharge::new(2000, "usd");
    let cases = [
        Charge::create(&client, &params).idempotency_key("k\r\nX-Evil: 1"),
        Charge::create(&client, &params).stripe_account("acct_1\nX: y"),
        Charge::create(&client, &params).api_version(""),
    ];
    for request in cases {
        let err = request.await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Validation, "{err}");
    }
    assert!(Client::builder(KEY).api_version("2018-01-23\r\n").build().is_err());
    assert!(received(&server).await.is_empty());
}

#[tokio::test]
async fn an_explicit_idempotency_key_is_sent_on_every_attempt() {
    let server = MockServer::start().await;
    respond_times(&server, "POST", "/v1/charges", 1, ResponseTemplate::new(500)).await;
    respond(&server, "POST", "/v1/charges", 200, common::charge("ch_1")).await;
    let response = Charge::create(&client(&server), &CreateCharge::new(2000, "usd"))
        .idempotency_key("order-6735")
        .send_with_response()
        .await
        .unwrap();
    assert_eq!(response.idempotency_key.as_deref(), Some("order-6735"));
    let reqs = received(&server).await;
    assert_eq!(reqs.len(), 2);
    for req in &reqs {
        assert_eq!(header(req, "idempotency-key"), Some("order-6735"));
    }
}

#[tokio::test]
async fn a_post_gets_one_uuid_v4_key_reused_across_retries() {
    let server = MockServer::start().await;
    respond_times(&server, "POST", "/v1/charges", 2, ResponseTemplate::new(500)).await;
    respond(&server, "POST", "/v1/charges", 200, common::charge("ch_1")).await;
    let response =
        Charge::create(&client(&server), &CreateCharge::new(2000, "usd")).send_with_response().await.unwrap();
    assert_eq!(response.attempts, 3);
    let reqs = received(&server).await;
    let keys: Vec<&str> = reqs.iter().map(|r| header(r, "idempotency-key").expect("a POST has a key")).collect();
    assert_eq!(keys.len(), 3);
    assert_eq!(keys[0], keys[1]);
    assert_eq!(keys[1], keys[2]);
    let uuid = uuid::Uuid::parse_str(keys[0]).unwrap();
    assert_eq!(uuid.get_version_num(), 4, "{uuid}");
    assert_eq!(keys[0], uuid.hyphenated().to_string(), "lower-case hyphenated form");
    assert_eq!(response.idempotency_key.as_deref(), Some(keys[0]));
}

#[tokio::test]
async fn separate_posts_get_separate_keys() {
    let server = charge_server().await;
    let client = client(&server);
    let params = CreateCharge::new(2000, "usd");
    Charge::create(&client, &params).await.unwrap();
    Charge::create(&client, &params).await.unwrap();
    let reqs = received(&server).await;
    assert_ne!(header(&reqs[0], "idempotency-key"), header(&reqs[1], "idempotency-key"));
}

#[tokio::test]
async fn get_and_delete_send_no_idempotency_key() {
    let server = MockServer::start().await;
    respond(&server, "GET", "/v1/balance", 200, common::balance()).await;
    respond(
        &server,
        "DELETE",
        "/v1/customers/cus_1",
        200,
        json!({"id": "cus_1", "object": "customer", "deleted": true}),
    )
    .await;
    let client = client(&server);
    Balance::retrieve(&client).await.unwrap();
    // Even when one is given: GET and DELETE are idempotent already.
    Balance::retrieve(&client).idempotency_key("ignored").await.unwrap();
    let deleted = Customer::delete(&client, "cus_1").send_with_response().await.unwrap();
    assert!(deleted.data.deleted);
    assert_eq!(deleted.idempotency_key, None);
    let reqs = received(&server).await;
    assert_eq!(reqs.len(), 3);
    for req in &reqs {
        assert_eq!(header(req, "idempotency-key"), None, "{} {}", req.method, req.url);
    }
    assert_eq!(reqs[2].method.as_str(), "DELETE");
}
