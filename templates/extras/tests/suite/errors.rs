//! Error responses, one per row of the API reference's status table, and
//! failures that never got a Stripe answer; `Request-Id` on success and on
//! every error.

use crate::common;

use common::{builder, client, error_body, received, respond};
use serde_json::json;
use stripe_client::{
    Balance, Charge, CreateCharge, Error, ErrorCode, ErrorKind, ErrorType, RetrieveCharge, Unsettable, UpdateCharge,
};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Answers everything with `status`, `body` and `Request-Id: req_<status>`.
async fn failing(status: u16, body: serde_json::Value) -> MockServer {
    let server = MockServer::start().await;
    let template =
        ResponseTemplate::new(status).set_body_json(body).insert_header("Request-Id", format!("req_{status}"));
    Mock::given(any()).respond_with(template).mount(&server).await;
    server
}

/// Creates a charge against `server` with retries off.
async fn create_charge(server: &MockServer) -> Error {
    let client = builder(server).max_retries(0).build().unwrap();
    Charge::create(&client, &CreateCharge::new(2000, "usd")).await.unwrap_err()
}

#[tokio::test]
async fn status_400_is_an_invalid_request() {
    let mut body = error_body("invalid_request_error", Some("parameter_missing"), "Missing required param: source.");
    body["error"]["param"] = json!("source");
    let server = failing(400, body).await;
    let err = create_charge(&server).await;
    assert_eq!(err.kind(), ErrorKind::InvalidRequest);
    assert_eq!(err.status(), Some(400));
    assert_eq!(err.request_id(), Some("req_400"));
    let api = err.api().unwrap();
    assert_eq!(api.error_type, Some(ErrorType::InvalidRequestError));
    assert_eq!(api.code, Some(ErrorCode::ParameterMissing));
    assert_eq!(api.param.as_deref(), Some("source"));
    assert_eq!(api.message.as_deref(), Some("Missing required param: source."));
    assert_eq!(api.attempts, 1);
    let text = err.to_string();
    assert!(text.contains("400") && text.contains("Missing required param: source.") && text.contains("req_400"));
}

#[tokio::test]
async fn status_401_is_an_authentication_error() {
    let server =
        failing(401, error_body("authentication_error", None, "Invalid API Key provided: sk_test_****7dc")).await;
    let err = create_charge(&server).await;
    assert_eq!(err.kind(), ErrorKind::Authentication);
    assert_eq!(err.status(), Some(401));
    assert_eq!(err.request_id(), Some("req_401"));
    assert_eq!(err.api().unwrap().error_type, Some(ErrorType::AuthenticationError));
    assert_eq!(err.api().unwrap().code, None);
}

#[tokio::test]
async fn status_402_is_a_card_error_with_every_field() {
    let body = json!({"error": {
        "type": "card_error",
        "code": "card_declined",
        "decline_code": "insufficient_funds",
        "param": "source",
        "charge": "ch_1Declined",
        "message": "Your card has insufficient funds.",
        "doc_url": "https://stripe.com/docs/error-codes/card-declined",
    }});
    let server = failing(402, body).await;
    let err = create_charge(&server).await;
    assert_eq!(err.kind(), ErrorKind::Card);
    assert_eq!(err.status(), Some(402));
    assert_eq!(err.request_id(), Some("req_402"));
    let api = err.api().unwrap();
    assert_eq!(api.error_type, Some(ErrorType::CardError));
    assert_eq!(api.code, Some(ErrorCode::CardDeclined));
    assert_eq!(api.decline_code.as_deref(), Some("insufficient_funds"));
    assert_eq!(api.param.as_deref(), Some("source"));
    assert_eq!(api.charge.as_deref(), Some("ch_1Declined"));
    assert_eq!(api.message.as_deref(), Some("Your card has insufficient funds."));
    assert_eq!(api.body_start, None);
    let text = err.to_string();
    assert!(text.contains("card_declined") && text.contains("insufficient_funds"), "{text}");
}

#[tokio::test]
async fn status_403_is_a_permission_error() {
    let server =
        failing(403, error_body("invalid_request_error", None, "The provided key does not have access.")).await;
    let err = create_charge(&server).await;
    assert_eq!(err.kind(), ErrorKind::Permission);
    assert_eq!(err.request_id(), Some("req_403"));
}

