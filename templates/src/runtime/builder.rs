//! Configuring a client: the builder's settings, the headers it prepares
//! once for every request, and the TLS setup of its own HTTP client.

use super::client::{
    CLIENT_USER_AGENT, Client, DEFAULT_BASE_URL, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT,
    Inner, STRIPE_ACCOUNT, STRIPE_CONTEXT, STRIPE_VERSION, SecretKey, bearer, check_base_url, header_value,
};
use super::crypto;
use super::error::Error;
use super::retry::Backoff;
use super::telemetry::Telemetry;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

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
        ClientBuilder::new(secret_key.into())
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
    stripe_context: Option<String>,
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
            .field("base_url", &super::client::redacted(&self.base_url))
            .field("api_version", &self.api_version)
            .field("key", &"<redacted>")
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// The default settings for `key`, as [`Client::builder`] gives them.
    pub(crate) fn new(key: String) -> ClientBuilder {
        ClientBuilder {
            key,
            base_url: DEFAULT_BASE_URL.to_owned(),
            api_version: crate::API_VERSION.to_owned(),
            stripe_account: None,
            stripe_context: None,
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

    /// Act in the context of another account (`Stripe-Context`) by default.
    pub fn stripe_context(mut self, context: impl Into<String>) -> Self {
        self.stripe_context = Some(context.into());
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
        let base = reqwest::Url::parse(&base_url)
            .map_err(|e| Error::Config(format!("base URL {:?}: {e}", super::client::redacted(&base_url))))?;
        header_value("api_version", &self.api_version)?;
        if let Some(context) = &self.stripe_context {
            header_value("stripe_context", context)?;
        }
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
        let mut headers = reqwest::header::HeaderMap::with_capacity(8);
        headers.insert(reqwest::header::AUTHORIZATION, bearer(&key)?);
        headers.insert(STRIPE_VERSION, header_value("api_version", &self.api_version)?);
        headers.insert(reqwest::header::USER_AGENT, header_value("user_agent", &user_agent)?);
        headers.insert(CLIENT_USER_AGENT, header_value("app_info", &client_user_agent.to_string())?);
        headers.insert(reqwest::header::ACCEPT, reqwest::header::HeaderValue::from_static("application/json"));
        if let Some(a) = &self.stripe_account {
            headers.insert(STRIPE_ACCOUNT, header_value("stripe_account", a)?);
        }
        if let Some(c) = &self.stripe_context {
            headers.insert(STRIPE_CONTEXT, header_value("stripe_context", c)?);
        }
        Ok(Client {
            inner: Arc::new(Inner {
                headers,
                http,
                base,
                base_url,
                key,
                api_version: self.api_version,
                stripe_account: self.stripe_account,
                stripe_context: self.stripe_context,
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
/// of [`crypto::tls_provider`], used for this client only; the platform's
/// certificate verifier; HTTP/1.1.
fn tls_config() -> Result<rustls::ClientConfig, Error> {
    use rustls_platform_verifier::BuilderVerifierExt;
    let provider = crypto::tls_provider();
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
