//! The README's thin events section: verify an event destination's request
//! on its raw body, then read the event notification.

use stripe_client_v2::{EventNotification, Webhook, WebhookError};

/// Handles one request of an event destination that sends thin events:
/// the body exactly as received and the `Stripe-Signature` header.
pub fn on_request(webhook: &Webhook, body: &[u8], signature: Option<&str>) -> Result<String, WebhookError> {
    let notification: EventNotification = webhook.parse_event_notification(body, signature)?;
    let about = notification.related_object.as_ref().map_or("-", |r| r.id.as_str());
    // `notification.fetch_event(&client).await?` reads the whole event, in
    // the notification's context (`Stripe-Context`).
    Ok(format!("{} {} about {about}", notification.id, notification.type_))
}

fn main() {
    let webhook = Webhook::new("whsec_test");
    let body = br#"{"id":"evt_1","object":"v2.core.event","type":"v1.billing.meter.error_report_triggered","created":"2026-09-30T12:00:00.000Z","livemode":false,"related_object":{"id":"mtr_1","type":"billing.meter","url":"/v1/billing/meters/mtr_1"}}"#;
    let signature = Webhook::signature_header(body, "whsec_test", Webhook::now_unix());
    match on_request(&webhook, body, Some(&signature)) {
        Ok(done) => println!("{done}"),
        Err(e) => println!("400: {e}"),
    }
}
