//! Receiving webhooks: verifying the `Stripe-Signature` header on the raw
//! request body, as Stripe signs it, before anything in the body is trusted.
//!
//! The header is `t=<unix seconds>,v1=<hex>[,v1=<hex>...]`; each `v1` is the
//! hex HMAC-SHA256, keyed with the endpoint secret (the whole `whsec_...`
//! string), of `<t>.<raw body>`. Any one matching `v1` is enough (Stripe
//! sends several while a secret is being rolled); `v0` and unknown schemes
//! are ignored. Signatures are compared in constant time, and a timestamp
//! older than the tolerance is refused so a captured request cannot be
//! replayed later.

use super::crypto;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// What went wrong with a webhook request (see [`WebhookError::kind`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WebhookErrorKind {
    /// The request has no `Stripe-Signature` header (or an empty one).
    MissingHeader,
    /// The header is not `t=<timestamp>,v1=<signature>,...`.
    MalformedHeader,
    /// The header carries no `v1` signature (the only scheme accepted).
    NoSignature,
    /// No `v1` signature matches the body for any of the secrets.
    SignatureMismatch,
    /// The signature is older than the tolerance: a replay, or a clock
    /// that is far off.
    TooOld,
    /// The body is verified (or was not to be) but is not an event.
    NotAnEvent,
}

/// A webhook request that was refused, with a reason that helps and never
/// contains a secret. Answer it with a 4xx status: retrying does not help.
#[derive(Debug)]
pub struct WebhookError {
    kind: WebhookErrorKind,
    message: String,
}

impl WebhookError {
    pub(crate) fn new(kind: WebhookErrorKind, message: impl Into<String>) -> Self {
        WebhookError { kind, message: message.into() }
    }

    /// What went wrong.
    pub fn kind(&self) -> WebhookErrorKind {
        self.kind
    }
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for WebhookError {}

/// Where the time comes from (replaceable in tests).
type Clock = Arc<dyn Fn() -> SystemTime + Send + Sync>;

/// Verifies webhook requests for one or more endpoint secrets.
///
/// ```
/// # use stripe_client::Webhook;
/// // Several secrets: while a secret is rolled, or one URL for several endpoints.
/// let webhook = Webhook::new("whsec_current").secret("whsec_previous");
/// let body = br#"{"id":"evt_1","object":"event"}"#;
/// let header = Webhook::signature_header(body, "whsec_previous", Webhook::now_unix());
/// assert!(webhook.verify(body, header.as_str()).is_ok());
/// ```
#[derive(Clone)]
pub struct Webhook {
    secrets: Vec<String>,
    tolerance: Duration,
    clock: Clock,
}

impl fmt::Debug for Webhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Webhook")
            .field("secrets", &format_args!("[{} secret(s), redacted]", self.secrets.len()))
            .field("tolerance", &self.tolerance)
            .finish_non_exhaustive()
    }
}

impl Webhook {
    /// The name of the header Stripe signs webhook requests with.
    pub const SIGNATURE_HEADER: &str = "Stripe-Signature";

    /// How old a signature may be by default: 5 minutes, as in Stripe's SDKs.
    pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(300);

    /// A verifier for the endpoint with this signing secret (`whsec_...`,
    /// shown with the endpoint in the Dashboard), with the default
    /// tolerance of 5 minutes.
    pub fn new(secret: impl Into<String>) -> Self {
        Webhook { secrets: Vec::new(), tolerance: Self::DEFAULT_TOLERANCE, clock: Arc::new(SystemTime::now) }
            .secret(secret)
    }

    /// A verifier accepting any of these secrets (empty strings are left out).
    pub fn with_secrets<S: Into<String>>(secrets: impl IntoIterator<Item = S>) -> Self {
        let mut webhook =
            Webhook { secrets: Vec::new(), tolerance: Self::DEFAULT_TOLERANCE, clock: Arc::new(SystemTime::now) };
        for s in secrets {
            webhook = webhook.secret(s);
        }
        webhook
    }

    /// Also accepts signatures made with `secret` (while a secret is
    /// rolled, both are valid; one URL may serve several endpoints).
    pub fn secret(mut self, secret: impl Into<String>) -> Self {
        let secret = secret.into();
        if !secret.is_empty() && !self.secrets.contains(&secret) {
            self.secrets.push(secret);
        }
        self
    }