#[tokio::test]
async fn status_404_is_not_found() {
    let mut body = error_body("invalid_request_error", Some("resource_missing"), "No such charge: ch_nope");
    body["error"]["param"] = json!("id");
    let server = failing(404, body).await;
    let client = client(&server);
    let err = Charge::retrieve(&client, "ch_nope", &RetrieveCharge::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.request_id(), Some("req_404"));
    assert_eq!(err.api().unwrap().code, Some(ErrorCode::ResourceMissing));
    assert_eq!(err.attempts(), 1, "404 is never retried");
}

#[tokio::test]
async fn status_409_is_a_conflict() {
    let server = failing(
        409,
        error_body("invalid_request_error", Some("lock_timeout"), "This object cannot be accessed right now."),
    )
    .await;
    let err = create_charge(&server).await;
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert_eq!(err.status(), Some(409));
    assert_eq!(err.request_id(), Some("req_409"));
    assert_eq!(err.api().unwrap().code, Some(ErrorCode::LockTimeout));
}

#[tokio::test]
async fn a_reused_idempotency_key_is_an_idempotency_error() {
    let server = failing(
        400,
        error_body(
            "idempotency_error",
            None,
            "Keys for idempotent requests can only be used with the same parameters they were first used with.",
        ),
    )
    .await;
    let err = create_charge(&server).await;
    assert_eq!(err.kind(), ErrorKind::Idempotency);
    assert_eq!(err.api().unwrap().error_type, Some(ErrorType::IdempotencyError));
}

#[tokio::test]
async fn a_409_idempotency_error_is_not_retried() {
    let body = error_body("idempotency_error", None, "Keys for idempotent requests can only be used once.");
    let server = failing(409, body).await;
    let err = Charge::create(&client(&server), &CreateCharge::new(2000, "usd")).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Idempotency);
    assert_eq!(err.attempts(), 1, "retrying cannot help: {err}");
    assert_eq!(server.received_requests().await.map(|r| r.len()), Some(1));
}

#[tokio::test]
async fn status_429_is_a_rate_limit() {
    let server = failing(429, error_body("rate_limit_error", Some("rate_limit"), "Too many requests.")).await;
    let err = create_charge(&server).await;
    assert_eq!(err.kind(), ErrorKind::RateLimit);
    assert_eq!(err.status(), Some(429));
    assert_eq!(err.request_id(), Some("req_429"));
    assert_eq!(err.api().unwrap().error_type, Some(ErrorType::RateLimitError));
    assert_eq!(err.api().unwrap().code, Some(ErrorCode::RateLimit));
}

#[tokio::test]
async fn statuses_500_502_503_are_api_errors() {
    for status in [500, 502, 503] {
        let server = failing(status, error_body("api_error", None, "Something went wrong on Stripe's end.")).await;
        let err = create_charge(&server).await;
        assert_eq!(err.kind(), ErrorKind::Api, "{status}");
        assert_eq!(err.status(), Some(status));
        assert_eq!(err.request_id(), Some(format!("req_{status}").as_str()));
        assert_eq!(err.api().unwrap().error_type, Some(ErrorType::ApiError));
        assert_eq!(err.api().unwrap().message.as_deref(), Some("Something went wrong on Stripe's end."));
    }
}

#[tokio::test]
async fn an_unknown_error_type_and_code_are_kept_as_text() {
    let server = failing(400, error_body("brand_new_error", Some("brand_new_code"), "New in a later API.")).await;
    let err = create_charge(&server).await;
    assert_eq!(err.kind(), ErrorKind::InvalidRequest, "the status decides");
    let api = err.api().unwrap();
    assert_eq!(api.error_type, Some(ErrorType::Unrecognized("brand_new_error".into())));
    assert_eq!(api.code, Some(ErrorCode::Unrecognized("brand_new_code".into())));
    assert_eq!(api.error_type.as_ref().unwrap().as_str(), "brand_new_error");
    assert!(err.to_string().contains("brand_new_error"), "{err}");

    // An unlisted status: the body's type decides, else `Other`.
    let server = failing(418, error_body("card_error", None, "Teapot.")).await;
    assert_eq!(create_charge(&server).await.kind(), ErrorKind::Card);
    let server = failing(418, error_body("brand_new_error", None, "Teapot.")).await;
    assert_eq!(create_charge(&server).await.kind(), ErrorKind::Other);
}

