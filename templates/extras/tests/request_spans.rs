//! One `tracing` span per request, `stripe_request`, with the method, the
//! path template, the attempt, the status, the `Request-Id` and the
//! duration; retries as events inside it; never the key, a parameter or an
//! id. (Its own test binary: the subscriber is process-wide, and tracing
//! caches per call site whether anyone listens.)

mod common;

use common::{Captured, KEY, client, respond, respond_times};
use stripe_client::{Charge, CreateCharge, Customer, RetrieveCustomer};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[test]
fn each_request_is_one_span_with_its_outcome_and_no_secret() {
    use tracing_subscriber::fmt::format::FmtSpan;
    let captured = Captured::default();
    let writer = captured.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .init();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    rt.block_on(async {
        let server = MockServer::start().await;
        let busy = ResponseTemplate::new(503).set_body_json(common::error_body("api_error", None, "busy"));
        respond_times(&server, "POST", "/v1/charges", 1, busy).await;
        let created = common::ok(&common::charge("ch_1")).insert_header("Request-Id", "req_created");
        Mock::given(method("POST")).and(path("/v1/charges")).respond_with(created).mount(&server).await;
        respond(&server, "GET", "/v1/customers/cus_private", 200, common::customer("cus_private")).await;
        let client = client(&server);
        let mut params = CreateCharge::new(2000, "usd");
        params.description = Some("for alice@example.com".into());
        Charge::create(&client, &params).await.unwrap();
        Customer::retrieve(&client, "cus_private", &RetrieveCustomer::new()).await.unwrap();
    });
    let logs = captured.text();
    let closes: Vec<&str> = logs.lines().filter(|l| l.contains("stripe_request{") && l.contains("close")).collect();
    assert_eq!(closes.len(), 2, "one span per request:\n{logs}");
    for field in
        ["method=POST", "path=/v1/charges", "attempt=2", "status=200", "request_id=req_created", "duration_ms="]
    {
        assert!(closes[0].contains(field), "{field} is missing from the span: {}", closes[0]);
    }
    assert!(closes[1].contains("path=/v1/customers/{customer}"), "the path is a template: {}", closes[1]);
    let retry = logs.lines().find(|l| l.contains("retrying")).expect("the retry is an event");
    assert!(retry.contains("wait_ms=") && retry.contains("attempt=1"), "{retry}");
    for secret in [KEY, "alice@example.com", "cus_private"] {
        assert!(!logs.contains(secret), "{secret} was logged:\n{logs}");
    }
}
