//! Thin events: what a v2 event destination sends (an event
//! notification: which event, of what type, about which object, in which
//! account's context), verified as v1 events are, and fetched in full with
//! one call each.

use super::client::Client;
use super::request::{PathPart, RequestBuilder, split_page_url};
use super::values::DateTime;
use super::webhook::{Webhook, WebhookError, WebhookErrorKind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An event notification (a "thin" event): `{id, object: "v2.core.event",
/// type, created, livemode, context, reason, related_object}`. Types and
/// fields this crate does not know are kept.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct EventNotification {
    /// The event's id (`evt_...`).
    pub id: String,
    /// What happened (`v1.billing.meter.error_report_triggered`), as sent.
    #[serde(rename = "type")]
    pub type_: String,
    /// When the event happened.
    pub created: DateTime,
    /// Whether it happened in live mode.
    #[serde(default)]
    pub livemode: bool,
    /// The account whose event it is, to send as `Stripe-Context` when
    /// fetching it; `None` for your own account's.
    #[serde(default)]
    pub context: Option<String>,
    /// Why it happened (an API request, with its id and idempotency key),
    /// as sent.
    #[serde(default)]
    pub reason: Option<serde_json::Value>,
    /// The object the event is about, if any.
    #[serde(default)]
    pub related_object: Option<RelatedObject>,
    /// Fields this crate does not know.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// The object an [`EventNotification`] is about.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct RelatedObject {
    /// Its id.
    pub id: String,
    /// Its type (its `object` tag: `billing.meter`, `v2.core.account`).
    #[serde(rename = "type")]
    pub type_: String,
    /// Where to fetch it (a path of the API).
    pub url: String,
}

impl EventNotification {
    /// The full event (`GET /v2/core/events/{id}`), read as `T`, in the
    /// notification's context.
    pub fn fetch_event_as<T>(&self, client: &Client) -> RequestBuilder<T> {
        let req = RequestBuilder::new(
            client,
            reqwest::Method::GET,
            &[PathPart::Lit("/v2/core/events/"), PathPart::Param("id", &self.id)],
        );
        self.in_context(req)
    }

    /// The object the event is about (a GET of its `url`), read as `T`, in
    /// the notification's context; `None` when the event is about none.
    pub fn fetch_related_object_as<T>(&self, client: &Client) -> Option<RequestBuilder<T>> {
        let related = self.related_object.as_ref()?;
        let mut req = RequestBuilder::new(client, reqwest::Method::GET, &[]);
        match split_page_url(&related.url) {
            Ok((path, pairs)) => {
                req.template = path.clone();
                req.path = path;
                req.pairs = pairs;
            }
            Err(e) => req.deferred = Some(e),
        }
        Some(self.in_context(req))
    }

    fn in_context<T>(&self, req: RequestBuilder<T>) -> RequestBuilder<T> {
        match &self.context {
            Some(context) => req.stripe_context(context.clone()),
            None => req,
        }
    }
}

impl Webhook {
    /// Checks the `Stripe-Signature` header of an event destination's
    /// request against the raw body ([`Webhook::verify`]), then reads the
    /// body as an [`EventNotification`]. A v1 event (`object: "event"`) is
    /// refused, naming `Webhook::construct_event` instead.
    pub fn parse_event_notification<'a>(
        &self,
        payload: &[u8],
        signature: impl Into<Option<&'a str>>,
    ) -> Result<EventNotification, WebhookError> {
        self.verify(payload, signature)?;
        EventNotification::from_slice(payload)
    }
}

impl EventNotification {
    /// Reads a notification from JSON without checking where it came from
    /// (for one verified already).
    pub fn from_slice(json: &[u8]) -> Result<EventNotification, WebhookError> {
        if super::webhook::object_of(json).as_deref() == Some("event") {
            return Err(WebhookError::new(
                WebhookErrorKind::NotAnEvent,
                "the body is a v1 event (object: event), not an event notification: read it with \
                 Webhook::construct_event",
            ));
        }
        super::webhook::parse_event(json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const THIN: &str = r#"{"id":"evt_1","object":"v2.core.event","type":"v1.billing.meter.error_report_triggered","created":"2026-09-30T12:00:00.000Z","livemode":false,"context":"acct_9","related_object":{"id":"mtr_1","type":"billing.meter","url":"/v1/billing/meters/mtr_1"},"brand_new":1}"#;

    #[test]
    fn a_notification_keeps_what_it_does_not_know() {
        let n = EventNotification::from_slice(THIN.as_bytes()).unwrap();
        assert_eq!(n.type_, "v1.billing.meter.error_report_triggered");
        assert_eq!(n.context.as_deref(), Some("acct_9"));
        assert_eq!(n.related_object.as_ref().map(|r| r.url.as_str()), Some("/v1/billing/meters/mtr_1"));
        assert_eq!(n.other.get("brand_new"), Some(&serde_json::json!(1)));
        assert_eq!(n.created.unix_seconds(), 1_790_769_600);
    }

    #[test]
    fn a_v1_event_is_refused_with_what_to_use() {
        let v1 = br#"{"id":"evt_1","object":"event","type":"charge.succeeded","created":1,"data":{"object":{}}}"#;
        let e = EventNotification::from_slice(v1).unwrap_err();
        assert_eq!(e.kind(), WebhookErrorKind::NotAnEvent);
        assert!(e.to_string().contains("construct_event"), "{e}");
    }
}
