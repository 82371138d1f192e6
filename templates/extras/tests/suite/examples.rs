//! Runs every example's `run` against a local server and checks what it
//! sent and what it made of the answer, so the examples stay correct.

use crate::common;

#[path = "../../examples/api_version.rs"]
mod api_version;
#[path = "../../examples/balance.rs"]
mod balance;
#[path = "../../examples/balance_transaction.rs"]
mod balance_transaction;
#[path = "../../examples/create_charge.rs"]
mod create_charge;
#[path = "../../examples/expand_customer.rs"]
mod expand_customer;
#[path = "../../examples/handle_errors.rs"]
mod handle_errors;
#[path = "../../examples/list_customers.rs"]
mod list_customers;
#[path = "../../examples/paginate_customers.rs"]
mod paginate_customers;
#[path = "../../examples/per_request_key.rs"]
mod per_request_key;
#[path = "../../examples/verify_webhook.rs"]
#[allow(dead_code, reason = "its main is for cargo run")]
mod verify_webhook;
// Compiled here, not run (they need Stripe's test mode or print spans):
// `cargo xtask test` builds no example binary it does not run.
#[path = "../../examples/log_requests.rs"]
#[allow(dead_code, reason = "its main is for cargo run")]
mod log_requests;
#[path = "../../examples/quickstart.rs"]
#[allow(dead_code, reason = "its main is for cargo run")]
mod quickstart;

use common::{body, builder, client, error_body, header, ok, query, received, respond, single};
use serde_json::json;
use stripe_client::{API_VERSION, ErrorKind};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn balance() {
    let server = MockServer::start().await;
    respond(&server, "GET", "/v1/balance", 200, common::balance()).await;
    let balance = balance::run(&client(&server)).await.unwrap();
    assert_eq!(balance.available[0].amount, 2000);
    assert_eq!(balance.available[0].currency, "usd");
    let req = single(&server).await;
    assert_eq!(req.url.path(), "/v1/balance");
    assert_eq!(header(&req, "stripe-version"), Some(API_VERSION));
}

#[tokio::test]
async fn balance_transaction() {
    let server = MockServer::start().await;
    respond(&server, "GET", "/v1/balance/history/txn_1", 200, common::balance_transaction("txn_1")).await;
    let txn = balance_transaction::run(&client(&server), "txn_1").await.unwrap();
    assert_eq!((txn.amount, txn.fee, txn.net), (2000, 88, 1912));
    assert_eq!(txn.type_, "charge");
    assert_eq!(txn.fee_details[0].type_, "stripe_fee");
    assert_eq!(txn.source.unwrap().id(), "ch_1");
}

#[tokio::test]
async fn create_charge() {
    let server = MockServer::start().await;
    respond(&server, "POST", "/v1/charges", 200, common::charge("ch_1")).await;
    let charge = create_charge::run(&client(&server), "6735").await.unwrap();
    assert_eq!(charge.id, "ch_1");
    assert_eq!(charge.metadata.get("order_id"), Some("6735"));
    let req = single(&server).await;
    assert_eq!(header(&req, "idempotency-key"), Some("charge-order-6735"));
    assert_eq!(body(&req), "amount=2000&currency=usd&description=Order+6735&metadata[order_id]=6735&source=tok_visa");
}

#[tokio::test]
async fn expand_customer() {
    let server = MockServer::start().await;
    let mut charge = common::charge("ch_1");
    charge["customer"] = common::customer("cus_1");
    Mock::given(method("GET")).and(path("/v1/charges/ch_1")).respond_with(ok(&charge)).mount(&server).await;
    let (charge, customer) = expand_customer::run(&client(&server), "ch_1").await.unwrap();
    assert_eq!(charge.id, "ch_1");
    assert_eq!(customer.unwrap().email.as_deref(), Some("cus_1@example.com"));
    assert_eq!(query(&single(&server).await), "expand[0]=customer");
}

#[tokio::test]
async fn list_customers() {
    let server = MockServer::start().await;
    let data = vec![common::customer("cus_1"), common::customer("cus_2"), common::customer("cus_3")];
    respond(&server, "GET", "/v1/customers", 200, common::list("/v1/customers", data, true)).await;
    let page = list_customers::run(&client(&server)).await.unwrap();
    assert_eq!(page.data.len(), 3);
    assert!(page.has_more);
    assert_eq!(query(&single(&server).await), "limit=3");
}

#[tokio::test]
async fn paginate_customers() {
    let server = MockServer::start().await;
    let page = |ids: std::ops::RangeInclusive<u32>, has_more| {
        let data = ids.map(|i| common::customer(&format!("cus_{i}"))).collect();
        ResponseTemplate::new(200).set_body_json(common::list("/v1/customers", data, has_more))
    };
    let list = || Mock::given(method("GET")).and(path("/v1/customers"));
    list().and(query_param_is_missing("starting_after")).respond_with(page(1..=10, true)).mount(&server).await;
    list().and(query_param("starting_after", "cus_10")).respond_with(page(11..=12, false)).mount(&server).await;
    let ids = paginate_customers::run(&client(&server)).await.unwrap();
    assert_eq!(ids.len(), 12);
    assert_eq!(ids.first().map(|id| id.as_str()), Some("cus_1"));
    assert_eq!(ids.last().map(|id| id.as_str()), Some("cus_12"));
    let reqs = received(&server).await;
    let queries: Vec<&str> = reqs.iter().map(query).collect();
    assert_eq!(queries, ["limit=10", "limit=10&starting_after=cus_10"]);
}

