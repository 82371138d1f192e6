//! The v2 examples against the v2 test server (`xtask/v2server`), part of
//! `cargo xtask test`: the server starts on 127.0.0.1 with a 500 injected
//! on the first request to each path and session tokens expiring after two
//! stream requests; `v2_meter_events` and `v2_event_destinations` run to
//! completion; `thin_events_server` answers signed notifications (200),
//! refuses a bad signature (400) and reports an event it cannot fetch
//! (500); and the server saw no broken rule and a retry with the same key
//! after every injected failure.
#![allow(missing_docs)]

use anyhow::{Context, Result, bail};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// The key the examples send (the server takes any `sk_test_`).
const TEST_KEY: &str = "sk_test_v2server";
/// The secret notifications are signed with.
const WEBHOOK_SECRET: &str = "whsec_v2server";

/// A child process killed when dropped.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The first line a child prints on `stream` that `pick` accepts, within a
/// minute; the rest of the stream is drained.
fn first_line<R: Read + Send + 'static>(stream: R, pick: fn(&str) -> Option<String>) -> Result<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(stream).lines();
        for line in lines.by_ref().map_while(Result::ok) {
            if let Some(found) = pick(&line) {
                let _ = tx.send(found);
                break;
            }
        }
        for _ in lines {}
    });
    rx.recv_timeout(Duration::from_secs(60)).context("no answer within 60 s")
}

/// One HTTP request to 127.0.0.1:`port`: the status and the body.
fn http(port: u16, method: &str, path: &str, body: &str) -> Result<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).with_context(|| format!("connecting to port {port}"))?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    let status = answer.split_whitespace().nth(1).and_then(|s| s.parse().ok()).context("not an HTTP answer")?;
    let body = answer.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
    Ok((status, body))
}

/// The API version of the v2 test bed, from its surface file.
fn api_version(root: &Path) -> Result<String> {
    let path = root.join("generated/v2/api-surface.json");
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let surface: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))?;
    surface.get("version").and_then(|v| v.as_str()).map(str::to_owned).context("the surface names no version")
}

fn cargo(root: &Path) -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.current_dir(root);
    c
}

/// Runs the v2 examples against the v2 test server (see the module docs).
pub fn run() -> Result<()> {
    let root = crate::root();
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    let script = root.join("xtask/v2server/server.py");
    let version = api_version(&root)?;
    let mut server = Command::new(&python)
        .arg(&script)
        .args(["0", "--version", &version, "--fail-first", "--session-requests", "2"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .with_context(|| {
            format!("starting the v2 test server with `{python}` (Python 3 is needed; PYTHON names it)")
        })?;
    let stdout = server.stdout.take().context("the server's output")?;
    let server = Running(server);
    let port: u16 = first_line(stdout, |l| l.strip_prefix("LISTENING ").map(str::to_owned))
        .context("the v2 test server did not start")?
        .trim()
        .parse()
        .context("the v2 test server printed no port")?;
    let base = format!("http://127.0.0.1:{port}");
    println!("v2 test server listening on {base}");
    let build =
        cargo(&root).args(["build", "--quiet", "--all-features", "-p", "stripe-client-v2", "--examples"]).status()?;
    if !build.success() {
        bail!("building the v2 examples failed");
    }
    let examples = root.join("target/debug/examples");
    for example in ["v2_meter_events", "v2_event_destinations"] {
        let st = Command::new(examples.join(example))
            .env("STRIPE_API_BASE", &base)
            .env("STRIPE_SECRET_KEY", TEST_KEY)
            .status()
            .with_context(|| format!("running example {example}"))?;
        if !st.success() {
            bail!("example `{example}` failed against the v2 test server ({st})");
        }
    }
    thin_events(&examples, &base, port)?;
    let (_, stats) = http(port, "GET", "/_test/stats", "")?;
    let stats: serde_json::Value = serde_json::from_str(&stats).context("the server's stats are not JSON")?;
    let count = |k: &str| stats.get(k).and_then(serde_json::Value::as_u64).unwrap_or(0);
    let violations = stats.get("violations").and_then(|v| v.as_array()).map_or(0, Vec::len);
    if violations > 0 || count("injected_failures") == 0 || count("retries_with_same_key") != count("injected_failures")
    {
        bail!("the v2 test server saw the wire's rules broken or a failure not retried with its key: {stats}");
    }
    if count("sessions_expired") == 0 || count("stream_events") < 500 {
        bail!("the meter event stream did not renew an expired session or sent too little: {stats}");
    }
    drop(server);
    println!(
        "v2: 3 examples passed against the v2 test server ({} failures injected and retried with their keys, {} sessions expired and renewed, {} stream events)",
        count("injected_failures"),
        count("sessions_expired"),
        count("stream_events")
    );
    Ok(())
}

/// `thin_events_server` answers notifications the v2 server signs.
fn thin_events(examples: &Path, base: &str, server_port: u16) -> Result<()> {
    let mut child = Command::new(examples.join("thin_events_server"))
        .env("STRIPE_API_BASE", base)
        .env("STRIPE_SECRET_KEY", TEST_KEY)
        .env("STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET)
        .env("PORT", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("starting thin_events_server")?;
    let (stdout, stderr) = (child.stdout.take(), child.stderr.take());
    let _child = Running(child);
    let listening = first_line(stderr.context("its stderr")?, |l| {
        l.strip_prefix("listening on http://").and_then(|r| r.strip_suffix("/webhook")).map(str::to_owned)
    })
    .context("thin_events_server did not start")?;
    let printed = {
        let (tx, rx) = mpsc::channel();
        let stdout = stdout.context("its stdout")?;
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        rx
    };
    let url = format!("http://{listening}/webhook");
    let notify = |extra: &str| -> Result<u64> {
        let body = format!(r#"{{"url": "{url}", "secret": "{WEBHOOK_SECRET}"{extra}}}"#);
        let (_, answer) = http(server_port, "POST", "/_test/notify", &body)?;
        let answer: serde_json::Value = serde_json::from_str(&answer).context("the server's answer is not JSON")?;
        answer.get("status").and_then(serde_json::Value::as_u64).context("no status in the server's answer")
    };
    let statuses = [notify("")?, notify(r#", "bad_signature": true"#)?, notify(r#", "event_id": "evt_unknown""#)?];
    if statuses != [200, 400, 500] {
        bail!("thin_events_server answered {statuses:?} to a good notification, a bad signature and an unknown event");
    }
    let line = printed.recv_timeout(Duration::from_secs(30)).context("thin_events_server printed no event")?;
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() != 4 || !words[0].starts_with("evt_") || words[2] != "v2.core.event_destination" {
        bail!("thin_events_server printed {line:?}, not `<event id> <type> <related type> <related id>`");
    }
    Ok(())
}
