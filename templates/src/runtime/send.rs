//! Sending a request: the send loop (headers, idempotency, retries with
//! backoff within the deadline, telemetry, one tracing span), reading each
//! answer within the body limit, and judging it (typed decoding, error
//! mapping). Awaiting a [`RequestBuilder`] runs it.

use super::client::{STRIPE_ACCOUNT, STRIPE_CONTEXT, STRIPE_VERSION, SecretKey, bearer, header_value};
use super::error::{ApiError, DecodeError, Error, ErrorKind, body_start};
use super::form;
use super::params::FileContents;
use super::request::{Api, RequestBuilder, Response, is_body_method};
use super::retry::should_retry;
use reqwest::header::{AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, HeaderName, HeaderValue, RETRY_AFTER};
use serde::de::DeserializeOwned;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::{Duration, Instant};
use tracing::Instrument;

// Header names built without parsing or allocating on every request.
const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");
const CLIENT_TELEMETRY: HeaderName = HeaderName::from_static("x-stripe-client-telemetry");
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
    status: u16,
    request_id: Option<String>,
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

/// A random (version 4) UUID, as Stripe suggests for idempotency keys: 122
/// bits from the operating system's generator, so keys from separate
/// processes and machines never repeat in practice.
fn uuid_v4() -> String {
    let mut b = [0u8; 16];
    if !super::crypto::fill_random(&mut b) {
        // No OS randomness: still unique per process and call.
        let fallback = fastrand::u128(..).to_le_bytes();
        b.copy_from_slice(&fallback);
    }
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

/// `text` cut to at most `max` characters, marked with `…` when cut.
fn shorten(mut text: String, max: usize) -> String {
    if let Some((i, _)) = text.char_indices().nth(max) {
        text.truncate(i);
        text.push('…');
    }
    text
}

enum Failure {
    Timeout,
    Connection(String),
}

impl<T: DeserializeOwned> RequestBuilder<T> {
    /// Sends the request; the decoded body with its `Request-Id`.
    ///
    /// Each request is one `tracing` span, `stripe_request`, with the
    /// method, the path template (`/v1/charges/{charge}`: no ids), the
    /// attempt, the status, the `Request-Id` and the duration; retries are
    /// events in it. Neither the key nor the parameters are ever recorded.
    pub async fn send_with_response(self) -> Result<Response<T>, Error> {
        Box::new(self).traced().await
    }

    /// Sends the request; the decoded body.
    pub async fn send(self) -> Result<T, Error> {
        Box::new(self).traced().await.map(|r| r.data)
    }

    /// The request in its `tracing` span.
    ///
    /// The request is boxed (a few hundred bytes, one small allocation) so
    /// that the futures that hold it stay small: an awaited request's
    /// future is boxed as a whole, and a box of more than about 1 KiB is
    /// served under the allocator's arena lock, which requests running on
    /// several threads then contend for (glibc: 0.90 of the throughput of
    /// the same request by hand at concurrency 8; 0.99 with a small future).
    async fn traced(self: Box<Self>) -> Result<Response<T>, Error> {
        let span = tracing::info_span!(
            "stripe_request",
            method = %self.method,
            path = %self.template,
            attempt = tracing::field::Empty,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        let started = Instant::now();
        let result = self.attempts(&span, started).instrument(span.clone()).await;
        if !span.is_disabled() {
            span.record("duration_ms", u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX));
        }
        result
    }

    /// The send loop: attempts, retries and waits within the deadline.
    async fn attempts(self: Box<Self>, span: &tracing::Span, started: Instant) -> Result<Response<T>, Error> {
        if let Some(e) = self.deferred {
            return Err(e);
        }
        let inner = &self.client.inner;
        let opts = &self.options;
        // The client's headers were built once; only this request's own
        // (overrides, the idempotency key) are built here, once.
        let mut own: Vec<(HeaderName, HeaderValue)> = Vec::new();
        if let Some(k) = &opts.api_key {
            own.push((AUTHORIZATION, bearer(&SecretKey::new(k.clone())?)?));
        }
        let api_version = match &opts.api_version {
            Some(v) => {
                own.push((STRIPE_VERSION, header_value("api_version", v)?));
                v.clone()
            }
            None => inner.api_version.clone(),
        };
        if let Some(a) = &opts.stripe_account {
            own.push((STRIPE_ACCOUNT, header_value("stripe_account", a)?));
        }
        if let Some(c) = &opts.stripe_context {
            own.push((STRIPE_CONTEXT, header_value("stripe_context", c)?));
        }
        let has_body = is_body_method(&self.method);
        // One key per logical request, reused by every retry, so a retried
        // create never runs twice. GET and DELETE are idempotent already on
        // `/v1`; the v2 API wants a key on every DELETE too, as Stripe's
        // libraries send it, retries or not.
        let keyed = has_body || (self.method == reqwest::Method::DELETE && Api::of(&self.path) == Api::V2);
        let idempotency_key = match (keyed, &opts.idempotency_key) {
            (false, _) => None,
            (true, Some(k)) => Some(k.clone()),
            (true, None) => Some(uuid_v4()),
        };
        if let Some(k) = &idempotency_key {
            own.push((IDEMPOTENCY_KEY, header_value("idempotency_key", k)?));
        }
        let encoded = form::encode(&self.pairs);
        let query = (!has_body && !encoded.is_empty()).then_some(encoded.as_str());
        let url = request_url(inner, self.host, &self.path, query)?;
        let max_retries = opts.max_retries.unwrap_or(inner.max_retries);
        let timeout = opts.timeout.unwrap_or(inner.timeout);
        // A deadline too far to represent is no deadline.
        let deadline = opts.deadline.or(inner.deadline).and_then(|d| started.checked_add(d));
        let mut sent = Sent { attempts: 0, idempotency_key, api_version };
        loop {
            sent.attempts += 1;
            span.record("attempt", sent.attempts);
            // An attempt never runs past the deadline.
            let (limit, by_deadline) = match deadline {
                Some(d) if d.saturating_duration_since(Instant::now()) <= timeout => {
                    (d.saturating_duration_since(Instant::now()), true)
                }
                _ => (timeout, false),
            };
            // The request is built directly: the client's headers are
            // cloned once (their values are reference counted), not
            // inserted one by one.
            let mut req = reqwest::Request::new(self.method.clone(), url.clone());
            *req.timeout_mut() = Some(limit);
            let h = req.headers_mut();
            *h = inner.headers.clone();
            for (name, value) in &own {
                h.insert(name.clone(), value.clone());
            }
            if let Some(metrics) = inner.telemetry.take() {
                h.insert(CLIENT_TELEMETRY, metrics);
            }
            if self.multipart {
                // Built again for every attempt: a form is consumed by sending.
                let form = multipart_form(&self.pairs, &self.files)?;
                req = reqwest::RequestBuilder::from_parts(inner.http.clone(), req)
                    .multipart(form)
                    .build()
                    .map_err(|e| Error::Config(format!("could not build the multipart request: {e}")))?;
            } else if let Some(json) = &self.json {
                h.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                h.insert(CONTENT_LENGTH, HeaderValue::from(json.len()));
                *req.body_mut() = Some(json.clone().into());
            } else if has_body && Api::of(&self.path) == Api::V2 {
                // A v2 body is JSON even when there are no parameters.
                h.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                h.insert(CONTENT_LENGTH, HeaderValue::from(2));
                *req.body_mut() = Some("{}".into());
            } else if has_body {
                // Content-Length even when it is 0: RFC 9110 says a POST
                // normally carries it, and some proxies answer 411 without.
                h.insert(CONTENT_TYPE, HeaderValue::from_static("application/x-www-form-urlencoded"));
                h.insert(CONTENT_LENGTH, HeaderValue::from(encoded.len()));
                *req.body_mut() = Some(encoded.clone().into());
            }
            let may_retry = sent.attempts <= max_retries;
            tracing::debug!(attempt = sent.attempts, "stripe request sent");
            let sent_at = Instant::now();
            // Boxed: the attempt's future (reqwest's, the body's) would
            // otherwise more than double this one's size (see `traced`).
            let (error, wait) = match Box::pin(run(&inner.http, req, inner.max_response_bytes)).await {
                Ok(answer) => {
                    span.record("status", answer.status);
                    if let Some(id) = &answer.request_id {
                        span.record("request_id", tracing::field::display(id));
                        inner.telemetry.record(id, sent_at.elapsed());
                    }
                    match judge(answer, &sent, may_retry) {
                        Verdict::Done(result) => return result,
                        Verdict::Retry { after, error } => (error, inner.backoff.delay(sent.attempts - 1, after)),
                    }
                }
                Err(failure) => {
                    let idempotency_key = sent.idempotency_key.clone();
                    let error = match failure {
                        Failure::Timeout => Error::Timeout {
                            timeout: limit,
                            deadline: by_deadline,
                            attempts: sent.attempts,
                            idempotency_key,
                        },
                        Failure::Connection(message) => {
                            Error::Connection { message, attempts: sent.attempts, idempotency_key }
                        }
                    };
                    if !may_retry || by_deadline {
                        return Err(error);
                    }
                    (error, inner.backoff.delay(sent.attempts - 1, None))
                }
            };
            // A retry never sleeps past the deadline, nor starts with no time left.
            if deadline.is_some_and(|d| Instant::now() + wait >= d) {
                tracing::info!(attempt = sent.attempts, %error, "stripe request not retried: its deadline would pass");
                return Err(error);
            }
            let wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX);
            tracing::info!(attempt = sent.attempts, wait_ms, %error, "stripe request failed; retrying");
            tokio::time::sleep(wait).await;
        }
    }
}

