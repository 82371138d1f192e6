//! The meter event stream: events per second through `MeterEventSender`
//! against a local HTTP server that answers sessions and stream requests,
//! next to the same batches (100 events each, encoded as JSON per request,
//! the session's token, the answer read as JSON) sent by hand on reqwest,
//! in interleaved rounds. Stripe's stream takes 10,000 requests a second; the
//! helper must not be what limits a sender. Run with
//! `cargo xtask bench client` or `cargo bench -p stripe-client --bench meter`.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use stripe_client::{Client, MeterEventSender};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const SESSION: &str = r#"{"id":"mes_1","object":"v2.billing.meter_event_session","authentication_token":"ek_test_bench","created":"2026-09-30T12:00:00Z","expires_at":"2999-01-01T00:00:00Z","livemode":false}"#;

/// A keep-alive HTTP/1.1 server: a session for the session endpoint, `{}`
/// for anything else, each request's body read whole first.
async fn server() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
    let addr = listener.local_addr().expect("local address");
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else { continue };
            tokio::spawn(async move {
                let mut buf: Vec<u8> = Vec::with_capacity(64 * 1024);
                let mut chunk = vec![0u8; 64 * 1024];
                loop {
                    while let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                        let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
                        let length: usize = head
                            .lines()
                            .find_map(|l| l.strip_prefix("content-length:"))
                            .and_then(|v| v.trim().parse().ok())
                            .unwrap_or(0);
                        if buf.len() < end + 4 + length {
                            break;
                        }
                        let body = if head.contains("/v2/billing/meter_event_session") { SESSION } else { "{}" };
                        let response = format!(
                            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nRequest-Id: req_bench\r\nContent-Length: {}\r\n\r\n{body}",
                            body.len()
                        );
                        if socket.write_all(response.as_bytes()).await.is_err() {
                            return;
                        }
                        buf.drain(..end + 4 + length);
                    }
                    match socket.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buf.extend_from_slice(&chunk[..n]),
                    }
                }
            });
        }
    });
    addr
}

fn batch(round: usize) -> Vec<serde_json::Value> {
    (0..100)
        .map(|i| {
            serde_json::json!({
                "event_name": "api_requests",
                "identifier": format!("r{round}-{i}"),
                "payload": BTreeMap::from([("stripe_customer_id", "cus_bench"), ("value", "1")]),
            })
        })
        .collect()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let measuring = std::env::args().any(|a| a == "--bench");
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
    runtime.block_on(async {
        let addr = server().await;
        let base = format!("http://{addr}");
        let client = Client::builder("sk_test_bench").base_url(&base).build().expect("client");
        let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
        let by_hand = reqwest::Client::new();
        let stream_url = format!("{base}/v2/billing/meter_event_stream");
        let batches: Vec<Vec<serde_json::Value>> = (0..50).map(batch).collect();
        let mut sender = MeterEventSender::new(&client);
        // The helper, then the same bytes by hand: requests one after
        // another, as one sender sends them.
        let helper = async |sender: &mut MeterEventSender| {
            let start = Instant::now();
            for b in &batches {
                sender.send(b).await.expect("the helper sent a batch");
            }
            (batches.len() * 100) as f64 / start.elapsed().as_secs_f64()
        };
        // By hand does what any sender must: encode each batch as JSON and
        // read the answer as JSON.
        let manual = async || {
            let start = Instant::now();
            for b in &batches {
                let body = serde_json::to_vec(&BTreeMap::from([("events", b)])).expect("JSON");
                let answer = by_hand
                    .post(&stream_url)
                    .bearer_auth("ek_test_bench")
                    .header("stripe-version", stripe_client::API_VERSION)
                    .header("idempotency-key", "00000000-0000-4000-8000-000000000000")
                    .header("content-type", "application/json")
                    .timeout(Duration::from_secs(80))
                    .body(body)
                    .send()
                    .await
                    .expect("the hand-made request");
                let ok = answer.status().is_success();
                let bytes = answer.bytes().await.expect("the answer's body");
                assert!(ok && serde_json::from_slice::<serde_json::Value>(&bytes).is_ok());
            }
            (batches.len() * 100) as f64 / start.elapsed().as_secs_f64()
        };
        if !measuring {
            sender.send(&batches[0]).await.expect("the helper sent a batch");
            assert_eq!(sender.sessions_created(), 1);
            return;
        }
        let (mut ours, mut theirs, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..7 {
            let o = helper(&mut sender).await;
            let t = manual().await;
            ours.push(o);
            theirs.push(t);
            ratios.push(o / t);
        }
        let eps = median(ours);
        println!(
            "METER helper_eps={eps:.0} by_hand_eps={:.0} ratio={:.2} helper_rps={:.0}",
            median(theirs),
            median(ratios),
            eps / 100.0
        );
    });
}
