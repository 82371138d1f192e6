//! Client overhead: requests per second of `Balance::retrieve` through the
//! generated client against a local HTTP server, next to two baselines at
//! the same concurrency in the same run: a bare reqwest GET of the same URL
//! returning the same bytes, and the same request written by hand on
//! reqwest (the headers the client sent, byte for byte, the same timeout,
//! decoding into `Balance`), which isolates the client's own cost from the
//! work any Stripe request does; then the memory of 10,000 sequential
//! requests. Run with
//! `cargo xtask bench client` or `cargo bench -p stripe-client --bench client`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use stripe_client::{Balance, Client};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const BODY: &str = r#"{"object":"balance","available":[{"amount":1000,"currency":"usd","source_types":{"card":1000}}],"connect_reserved":[],"livemode":false,"pending":[{"amount":250,"currency":"usd","source_types":{"card":250}}]}"#;

/// The headers of the first request the server reads while this is empty.
type Seen = Arc<std::sync::Mutex<Vec<(String, String)>>>;

/// A keep-alive HTTP/1.1 server answering every request with `BODY`.
async fn server(seen: Seen) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
    let addr = listener.local_addr().expect("local address");
    let response = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nRequest-Id: req_bench\r\nContent-Length: {}\r\n\r\n{BODY}",
        BODY.len()
    );
    let response: Arc<[u8]> = response.into_bytes().into();
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else { continue };
            let (response, seen) = (response.clone(), seen.clone());
            tokio::spawn(async move {
                let mut buf = vec![0u8; 16 * 1024];
                let mut filled = 0;
                loop {
                    // Answer each complete request head (GETs have no body).
                    while let Some(end) = buf[..filled].windows(4).position(|w| w == b"\r\n\r\n") {
                        if let Ok(mut seen) = seen.try_lock()
                            && seen.is_empty()
                        {
                            *seen = headers(&buf[..end]);
                        }
                        if socket.write_all(&response).await.is_err() {
                            return;
                        }
                        buf.copy_within(end + 4..filled, 0);
                        filled -= end + 4;
                    }
                    if filled == buf.len() {
                        return;
                    }
                    match socket.read(&mut buf[filled..]).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => filled += n,
                    }
                }
            });
        }
    });
    addr
}

/// The header lines of a request head, without `host`.
fn headers(head: &[u8]) -> Vec<(String, String)> {
    String::from_utf8_lossy(head)
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .filter(|(k, _)| k != "host")
        .collect()
}

/// One request of a baseline: a bare GET, or, given the client's headers,
/// the same request by hand (those headers, the client's default timeout,
/// the body decoded into `Balance`). True if it succeeded.
async fn by_reqwest(client: reqwest::Client, url: String, by_hand: Option<reqwest::header::HeaderMap>) -> bool {
    let Some(headers) = by_hand else {
        return match client.get(&url).send().await {
            Ok(r) => r.bytes().await.is_ok(),
            Err(_) => false,
        };
    };
    match client.get(&url).headers(headers).timeout(Duration::from_secs(80)).send().await {
        Ok(r) => r.bytes().await.is_ok_and(|body| serde_json::from_slice::<Balance>(&body).is_ok()),
        Err(_) => false,
    }
}