/// A request's URL: the client's base URL, parsed once when the client was
/// built, with the request's path after the base URL's own and its query.
fn request_url(
    inner: &super::client::Inner,
    host: Option<&'static str>,
    path: &str,
    query: Option<&str>,
) -> Result<reqwest::Url, Error> {
    let mut url = match host {
        // An endpoint's own host (uploads) replaces Stripe's, never a
        // base URL the application chose.
        Some(host) if inner.base_url == super::client::DEFAULT_BASE_URL => {
            reqwest::Url::parse(host).map_err(|e| Error::Config(format!("bad request URL: {e}")))?
        }
        _ => inner.base.clone(),
    };
    match url.path() {
        "/" | "" => url.set_path(path),
        prefix => {
            let full = format!("{prefix}{path}");
            url.set_path(&full);
        }
    }
    url.set_query(query);
    Ok(url)
}

/// A `multipart/form-data` body: text parameters, then files.
fn multipart_form(
    pairs: &[(String, String)],
    files: &[(String, FileContents)],
) -> Result<reqwest::multipart::Form, Error> {
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in pairs {
        form = form.text(k.clone(), v.clone());
    }
    for (k, f) in files {
        let mut part = reqwest::multipart::Part::bytes(f.bytes.to_vec()).file_name(f.name.clone());
        if let Some(ct) = &f.content_type {
            part = part
                .mime_str(ct)
                .map_err(|_| Error::Validation { param: k.clone(), message: format!("{ct:?} is not a media type") })?;
        }
        form = form.part(k.clone(), part);
    }
    Ok(form)
}

