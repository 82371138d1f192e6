//! One answer to a request: read within the body limit (`run`), then
//! judged (`judge`): typed decoding of a success, error mapping and the
//! retry decision for the rest.

use super::error::{ApiError, DecodeError, Error, ErrorKind, body_start};
use super::request::Response;
use super::retry::should_retry;
use reqwest::header::{HeaderName, RETRY_AFTER};
use serde::de::DeserializeOwned;
use std::time::Duration;

// Header names built without parsing or allocating on every answer.
const REQUEST_ID: HeaderName = HeaderName::from_static("request-id");
const SHOULD_RETRY: HeaderName = HeaderName::from_static("stripe-should-retry");
const IDEMPOTENT_REPLAYED: HeaderName = HeaderName::from_static("idempotent-replayed");

/// The readable name of `T` (`List<Charge>`, not module paths).
fn short_type_name<T>() -> String {
    let full = std::any::type_name::<T>();
    let mut out = String::with_capacity(full.len());
    let mut word = String::new();
    for c in full.chars() {
        if c.is_alphanumeric() || c == '_' || c == ':' {
            word.push(c);
        } else {
            out.push_str(word.rsplit("::").next().unwrap_or_default());
            word.clear();
            out.push(c);
        }
    }
    out.push_str(word.rsplit("::").next().unwrap_or_default());
    out
}

/// One answer, read: the status, the headers that matter and the body, at
/// most `max_response_bytes` of it.
#[derive(Clone, Debug)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) request_id: Option<String>,
    should_retry: Option<String>,
    retry_after: Option<Duration>,
    /// `Idempotent-Replayed: true`.
    replayed: bool,
    body: Vec<u8>,
    /// The limit the body was longer than: `body` holds only its start.
    too_large: Option<usize>,
}

impl Answer {
    /// Takes what matters from the headers: values that are not visible
    /// ASCII are ignored, as is a `Retry-After` that is not whole seconds.
    pub(crate) fn new(status: u16, headers: &reqwest::header::HeaderMap) -> Answer {
        let header = |name: HeaderName| headers.get(name).and_then(|v| v.to_str().ok()).map(|v| v.trim().to_owned());
        Answer {
            status,
            request_id: header(REQUEST_ID),
            should_retry: header(SHOULD_RETRY),
            retry_after: header(RETRY_AFTER).and_then(|v| v.parse::<u64>().ok()).map(Duration::from_secs),
            replayed: header(IDEMPOTENT_REPLAYED).is_some_and(|v| v.eq_ignore_ascii_case("true")),
            body: Vec::new(),
            too_large: None,
        }
    }

    /// Adds a chunk of the body, up to `max` bytes in all. False once the
    /// limit is passed: the rest is not wanted, and what is kept stays
    /// within the limit.
    pub(crate) fn push(&mut self, chunk: &[u8], max: usize) -> bool {
        let room = max.saturating_sub(self.body.len());
        if chunk.len() > room {
            self.body.extend_from_slice(&chunk[..room]);
            self.too_large = Some(max);
            return false;
        }
        self.body.extend_from_slice(chunk);
        true
    }
}

/// What a request was sent with, for its response and its errors.
#[derive(Clone, Debug, Default)]
pub(crate) struct Sent {
    /// How many times it was sent so far.
    pub attempts: u32,
    /// Its `Idempotency-Key`, if it had one.
    pub idempotency_key: Option<String>,
    /// The `Stripe-Version` it was sent with.
    pub api_version: String,
}

/// What to do after one answer.
pub(crate) enum Verdict<T> {
    /// The request is over: this is its result.
    Done(Result<Response<T>, Error>),
    /// Send it again, waiting at least `after` if the server said so; if it
    /// cannot be sent again (the deadline), `error` is its result.
    Retry { after: Option<Duration>, error: Error },
}

