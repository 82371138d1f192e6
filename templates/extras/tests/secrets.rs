//! Secrets and injection: the API key never reaches `tracing` output
//! (captured at TRACE, together with `log` records of the HTTP stack) nor
//! any error, for successful, failing and retried requests; header values
//! with CR or LF are refused before anything is sent (property test);
//! every id reaches the server as one path segment (property test); plain
//! http only to loopback hosts.
//!
//! `client.rs` checks `Debug` of the client, builder and options, and
//! `headers.rs` and `encoding.rs` the fixed cases these generalise.

mod common;

use common::Captured;
use common::raw::{self, RawRequest, Reply};
use proptest::prelude::*;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use stripe_client::{Balance, Charge, Client, CreateCharge, Customer, ErrorKind, RetrieveCustomer};

const SECRET: &str = "sk_test_SuperSecretKey0008";
const OTHER: &str = "sk_test_OtherSecretKey0008";
/// What must never be printed: the distinctive part of each key.
const NEEDLES: [&str; 2] = ["SuperSecretKey0008", "OtherSecretKey0008"];

/// The process-wide subscriber, at TRACE, writing into one buffer.
fn capture() -> &'static Captured {
    static CAPTURED: OnceLock<Captured> = OnceLock::new();
    CAPTURED.get_or_init(|| {
        let captured = Captured::default();
        let writer = captured.clone();
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(move || writer.clone())
            .try_init()
            .expect("no other subscriber in this test binary");
        captured
    })
}

/// A server that answers by path: a balance, a charge after a 500 and a
/// 409, a 401, a 402, a late answer, and an undecodable body.
async fn scripted() -> String {
    let charges = Arc::new(Mutex::new(0usize));
    raw::serve(move |req: RawRequest| {
        let reply = match req.target.split('?').next().unwrap_or_default() {
            "/v1/balance" => Reply::json(200, common::stripe_order(&common::balance())),
            "/v1/charges" => {
                let mut n = charges.lock().expect("no panics while counting");
                *n += 1;
                match *n {
                    1 => Reply::json(500, common::error_body("api_error", None, "try again").to_string()),
                    2 => Reply::json(
                        409,
                        common::error_body("invalid_request_error", Some("lock_timeout"), "locked").to_string(),
                    ),
                    _ => Reply::json(200, common::stripe_order(&common::charge("ch_1"))),
                }
            }
            "/v1/customers/cus_401" => Reply::json(
                401,
                common::error_body("authentication_error", None, "Invalid API Key provided: sk_test_****0008")
                    .to_string(),
            ),
            "/v1/customers/cus_402" => {
                Reply::json(402, common::error_body("card_error", Some("card_declined"), "declined").to_string())
            }
            "/v1/customers/cus_slow" => Reply::Late(Duration::from_secs(2), Box::new(Reply::json(200, "{}"))),
            "/v1/customers/cus_bad" => Reply::json(200, "{\"id\": 5}"),
            _ => Reply::Close,
        };
        async move { reply.with_header("Request-Id", "req_1") }
    })
    .await
}

#[tokio::test]
async fn the_key_never_reaches_tracing_output_or_errors() {
    let captured = capture();
    let url = scripted().await;
    let client = Client::builder(SECRET)
        .base_url(&url)
        .timeout(Duration::from_millis(500))
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
        .build()
        .unwrap();
    let mut printed = vec![format!("{client:?}")];
    let mut record = |what: &str, result: Result<String, stripe_client::Error>| match result {
        Ok(ok) => printed.push(format!("{what}: {ok}")),
        Err(e) => printed.push(format!("{what}: {e} {e:?} {:?}", e.api())),
    };
    record("balance", Balance::retrieve(&client).await.map(|b| format!("{b:?}")));
    record("balance per-request key", Balance::retrieve(&client).api_key(OTHER).await.map(|b| format!("{b:?}")));
    let created = Charge::create(&client, &CreateCharge::new(2000, "usd")).api_key(OTHER).send_with_response().await;
    assert_eq!(created.as_ref().map(|r| r.attempts).ok(), Some(3), "{created:?}");
    record("charge after retries", created.map(|r| format!("{r:?}")));
    for id in ["cus_401", "cus_402", "cus_slow", "cus_bad", "cus_closed"] {
        let result = Customer::retrieve(&client, id, &RetrieveCustomer::new()).await;
        assert!(result.is_err(), "{id}");
        record(id, result.map(|c| format!("{c:?}")));
    }
    let refused = Client::builder(SECRET)
        .base_url(format!("http://127.0.0.1:{}", common::closed_port()))
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
        .build()
        .unwrap();
    let result = Balance::retrieve(&refused).api_key(OTHER).await;
    assert_eq!(result.as_ref().map_err(|e| e.attempts()).err(), Some(3));
    record("connection refused", result.map(|b| format!("{b:?}")));
    for bad in [format!("{SECRET}\r\n"), format!("{OTHER} x"), format!("Bearer {SECRET}")] {
        record("bad key", Client::builder(&bad).build().map(|c| format!("{c:?}")));
        record("bad per-request key", Balance::retrieve(&client).api_key(&bad).await.map(|b| format!("{b:?}")));
    }

    let logs = captured.text();
    assert!(logs.contains("stripe request"), "the subscriber captured nothing:\n{logs}");
    assert!(logs.contains("attempt=3"), "retries are not in the captured output:\n{logs}");
    for needle in NEEDLES {
        for line in logs.lines().chain(printed.iter().map(String::as_str)) {
            assert!(!line.contains(needle), "the key appears in: {line}");
        }
    }
    println!("{} bytes of TRACE output and {} results searched for the keys", logs.len(), printed.len());
}