/// One attempt: the status, headers that matter and the body, read up to
/// `max_bytes` (a body announced or found to be longer is not read on).
async fn run(http: &reqwest::Client, req: reqwest::Request, max_bytes: usize) -> Result<Answer, Failure> {
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

impl<T: DeserializeOwned + Send + 'static> IntoFuture for RequestBuilder<T> {
    type Output = Result<T, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<T, Error>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        // The box holds the request's future; the request itself is boxed
        // apart, so that this one stays small (see `traced`).
        let request = Box::new(self);
        Box::pin(async move { request.traced().await.map(|r| r.data) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idempotency_keys_are_v4_uuids() {
        let a = uuid_v4();
        let b = uuid_v4();
        assert_ne!(a, b);
        let parts: Vec<usize> = a.split('-').map(str::len).collect();
        assert_eq!(parts, [8, 4, 4, 4, 12], "{a}");
        assert_eq!(&a[14..15], "4", "{a}");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"), "{a}");
        assert!(a.chars().all(|c| c == '-' || c.is_ascii_hexdigit()), "{a}");
    }

    #[test]
    fn long_messages_are_shortened() {
        assert_eq!(shorten("abc".into(), 3), "abc");
        assert_eq!(shorten("abcd".into(), 3), "abc…");
        assert_eq!(shorten("ééé".into(), 2), "éé…");
    }

    /// An awaited request's future is boxed; it must stay small enough for
    /// the allocator's per-thread cache (glibc's ends at 1032 bytes), or
    /// concurrent requests contend on its arena lock.
    #[test]
    fn an_awaited_request_is_a_small_future() {
        let client = crate::Client::builder("sk_test_x").base_url("http://127.0.0.1:1").build().expect("a client");
        let request = || {
            RequestBuilder::<serde_json::Value>::new(
                &client,
                reqwest::Method::GET,
                &[super::super::request::PathPart::Lit("/v1/balance")],
            )
        };
        let boxed = std::mem::size_of_val(&*request().into_future());
        let request_itself = std::mem::size_of_val(&request());
        assert!(
            boxed <= 1024,
            "the boxed future of an awaited request is {boxed} bytes (the request itself: {request_itself})"
        );
    }

    #[test]
    fn type_names_are_short() {
        assert_eq!(short_type_name::<Vec<std::string::String>>(), "Vec<String>");
    }
}
