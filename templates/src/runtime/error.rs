//! One error type for everything a request can end in, mirroring Stripe's
//! API reference: the error `type`, `code`, `decline_code`, `param`,
//! `charge`, `message`, the HTTP status and the `Request-Id`, plus failures
//! that never reached Stripe (connection, timeout, invalid parameters).
//! No variant ever holds the API key.

pub use super::error_codes::{ErrorCode, ErrorType};
use std::fmt;
use std::time::Duration;

/// What went wrong, chosen from the HTTP status as the API reference's
/// status table says, refined by the body's error `type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// 400, or `invalid_request_error`: bad or missing parameters.
    InvalidRequest,
    /// 401, or `authentication_error`: no valid API key.
    Authentication,
    /// 402, or `card_error`: the parameters were valid but the request
    /// failed (a decline, an expired card, ...).
    Card,
    /// 403: the key may not do this.
    Permission,
    /// 404: the object does not exist.
    NotFound,
    /// 409: the request conflicts with another one (e.g. `lock_timeout`).
    Conflict,
    /// `idempotency_error`: an idempotency key was reused with other
    /// parameters.
    Idempotency,
    /// 429, or `rate_limit_error`: too many requests.
    RateLimit,
    /// 5xx, or `api_error`: a problem on Stripe's side.
    Api,
    /// Stripe could not be reached, or the connection broke
    /// (`api_connection_error`).
    Connection,
    /// No answer within the timeout.
    Timeout,
    /// A parameter broke a rule the API states (`validation_error`
    /// from the client); the request was never sent.
    Validation,
    /// A response that does not match the expected type.
    Decode,
    /// The client was configured wrongly (bad key, bad base URL).
    Config,
    /// Any other status.
    Other,
}

/// An error response from Stripe: every field of its error object, the
/// HTTP status and headers that matter, and the raw body.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ApiError {
    /// What went wrong, from the status and the error type.
    pub kind: ErrorKind,
    /// HTTP status.
    pub status: u16,
    /// The error `type` from the body (absent when the body was not an
    /// error object).
    pub error_type: Option<ErrorType>,
    /// The error `code`.
    pub code: Option<ErrorCode>,
    /// For card declines, the bank's reason.
    pub decline_code: Option<String>,
    /// The parameter the error is about.
    pub param: Option<String>,
    /// The id of the failed charge.
    pub charge: Option<String>,
    /// A human-readable message (for card errors, fit to show to the
    /// customer).
    pub message: Option<String>,
    /// A link to the documentation of the error code.
    pub doc_url: Option<String>,
    /// A message fit to show to the end user (v2 errors).
    pub user_message: Option<String>,
    /// A link to this request in the Dashboard's logs.
    pub request_log_url: Option<String>,
    /// The PaymentIntent the error is about, as sent (JSON: its shape
    /// depends on the API version).
    pub payment_intent: Option<serde_json::Value>,
    /// The PaymentMethod the error is about, as sent.
    pub payment_method: Option<serde_json::Value>,
    /// The SetupIntent the error is about, as sent.
    pub setup_intent: Option<serde_json::Value>,
    /// The source the error is about, as sent.
    pub source: Option<serde_json::Value>,
    /// The whole body when it was JSON, unknown fields included.
    pub raw: Option<serde_json::Value>,
    /// Stripe's `Request-Id` header.
    pub request_id: Option<String>,
    /// The `Idempotency-Key` the request was sent with (every POST has
    /// one): give it to `.idempotency_key(..)` to retry the same request
    /// later without doing it twice.
    pub idempotency_key: Option<String>,
    /// The start of the body when it was not a Stripe error object.
    pub body_start: Option<String>,
    /// How many times the request was sent.
    pub attempts: u32,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Stripe answered HTTP {} ({:?}", self.status, self.kind)?;
        if let Some(t) = &self.error_type {
            write!(f, ", {t}")?;
        }
        if let Some(c) = &self.code {
            write!(f, ", code {c}")?;
        }
        if let Some(d) = &self.decline_code {
            write!(f, ", decline code {d}")?;
        }
        write!(f, ")")?;
        if let Some(m) = &self.message {
            // One line, whatever the server sent.
            write!(f, ": {}", m.split_whitespace().collect::<Vec<_>>().join(" "))?;
        }
        if let Some(p) = &self.param {
            write!(f, " [param: {p}]")?;
        }
        if let Some(b) = &self.body_start {
            write!(f, "; body starts: {b:?}")?;
        }
        if let Some(r) = &self.request_id {
            write!(f, " (request {r})")?;
        }
        if self.attempts > 1 {
            write!(f, " after {} attempts", self.attempts)?;
        }
        Ok(())
    }
}