/// A server that counts requests and answers every one with a customer.
async fn counting() -> (String, Arc<Mutex<Vec<String>>>) {
    let targets = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&targets);
    let url = raw::serve(move |req: RawRequest| {
        seen.lock().expect("no panics while recording").push(req.target);
        async { Reply::json(200, common::stripe_order(&common::customer("cus_1"))) }
    })
    .await;
    (url, targets)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime builds")
}

/// A header value with a CR or LF (or both) inserted somewhere.
fn with_line_break() -> impl Strategy<Value = String> {
    ("[ -~]{0,24}", prop::sample::select(vec!["\r", "\n", "\r\n", "\n\r"]), "[ -~]{0,24}")
        .prop_map(|(head, brk, tail)| format!("{head}{brk}{tail}"))
}

#[test]
fn header_values_with_line_breaks_are_never_sent() {
    let rt = runtime();
    let (url, targets) = rt.block_on(counting());
    let client = Client::builder(common::KEY).base_url(&url).max_retries(0).build().unwrap();
    let mut runner = proptest::test_runner::TestRunner::new(common::proptest_config(256));
    runner
        .run(&(with_line_break(), 0..7usize), |(value, which)| {
            let params = CreateCharge::new(2000, "usd");
            let request = Charge::create(&client, &params);
            let err = match which {
                0 => rt.block_on(request.idempotency_key(value.as_str()).send()).unwrap_err(),
                1 => rt.block_on(request.stripe_account(value.as_str()).send()).unwrap_err(),
                2 => rt.block_on(request.api_version(value.as_str()).send()).unwrap_err(),
                3 => rt.block_on(request.api_key(value.as_str()).send()).unwrap_err(),
                4 => Client::builder(common::KEY).base_url(&url).api_version(value.as_str()).build().unwrap_err(),
                5 => Client::builder(common::KEY).base_url(&url).stripe_account(value.as_str()).build().unwrap_err(),
                _ => Client::builder(value.as_str()).base_url(&url).build().unwrap_err(),
            };
            prop_assert!(matches!(err.kind(), ErrorKind::Validation | ErrorKind::Config), "{}", err);
            prop_assert_eq!(err.attempts(), 0);
            Ok(())
        })
        .unwrap();
    assert!(targets.lock().unwrap().is_empty(), "a request went out: {:?}", targets.lock().unwrap());
}

