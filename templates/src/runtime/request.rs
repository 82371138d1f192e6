//! One request: its path, parameters and per-request options, checked as
//! they are set. The `send` module sends it.

use super::RequestOptions;
use super::client::Client;
use super::error::Error;
use super::form;
use super::params::FileContents;
use serde::Serialize;
use std::marker::PhantomData;
use std::time::Duration;

/// Which of Stripe's two APIs a path belongs to: its paths say so
/// (`/v2/...`). The v2 API takes JSON bodies, repeats a query key for each
/// item of an array (`include=a&include=b`), wants an idempotency key on
/// every POST and DELETE, and pages by URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Api {
    /// `/v1/...`: form bodies, bracketed arrays (`expand[0]=a`).
    V1,
    /// `/v2/...`.
    V2,
}

impl Api {
    /// The API a path belongs to.
    pub(crate) fn of(path: &str) -> Api {
        if path.starts_with("/v2/") { Api::V2 } else { Api::V1 }
    }
}

/// A piece of an endpoint path, as generated code spells it.
#[derive(Clone, Copy, Debug)]
pub enum PathPart<'a> {
    /// Literal text such as `/v1/charges/`.
    Lit(&'static str),
    /// A path parameter: its name (for errors) and value. The value is
    /// percent-encoded as exactly one segment.
    Param(&'static str, &'a str),
    /// A whole path given by the user (`Client::get`).
    Raw(&'a str),
}

/// Characters kept as they are inside one path segment: unreserved ones.
const SEGMENT: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// The path of a request and its template (`/v1/charges/{charge}`), which
/// names the endpoint in logs without the ids.
fn build_path(parts: &[PathPart<'_>]) -> Result<(String, String), Error> {
    let mut path = String::new();
    let mut template = String::new();
    for part in parts {
        match part {
            PathPart::Lit(s) => {
                path.push_str(s);
                template.push_str(s);
            }
            PathPart::Param(name, value) => {
                // An empty id, `.` or `..` would address another endpoint.
                if value.is_empty() || *value == "." || *value == ".." {
                    return Err(Error::Validation {
                        param: (*name).to_owned(),
                        message: format!("{value:?} is not a valid id"),
                    });
                }
                path.extend(percent_encoding::utf8_percent_encode(value, SEGMENT));
                template.push('{');
                template.push_str(name);
                template.push('}');
            }
            PathPart::Raw(p) => {
                if !p.starts_with('/') || p.contains(['?', '#']) || p.bytes().any(|b| b <= 0x20 || b == 0x7f) {
                    return Err(Error::Validation {
                        param: "path".into(),
                        message: format!(
                            "{p:?} must start with `/` and contain no query, fragment, spaces or control characters"
                        ),
                    });
                }
                path.push_str(p);
                template.push_str(p);
            }
        }
    }
    Ok((path, template))
}

/// A successful response with its metadata.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Response<T> {
    /// The decoded body.
    pub data: T,
    /// Stripe's `Request-Id` header (absent if the server sent none).
    pub request_id: Option<String>,
    /// HTTP status.
    pub status: u16,
    /// How many times the request was sent.
    pub attempts: u32,
    /// The `Idempotency-Key` that was sent, if any.
    pub idempotency_key: Option<String>,
    /// Whether Stripe answered with the saved result of an earlier request
    /// with the same idempotency key (`Idempotent-Replayed: true`) instead
    /// of doing it again.
    pub idempotent_replayed: bool,
}

impl<T> Response<T> {
    /// The decoded body.
    pub fn into_inner(self) -> T {
        self.data
    }
}

/// A request ready to send: `.await` it for the decoded response, or set
/// per-request options first.
///
/// Problems found while building it (an empty id, a parameter that breaks
/// an API rule) are reported when it is awaited, and nothing is sent.
#[must_use = "a request does nothing until it is awaited"]
pub struct RequestBuilder<T> {
    pub(crate) client: Client,
    pub(crate) method: reqwest::Method,
    pub(crate) path: String,
    /// The path with `{name}` for each id, for logs.
    pub(crate) template: String,
    pub(crate) pairs: Vec<(String, String)>,
    /// Files of a multipart request.
    pub(crate) files: Vec<(String, FileContents)>,
    /// Whether the body is `multipart/form-data`.
    pub(crate) multipart: bool,
    /// A v2 request's JSON body.
    pub(crate) json: Option<Vec<u8>>,
    /// The endpoint's own host, if it has one (uploads).
    pub(crate) host: Option<&'static str>,
    pub(crate) options: RequestOptions,
    pub(crate) deferred: Option<Error>,
    marker: PhantomData<fn() -> T>,
}

impl<T> Clone for RequestBuilder<T> {
    fn clone(&self) -> Self {
        RequestBuilder {
            client: self.client.clone(),
            method: self.method.clone(),
            path: self.path.clone(),
            template: self.template.clone(),
            pairs: self.pairs.clone(),
            files: self.files.clone(),
            multipart: self.multipart,
            json: self.json.clone(),
            host: self.host,
            options: self.options.clone(),
            deferred: self.deferred.clone(),
            marker: PhantomData,
        }
    }
}

impl<T> std::fmt::Debug for RequestBuilder<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RequestBuilder")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl<T> RequestBuilder<T> {
    /// A request to `parts` joined into a path.
    pub fn new(client: &Client, method: reqwest::Method, parts: &[PathPart<'_>]) -> Self {
        let ((path, template), deferred) = match build_path(parts) {
            Ok(p) => (p, None),
            Err(e) => (Default::default(), Some(e)),
        };
        RequestBuilder {
            client: client.clone(),
            method,
            path,
            template,
            pairs: Vec::new(),
            files: Vec::new(),
            multipart: false,
            json: None,
            host: None,
            options: RequestOptions::default(),
            deferred,
            marker: PhantomData,
        }
    }

    /// Adds parameters: the query string for GET and DELETE, the body
    /// otherwise (a form on `/v1`, JSON on `/v2`). Checked here on `/v1`:
    /// metadata limits, and `limit` in 1..=100.
    pub fn params<P: Serialize + ?Sized>(mut self, params: &P) -> Self {
        if self.deferred.is_some() {
            return self;
        }
        let api = Api::of(&self.path);
        if api == Api::V2 && is_body_method(&self.method) {
            match serde_json::to_vec(params) {
                Ok(body) => self.json = Some(body),
                Err(e) => self.deferred = Some(Error::Validation { param: String::new(), message: e.to_string() }),
            }
            return self;
        }
        match form::to_pairs(params) {
            Ok(pairs) if api == Api::V2 => self.pairs.extend(pairs.into_iter().map(|(k, v)| (repeated_key(&k), v))),
            Ok(pairs) => {
                if let Some(e) = check_limit(&pairs) {
                    self.deferred = Some(e);
                }
                self.pairs.extend(pairs);
            }
            Err(e) => self.deferred = Some(Error::Validation { param: e.path, message: e.message }),
        }
        self
    }

    /// Adds parameters as a `multipart/form-data` body, files included
    /// ([`FileContents`] fields). Checked like [`RequestBuilder::params`].
    pub fn multipart<P: Serialize + ?Sized>(mut self, params: &P) -> Self {
        self.multipart = true;
        if self.deferred.is_some() {
            return self;
        }
        match form::to_form(params) {
            Ok(form) => {
                self.pairs.extend(form.pairs);
                self.files.extend(form.files);
            }
            Err(e) => self.deferred = Some(Error::Validation { param: e.path, message: e.message }),
        }
        self
    }

    /// Sends this request to `host` (an https origin) rather than
    /// `https://api.stripe.com`, as Stripe's uploads go to
    /// `https://files.stripe.com`. A client with its own base URL (a local
    /// test server) keeps it.
    pub fn host(mut self, host: &'static str) -> Self {
        // The same rule as a base URL: HTTPS (HTTP only to a loopback
        // address), no credentials, query or fragment.
        if let Err(e) = super::client::check_base_url(host) {
            self.deferred.get_or_insert(e);
        }
        self.host = Some(host);
        self
    }

    /// Replaces all per-request options.
    pub fn options(mut self, options: RequestOptions) -> Self {
        self.options = options;
        self
    }

    /// Uses this API key for this request.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.options.api_key = Some(key.into());
        self
    }

    /// Sends this `Idempotency-Key` (POST only).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.options.idempotency_key = Some(key.into());
        self
    }

    /// Acts on this connected account (`Stripe-Account`).
    pub fn stripe_account(mut self, account: impl Into<String>) -> Self {
        self.options.stripe_account = Some(account.into());
        self
    }

    /// Acts in the context of another account (`Stripe-Context`), as the
    /// v2 API and event notifications name it.
    pub fn stripe_context(mut self, context: impl Into<String>) -> Self {
        self.options.stripe_context = Some(context.into());
        self
    }

    /// Sends this `Stripe-Version`. This crate's types describe
    /// [`API_VERSION`](crate::API_VERSION): under another version, add
    /// [`.json()`](RequestBuilder::json) to read the response untyped; a
    /// typed response that does not decode says which version it ran
    /// under ([`DecodeError::version_mismatch`](crate::DecodeError::version_mismatch)).
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.options.api_version = Some(version.into());
        self
    }

    /// Retries this request at most this many times.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.options.max_retries = Some(retries);
        self
    }

    /// Gives each attempt of this request at most this long (instead of
    /// the client's [`timeout`](crate::ClientBuilder::timeout)).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options.timeout = Some(timeout);
        self
    }

    /// Gives this request at most this long in all, attempts and waits
    /// between them included (instead of the client's
    /// [`deadline`](crate::ClientBuilder::deadline)).
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.options.deadline = Some(deadline);
        self
    }

    /// The path this request goes to.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The same request, answered as raw JSON instead of the typed
    /// response: an escape hatch for servers that answer with another
    /// shape than the spec describes.
    pub fn json(self) -> RequestBuilder<serde_json::Value> {
        RequestBuilder {
            client: self.client,
            method: self.method,
            path: self.path,
            template: self.template,
            pairs: self.pairs,
            files: self.files,
            multipart: self.multipart,
            json: self.json,
            host: self.host,
            options: self.options,
            deferred: self.deferred,
            marker: PhantomData,
        }
    }
}

