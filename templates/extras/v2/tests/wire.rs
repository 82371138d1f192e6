//! The v2 wire, byte by byte, against a mock server: JSON bodies (64-bit
//! integers as strings, decimals exact, date-times as RFC 3339), arrays
//! repeated in the query, an idempotency key on every POST and DELETE,
//! `Stripe-Context`, the meter event stream's session token, page URLs,
//! and each kind of v2 error with its fields.

use futures_util::StreamExt;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::time::Duration;
use stripe_client_v2::v2::billing::{CreateMeterEvent, CreateMeterEventStreamEvent, MeterEvent};
use stripe_client_v2::v2::core::{EventDestination, ListEventDestinations, ListEvents, RetrieveEventDestination};
use stripe_client_v2::v2::{DuplicateMeterEvent, ErrorCode};
use stripe_client_v2::{Client, DateTime, Decimal, ErrorKind, Int64, MeterEventSender};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const KEY: &str = "sk_test_v2wire";

fn client(server: &MockServer) -> Client {
    Client::builder(KEY)
        .base_url(server.uri())
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
        .build()
        .expect("a loopback base URL builds a client")
}

async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("recording is on")
}

fn header<'a>(req: &'a Request, name: &str) -> Option<&'a str> {
    req.headers.get(name).map(|v| v.to_str().expect("ASCII"))
}

async fn answer(server: &MockServer, verb: &str, route: &str, status: u16, body: Value) {
    Mock::given(method(verb))
        .and(path(route))
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
        .mount(server)
        .await;
}

fn meter_event() -> Value {
    json!({"object": "v2.billing.meter_event", "created": "2026-09-30T12:00:00.000Z", "event_name": "calls",
           "identifier": "id-1", "livemode": false, "payload": {"value": "1"}, "timestamp": "2026-09-30T12:00:00Z"})
}

fn destination(id: &str) -> Value {
    json!({"id": id, "object": "v2.core.event_destination", "created": "2026-09-30T12:00:00.000Z",
           "enabled_events": [], "event_payload": "thin", "livemode": false, "name": "n", "status": "enabled",
           "type": "webhook_endpoint"})
}

#[tokio::test]
async fn a_post_is_json_with_a_key_and_the_version() {
    let server = MockServer::start().await;
    answer(&server, "POST", "/v2/billing/meter_events", 200, meter_event()).await;
    let params = CreateMeterEvent::new("calls", BTreeMap::from([("value".to_owned(), "1".to_owned())]))
        .timestamp(DateTime::from_unix(1_790_769_600));
    let event = MeterEvent::create(&client(&server), &params).max_retries(0).await.expect("decodes");
    assert_eq!(event.timestamp.unix_seconds(), 1_790_769_600);
    let reqs = received(&server).await;
    let req = &reqs[0];
    assert_eq!(header(req, "content-type"), Some("application/json"));
    assert_eq!(
        std::str::from_utf8(&req.body).unwrap(),
        r#"{"event_name":"calls","payload":{"value":"1"},"timestamp":"2026-09-30T12:00:00Z"}"#
    );
    // Retries off, and still a key: the v2 API wants one on every POST.
    assert!(header(req, "idempotency-key").is_some_and(|k| k.len() == 36));
    assert_eq!(header(req, "stripe-version"), Some(stripe_client_v2::API_VERSION));
}

#[tokio::test]
async fn big_integers_are_strings_and_decimals_stay_exact() {
    let server = MockServer::start().await;
    answer(&server, "POST", "/v2/billing/anything", 200, json!({"ok": true})).await;
    let params =
        json!({"amount": Int64(9_007_199_254_740_993), "rate": Decimal::new("0.10000000000000000555").unwrap()});
    client(&server)
        .raw_request(stripe_client_v2::Method::POST, "/v2/billing/anything", &params)
        .await
        .expect("answers");
    let reqs = received(&server).await;
    assert_eq!(
        std::str::from_utf8(&reqs[0].body).unwrap(),
        r#"{"amount":"9007199254740993","rate":"0.10000000000000000555"}"#
    );
}

#[tokio::test]
async fn a_delete_has_a_key_and_context_goes_per_client_and_per_request() {
    let server = MockServer::start().await;
    answer(
        &server,
        "DELETE",
        "/v2/core/event_destinations/ed_1",
        200,
        json!({"id": "ed_1", "object": "v2.core.event_destination"}),
    )
    .await;
    let client = Client::builder(KEY).base_url(server.uri()).stripe_context("acct_client").build().unwrap();
    EventDestination::delete(&client, "ed_1").await.expect("deletes");
    EventDestination::delete(&client, "ed_1").stripe_context("acct_request").await.expect("deletes");
    let reqs = received(&server).await;
    assert!(header(&reqs[0], "idempotency-key").is_some());
    assert_eq!(header(&reqs[0], "stripe-context"), Some("acct_client"));
    assert_eq!(header(&reqs[1], "stripe-context"), Some("acct_request"));
}

#[tokio::test]
async fn arrays_repeat_their_key_in_the_query() {
    let server = MockServer::start().await;
    answer(
        &server,
        "GET",
        "/v2/core/events",
        200,
        json!({"data": [], "next_page_url": null, "previous_page_url": null}),
    )
    .await;
    let params = ListEvents::new().types(vec!["a.b".to_owned(), "c.d".to_owned()]).limit(5);
    stripe_client_v2::v2::core::Event::list(&client(&server), &params).await.expect("answers");
    let reqs = received(&server).await;
    assert_eq!(reqs[0].url.query(), Some("limit=5&types=a.b&types=c.d"));
}