/// Requests per second of `request` run by `concurrency` tasks for `span`.
async fn rate<F, Fut>(concurrency: usize, span: Duration, request: F) -> f64
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let count = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let deadline = start + span;
    let tasks: Vec<_> = (0..concurrency)
        .map(|_| {
            let request = request.clone();
            let count = count.clone();
            tokio::spawn(async move {
                while Instant::now() < deadline {
                    assert!(request().await, "request failed during the benchmark");
                    count.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for t in tasks {
        t.await.expect("benchmark task");
    }
    count.load(Ordering::Relaxed) as f64 / start.elapsed().as_secs_f64()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// This process's resident and peak resident memory, in KiB (Linux).
fn memory_kib() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this
    // as a smoke test: a few requests, no measurement.
    let measuring = std::env::args().any(|a| a == "--bench");
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
    runtime.block_on(async {
        let seen = Seen::default();
        let addr = server(seen.clone()).await;
        let base = format!("http://{addr}");
        let client = Client::builder("sk_test_bench").base_url(&base).build().expect("client");
        // reqwest is built without a default TLS provider; an application
        // using it directly installs one (ours configures its own).
        let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
        let bare = reqwest::Client::new();
        let url = format!("{base}/v1/balance");
        // The headers the client sends from its second request on (with
        // telemetry), for the hand-written request to send too.
        Balance::retrieve(&client).await.expect("balance from the local server");
        seen.lock().expect("headers seen").clear();
        Balance::retrieve(&client).await.expect("balance from the local server");
        let mut by_hand = reqwest::header::HeaderMap::new();
        for (k, v) in seen.lock().expect("headers seen").iter() {
            let name = reqwest::header::HeaderName::from_bytes(k.as_bytes()).expect("a header name");
            by_hand.append(name, v.parse().expect("a header value"));
        }
        assert!(by_hand.contains_key("x-stripe-client-telemetry"), "the server saw the client's headers: {by_hand:?}");
        if !measuring {
            for _ in 0..10 {
                Balance::retrieve(&client).await.expect("balance from the local server");
            }
            assert!(by_reqwest(bare.clone(), url.clone(), None).await, "the bare GET failed");
            assert!(by_reqwest(bare, url, Some(by_hand)).await, "the request by hand failed");
            return;
        }
        // `CLIENT_BENCH_PROFILE=ours` (or `by_hand`) runs only that side at
        // concurrency 8 for 10 s, to record with `perf` and compare.
        if let Ok(side) = std::env::var("CLIENT_BENCH_PROFILE") {
            let span = Duration::from_secs(10);
            let rps = match side.as_str() {
                "ours" => {
                    let c = client.clone();
                    rate(8, span, move || {
                        let c = c.clone();
                        async move { Balance::retrieve(&c).await.is_ok() }
                    })
                    .await
                }
                "by_hand" => rate(8, span, move || by_reqwest(bare.clone(), url.clone(), Some(by_hand.clone()))).await,
                other => panic!("CLIENT_BENCH_PROFILE is `ours` or `by_hand`, not {other:?}"),
            };
            println!("PROFILE side={side} rps={rps:.0}");
            return;
        }
        let span = Duration::from_millis(700);
        for concurrency in [1usize, 8] {
            let (mut ours, mut theirs, mut hand, mut ratios, mut hand_ratios) =
                (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
            // Interleaved rounds; each round's ratio compares two runs made
            // seconds apart, so drift on a shared machine cancels out.
            for _ in 0..7 {
                let c = client.clone();
                let o = rate(concurrency, span, move || {
                    let c = c.clone();
                    async move { Balance::retrieve(&c).await.is_ok() }
                })
                .await;
                let (b, u) = (bare.clone(), url.clone());
                let t = rate(concurrency, span, move || by_reqwest(b.clone(), u.clone(), None)).await;
                let (b, u, h) = (bare.clone(), url.clone(), by_hand.clone());
                let w = rate(concurrency, span, move || by_reqwest(b.clone(), u.clone(), Some(h.clone()))).await;
                ours.push(o);
                theirs.push(t);
                hand.push(w);
                ratios.push(o / t);
                hand_ratios.push(o / w);
            }
            let (lo, hi) = (
                ratios.iter().copied().fold(f64::INFINITY, f64::min),
                ratios.iter().copied().fold(0.0, f64::max),
            );
            println!(
                "CLIENT concurrency={concurrency} generated_rps={:.0} bare_rps={:.0} ratio={:.2} ratio_min={lo:.2} ratio_max={hi:.2}",
                median(ours.clone()),
                median(theirs),
                median(ratios)
            );
            println!(
                "BYHAND concurrency={concurrency} generated_rps={:.0} by_hand_rps={:.0} ratio={:.2}",
                median(ours),
                median(hand),
                median(hand_ratios)
            );
        }
        let (start_rss, _) = memory_kib();
        let mut after_1k = 0;
        for i in 1..=10_000 {
            Balance::retrieve(&client).await.expect("balance");
            if i == 1_000 {
                after_1k = memory_kib().0;
            }
        }
        let (after_10k, peak) = memory_kib();
        println!("MEMORY start_kib={start_rss} after_1000_kib={after_1k} after_10000_kib={after_10k} peak_kib={peak}");
    });
}