#[tokio::test]
async fn a_non_json_body_keeps_the_status_and_the_start_of_the_body() {
    let server = MockServer::start().await;
    let html = format!("<html><head><title>502 Bad Gateway</title></head><body>{}</body></html>", "x".repeat(1000));
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(502).set_body_raw(html, "text/html").insert_header("Request-Id", "req_html"),
        )
        .mount(&server)
        .await;
    let err = create_charge(&server).await;
    assert_eq!(err.kind(), ErrorKind::Api);
    assert_eq!(err.status(), Some(502));
    assert_eq!(err.request_id(), Some("req_html"));
    let api = err.api().unwrap();
    assert_eq!(api.error_type, None);
    assert_eq!(api.message, None);
    let start = api.body_start.as_deref().unwrap();
    assert!(start.starts_with("<html><head><title>502 Bad Gateway</title>"), "{start}");
    assert!(start.chars().count() <= 201, "bounded: {} characters", start.chars().count());
    let text = err.to_string();
    assert!(text.contains("502") && text.contains("502 Bad Gateway"), "{text}");
}

#[tokio::test]
async fn a_json_body_that_is_not_an_error_object_is_kept_as_text() {
    let server = failing(500, json!({"unexpected": true})).await;
    let err = create_charge(&server).await;
    assert_eq!(err.kind(), ErrorKind::Api);
    assert_eq!(err.api().unwrap().body_start.as_deref(), Some(r#"{"unexpected":true}"#));
}

#[tokio::test]
async fn connection_refused_is_a_connection_error() {
    let port = common::closed_port();
    let client = stripe_client::Client::builder(common::KEY)
        .base_url(format!("http://127.0.0.1:{port}"))
        .max_retries(0)
        .build()
        .unwrap();
    let err = Balance::retrieve(&client).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Connection, "{err}");
    assert_eq!(err.attempts(), 1);
    assert_eq!(err.status(), None);
    assert_eq!(err.request_id(), None);
    assert!(err.to_string().contains("could not reach Stripe"), "{err}");
}

#[tokio::test]
async fn request_id_on_success() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200).set_body_json(common::balance()).insert_header("Request-Id", "req_ok1"),
        )
        .mount(&server)
        .await;
    let response = Balance::retrieve(&client(&server)).send_with_response().await.unwrap();
    assert_eq!(response.request_id.as_deref(), Some("req_ok1"));
    assert_eq!(response.status, 200);
    assert_eq!(response.attempts, 1);
    assert_eq!(response.data.available[0].amount, 2000);
}

#[tokio::test]
async fn a_response_without_request_id_still_succeeds() {
    let server = MockServer::start().await;
    respond(&server, "GET", "/v1/balance", 200, common::balance()).await;
    let response = Balance::retrieve(&client(&server)).send_with_response().await.unwrap();
    assert_eq!(response.request_id, None);
    let quiet = MockServer::start().await;
    respond(&quiet, "GET", "/v1/balance", 404, error_body("invalid_request_error", None, "Nope.")).await;
    let err = Balance::retrieve(&client(&quiet)).await.unwrap_err();
    assert_eq!(err.request_id(), None);
    assert_eq!(err.kind(), ErrorKind::NotFound);
}

#[tokio::test]
async fn the_request_id_of_the_last_attempt_is_reported() {
    let server = MockServer::start().await;
    for n in 1..=3 {
        let template = ResponseTemplate::new(500)
            .set_body_json(error_body("api_error", None, "boom"))
            .insert_header("Request-Id", format!("req_attempt{n}"));
        Mock::given(any()).respond_with(template).up_to_n_times(1).mount(&server).await;
    }
    let err = create_charge_with_retries(&server).await;
    assert_eq!(err.attempts(), 3);
    assert_eq!(err.request_id(), Some("req_attempt3"));
}

async fn create_charge_with_retries(server: &MockServer) -> Error {
    Charge::create(&client(server), &CreateCharge::new(2000, "usd")).await.unwrap_err()
}

#[tokio::test]
async fn errors_after_decoding_keep_the_request_id() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"object": "balance"}))
                .insert_header("Request-Id", "req_bad"),
        )
        .mount(&server)
        .await;
    let err = Balance::retrieve(&client(&server)).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert_eq!(err.request_id(), Some("req_bad"));
    assert_eq!(err.status(), Some(200));
}

#[tokio::test]
async fn validation_errors_name_the_parameter_and_send_nothing() {
    let server = MockServer::start().await;
    respond(&server, "POST", "/v1/charges/ch_1", 200, common::charge("ch_1")).await;
    let mut params = UpdateCharge::new();
    params.metadata = Some(Unsettable::Set((0..21).map(|i| (format!("k{i}"), "v")).collect()));
    let err = Charge::update(&client(&server), "ch_1", &params).await.unwrap_err();
    assert!(matches!(&err, Error::Validation { param, .. } if param == "metadata"), "{err:?}");
    assert_eq!(err.request_id(), None);
    assert!(received(&server).await.is_empty());
}