#[tokio::test]
async fn paging_follows_next_page_urls_on_the_server_only() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/core/event_destinations"))
        .and(wiremock::matchers::query_param("page", "p2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"data": [destination("ed_3")], "next_page_url": "https://evil.example/v2/core/event_destinations?page=p3", "previous_page_url": null}),
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/core/event_destinations"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [destination("ed_1"), destination("ed_2")],
            "next_page_url": "/v2/core/event_destinations?limit=2&page=p2",
            "previous_page_url": null
        })))
        .mount(&server)
        .await;
    let mut all = EventDestination::list(&client(&server), &ListEventDestinations::new().limit(2)).paginate();
    let mut ids = Vec::new();
    let mut failure = None;
    while let Some(item) = all.next().await {
        match item {
            Ok(d) => ids.push(d.id.to_string()),
            Err(e) => failure = Some(e),
        }
    }
    assert_eq!(ids, ["ed_1", "ed_2", "ed_3"]);
    let e = failure.expect("a page URL to another host ends the stream with an error");
    assert_eq!(e.kind(), ErrorKind::Validation, "{e}");
    assert_eq!(received(&server).await.len(), 2, "nothing was sent to the other host's URL");
    assert_eq!(received(&server).await[1].url.query(), Some("limit=2&page=p2"));
}

#[tokio::test]
async fn the_stream_is_authenticated_by_the_session_token_which_is_renewed() {
    let server = MockServer::start().await;
    let session = |token: &str| {
        json!({"id": "mes_1", "object": "v2.billing.meter_event_session", "authentication_token": token,
               "created": "2026-09-30T12:00:00Z", "expires_at": "2999-01-01T00:00:00Z", "livemode": false})
    };
    Mock::given(method("POST"))
        .and(path("/v2/billing/meter_event_session"))
        .respond_with(ResponseTemplate::new(200).set_body_json(session("ek_first")))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    answer(&server, "POST", "/v2/billing/meter_event_session", 200, session("ek_second")).await;
    let expired = json!({"error": {"type": "temporary_session_expired", "code": "billing_meter_event_session_expired", "message": "expired"}});
    Mock::given(method("POST"))
        .and(path("/v2/billing/meter_event_stream"))
        .and(wiremock::matchers::header("authorization", "Bearer ek_first"))
        .respond_with(ResponseTemplate::new(401).set_body_json(expired))
        .mount(&server)
        .await;
    answer(&server, "POST", "/v2/billing/meter_event_stream", 200, json!({})).await;
    let mut sender = MeterEventSender::new(&client(&server));
    let events: Vec<_> = (0..150)
        .map(|i| CreateMeterEventStreamEvent::new("calls", BTreeMap::from([("value".to_owned(), i.to_string())])))
        .collect();
    sender.send(&events).await.expect("sent after renewing the session");
    assert_eq!(sender.sessions_created(), 2);
    let reqs = received(&server).await;
    let stream: Vec<&Request> = reqs.iter().filter(|r| r.url.path() == "/v2/billing/meter_event_stream").collect();
    let auth: Vec<Option<&str>> = stream.iter().map(|r| header(r, "authorization")).collect();
    assert_eq!(auth, [Some("Bearer ek_first"), Some("Bearer ek_second"), Some("Bearer ek_second")]);
    let batch = |r: &Request| serde_json::from_slice::<Value>(&r.body).unwrap()["events"].as_array().unwrap().len();
    assert_eq!(stream.iter().map(|r| batch(r)).collect::<Vec<_>>(), [100, 100, 50]);
    // The session itself is made with the secret key.
    let opened = reqs.iter().find(|r| r.url.path() == "/v2/billing/meter_event_session").unwrap();
    assert_eq!(header(opened, "authorization"), Some(format!("Bearer {KEY}").as_str()));
}

#[tokio::test]
async fn errors_give_their_code_and_their_variants_fields() {
    let server = MockServer::start().await;
    answer(
        &server,
        "POST",
        "/v2/billing/meter_events",
        400,
        json!({"error": {"type": "invalid_request_error", "code": "duplicate_meter_event", "message": "sent already",
                         "identifier": "id-1", "user_message": "Already counted."}}),
    )
    .await;
    let params = CreateMeterEvent::new("calls", BTreeMap::new());
    let e = MeterEvent::create(&client(&server), &params).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidRequest);
    let api = e.api().expect("an API error");
    assert_eq!(api.v2_code(), Some(ErrorCode::DuplicateMeterEvent));
    assert_eq!(api.user_message.as_deref(), Some("Already counted."));
    let details: DuplicateMeterEvent = api.details().expect("the variant's fields");
    assert_eq!(details.identifier, "id-1");
    assert!(e.request_id().is_some() || e.status() == Some(400));
}

#[tokio::test]
async fn unknown_codes_and_malformed_bodies_still_make_usable_errors() {
    let server = MockServer::start().await;
    answer(
        &server,
        "GET",
        "/v2/core/event_destinations/ed_1",
        404,
        json!({"error": {"code": "brand_new", "message": "?"}}),
    )
    .await;
    Mock::given(method("GET"))
        .and(path("/v2/core/event_destinations/ed_2"))
        .respond_with(ResponseTemplate::new(403).set_body_string("<html>no</html>"))
        .mount(&server)
        .await;
    let client = client(&server);
    let e = EventDestination::retrieve(&client, "ed_1", &RetrieveEventDestination::new()).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFound);
    assert_eq!(e.api().and_then(|a| a.v2_code()), Some(ErrorCode::Unrecognized("brand_new".into())));
    let e = EventDestination::retrieve(&client, "ed_2", &RetrieveEventDestination::new()).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Permission);
    assert_eq!(e.api().and_then(|a| a.body_start.as_deref()), Some("<html>no</html>"));
}
