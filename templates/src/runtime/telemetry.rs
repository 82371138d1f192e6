//! Telemetry as Stripe's own libraries send it: the `Request-Id` and
//! duration of the previous request, with the next one.

use reqwest::header::HeaderValue;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

/// The metrics of the last request that got an answer, sent with the next
/// one as `X-Stripe-Client-Telemetry` (as Stripe's own libraries do):
/// its `Request-Id` and duration, nothing else.
pub(crate) struct Telemetry {
    enabled: bool,
    last: Mutex<Option<HeaderValue>>,
}

impl Telemetry {
    /// Telemetry that sends metrics when `enabled`.
    pub(crate) fn new(enabled: bool) -> Telemetry {
        Telemetry { enabled, last: Mutex::new(None) }
    }

    /// The header for the next request, if a request completed since the
    /// last one was sent.
    pub(crate) fn take(&self) -> Option<HeaderValue> {
        if !self.enabled {
            return None;
        }
        self.last.lock().unwrap_or_else(PoisonError::into_inner).take()
    }

    /// Notes a request that got an answer. Runs once per request, so the
    /// JSON is written directly rather than built as a map of `Value`s.
    pub(crate) fn record(&self, request_id: &str, took: Duration) {
        if !self.enabled {
            return;
        }
        let ms = u64::try_from(took.as_millis()).unwrap_or(u64::MAX);
        // Displayed as JSON: quoted, and escaped should it need to be.
        let id = serde_json::Value::String(request_id.to_owned());
        let metrics = format!(r#"{{"last_request_metrics":{{"request_id":{id},"request_duration_ms":{ms}}}}}"#);
        // A request id that cannot be a header value is not reported.
        if let Ok(value) = HeaderValue::from_str(&metrics) {
            *self.last.lock().unwrap_or_else(PoisonError::into_inner) = Some(value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(id: &str, ms: u64) -> serde_json::Value {
        let t = Telemetry::new(true);
        t.record(id, Duration::from_millis(ms));
        let header = t.take().expect("a header after a recorded request");
        assert!(t.take().is_none(), "each request is reported once");
        serde_json::from_slice(header.as_bytes()).expect("the header is JSON")
    }

    #[test]
    fn metrics_are_json_for_any_request_id() {
        let v = sent("req_AbC123", 42);
        assert_eq!(
            v,
            serde_json::json!({"last_request_metrics": {"request_id": "req_AbC123", "request_duration_ms": 42}})
        );
        let odd = "req_\"quoted\\";
        assert_eq!(sent(odd, 7)["last_request_metrics"]["request_id"], odd);
    }

    #[test]
    fn nothing_is_recorded_when_disabled() {
        let t = Telemetry::new(false);
        t.record("req_1", Duration::from_millis(1));
        assert!(t.take().is_none());
    }
}
