//! The client: a secret key, a base URL, the pinned API version and the
//! retry and timeout policy, shared cheaply between clones.

use super::error::Error;
use super::retry::Backoff;
use super::telemetry::Telemetry;
use std::fmt;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

/// Stripe's API host.
pub const DEFAULT_BASE_URL: &str = "https://api.stripe.com";
/// Default per-attempt timeout, as in Stripe's own libraries.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(80);
/// Default number of retries after the first attempt.
///
/// With the defaults (no deadline, three attempts of at most 80 s, waits
/// of at most 5 s between them), a request ends within 3 × 80 s + 2 × 5 s
/// = 250 s. Set [`ClientBuilder::deadline`] to bound it more tightly.
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
fn redacted(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => match rest.split('/').next().and_then(|authority| authority.rfind('@')) {
            Some(at) => format!("{scheme}://***@{}", &rest[at + 1..]),
            None => url.to_owned(),
        },
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
    if parsed.query().is_some() || parsed.fragment().is_some() || !parsed.username().is_empty() {
        return Err(Error::Config(format!("base URL {shown:?} must not carry a query, fragment or credentials")));
    }
    Ok(url.trim_end_matches('/').to_owned())
}

pub(crate) struct Inner {
    pub http: reqwest::Client,
    pub base_url: String,
    pub key: SecretKey,
    pub api_version: String,
    pub stripe_account: Option<String>,
    pub max_retries: u32,
    pub timeout: Duration,
    /// The total time a request may take, retries included.
    pub deadline: Option<Duration>,
    pub backoff: Backoff,
    pub telemetry: Telemetry,

    pub max_response_bytes: usize,
    /// The headers every request sends unless overridden, checked and built
    /// once: `Authorization` (marked sensitive), `Stripe-Version`,
    /// `User-Agent`, `X-Stripe-Client-User-Agent`, `Stripe-Account`.
    pub headers: Headers,
}

/// Prebuilt header values (cloning one is a reference count).
pub(crate) struct Headers {
    pub auth: reqwest::header::HeaderValue,
    pub version: reqwest::header::HeaderValue,
    pub user_agent: reqwest::header::HeaderValue,
    pub client_user_agent: reqwest::header::HeaderValue,
    pub account: Option<reqwest::header::HeaderValue>,
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
            .field("key", &self.inner.key)
            .field("max_retries", &self.inner.max_retries)
            .field("timeout", &self.inner.timeout)
            .field("deadline", &self.inner.deadline)
            .finish()
    }
}

impl Client {
    /// A client for `https://api.stripe.com` with the default policy.
    pub fn new(secret_key: impl Into<String>) -> Result<Client, Error> {
        Client::builder(secret_key).build()
    }

    /// A client configured from the environment: the key from
    /// `STRIPE_SECRET_KEY`, and the base URL from `STRIPE_API_BASE` when it
    /// is set (to point at a local test server).
    pub fn from_env() -> Result<Client, Error> {
        Client::builder_from_env()?.build()
    }

    /// [`Client::from_env`]'s settings, to change more before building.
    pub fn builder_from_env() -> Result<ClientBuilder, Error> {
        let key = std::env::var("STRIPE_SECRET_KEY")
            .map_err(|_| Error::Config("STRIPE_SECRET_KEY is not set (use a test key, sk_test_...)".into()))?;
        let mut builder = Client::builder(key);
        if let Ok(base) = std::env::var("STRIPE_API_BASE") {
            builder = builder.base_url(base);
        }
        Ok(builder)
    }

    /// A builder to change the base URL, API version, retries or timeout.
    pub fn builder(secret_key: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            key: secret_key.into(),
            base_url: DEFAULT_BASE_URL.to_owned(),
            api_version: crate::API_VERSION.to_owned(),
            stripe_account: None,
            max_retries: DEFAULT_MAX_RETRIES,
            timeout: DEFAULT_TIMEOUT,
            deadline: None,
            backoff: Backoff::default(),
            telemetry: true,
            app_info: None,
            http: None,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
        }
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The API version sent as `Stripe-Version` by default.
    pub fn api_version(&self) -> &str {
        &self.inner.api_version
    }
}

/// The application using the client, as it names itself to Stripe.
#[derive(Clone, Debug)]
struct AppInfo {
    name: String,
    version: String,
    url: Option<String>,
}