    /// How old a signature may be (default 5 minutes).
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Where the current time comes from (for tests; default the system clock).
    pub fn clock(mut self, now: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        self.clock = Arc::new(now);
        self
    }

    /// The current Unix time in seconds, as [`Webhook::signature_header`] takes it.
    pub fn now_unix() -> i64 {
        unix(SystemTime::now())
    }

    /// Checks that `payload` (the raw request body, exactly as received)
    /// was signed by Stripe with one of the secrets, within the tolerance.
    /// `signature` is the `Stripe-Signature` header, if the request had one.
    pub fn verify<'a>(&self, payload: &[u8], signature: impl Into<Option<&'a str>>) -> Result<(), WebhookError> {
        let header = signature.into().map(str::trim).filter(|h| !h.is_empty()).ok_or_else(|| {
            WebhookError::new(
                WebhookErrorKind::MissingHeader,
                "the request has no Stripe-Signature header: it was not sent by Stripe, or something on the way \
                 dropped the header",
            )
        })?;
        let parsed = parse_header(header)?;
        if parsed.v1.is_empty() {
            return Err(WebhookError::new(
                WebhookErrorKind::NoSignature,
                "the Stripe-Signature header has no v1 signature (v1, HMAC-SHA256, is the only scheme accepted)",
            ));
        }
        if self.secrets.is_empty() {
            return Err(WebhookError::new(
                WebhookErrorKind::SignatureMismatch,
                "no endpoint secret is configured, so no signature can match",
            ));
        }
        let mut message = Vec::with_capacity(parsed.timestamp_text.len() + 1 + payload.len());
        message.extend_from_slice(parsed.timestamp_text.as_bytes());
        message.push(b'.');
        message.extend_from_slice(payload);
        let matches = self.secrets.iter().any(|secret| {
            // Every candidate is compared, each in constant time.
            parsed
                .v1
                .iter()
                .fold(false, |found, sig| crypto::hmac_sha256_matches(secret.as_bytes(), &message, sig) | found)
        });
        if !matches {
            return Err(WebhookError::new(
                WebhookErrorKind::SignatureMismatch,
                format!(
                    "no v1 signature of the Stripe-Signature header matches the body for the {} configured \
                     secret(s): check that the secret is this endpoint's signing secret (whsec_..., per endpoint \
                     and per mode), and that the body is the raw request body, not parsed and re-encoded (no \
                     JSON middleware, no charset conversion)",
                    self.secrets.len()
                ),
            ));
        }
        let now = unix((self.clock)());
        let age = now.saturating_sub(parsed.timestamp);
        if age > i64::try_from(self.tolerance.as_secs()).unwrap_or(i64::MAX) {
            return Err(WebhookError::new(
                WebhookErrorKind::TooOld,
                format!(
                    "the signature was made {age} s ago, more than the tolerance of {} s: a replayed request, or \
                     this machine's clock is off",
                    self.tolerance.as_secs()
                ),
            ));
        }
        Ok(())
    }

    /// A valid `Stripe-Signature` header for `payload`, signed with `secret`
    /// at `timestamp` (Unix seconds): for testing webhook handlers.
    pub fn signature_header(payload: &[u8], secret: &str, timestamp: i64) -> String {
        let mut message = format!("{timestamp}.").into_bytes();
        message.extend_from_slice(payload);
        format!("t={timestamp},v1={}", hex(&crypto::hmac_sha256(secret.as_bytes(), &message)))
    }
}

/// A parsed `Stripe-Signature` header.
struct Header {
    timestamp: i64,
    /// The timestamp exactly as sent: it is what was signed.
    timestamp_text: String,
    /// The `v1` signatures that are well-formed hex.
    v1: Vec<Vec<u8>>,
}

