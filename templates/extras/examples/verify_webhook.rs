//! The README's webhook section: verify a webhook request on its raw body,
//! then read the typed event.

use stripe_client::{EventObject, EventType, Webhook, WebhookError};

/// Handles one webhook request: the body exactly as received (bytes, not
/// parsed and re-encoded) and the `Stripe-Signature` header. Answer an `Err`
/// with a 400, an `Ok` quickly with a 2xx: Stripe retries anything else.
pub fn on_request(webhook: &Webhook, body: &[u8], signature: Option<&str>) -> Result<String, WebhookError> {
    let event = webhook.construct_event(body, signature)?;
    Ok(match (&event.type_, &event.data.object) {
        (EventType::ChargeSucceeded, EventObject::Charge(charge)) => format!("paid: {}", charge.id),
        _ => format!("{} {}", event.id, event.type_),
    })
}

fn main() {
    // Once: the endpoint's signing secret; `.secret(..)` adds another while
    // it is rolled (or for one URL serving several endpoints).
    let webhook = Webhook::new("whsec_test");
    let body = br#"{"id":"evt_1","object":"event","created":1,"livemode":false,"pending_webhooks":0,"type":"ping","data":{"object":{}}}"#;
    let signature = Webhook::signature_header(body, "whsec_test", Webhook::now_unix());
    match on_request(&webhook, body, Some(&signature)) {
        Ok(done) => println!("{done}"),
        Err(e) => println!("400: {e}"),
    }
}