/// Requests to any path, for endpoints the generated code does not have
/// (here rather than in `client`, so the client does not depend on the
/// requests it makes).
impl Client {
    /// A GET to any path, with parameters added by
    /// [`RequestBuilder::params`].
    pub fn get<T>(&self, path: &str) -> RequestBuilder<T> {
        RequestBuilder::new(self, reqwest::Method::GET, &[PathPart::Raw(path)])
    }

    /// A POST to any path.
    pub fn post<T>(&self, path: &str) -> RequestBuilder<T> {
        RequestBuilder::new(self, reqwest::Method::POST, &[PathPart::Raw(path)])
    }

    /// A DELETE to any path.
    pub fn delete<T>(&self, path: &str) -> RequestBuilder<T> {
        RequestBuilder::new(self, reqwest::Method::DELETE, &[PathPart::Raw(path)])
    }

    /// A request to an endpoint this crate does not have (yet), answered as
    /// JSON: `params` go as a form on `/v1` paths and as JSON on `/v2`
    /// (the query for GET and DELETE), with the same retries, idempotency
    /// keys, telemetry and errors as every other request.
    pub fn raw_request(
        &self,
        method: reqwest::Method,
        path: &str,
        params: &serde_json::Value,
    ) -> RequestBuilder<serde_json::Value> {
        let req = RequestBuilder::new(self, method, &[PathPart::Raw(path)]);
        match params {
            serde_json::Value::Null => req,
            serde_json::Value::Object(map) if map.is_empty() && !is_body_method(&req.method) => req,
            other => req.params(other),
        }
    }
}