#[tokio::test]
async fn handle_errors() {
    let server = MockServer::start().await;
    respond(&server, "POST", "/v1/charges", 200, common::charge("ch_1")).await;
    assert_eq!(handle_errors::run(&client(&server), "tok_visa").await.unwrap(), "charged: ch_1");

    let cases = [
        (
            402,
            json!({"error": {"type": "card_error", "code": "card_declined", "decline_code": "generic_decline",
                "message": "Your card was declined."}}),
            "declined: Your card was declined. (decline code generic_decline)",
        ),
        (
            400,
            json!({"error": {"type": "invalid_request_error", "param": "amount", "message": "Invalid integer."}}),
            "invalid request: Invalid integer. (param amount, request req_ex)",
        ),
        (401, error_body("authentication_error", None, "Invalid API Key"), "authentication failed: check"),
        (403, error_body("invalid_request_error", None, "Forbidden."), "this key may not do that: Forbidden."),
        (404, error_body("invalid_request_error", None, "No such token."), "not found: No such token."),
        (400, error_body("idempotency_error", None, "Reused."), "idempotency key reused with other parameters"),
        (409, error_body("invalid_request_error", Some("lock_timeout"), "Busy."), "Stripe is busy, try again later"),
        (429, error_body("rate_limit_error", None, "Slow down."), "Stripe is busy, try again later (1 attempts)"),
        (500, error_body("api_error", None, "Oops."), "Stripe had a problem; quote request req_ex to support"),
    ];
    for (status, error, expected) in cases {
        let server = MockServer::start().await;
        let template = ResponseTemplate::new(status).set_body_json(error).insert_header("Request-Id", "req_ex");
        Mock::given(method("POST")).respond_with(template).mount(&server).await;
        let client = builder(&server).max_retries(0).build().unwrap();
        let outcome = handle_errors::run(&client, "tok_chargeDeclined").await.unwrap();
        assert!(outcome.starts_with(expected), "{status}: {outcome}");
    }

    let closed = stripe_client::Client::builder(common::KEY)
        .base_url(format!("http://127.0.0.1:{}", common::closed_port()))
        .max_retries(0)
        .build()
        .unwrap();
    let outcome = handle_errors::run(&closed, "tok_visa").await.unwrap();
    assert!(outcome.starts_with("could not reach Stripe after 1 attempts"), "{outcome}");

    // A success response this crate cannot read is returned as an error.
    let broken = MockServer::start().await;
    respond(&broken, "POST", "/v1/charges", 200, json!({"id": "ch_1"})).await;
    let err = handle_errors::run(&client(&broken), "tok_visa").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert_eq!(handle_errors::outcome(&err), None);
}

#[tokio::test]
async fn per_request_key() {
    let server = MockServer::start().await;
    respond(&server, "GET", "/v1/balance", 200, common::balance()).await;
    per_request_key::run(&client(&server), "sk_test_connected").await.unwrap();
    let req = single(&server).await;
    assert_eq!(header(&req, "authorization"), Some("Bearer sk_test_connected"));
}

#[tokio::test]
async fn api_version() {
    let server = MockServer::start().await;
    let template = ok(&common::balance()).insert_header("Request-Id", "req_v");
    Mock::given(method("GET")).and(path("/v1/balance")).respond_with(template).mount(&server).await;
    let response = api_version::run(&client(&server), "2019-02-19").await.unwrap();
    assert_eq!(response.request_id.as_deref(), Some("req_v"));
    assert_eq!(response.data.available.len(), 1);
    let req = single(&server).await;
    assert_eq!(header(&req, "stripe-version"), Some("2019-02-19"));
    let untyped = api_version::run_untyped(&client(&server), "2019-02-19").await.unwrap();
    assert_eq!(untyped["object"], "balance");
}

#[test]
fn verify_webhook() {
    let webhook = stripe_client::Webhook::new("whsec_readme");
    let body = br#"{"id":"evt_1","object":"event","created":1,"livemode":false,"pending_webhooks":0,"type":"charge.succeeded","data":{"object":{"id":"ch_1","object":"charge","amount":2000,"amount_refunded":0,"captured":true,"created":1,"currency":"usd","livemode":false,"metadata":{},"paid":true,"refunded":false,"refunds":{"object":"list","data":[],"has_more":false,"url":"/"},"status":"succeeded"}}}"#;
    let good = stripe_client::Webhook::signature_header(body, "whsec_readme", stripe_client::Webhook::now_unix());
    assert_eq!(verify_webhook::on_request(&webhook, body, Some(&good)).unwrap(), "paid: ch_1");
    let forged = stripe_client::Webhook::signature_header(body, "whsec_forged", stripe_client::Webhook::now_unix());
    let err = verify_webhook::on_request(&webhook, body, Some(&forged)).unwrap_err();
    assert_eq!(err.kind(), stripe_client::WebhookErrorKind::SignatureMismatch);
    assert!(verify_webhook::on_request(&webhook, body, None).is_err());
}