impl ApiError {
    /// The error object's field `name` read as `T`: what a v2 error adds
    /// to its code (`duplicate_person_id`), or `None` when it is absent or
    /// not a `T`.
    pub fn detail<T: serde::de::DeserializeOwned>(&self, name: &str) -> Option<T> {
        let value = self.raw.as_ref()?.get("error")?.get(name)?;
        T::deserialize(value).ok()
    }

    /// The whole error object read as `T`: a v2 error variant's type, with
    /// its fields (`None` when the body was not one).
    pub fn details<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        T::deserialize(self.raw.as_ref()?.get("error")?).ok()
    }

    /// Builds the error from a non-success response.
    pub(crate) fn from_response(status: u16, request_id: Option<String>, body: &[u8], attempts: u32) -> ApiError {
        let raw = serde_json::from_slice::<serde_json::Value>(body).ok();
        let error = raw.as_ref().and_then(|v| v.get("error")).filter(|e| e.is_object());
        let text = |name: &str| error.and_then(|e| e.get(name)?.as_str()).map(str::to_owned);
        let object = |name: &str| error.and_then(|e| e.get(name)).filter(|v| !v.is_null()).cloned();
        let error_type = text("type").map(|t| ErrorType::from(t.as_str()));
        // A v2 error says `idempotency_error` in its code.
        let kind = match text("code").as_deref() {
            Some("idempotency_error") => ErrorKind::Idempotency,
            _ => kind_of(status, error_type.as_ref()),
        };
        ApiError {
            kind,
            status,
            error_type,
            code: text("code").map(|c| ErrorCode::from(c.as_str())),
            decline_code: text("decline_code"),
            param: text("param"),
            charge: text("charge"),
            message: text("message"),
            doc_url: text("doc_url"),
            user_message: text("user_message"),
            request_log_url: text("request_log_url"),
            payment_intent: object("payment_intent"),
            payment_method: object("payment_method"),
            setup_intent: object("setup_intent"),
            source: object("source"),
            body_start: if error.is_some() { None } else { Some(body_start(body)) },
            raw,
            request_id,
            idempotency_key: None,
            attempts,
        }
    }
}

/// The first 200 characters of a body, for errors about bodies that were
/// not understood.
pub(crate) fn body_start(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(800)]);
    let mut out: String = text.chars().take(200).collect();
    if text.chars().count() > 200 || body.len() > 800 {
        out.push('…');
    }
    out
}

/// The status table of the API reference, with the body's type deciding
/// where the status does not.
pub(crate) fn kind_of(status: u16, error_type: Option<&ErrorType>) -> ErrorKind {
    if matches!(error_type, Some(ErrorType::IdempotencyError)) {
        return ErrorKind::Idempotency;
    }
    match status {
        400 => ErrorKind::InvalidRequest,
        401 => ErrorKind::Authentication,
        402 => ErrorKind::Card,
        403 => ErrorKind::Permission,
        404 => ErrorKind::NotFound,
        409 => ErrorKind::Conflict,
        429 => ErrorKind::RateLimit,
        500..=599 => ErrorKind::Api,
        _ => match error_type {
            Some(ErrorType::CardError) => ErrorKind::Card,
            Some(ErrorType::InvalidRequestError) => ErrorKind::InvalidRequest,
            Some(ErrorType::AuthenticationError) => ErrorKind::Authentication,
            Some(ErrorType::RateLimitError) => ErrorKind::RateLimit,
            Some(ErrorType::ApiError) => ErrorKind::Api,
            Some(ErrorType::ApiConnectionError) => ErrorKind::Connection,
            Some(ErrorType::ValidationError) => ErrorKind::Validation,
            _ => ErrorKind::Other,
        },
    }
}