/// A v2 query key for a form key: an array's items repeat its key
/// (`include[0]` -> `include`); an object's keep their brackets
/// (`created[gt]`).
fn repeated_key(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut rest = key;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']').map(|c| open + c) else { break };
        out.push_str(&rest[..open]);
        let inside = &rest[open + 1..close];
        if inside.is_empty() || !inside.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&rest[open..=close]);
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The path and query pairs of a v2 list's `next_page_url`, which must be
/// a path on the same server (`/v2/...?page=...`): following a URL to
/// another host would send the key there.
pub(crate) fn split_page_url(url: &str) -> Result<(String, Vec<(String, String)>), Error> {
    let refuse = || Error::Validation {
        param: "next_page_url".into(),
        message: format!("{url:?} is not a path on this server; a page URL is followed only within it"),
    };
    if !url.starts_with('/') || url.starts_with("//") || url.contains(['#', '\\']) {
        return Err(refuse());
    }
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    if path.bytes().any(|b| b <= 0x20 || b == 0x7f) {
        return Err(refuse());
    }
    let decode = |s: &str| percent_encoding::percent_decode_str(&s.replace('+', " ")).decode_utf8_lossy().into_owned();
    let pairs = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect();
    Ok((path.to_owned(), pairs))
}

/// `limit` on list endpoints must be 1..=100 (the API reference's rule).
fn check_limit(pairs: &[(String, String)]) -> Option<Error> {
    let (_, value) = pairs.iter().find(|(k, _)| k == "limit")?;
    match value.parse::<i64>() {
        Ok(1..=100) => None,
        _ => Some(Error::Validation {
            param: "limit".into(),
            message: format!("{value} is out of range; it must be between 1 and 100"),
        }),
    }
}

