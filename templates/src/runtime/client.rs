//! The client: a secret key, a base URL, the pinned API version and the
//! retry and timeout policy, shared cheaply between clones.

use super::error::Error;
use super::retry::Backoff;
use super::telemetry::Telemetry;
use reqwest::header::HeaderName;
use std::fmt;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

// Stripe's header names, built without parsing or allocating.
pub(crate) const STRIPE_VERSION: HeaderName = HeaderName::from_static("stripe-version");
pub(crate) const STRIPE_ACCOUNT: HeaderName = HeaderName::from_static("stripe-account");
pub(crate) const STRIPE_CONTEXT: HeaderName = HeaderName::from_static("stripe-context");
pub(crate) const CLIENT_USER_AGENT: HeaderName = HeaderName::from_static("x-stripe-client-user-agent");

/// Stripe's API host.
pub const DEFAULT_BASE_URL: &str = "https://api.stripe.com";
/// Default per-attempt timeout, as in Stripe's own libraries.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(80);
/// Default number of retries after the first attempt.
///
/// With the defaults (no deadline, three attempts of at most 80 s, waits
/// of at most 5 s between them), a request ends within 3 × 80 s + 2 × 5 s
/// = 250 s. Set [`ClientBuilder::deadline`](crate::ClientBuilder::deadline) to bound it more tightly.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// The largest response body accepted (a bound on memory per request).
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;

/// An API key. Never printed: `Debug` shows `<redacted>`.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct SecretKey(String);

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(<redacted>)")
    }
}

impl SecretKey {
    /// Accepts a key that can go into an `Authorization` header: not
    /// empty, visible ASCII only (no spaces, CR or LF). The error never
    /// repeats the key.
    pub(crate) fn new(key: String) -> Result<SecretKey, Error> {
        if key.is_empty() {
            return Err(Error::Config("the API key is empty".into()));
        }
        if let Some(pos) = key.bytes().position(|b| !(0x21..=0x7e).contains(&b)) {
            return Err(Error::Config(format!(
                "the API key contains a character that is not allowed in a header (at byte {pos})"
            )));
        }
        Ok(SecretKey(key))
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

/// Checks a header value given by the user (idempotency key, account id,
/// API version): no CR, LF or other control characters.
pub(crate) fn header_value(name: &str, value: &str) -> Result<reqwest::header::HeaderValue, Error> {
    if value.is_empty() || value.bytes().any(|b| b < 0x20 || b == 0x7f) {
        return Err(Error::Validation {
            param: name.to_owned(),
            message: "must be non-empty and must not contain control characters (CR, LF, ...)".into(),
        });
    }
    reqwest::header::HeaderValue::from_str(value)
        .map_err(|_| Error::Validation { param: name.to_owned(), message: "is not a valid header value".into() })
}

/// Whether plain HTTP may be used with this host: loopback only.
fn is_loopback(host: &str) -> bool {
    // `localhost.` is the same name; `::ffff:127.0.0.1` the same address.
    let host = host.strip_suffix('.').unwrap_or(host);
    let trimmed = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost") || trimmed.parse::<IpAddr>().is_ok_and(|ip| ip.to_canonical().is_loopback())
}

/// A URL as it may appear in an error: credentials in it are masked.
pub(crate) fn redacted(url: &str) -> String {
    let (scheme, rest) = match url.split_once("://") {
        Some((scheme, rest)) => (format!("{scheme}://"), rest),
        None => (String::new(), url),
    };
    // The authority ends where a path, query or fragment starts; anything in
    // it before an `@` is a credential.
    let authority = rest.find(['/', '?', '#', '\\']).map_or(rest, |end| &rest[..end]);
    match authority.rfind('@') {
        Some(at) => format!("{scheme}***@{}", &rest[at + 1..]),
        None => url.to_owned(),
    }
}

/// Validates a base URL: HTTPS, or HTTP to a loopback address (local test
/// servers). Returns it without a trailing slash.
pub(crate) fn check_base_url(url: &str) -> Result<String, Error> {
    let shown = redacted(url);
    let parsed =
        reqwest::Url::parse(url).map_err(|e| Error::Config(format!("base URL {shown:?} is not a URL: {e}")))?;
    let host = parsed.host_str().unwrap_or_default();
    match parsed.scheme() {
        "https" => {}
        "http" if is_loopback(host) => {}
        "http" => {
            return Err(Error::Config(format!(
                "base URL {shown:?} uses plain http; only https is allowed, except to a loopback address"
            )));
        }
        other => return Err(Error::Config(format!("base URL {shown:?} has unsupported scheme {other:?}"))),
    }
    // A user name, a password or both: a credential has no place in a
    // base URL (and would show wherever the URL does).
    if !parsed.username().is_empty() || parsed.password().is_some() || shown != url {
        return Err(Error::Config(format!("base URL {shown:?} must not carry credentials")));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(Error::Config(format!("base URL {shown:?} must not carry a query or fragment")));
    }
    Ok(url.trim_end_matches('/').to_owned())
}

pub(crate) struct Inner {
    pub http: reqwest::Client,
    pub base_url: String,
    /// `base_url`, parsed: each request's URL starts from a clone.
    pub base: reqwest::Url,
    pub key: SecretKey,
    pub api_version: String,
    pub stripe_account: Option<String>,
    pub stripe_context: Option<String>,
    pub max_retries: u32,
    pub timeout: Duration,
    /// The total time a request may take, retries included.
    pub deadline: Option<Duration>,
    pub backoff: Backoff,
    pub telemetry: Telemetry,

    pub max_response_bytes: usize,
    /// The headers every request sends unless overridden, checked and built
    /// once: `Authorization` (marked sensitive), `Stripe-Version`,
    /// `User-Agent`, `X-Stripe-Client-User-Agent`, `Accept`, and
    /// `Stripe-Account` and `Stripe-Context` when set. A request starts from
    /// a clone (its values are reference counted).
    pub headers: reqwest::header::HeaderMap,
}

/// `Bearer <key>` as a header value that is never printed.
pub(crate) fn bearer(key: &SecretKey) -> Result<reqwest::header::HeaderValue, Error> {
    let mut auth = reqwest::header::HeaderValue::from_str(&format!("Bearer {}", key.expose()))
        .map_err(|_| Error::Config("the API key is not a valid header value".into()))?;
    auth.set_sensitive(true);
    Ok(auth)
}

/// A Stripe client. Cheap to clone (one `Arc`); share it freely.
///
/// ```no_run
/// # async fn run() -> Result<(), stripe_client::Error> {
/// let client = stripe_client::Client::new("sk_test_...")?;
/// let balance: serde_json::Value = client.get("/v1/balance").await?;
/// # let _ = balance; Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("api_version", &self.inner.api_version)
            .field("stripe_account", &self.inner.stripe_account)
            .field("stripe_context", &self.inner.stripe_context)
            .field("key", &self.inner.key)
            .field("max_retries", &self.inner.max_retries)
            .field("timeout", &self.inner.timeout)
            .field("deadline", &self.inner.deadline)
            .finish()
    }
}

