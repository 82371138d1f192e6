//! Telemetry as Stripe's own libraries send it: the `Request-Id` and
//! duration of the previous request, with the next one.

use reqwest::header::HeaderValue;
use std::sync::{Mutex, TryLockError};
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
    ///
    /// Telemetry is best effort and never makes a request wait: when
    /// another request holds the slot at that instant, this one goes
    /// without (and `record` drops its metrics).
    pub(crate) fn take(&self) -> Option<HeaderValue> {
        if !self.enabled {
            return None;
        }
        Self::slot(&self.last)?.take()
    }

    /// The slot, unless another request holds it.
    fn slot(last: &Mutex<Option<HeaderValue>>) -> Option<std::sync::MutexGuard<'_, Option<HeaderValue>>> {
        match last.try_lock() {
            Ok(guard) => Some(guard),
            Err(TryLockError::Poisoned(p)) => Some(p.into_inner()),
            Err(TryLockError::WouldBlock) => None,
        }
    }

    /// Notes a request that got an answer. Runs once per request, so the
    /// JSON is written directly rather than built as a map of `Value`s.
    pub(crate) fn record(&self, request_id: &str, took: Duration) {
        if !self.enabled {
            return;
        }
        use std::fmt::Write as _;
        let ms = u64::try_from(took.as_millis()).unwrap_or(u64::MAX);
        let mut metrics = String::with_capacity(80 + request_id.len());
        metrics.push_str(r#"{"last_request_metrics":{"request_id":"#);
        // As a JSON string: Stripe's ids (`req_...`) need no escaping;
        // anything else is escaped by serde_json.
        if request_id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
            metrics.push('"');
            metrics.push_str(request_id);
            metrics.push('"');
        } else {
            let Ok(id) = serde_json::to_string(request_id) else { return };
            metrics.push_str(&id);
        }
        let _ = write!(metrics, r#","request_duration_ms":{ms}}}}}"#);
        // A request id that cannot be a header value is not reported.
        if let Ok(value) = HeaderValue::try_from(metrics)
            && let Some(mut slot) = Self::slot(&self.last)
        {
            *slot = Some(value);
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