#[test]
fn every_id_is_one_path_segment() {
    let rt = runtime();
    let (url, targets) = rt.block_on(counting());
    let client = Client::builder(common::KEY).base_url(&url).max_retries(0).build().unwrap();
    let mut runner = proptest::test_runner::TestRunner::new(common::proptest_config(256));
    let ids = prop_oneof![
        "\\PC{1,16}",
        "[./?#%&=+ \\\\]{1,8}",
        prop::sample::select(vec!["../balance", "..%2F", "%2e%2e", "a/b", "?expand[]=x", "#frag", "cus_1/../../v1"])
            .prop_map(str::to_owned),
    ];
    runner
        .run(&ids, |id| {
            let result = rt.block_on(Customer::retrieve(&client, &id, &RetrieveCustomer::new()).send());
            if id == "." || id == ".." {
                prop_assert_eq!(result.unwrap_err().kind(), ErrorKind::Validation);
                return Ok(());
            }
            prop_assert!(result.is_ok(), "{:?}: {:?}", id, result);
            let target = targets.lock().unwrap().pop().expect("the request arrived");
            let segment = target.strip_prefix("/v1/customers/").expect("the path starts with the endpoint");
            prop_assert!(!segment.contains(['/', '?', '#']), "{:?} arrived as {}", id, target);
            let decoded = percent_decode(segment);
            prop_assert_eq!(decoded.as_deref(), Some(id.as_str()), "{}", target);
            Ok(())
        })
        .unwrap();
}

/// `%XX` escapes decoded; `None` when they are not UTF-8 or malformed.
fn percent_decode(s: &str) -> Option<String> {
    let mut out = Vec::new();
    let mut bytes = s.bytes();
    while let Some(b) = bytes.next() {
        if b == b'%' {
            let hex = [bytes.next()?, bytes.next()?];
            out.push(u8::from_str_radix(std::str::from_utf8(&hex).ok()?, 16).ok()?);
        } else {
            out.push(b);
        }
    }
    String::from_utf8(out).ok()
}

#[test]
fn plain_http_only_to_loopback_hosts() {
    // `client.rs` has the same rule with ports; these are the other spellings.
    let allowed = [
        "http://localhost",
        "http://127.0.0.1",
        "http://[::1]",
        "HTTP://LOCALHOST/",
        "http://127.0.0.2:8080",
        "http://2130706433",
        "https://10.0.0.1",
        "https://example.com",
    ];
    for url in allowed {
        assert!(Client::builder(common::KEY).base_url(url).build().is_ok(), "{url} was refused");
    }
    let refused = [
        "http://10.0.0.1",
        "http://example.com",
        "http://127.0.0.1.example.com",
        "http://localhost.example.com",
        "http://0.0.0.0",
        "http://[::ffff:10.0.0.1]",
        "http://127.0.0.1@example.com",
        "http://example.com#@127.0.0.1",
        "http://example.com?127.0.0.1",
        "ws://127.0.0.1",
        "file:///etc/passwd",
        "127.0.0.1:8080",
    ];
    for url in refused {
        let err = Client::builder(common::KEY).base_url(url).build().err();
        assert_eq!(err.map(|e| e.kind()), Some(ErrorKind::Config), "{url} was accepted");
    }
}

#[test]
fn a_base_url_with_any_credential_is_refused_and_never_shown() {
    let secret = "sk_live_hidden";
    for url in [
        format!("https://:{secret}@api.stripe.com"),
        format!("https://{secret}@api.stripe.com"),
        format!("https://user:{secret}@api.stripe.com"),
        format!("http://user:{secret}@127.0.0.1:1"),
    ] {
        let builder = Client::builder(common::KEY).base_url(&url);
        let shown = format!("{builder:?}");
        assert!(!shown.contains(secret), "ClientBuilder's Debug shows the credential: {shown}");
        let err = builder.build().expect_err("a base URL with a credential is refused");
        assert_eq!(err.kind(), ErrorKind::Config);
        for text in [err.to_string(), format!("{err:?}")] {
            assert!(!text.contains(secret), "the error shows the credential: {text}");
        }
    }
}

#[tokio::test]
async fn an_endpoint_host_follows_the_base_url_rule() {
    let client = Client::new(common::KEY).expect("a client");
    for host in ["http://files.example.com", "https://u:p@files.stripe.com", "https://files.stripe.com?x=1"] {
        let host: &'static str = Box::leak(host.to_owned().into_boxed_str());
        let err = client.get::<serde_json::Value>("/v1/files").host(host).await.expect_err("refused before sending");
        assert_eq!(err.kind(), ErrorKind::Config, "{host}: {err}");
        assert!(!err.to_string().contains("u:p"), "{err}");
    }
}

#[tokio::test]
async fn a_server_with_an_untrusted_certificate_is_refused() {
    let server = common::tls::untrusted_server();
    let client = Client::builder(common::KEY).base_url(&server.url).max_retries(0).build().expect("a client");
    let err = common::tls::refused_handshake(&client, &server).await;
    assert_eq!(err.kind(), ErrorKind::Connection, "{err}");
}
