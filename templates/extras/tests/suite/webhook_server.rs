//! The `webhook_server` example, end to end: the real binary (built by the
//! test with `cargo build --example`) started with two secrets on a free
//! loopback port, sent genuine, rotated-secret, forged, stale, tampered and
//! malformed requests over HTTP; it must answer 2xx only for verified
//! events, 4xx with a reason otherwise, and print one line per accepted
//! event.

use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;
use stripe_client::Webhook;

/// Kills the server when the test ends, passing or not.
struct Server {
    child: Child,
    base: String,
    lines: mpsc::Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Builds the example (as `cargo build --example` does; `cargo test` may
/// have built it only as a test) and returns its path.
fn example_binary() -> std::path::PathBuf {
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(&cargo)
        .args(["build", "--quiet", "--example", "webhook_server", "--message-format", "json", "--manifest-path"])
        .arg(manifest)
        // The features this test was built with, as far as they differ from
        // the defaults, so the crate already built is reused, not rebuilt.
        .args(if cfg!(all(feature = "blocking", feature = "v2")) { &["--all-features"][..] } else { &[][..] })
        .stderr(Stdio::inherit())
        .output()
        .expect("cargo runs");
    assert!(out.status.success(), "cargo build --example webhook_server failed");
    // The artifact message of the example names its executable.
    let stdout = String::from_utf8_lossy(&out.stdout);
    let path = stdout
        .lines()
        .filter(|l| l.contains("\"compiler-artifact\"") && l.contains("webhook_server"))
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find_map(|v| v["executable"].as_str().map(std::path::PathBuf::from))
        .expect("cargo names the example's executable");
    assert!(path.exists(), "{} is missing", path.display());
    path
}

fn start(secrets: &str) -> Server {
    let mut child = Command::new(example_binary())
        .env("STRIPE_WEBHOOK_SECRET", secrets)
        .env("PORT", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the example starts");
    let stderr = child.stderr.take().expect("stderr is piped");
    let (addr_tx, addr_rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut sent = false;
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if !sent {
                if let Some(rest) = line.strip_prefix("listening on ") {
                    let _ = addr_tx.send(rest.trim_end_matches("/webhook").to_owned());
                    sent = true;
                }
            }
        }
    });
    let stdout: ChildStdout = child.stdout.take().expect("stdout is piped");
    let (tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let base = addr_rx.recv_timeout(Duration::from_secs(30)).expect("the example says where it listens");
    Server { child, base, lines }
}

fn event(id: &str, kind: &str, object: &str) -> Vec<u8> {
    format!(
        r#"{{"id":"{id}","object":"event","api_version":"2018-01-23","created":1517000000,"livemode":false,"pending_webhooks":1,"request":null,"type":"{kind}","data":{{"object":{object}}}}}"#
    )
    .into_bytes()
}

/// One HTTP/1.1 request over loopback: the status and the body of the answer.
async fn request(server: &Server, method: &str, body: &[u8], signature: Option<String>) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let host = server.base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(host).await.expect("the server accepts");
    let mut head = format!(
        "{method} /webhook HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
        body.len()
    );
    if let Some(s) = signature {
        head.push_str(&format!("Stripe-Signature: {s}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await.expect("the request is sent");
    stream.write_all(body).await.expect("the body is sent");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.expect("the answer is read");
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status = answer.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let text = answer.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
    (status, text)
}

async fn post(server: &Server, body: &[u8], signature: Option<String>) -> (u16, String) {
    request(server, "POST", body, signature).await
}

#[tokio::test]
async fn the_example_accepts_verified_events_and_refuses_the_rest() {
    let server = start("whsec_current, whsec_rolled");
    let now = Webhook::now_unix();
    let charge = event(
        "evt_1",
        "charge.succeeded",
        r#"{"id":"ch_1","object":"charge","amount":2000,"amount_refunded":0,"captured":true,"created":1,"currency":"usd","livemode":false,"metadata":{},"paid":true,"refunded":false,"refunds":{"object":"list","data":[],"has_more":false,"url":"/"},"status":"succeeded"}"#,
    );
    let sign = |body: &[u8], secret: &str, t: i64| Some(Webhook::signature_header(body, secret, t));

    assert_eq!(post(&server, &charge, sign(&charge, "whsec_current", now)).await.0, 200);
    // The other secret of a roll.
    let unknown = event("evt_2", "quantum.entangled", r#"{"object":"quantum","spin":"up"}"#);
    assert_eq!(post(&server, &unknown, sign(&unknown, "whsec_rolled", now)).await.0, 200);

    let refusals = [
        ("forged", post(&server, &charge, sign(&charge, "whsec_attacker", now)).await, "does not match"),
        ("stale", post(&server, &charge, sign(&charge, "whsec_current", now - 600)).await, "too old"),
        (
            "tampered",
            post(&server, &charge.replace_amount(), sign(&charge, "whsec_current", now)).await,
            "does not match",
        ),
        ("unsigned", post(&server, &charge, None).await, "no Stripe-Signature"),
        ("malformed", post(&server, &charge, Some("v1=abc".into())).await, "malformed"),
        ("not an event", post(&server, b"{\"id\":1}", sign(b"{\"id\":1}", "whsec_current", now)).await, "not an event"),
    ];
    for (what, (status, text), reason) in refusals {
        assert!((400..500).contains(&status), "{what}: answered {status}");
        assert!(text.contains(reason), "{what}: answered {text:?}");
    }
    let (get, _) = request(&server, "GET", b"", None).await;
    assert!((400..500).contains(&get), "GET answered {get}");

    let mut printed = Vec::new();
    while let Ok(line) = server.lines.recv_timeout(Duration::from_millis(500)) {
        printed.push(line);
    }
    assert_eq!(printed, ["evt_1 charge.succeeded charge ch_1", "evt_2 quantum.entangled quantum -"]);
}

trait Tamper {
    fn replace_amount(&self) -> Vec<u8>;
}

impl Tamper for Vec<u8> {
    fn replace_amount(&self) -> Vec<u8> {
        String::from_utf8_lossy(self).replace("\"amount\":2000", "\"amount\":1").into_bytes()
    }
}