impl Client {
    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The API version sent as `Stripe-Version` by default.
    pub fn api_version(&self) -> &str {
        &self.inner.api_version
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::RequestOptions;

    #[test]
    fn credentials_never_show_in_a_url() {
        for (url, shown) in [
            ("https://:sk_live_x@api.stripe.com", "https://***@api.stripe.com"),
            ("https://u:sk_live_x@api.stripe.com/v1?a=b@c", "https://***@api.stripe.com/v1?a=b@c"),
            ("sk_live_x@api.stripe.com", "***@api.stripe.com"),
            ("https://api.stripe.com/a@b", "https://api.stripe.com/a@b"),
        ] {
            assert_eq!(redacted(url), shown);
        }
        for url in
            ["https://:sk_live_x@api.stripe.com", "https://sk_live_x@api.stripe.com", "https://u:p@api.stripe.com"]
        {
            let e = check_base_url(url).unwrap_err().to_string();
            assert!(!e.contains("sk_live_x") && !e.contains("u:p"), "{e}");
        }
    }

    #[test]
    fn keys_are_checked_and_never_printed() {
        assert!(matches!(SecretKey::new(String::new()), Err(Error::Config(_))));
        let bad = SecretKey::new("sk_test_abc\r\nX-Evil: 1".into()).unwrap_err();
        assert!(!bad.to_string().contains("sk_test_abc"), "{bad}");
        let key = SecretKey::new("sk_test_secret123".into()).unwrap();
        assert!(!format!("{key:?}").contains("secret123"));
        let client = Client::new("sk_test_secret123").unwrap();
        assert!(!format!("{client:?}").contains("secret123"));
        let opts = RequestOptions::new().api_key("sk_test_other456");
        assert!(!format!("{opts:?}").contains("other456"));
        let builder = Client::builder("sk_test_secret123");
        assert!(!format!("{builder:?}").contains("secret123"));
    }

    #[test]
    fn http_only_to_loopback() {
        assert!(check_base_url("https://api.stripe.com").is_ok());
        assert!(check_base_url("http://127.0.0.1:12111").is_ok());
        assert!(check_base_url("http://localhost:8420/").is_ok());
        assert!(check_base_url("http://[::1]:80").is_ok());
        let err = check_base_url("http://api.stripe.com").unwrap_err();
        assert!(err.to_string().contains("plain http"), "{err}");
        assert!(check_base_url("http://127.0.0.1.evil.com").is_err());
        assert!(check_base_url("ftp://127.0.0.1").is_err());
        assert_eq!(check_base_url("https://x.test/prefix/").unwrap(), "https://x.test/prefix");
        assert!(check_base_url("http://localhost.:12111").is_ok());
        assert!(check_base_url("http://[::ffff:127.0.0.1]:80").is_ok());
        assert!(check_base_url("http://localhost.evil.com").is_err());
        let e = check_base_url("https://user:sk_live_SECRET@api.stripe.com").unwrap_err();
        assert!(!e.to_string().contains("SECRET"), "{e}");
        let e = check_base_url("ht tp://user:sk_live_SECRET@x").unwrap_err();
        assert!(!e.to_string().contains("SECRET"), "{e}");
    }

    #[test]
    fn header_values_refuse_control_characters() {
        assert!(header_value("idempotency_key", "abc\r\nX: y").is_err());
        assert!(header_value("idempotency_key", "").is_err());
        assert!(header_value("idempotency_key", "order-6735").is_ok());
    }

    #[test]
    fn defaults() {
        let c = Client::new("sk_test_x").unwrap();
        assert_eq!(c.base_url(), DEFAULT_BASE_URL);
        assert_eq!(c.api_version(), crate::API_VERSION);
        assert_eq!(c.inner.timeout, Duration::from_secs(80));
        assert_eq!(c.inner.max_retries, 2);
    }
}
