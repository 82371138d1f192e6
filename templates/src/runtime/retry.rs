//! When to retry and how long to wait: exponential backoff from 0.5 s,
//! capped at 5 s, with jitter, as Stripe's own libraries do.

use std::time::Duration;

/// Backoff settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Backoff {
    pub initial: Duration,
    pub max: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff { initial: Duration::from_millis(500), max: Duration::from_secs(5) }
    }
}

impl Backoff {
    /// The wait before retry number `retry` (0 for the first retry):
    /// `initial * 2^retry`, capped, then scaled by a random factor in
    /// [0.5, 1] and never below `initial`. A `Retry-After` from the server
    /// raises it, up to the cap.
    pub(crate) fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        let exp = self.initial.saturating_mul(2u32.saturating_pow(retry.min(16)));
        let capped = exp.min(self.max);
        let jittered = capped.mul_f64(0.5 + fastrand::f64() * 0.5).max(self.initial.min(self.max));
        match retry_after {
            Some(after) => jittered.max(after.min(self.max)),
            None => jittered,
        }
    }
}

/// Whether a response with this status should be retried. Stripe's
/// `Stripe-Should-Retry` header, when present, decides; otherwise 409
/// (conflicts such as lock timeouts), 429 and 5xx are retried, and never
/// 400, 401, 402, 403 or 404.
pub(crate) fn should_retry(status: u16, header: Option<&str>) -> bool {
    match header {
        Some("true") => true,
        Some("false") => false,
        _ => status == 409 || status == 429 || status >= 500,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_caps_and_jitters() {
        let b = Backoff::default();
        for retry in 0..20 {
            let d = b.delay(retry, None);
            assert!(d >= Duration::from_millis(500), "{retry}: {d:?}");
            assert!(d <= Duration::from_secs(5), "{retry}: {d:?}");
        }
        let later = (0..50).map(|_| b.delay(3, None)).min().unwrap();
        assert!(later >= Duration::from_secs(2), "4 s * [0.5, 1] >= 2 s, got {later:?}");
        let distinct: std::collections::BTreeSet<_> = (0..50).map(|_| b.delay(2, None)).collect();
        assert!(distinct.len() > 1, "jitter varies the delay");
    }

    #[test]
    fn retry_after_raises_the_delay_up_to_the_cap() {
        let b = Backoff::default();
        assert!(b.delay(0, Some(Duration::from_secs(3))) >= Duration::from_secs(3));
        assert!(b.delay(0, Some(Duration::from_secs(60))) <= Duration::from_secs(5));
    }

    #[test]
    fn retry_rules() {
        for s in [409, 429, 500, 502, 503, 504] {
            assert!(should_retry(s, None), "{s}");
        }
        for s in [400, 401, 402, 403, 404] {
            assert!(!should_retry(s, None), "{s}");
        }
        assert!(should_retry(400, Some("true")));
        assert!(!should_retry(503, Some("false")));
    }
}
