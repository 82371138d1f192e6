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
    /// The header for the next request, if a request completed since the
    /// last one was sent.
    pub(crate) fn take(&self) -> Option<HeaderValue> {
        if !self.enabled {
            return None;
        }
        self.last.lock().unwrap_or_else(PoisonError::into_inner).take()
    }

    /// Notes a request that got an answer.
    pub(crate) fn record(&self, request_id: &str, took: Duration) {
        if !self.enabled {
            return;
        }
        let metrics = serde_json::json!({
            "last_request_metrics": {
                "request_id": request_id,
                "request_duration_ms": u64::try_from(took.as_millis()).unwrap_or(u64::MAX),
            }
        });
        // A request id that cannot be a header value is not reported.
        if let Ok(value) = HeaderValue::from_str(&metrics.to_string()) {
            *self.last.lock().unwrap_or_else(PoisonError::into_inner) = Some(value);
        }
    }
}

impl Telemetry {
    /// Telemetry that sends metrics when `enabled`.
    pub(crate) fn new(enabled: bool) -> Telemetry {
        Telemetry { enabled, last: Mutex::new(None) }
    }
}
