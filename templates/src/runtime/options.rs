//! Options for one request, overriding the client's.

use std::fmt;
use std::time::Duration;

/// Options for one request, overriding the client's.
#[derive(Clone, Default, PartialEq)]
pub struct RequestOptions {
    pub(crate) api_key: Option<String>,
    pub(crate) idempotency_key: Option<String>,
    pub(crate) stripe_account: Option<String>,
    pub(crate) stripe_context: Option<String>,
    pub(crate) api_version: Option<String>,
    pub(crate) max_retries: Option<u32>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) deadline: Option<Duration>,
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestOptions")
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("idempotency_key", &self.idempotency_key)
            .field("stripe_account", &self.stripe_account)
            .field("stripe_context", &self.stripe_context)
            .field("api_version", &self.api_version)
            .field("max_retries", &self.max_retries)
            .field("timeout", &self.timeout)
            .field("deadline", &self.deadline)
            .finish()
    }
}

impl RequestOptions {
    /// No overrides.
    pub fn new() -> Self {
        Self::default()
    }

    /// Use this API key instead of the client's.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// Send this `Idempotency-Key` (POST only; by default every POST gets a
    /// random one that is reused across its retries).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// Act on this connected account (`Stripe-Account`).
    pub fn stripe_account(mut self, account: impl Into<String>) -> Self {
        self.stripe_account = Some(account.into());
        self
    }

    /// Act in the context of another account (`Stripe-Context`, the v2
    /// API's way; an event notification's `context` says which).
    pub fn stripe_context(mut self, context: impl Into<String>) -> Self {
        self.stripe_context = Some(context.into());
        self
    }

    /// Send this `Stripe-Version` (see [`ClientBuilder::api_version`](crate::ClientBuilder::api_version) for
    /// what it means for typed responses).
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.api_version = Some(version.into());
        self
    }

    /// Retry this request at most this many times.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// Give each attempt at most this long.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Give the request at most this long in all, retries and waits included.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }
}
