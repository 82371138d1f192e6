//! A minimal HTTP/1.1 server on 127.0.0.1, on raw tokio TCP, for tests
//! that need what a mock server cannot do: close a connection after
//! reading a request, answer late, stream a body without end, or send
//! bytes that are not a well-formed answer.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A request as received.
#[derive(Clone, Debug)]
pub struct RawRequest {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The request target (path and query).
    pub target: String,
    /// Headers, names in lower case, in order.
    pub headers: Vec<(String, String)>,
    /// The body (by `Content-Length`).
    pub body: Vec<u8>,
}

impl RawRequest {
    /// The first value of header `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// What the server does with a request.
#[derive(Clone, Debug)]
pub enum Reply {
    /// Answers with a status, headers and a body (with `Content-Length`).
    Answer { status: u16, headers: Vec<(String, String)>, body: Vec<u8> },
    /// Closes the connection without answering.
    Close,
    /// Waits, then answers (the client has usually given up by then).
    Late(Duration, Box<Reply>),
    /// A status and headers, then `chunk` over and over until the client
    /// hangs up, with no `Content-Length` (the body ends when the
    /// connection does), or with this `Content-Length` announced.
    Endless { status: u16, chunk: Vec<u8>, content_length: Option<u64> },
    /// These bytes as they are, then close.
    Bytes(Vec<u8>),
}

impl Reply {
    /// A JSON answer.
    pub fn json(status: u16, body: impl Into<Vec<u8>>) -> Reply {
        Reply::Answer { status, headers: vec![("Content-Type".into(), "application/json".into())], body: body.into() }
    }

    /// The same reply with one more header (for `Answer`).
    pub fn with_header(mut self, name: &str, value: &str) -> Reply {
        if let Reply::Answer { headers, .. } = &mut self {
            headers.push((name.to_owned(), value.to_owned()));
        }
        self
    }
}

/// Starts a server that answers each request with `handler`'s reply, and
/// returns its base URL (`http://127.0.0.1:PORT`). It runs until the
/// runtime stops.
pub async fn serve<F, Fut>(handler: F) -> String
where
    F: Fn(RawRequest) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Reply> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("an ephemeral port is free");
    let addr = listener.local_addr().expect("a bound socket has an address");
    let handler = Arc::new(handler);
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            // Answers go out in more than one write; without this, Nagle's
            // algorithm and delayed ACKs add 40 ms to each.
            let _ = stream.set_nodelay(true);
            let handler = Arc::clone(&handler);
            tokio::spawn(async move {
                // Errors end the connection, as a server would.
                let _ = connection(stream, handler).await;
            });
        }
    });
    format!("http://{addr}")
}

/// Serves requests on one connection until it closes (keep-alive).
async fn connection<F, Fut>(mut stream: TcpStream, handler: Arc<F>) -> std::io::Result<()>
where
    F: Fn(RawRequest) -> Fut,
    Fut: Future<Output = Reply>,
{
    let mut buf = Vec::new();
    loop {
        let Some(request) = read_request(&mut stream, &mut buf).await? else { return Ok(()) };
        let mut reply = handler(request).await;
        loop {
            match reply {
                Reply::Late(wait, then) => {
                    tokio::time::sleep(wait).await;
                    reply = *then;
                }
                Reply::Close => return Ok(()),
                Reply::Answer { status, headers, body } => {
                    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
                    for (name, value) in &headers {
                        head.push_str(&format!("{name}: {value}\r\n"));
                    }
                    head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
                    let mut bytes = head.into_bytes();
                    bytes.extend_from_slice(&body);
                    stream.write_all(&bytes).await?;
                    break;
                }
                Reply::Endless { status, chunk, content_length } => {
                    let mut head =
                        format!("HTTP/1.1 {status} {}\r\nContent-Type: application/json\r\n", reason(status));
                    match content_length {
                        Some(n) => head.push_str(&format!("Content-Length: {n}\r\n\r\n")),
                        None => head.push_str("Connection: close\r\n\r\n"),
                    }
                    stream.write_all(head.as_bytes()).await?;
                    loop {
                        stream.write_all(&chunk).await?;
                    }
                }
                Reply::Bytes(bytes) => {
                    stream.write_all(&bytes).await?;
                    return Ok(());
                }
            }
        }
    }
}

/// Reads one request; `None` when the client closed the connection.
async fn read_request(stream: &mut TcpStream, buf: &mut Vec<u8>) -> std::io::Result<Option<RawRequest>> {
    let bad = |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_owned());
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        if buf.len() > 64 * 1024 {
            return Err(bad("request head too long"));
        }
        let mut chunk = [0u8; 8192];
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut start = lines.next().unwrap_or_default().split(' ');
    let method = start.next().unwrap_or_default().to_owned();
    let target = start.next().unwrap_or_default().to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .map_or(Ok(0), |(_, v)| v.parse::<usize>().map_err(|_| bad("bad Content-Length")))?;
    buf.drain(..head_end + 4);
    while buf.len() < length {
        let mut chunk = [0u8; 8192];
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let body = buf.drain(..length).collect();
    Ok(Some(RawRequest { method, target, headers, body }))
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        409 => "Conflict",
        500 => "Internal Server Error",
        _ => "Status",
    }
}