/// Whether the method sends its parameters as a body (not a query).
pub(crate) fn is_body_method(m: &reqwest::Method) -> bool {
    !matches!(*m, reqwest::Method::GET | reqwest::Method::DELETE | reqwest::Method::HEAD)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_one_percent_encoded_segment() {
        let (p, template) =
            build_path(&[PathPart::Lit("/v1/charges/"), PathPart::Param("charge", "../balance")]).unwrap();
        assert_eq!(p, "/v1/charges/..%2Fbalance");
        assert_eq!(template, "/v1/charges/{charge}");
        let (p, _) = build_path(&[PathPart::Lit("/v1/customers/"), PathPart::Param("customer", "a/b?c#d e")]).unwrap();
        assert_eq!(p, "/v1/customers/a%2Fb%3Fc%23d%20e");
        for bad in ["", ".", ".."] {
            let e = build_path(&[PathPart::Lit("/v1/charges/"), PathPart::Param("charge", bad)]).unwrap_err();
            assert!(matches!(e, Error::Validation { ref param, .. } if param == "charge"), "{bad:?}: {e}");
        }
    }

    #[test]
    fn raw_paths_are_checked() {
        assert!(build_path(&[PathPart::Raw("/v1/balance_transactions")]).is_ok());
        assert!(build_path(&[PathPart::Raw("v1/x")]).is_err());
        assert!(build_path(&[PathPart::Raw("/v1/x?y=1")]).is_err());
        assert!(build_path(&[PathPart::Raw("/v1/x\r\n")]).is_err());
    }

    #[test]
    fn v2_arrays_repeat_their_key() {
        assert_eq!(repeated_key("include[0]"), "include");
        assert_eq!(repeated_key("created[gt]"), "created[gt]");
        assert_eq!(repeated_key("items[3][price]"), "items[price]");
        assert_eq!(repeated_key("page"), "page");
    }

    #[test]
    fn page_urls_stay_on_the_server() {
        let (path, pairs) = split_page_url("/v2/core/events?page=abc%3D&limit=2").unwrap();
        assert_eq!(path, "/v2/core/events");
        assert_eq!(pairs, [("page".to_owned(), "abc=".to_owned()), ("limit".to_owned(), "2".to_owned())]);
        for bad in ["https://evil.example/v2/x", "//evil.example/v2", "v2/x", "/v2/x#y", "/v2/\\x"] {
            assert!(split_page_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn limit_range() {
        let pairs = |v: &str| vec![("limit".to_owned(), v.to_owned())];
        assert!(check_limit(&pairs("1")).is_none());
        assert!(check_limit(&pairs("100")).is_none());
        assert!(check_limit(&pairs("0")).is_some());
        assert!(check_limit(&pairs("101")).is_some());
        assert!(check_limit(&[]).is_none());
    }
}