/// Configures a [`Client`].
#[derive(Clone)]
pub struct ClientBuilder {
    key: String,
    base_url: String,
    api_version: String,
    stripe_account: Option<String>,
    max_retries: u32,
    timeout: Duration,
    deadline: Option<Duration>,
    backoff: Backoff,
    telemetry: bool,
    app_info: Option<AppInfo>,
    http: Option<reqwest::Client>,
    max_response_bytes: usize,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("api_version", &self.api_version)
            .field("key", &"<redacted>")
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// Where requests go (default `https://api.stripe.com`). Plain `http`
    /// is refused unless the host is a loopback address.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// The `Stripe-Version` to send (default: [`API_VERSION`](crate::API_VERSION)).
    ///
    /// This crate's types describe `API_VERSION`; under another version a
    /// response may have another shape. When typed decoding fails then, the
    /// error says so ([`DecodeError::version_mismatch`](crate::DecodeError::version_mismatch));
    /// read such responses untyped with [`RequestBuilder::json`](crate::RequestBuilder::json).
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.api_version = version.into();
        self
    }

    /// Act on a connected account (`Stripe-Account`) by default.
    pub fn stripe_account(mut self, account: impl Into<String>) -> Self {
        self.stripe_account = Some(account.into());
        self
    }

    /// How many times to retry a failed request (default 2).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// Per-attempt timeout (default 80 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The most a request may take in all: its attempts and the waits
    /// between them. By default there is none: with the default timeout,
    /// retries and backoff a request ends within 3 × 80 s + 2 × 5 s = 250 s.
    /// An attempt is cut short when the deadline comes, and no retry starts
    /// or sleeps past it.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// Whether to send `X-Stripe-Client-Telemetry` (default on): the
    /// `Request-Id` and duration of the previous request, which Stripe
    /// uses to watch its API's latency. Nothing else is sent.
    pub fn telemetry(mut self, enabled: bool) -> Self {
        self.telemetry = enabled;
        self
    }

    /// First and largest wait between retries (default 0.5 s and 5 s).
    pub fn retry_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.backoff = Backoff { initial, max };
        self
    }

    /// Names your application in the `User-Agent` (`name/version`) and in
    /// `X-Stripe-Client-User-Agent`, as Stripe asks plugin authors to.
    pub fn app_info(mut self, name: &str, version: &str) -> Self {
        let url = self.app_info.take().and_then(|a| a.url);
        self.app_info = Some(AppInfo { name: name.to_owned(), version: version.to_owned(), url });
        self
    }

    /// Your application's URL, sent with [`ClientBuilder::app_info`].
    pub fn app_url(mut self, url: &str) -> Self {
        let app = self.app_info.get_or_insert_with(|| AppInfo {
            name: env!("CARGO_PKG_NAME").to_owned(),
            version: String::new(),
            url: None,
        });
        app.url = Some(url.to_owned());
        self
    }

    /// Uses your own `reqwest::Client` (for proxies, custom TLS roots, ...).
    /// The timeout set here still applies to each attempt.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// The largest response body to accept (default 32 MiB).
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.max_response_bytes = bytes;
        self
    }

    /// Checks the settings and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let key = SecretKey::new(self.key)?;
        let base_url = check_base_url(&self.base_url)?;
        header_value("api_version", &self.api_version)?;
        if let Some(account) = &self.stripe_account {
            header_value("stripe_account", account)?;
        }
        let mut user_agent = format!("{}/{} (Rust)", env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION"));
        let mut client_user_agent = serde_json::json!({
            "bindings_version": env!("CARGO_PKG_VERSION"),
            "lang": "rust",
            "lang_version": env!("STRIPE_CLIENT_RUSTC_VERSION"),
            "publisher": env!("CARGO_PKG_NAME"),
        });
        if let Some(app) = &self.app_info {
            user_agent.push(' ');
            user_agent.push_str(&app.name);
            if !app.version.is_empty() {
                user_agent.push('/');
                user_agent.push_str(&app.version);
            }
            if let Some(url) = &app.url {
                user_agent.push_str(&format!(" ({url})"));
            }
            header_value("app_info", &user_agent)?;
            client_user_agent["application"] =
                serde_json::json!({ "name": app.name, "version": app.version, "url": app.url });
        }
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .user_agent(user_agent.clone())
                // Stripe never redirects; following one could resend a
                // body over plain http or to another host.
                .redirect(reqwest::redirect::Policy::none())
                .tls_backend_preconfigured(tls_config()?)
                .build()
                .map_err(|e| Error::Config(format!("could not build the HTTP client: {e}")))?,
        };
        let headers = Headers {
            auth: bearer(&key)?,
            version: header_value("api_version", &self.api_version)?,
            user_agent: header_value("user_agent", &user_agent)?,
            client_user_agent: header_value("app_info", &client_user_agent.to_string())?,
            account: match &self.stripe_account {
                Some(a) => Some(header_value("stripe_account", a)?),
                None => None,
            },
        };
        Ok(Client {
            inner: Arc::new(Inner {
                headers,
                http,
                base_url,
                key,
                api_version: self.api_version,
                stripe_account: self.stripe_account,
                max_retries: self.max_retries,
                timeout: self.timeout,
                deadline: self.deadline,
                backoff: self.backoff,
                telemetry: Telemetry::new(self.telemetry),
                max_response_bytes: self.max_response_bytes,
            }),
        })
    }
}

/// The TLS settings of the client's own HTTP client: the crypto provider
/// the application installed as the process default if it did, ring
/// otherwise, used for this client only (nothing process-wide is
/// installed, so the application may install its own later); the
/// platform's certificate verifier; HTTP/1.1.
fn tls_config() -> Result<rustls::ClientConfig, Error> {
    use rustls_platform_verifier::BuilderVerifierExt;
    let provider = rustls::crypto::CryptoProvider::get_default()
        .cloned()
        .unwrap_or_else(|| Arc::new(rustls::crypto::ring::default_provider()));
    let tls_error = |e: rustls::Error| Error::Config(format!("could not set up TLS: {e}"));
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(tls_error)?
        .with_platform_verifier()
        .map_err(tls_error)?
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::RequestOptions;

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