/// Everything a request can end in.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Error {
    /// Stripe answered with an error.
    Api(Box<ApiError>),
    /// Stripe could not be reached, or the connection broke before an
    /// answer arrived.
    Connection {
        /// What failed.
        message: String,
        /// How many times the request was tried.
        attempts: u32,
        /// The `Idempotency-Key` the request was sent with (every POST has
        /// one): the request may have been done; retrying it with this key
        /// never does it twice.
        idempotency_key: Option<String>,
    },
    /// No answer arrived in time.
    Timeout {
        /// The limit that ran out: one attempt's timeout, or what was left
        /// of the request's deadline.
        timeout: Duration,
        /// Whether the request's total deadline ran out (rather than one
        /// attempt's timeout).
        deadline: bool,
        /// How many times the request was tried.
        attempts: u32,
        /// The `Idempotency-Key` the request was sent with, to retry it
        /// safely.
        idempotency_key: Option<String>,
    },
    /// A parameter broke a rule of the API; nothing was sent.
    Validation {
        /// The parameter, in form notation (`metadata`, `items[0][price]`).
        param: String,
        /// The rule it broke.
        message: String,
    },
    /// A success response that does not decode into the expected type.
    Decode(Box<DecodeError>),
    /// The client or request options are unusable; nothing was sent.
    Config(String),
}

/// A success response that does not decode into the expected type: which
/// type, where, why, and under which API version the request ran.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct DecodeError {
    /// The Rust type that was expected.
    pub type_name: String,
    /// Where in the body decoding failed (`data[3].source.exp_month`).
    pub path: String,
    /// Why.
    pub message: String,
    /// The `Stripe-Version` the request was sent with. When it is not
    /// [`API_VERSION`](crate::API_VERSION), the response may have another
    /// shape than this crate's types: read it untyped with
    /// [`RequestBuilder::json`](crate::RequestBuilder::json), or regenerate
    /// the crate for that version.
    pub api_version: String,
    /// HTTP status.
    pub status: u16,
    /// Stripe's `Request-Id` header.
    pub request_id: Option<String>,
    /// The `Idempotency-Key` the request was sent with (the request was
    /// done; its result is what did not decode).
    pub idempotency_key: Option<String>,
    /// The first characters of the body.
    pub body_start: String,
    /// How many times the request was sent (the last answer is the one
    /// that did not decode).
    pub attempts: u32,
}

impl DecodeError {
    /// Whether the request ran under another API version than the one this
    /// crate's types describe.
    pub fn version_mismatch(&self) -> bool {
        self.api_version != crate::API_VERSION
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let DecodeError { type_name, path, message, status, request_id, body_start, api_version, .. } = self;
        write!(f, "could not decode {type_name} from an HTTP {status} response at `{path}`: {message}")?;
        if self.version_mismatch() {
            write!(
                f,
                "; the request ran under API version {api_version} but this crate's types describe {}: \
                 read the body untyped with `.json()`, or regenerate the crate for {api_version}",
                crate::API_VERSION
            )?;
        }
        write!(f, " (request {request_id:?}; body starts: {body_start:?})")
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => e.fmt(f),
            Error::Connection { message, attempts, .. } => {
                write!(f, "could not reach Stripe: {message} (after {attempts} attempt(s))")
            }
            Error::Timeout { timeout, deadline: false, attempts, .. } => {
                write!(f, "no answer from Stripe within {timeout:?} (after {attempts} attempt(s))")
            }
            Error::Timeout { attempts, deadline: true, .. } => {
                write!(f, "the request's deadline passed before Stripe answered (after {attempts} attempt(s))")
            }
            Error::Validation { param, message } => {
                write!(f, "invalid parameter `{param}`: {message} (the request was not sent)")
            }
            Error::Decode(e) => e.fmt(f),
            Error::Config(message) => write!(f, "invalid configuration: {message}"),
        }
    }
}

impl std::error::Error for Error {}