/// Judges one answer: a success decodes into `T` (bounded by the body
/// limit), an error response becomes an [`ApiError`] unless it should be
/// retried and `may_retry` allows it. Never panics, whatever the answer.
pub(crate) fn judge<T: DeserializeOwned>(a: Answer, sent: &Sent, may_retry: bool) -> Verdict<T> {
    if !(200..300).contains(&a.status) {
        let mut err = ApiError::from_response(a.status, a.request_id.clone(), &a.body, sent.attempts);
        err.idempotency_key = sent.idempotency_key.clone();
        // A key reused with other parameters fails the same way every time:
        // a 409 `idempotency_error` is not retried unless Stripe says so.
        let retry = match a.should_retry.as_deref() {
            None if err.kind == ErrorKind::Idempotency => false,
            header => should_retry(a.status, header),
        };
        let error = Error::Api(Box::new(err));
        if may_retry && retry {
            return Verdict::Retry { after: a.retry_after, error };
        }
        return Verdict::Done(Err(error));
    }
    let decode_error = |path: String, message: String, a: Answer| {
        Error::Decode(Box::new(DecodeError {
            type_name: short_type_name::<T>(),
            path,
            // serde quotes the offending value, which may be megabytes long.
            message: shorten(message, 300),
            api_version: sent.api_version.clone(),
            status: a.status,
            request_id: a.request_id,
            idempotency_key: sent.idempotency_key.clone(),
            body_start: body_start(&a.body),
            attempts: sent.attempts,
        }))
    };
    if let Some(limit) = a.too_large {
        let message = format!("the body is larger than the limit of {limit} bytes (max_response_bytes)");
        return Verdict::Done(Err(decode_error(String::new(), message, a)));
    }
    let decoded = super::de::from_json::<T>(&a.body);
    Verdict::Done(match decoded {
        Ok(data) => Ok(Response {
            data,
            request_id: a.request_id,
            status: a.status,
            attempts: sent.attempts,
            idempotency_key: sent.idempotency_key.clone(),
            idempotent_replayed: a.replayed,
        }),
        Err((path, message)) => Err(decode_error(path, message, a)),
    })
}

/// `text` cut to at most `max` characters, marked with `…` when cut.
fn shorten(mut text: String, max: usize) -> String {
    if let Some((i, _)) = text.char_indices().nth(max) {
        text.truncate(i);
        text.push('…');
    }
    text
}

/// Why an attempt got no answer.
pub(crate) enum Failure {
    Timeout,
    Connection(String),
}

/// One attempt: the status, headers that matter and the body, read up to
/// `max_bytes` (a body announced or found to be longer is not read on).
pub(crate) async fn run(http: &reqwest::Client, req: reqwest::Request, max_bytes: usize) -> Result<Answer, Failure> {
    let classify = |e: reqwest::Error| {
        if e.is_timeout() {
            Failure::Timeout
        } else {
            // reqwest's message names the URL (never the key) and the cause.
            Failure::Connection(e.without_url().to_string())
        }
    };
    let mut resp = http.execute(req).await.map_err(classify)?;
    let mut answer = Answer::new(resp.status().as_u16(), resp.headers());
    match resp.content_length() {
        Some(n) if n > max_bytes as u64 => {
            answer.too_large = Some(max_bytes);
            return Ok(answer);
        }
        // Announced and within the limit: one allocation for the body.
        Some(n) => answer.body.reserve_exact(n as usize),
        None => {}
    }
    while let Some(chunk) = resp.chunk().await.map_err(classify)? {
        if !answer.push(&chunk, max_bytes) {
            break;
        }
    }
    Ok(answer)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn long_messages_are_shortened() {
        assert_eq!(shorten("abc".into(), 3), "abc");
        assert_eq!(shorten("abcd".into(), 3), "abc…");
        assert_eq!(shorten("ééé".into(), 2), "éé…");
    }

    #[test]
    fn type_names_are_short() {
        assert_eq!(short_type_name::<Vec<std::string::String>>(), "Vec<String>");
    }
}
