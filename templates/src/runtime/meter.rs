//! Sending usage on Stripe's high-throughput meter event stream: a meter
//! event session (`POST /v2/billing/meter_event_session`) gives a token
//! valid for 15 minutes; events go in batches of at most 100 to
//! `POST /v2/billing/meter_event_stream` on `meter-events.stripe.com`,
//! authenticated by that token. [`MeterEventSender`] does the bookkeeping:
//! it creates the session, renews it before it expires or when the server
//! says it has, and batches what it is given.

use super::client::Client;
use super::error::Error;
use super::request::{PathPart, RequestBuilder};
use super::values::DateTime;
use serde::Serialize;
use std::time::{SystemTime, UNIX_EPOCH};

/// The host of the meter event stream.
pub const METER_EVENTS_HOST: &str = "https://meter-events.stripe.com";

/// The most events one stream request takes.
pub const MAX_BATCH: usize = 100;

/// How long before its expiry a session is renewed, in seconds: a batch
/// sent with a token about to expire would fail in flight.
const RENEW_BEFORE: i64 = 60;

/// The error code of a request made with an expired session token.
const SESSION_EXPIRED: &str = "billing_meter_event_session_expired";

/// Sends meter events on the high-throughput stream (see the module docs):
/// `sender.send(&events).await?` in a loop is all a caller does.
///
/// ```no_run
/// # async fn run(client: &stripe_client::Client) -> Result<(), stripe_client::Error> {
/// let mut sender = stripe_client::MeterEventSender::new(client);
/// let events: Vec<serde_json::Value> = (0..250)
///     .map(|i| serde_json::json!({"event_name": "api_call", "payload": {"stripe_customer_id": "cus_1", "value": "1"}, "identifier": format!("call-{i}")}))
///     .collect();
/// sender.send(&events).await?; // three requests: 100, 100 and 50 events
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct MeterEventSender {
    client: Client,
    session: Option<Session>,
    sessions: u32,
    requests: u64,
}

/// A session's token and when it stops working.
struct Session {
    token: String,
    expires_at: i64,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session").field("token", &"<redacted>").field("expires_at", &self.expires_at).finish()
    }
}

impl MeterEventSender {
    /// A stream sending with `client` (its key creates the sessions).
    pub fn new(client: &Client) -> MeterEventSender {
        MeterEventSender { client: client.clone(), session: None, sessions: 0, requests: 0 }
    }

    /// Sends `events` (each `{event_name, payload, identifier?, timestamp?}`,
    /// as the stream takes them) in batches of at most 100,
    /// creating or renewing the session as needed. A batch the server
    /// refuses because the session expired is sent again once with a new
    /// session; any other error ends the call (the batches before it were
    /// sent).
    pub async fn send<E: Serialize>(&mut self, events: &[E]) -> Result<(), Error> {
        for batch in events.chunks(MAX_BATCH) {
            self.send_batch(batch).await?;
        }
        Ok(())
    }

    /// How many sessions this stream has created so far.
    pub fn sessions_created(&self) -> u32 {
        self.sessions
    }

    /// How many stream requests this stream has sent so far (retries not
    /// counted).
    pub fn requests_sent(&self) -> u64 {
        self.requests
    }

    async fn send_batch<E: Serialize>(&mut self, batch: &[E]) -> Result<(), Error> {
        #[derive(Serialize)]
        struct Body<'a, E> {
            events: &'a [E],
        }
        let body = Body { events: batch };
        for attempt in 0..2 {
            let token = self.token().await?;
            self.requests += 1;
            let sent = RequestBuilder::<serde_json::Value>::new(
                &self.client,
                reqwest::Method::POST,
                &[PathPart::Lit("/v2/billing/meter_event_stream")],
            )
            .host(METER_EVENTS_HOST)
            .api_key(token)
            .params(&body)
            .await;
            match sent {
                Err(e) if attempt == 0 && expired(&e) => self.session = None,
                other => return other.map(drop),
            }
        }
        Ok(())
    }

    /// A token valid for a while yet, creating a session if needed.
    async fn token(&mut self) -> Result<String, Error> {
        let now = now_unix();
        if let Some(s) = self.session.as_ref().filter(|s| s.expires_at - RENEW_BEFORE > now) {
            return Ok(s.token.clone());
        }
        let created: serde_json::Value = RequestBuilder::new(
            &self.client,
            reqwest::Method::POST,
            &[PathPart::Lit("/v2/billing/meter_event_session")],
        )
        .await?;
        let field = |name: &str| created.get(name).and_then(serde_json::Value::as_str);
        let (Some(token), Some(expires)) = (field("authentication_token"), field("expires_at")) else {
            return Err(Error::Config(
                "the meter event session has no authentication_token or expires_at string".into(),
            ));
        };
        let expires_at = DateTime::parse(expires)
            .map_err(|e| Error::Config(format!("the meter event session's expires_at: {e}")))?
            .unix_seconds();
        self.sessions += 1;
        self.session = Some(Session { token: token.to_owned(), expires_at });
        Ok(token.to_owned())
    }
}

/// Whether an error says the session token expired.
fn expired(e: &Error) -> bool {
    e.api().is_some_and(|a| a.code.as_ref().is_some_and(|c| c.as_str() == SESSION_EXPIRED))
}

fn now_unix() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}