impl Error {
    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Api(e) => e.kind,
            Error::Connection { .. } => ErrorKind::Connection,
            Error::Timeout { .. } => ErrorKind::Timeout,
            Error::Validation { .. } => ErrorKind::Validation,
            Error::Decode(_) => ErrorKind::Decode,
            Error::Config(_) => ErrorKind::Config,
        }
    }

    /// The error response, when Stripe answered with one.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// Stripe's `Request-Id` of the (last) response, when there was one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(e) => e.request_id.as_deref(),
            Error::Decode(e) => e.request_id.as_deref(),
            _ => None,
        }
    }

    /// The HTTP status of the (last) response, when there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            _ => None,
        }
    }

    /// How many times the request was sent (0 when it never was).
    pub fn attempts(&self) -> u32 {
        match self {
            Error::Api(e) => e.attempts,
            Error::Decode(e) => e.attempts,
            Error::Connection { attempts, .. } | Error::Timeout { attempts, .. } => *attempts,
            Error::Validation { .. } | Error::Config(_) => 0,
        }
    }

    /// The `Idempotency-Key` the request was sent with, when it was sent
    /// with one (every POST is: the caller's key or a random one). After a
    /// failure that may have left the request done or half done (a
    /// connection lost, a timeout, a 5xx), send the same request again with
    /// `.idempotency_key(key)`: Stripe replays the first result instead of
    /// doing it twice.
    pub fn idempotency_key(&self) -> Option<&str> {
        match self {
            Error::Api(e) => e.idempotency_key.as_deref(),
            Error::Decode(e) => e.idempotency_key.as_deref(),
            Error::Connection { idempotency_key, .. } | Error::Timeout { idempotency_key, .. } => {
                idempotency_key.as_deref()
            }
            Error::Validation { .. } | Error::Config(_) => None,
        }
    }

    /// The decoding failure, when a success response did not decode.
    pub fn decode(&self) -> Option<&DecodeError> {
        match self {
            Error::Decode(e) => Some(e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_table() {
        let cases = [
            (400, ErrorKind::InvalidRequest),
            (401, ErrorKind::Authentication),
            (402, ErrorKind::Card),
            (403, ErrorKind::Permission),
            (404, ErrorKind::NotFound),
            (409, ErrorKind::Conflict),
            (429, ErrorKind::RateLimit),
            (500, ErrorKind::Api),
            (503, ErrorKind::Api),
            (418, ErrorKind::Other),
        ];
        for (status, kind) in cases {
            assert_eq!(kind_of(status, None), kind, "status {status}");
        }
        assert_eq!(kind_of(400, Some(&ErrorType::IdempotencyError)), ErrorKind::Idempotency);
        assert_eq!(kind_of(418, Some(&ErrorType::CardError)), ErrorKind::Card);
    }

    #[test]
    fn error_body_fields() {
        let body = br#"{"error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds","param":"source","charge":"ch_1","message":"Your card was declined."}}"#;
        let e = ApiError::from_response(402, Some("req_1".into()), body, 1);
        assert_eq!(e.kind, ErrorKind::Card);
        assert_eq!(e.error_type, Some(ErrorType::CardError));
        assert_eq!(e.code, Some(ErrorCode::CardDeclined));
        assert_eq!(e.decline_code.as_deref(), Some("insufficient_funds"));
        assert_eq!(e.charge.as_deref(), Some("ch_1"));
        assert_eq!(e.request_id.as_deref(), Some("req_1"));
        assert!(e.to_string().contains("Your card was declined."));
    }

    #[test]
    fn unknown_values_are_kept() {
        assert_eq!(ErrorCode::from("brand_new_code"), ErrorCode::Unrecognized("brand_new_code".into()));
        assert_eq!(ErrorType::from("new_error").as_str(), "new_error");
    }

    #[test]
    fn non_json_body_keeps_status_and_start() {
        let e = ApiError::from_response(502, None, b"<html>Bad gateway</html>", 3);
        assert_eq!(e.kind, ErrorKind::Api);
        assert_eq!(e.body_start.as_deref(), Some("<html>Bad gateway</html>"));
        let text = e.to_string();
        assert!(text.contains("502") && text.contains("Bad gateway") && text.contains("after 3 attempts"), "{text}");
    }

    #[test]
    fn body_start_is_bounded_and_char_safe() {
        let s = body_start("é".repeat(5000).as_bytes());
        assert!(s.chars().count() <= 201);
    }
}
