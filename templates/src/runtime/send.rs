//! Sending a request: the send loop (headers, idempotency, retries with
//! backoff within the deadline, telemetry, one tracing span); each answer
//! is read and judged in `answer`. Awaiting a [`RequestBuilder`] runs it.

use super::answer::{Failure, Sent, Verdict, judge, run};
use super::client::{STRIPE_ACCOUNT, STRIPE_CONTEXT, STRIPE_VERSION, SecretKey, bearer, header_value};
use super::error::Error;
use super::form;
use super::params::FileContents;
use super::request::{Api, RequestBuilder, Response, is_body_method};
use reqwest::header::{AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, HeaderName, HeaderValue};
use serde::de::DeserializeOwned;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::Instant;
use tracing::Instrument;

// Header names built without parsing or allocating on every request.
const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");
const CLIENT_TELEMETRY: HeaderName = HeaderName::from_static("x-stripe-client-telemetry");

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
}