fn parse_header(header: &str) -> Result<Header, WebhookError> {
    let malformed = |why: &str| {
        WebhookError::new(
            WebhookErrorKind::MalformedHeader,
            format!("the Stripe-Signature header is malformed ({why}); expected `t=<timestamp>,v1=<signature>`"),
        )
    };
    let mut timestamp = None;
    let mut v1 = Vec::new();
    for item in header.split(',').map(str::trim).filter(|i| !i.is_empty()) {
        let Some((key, value)) = item.split_once('=') else {
            return Err(malformed("an element has no `=`"));
        };
        match key.trim() {
            "t" if timestamp.is_none() => {
                let text = value.trim();
                let digits = !text.is_empty() && text.len() <= 18 && text.bytes().all(|b| b.is_ascii_digit());
                let parsed =
                    text.parse::<i64>().ok().filter(|_| digits).ok_or_else(|| malformed("`t` is not a Unix time"))?;
                timestamp = Some((parsed, text.to_owned()));
            }
            // A v1 that is not hex matches nothing, like a wrong one.
            "v1" => v1.extend(unhex(value.trim())),
            _ => {}
        }
    }
    let (timestamp, timestamp_text) = timestamp.ok_or_else(|| malformed("no `t` timestamp"))?;
    Ok(Header { timestamp, timestamp_text, v1 })
}

fn unix(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
    }
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 || text.is_empty() {
        return None;
    }
    let digit = |c: u8| (c as char).to_digit(16).and_then(|d| u8::try_from(d).ok());
    text.as_bytes().chunks(2).map(|pair| Some(digit(pair[0])? << 4 | digit(pair[1])?)).collect()
}

/// Reads a v1 event; an event notification of the v2 API is refused,
/// naming the call that reads it.
///
/// A v1 event requires `data`, which a v2 notification never has, so the
/// body's `object` is only looked at when the event did not decode.
#[allow(dead_code, reason = "called by the generated event type; a spec may have none")]
pub(crate) fn parse_v1_event<T: serde::de::DeserializeOwned>(payload: &[u8]) -> Result<T, WebhookError> {
    parse_event(payload).map_err(|e| {
        if object_of(payload).as_deref() == Some("v2.core.event") {
            WebhookError::new(
                WebhookErrorKind::NotAnEvent,
                "the body is an event notification of the v2 API (object: v2.core.event), not a v1 event: read it \
                 with Webhook::parse_event_notification",
            )
        } else {
            e
        }
    })
}

/// The `object` of a JSON object, if it has a string one.
#[allow(dead_code, reason = "read by the event parsers; a spec may have neither kind of event")]
pub(crate) fn object_of(json: &[u8]) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Tag {
        object: Option<String>,
    }
    serde_json::from_slice::<Tag>(json).ok()?.object
}

/// Reads an event (or any type) from a body, naming where it went wrong.
pub(crate) fn parse_event<T: serde::de::DeserializeOwned>(payload: &[u8]) -> Result<T, WebhookError> {
    super::de::from_json::<T>(payload).map_err(|(path, why)| {
        let at = if path == "." || path.is_empty() { String::new() } else { format!(" at `{path}`") };
        WebhookError::new(WebhookErrorKind::NotAnEvent, format!("the body is not an event{at}: {why}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips() {
        assert_eq!(hex(&[0, 1, 0xab, 0xff]), "0001abff");
        assert_eq!(unhex("0001abff"), Some(vec![0, 1, 0xab, 0xff]));
        assert_eq!(unhex("0001ABFF"), Some(vec![0, 1, 0xab, 0xff]));
        for bad in ["", "0", "zz", "0g"] {
            assert_eq!(unhex(bad), None, "{bad}");
        }
    }

    #[test]
    fn headers_parse() {
        let h = parse_header("t=12, v1=00ff ,v0=zz,x=1,v1=nothex,v1=0102").expect("well-formed");
        assert_eq!((h.timestamp, h.timestamp_text.as_str()), (12, "12"));
        assert_eq!(h.v1, [vec![0, 255], vec![1, 2]]);
        for bad in ["v1=00", "t=x,v1=00", "t=-1,v1=00", "t=1,junk", "t=,v1=00", "t=99999999999999999999,v1=00"] {
            let err = parse_header(bad).err().unwrap_or_else(|| panic!("{bad} parsed"));
            assert_eq!(err.kind(), WebhookErrorKind::MalformedHeader, "{bad}");
        }
    }
}
