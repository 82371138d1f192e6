//! A webhook endpoint to start from: verifies each request's
//! `Stripe-Signature` on the raw body, reads the typed event and prints one
//! line per event: `<event id> <type> <data.object's object> <its id, or ->`.
//!
//! ```sh
//! STRIPE_WEBHOOK_SECRET=whsec_... PORT=4242 cargo run --example webhook_server
//! stripe listen --forward-to localhost:4242/webhook   # the Stripe CLI, to try it
//! ```
//!
//! `STRIPE_WEBHOOK_SECRET` holds the endpoint's signing secret, or several
//! separated by commas (while a secret is rolled, or one URL for several
//! endpoints). It listens on 127.0.0.1 (`PORT`, default 4242; `0` picks a
//! free port, announced on stderr) and answers `POST /webhook`: 200 for a
//! verified event, 400 with a short reason otherwise. Anything Stripe
//! should not retry must be answered with a 2xx: handle the event after
//! answering, or make handling idempotent (Stripe delivers at least once).

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use std::sync::Arc;
use stripe_client::{Event, EventObject, Webhook, WebhookErrorKind};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let secrets = std::env::var("STRIPE_WEBHOOK_SECRET").map_err(
        |_| "set STRIPE_WEBHOOK_SECRET to the endpoint's signing secret (whsec_...; several separated by commas)",
    )?;
    let webhook = Webhook::with_secrets(secrets.split(',').map(str::trim));
    let port: u16 = match std::env::var("PORT") {
        Ok(p) => p.parse().map_err(|_| format!("PORT={p:?} is not a port number"))?,
        Err(_) => 4242,
    };
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    eprintln!("listening on http://{}/webhook", listener.local_addr()?);
    let app = Router::new().route("/webhook", post(receive)).with_state(Arc::new(webhook));
    axum::serve(listener, app).await?;
    Ok(())
}

/// One webhook request: the body as raw bytes (never parsed and re-encoded
/// before verifying), and the signature header.
async fn receive(State(webhook): State<Arc<Webhook>>, headers: HeaderMap, body: Bytes) -> (StatusCode, &'static str) {
    let signature = headers.get(Webhook::SIGNATURE_HEADER).and_then(|v| v.to_str().ok());
    let event = match webhook.construct_event(&body, signature) {
        Ok(event) => event,
        Err(e) => {
            eprintln!("refused a webhook request: {e}");
            let reason = match e.kind() {
                WebhookErrorKind::MissingHeader => "no Stripe-Signature header\n",
                WebhookErrorKind::MalformedHeader => "malformed Stripe-Signature header\n",
                WebhookErrorKind::NoSignature => "no v1 signature\n",
                WebhookErrorKind::TooOld => "signature too old\n",
                WebhookErrorKind::NotAnEvent => "not an event\n",
                _ => "signature does not match\n",
            };
            return (StatusCode::BAD_REQUEST, reason);
        }
    };
    handle(&event);
    (StatusCode::OK, "ok\n")
}

/// What the integration does with an event.
fn handle(event: &Event) {
    let object = event.data.raw_object.parse::<serde_json::Value>().unwrap_or_default();
    let field = |name: &str| object.get(name).and_then(|v| v.as_str()).unwrap_or("-").to_owned();
    println!("{} {} {} {}", event.id, event.type_, field("object"), field("id"));
    if !event.api_version_matches() {
        eprintln!(
            "event {} was rendered at API version {:?}, this crate describes {}: create the endpoint with that version, or regenerate",
            event.id,
            event.api_version,
            stripe_client::API_VERSION
        );
    }
    match &event.data.object {
        EventObject::Charge(charge) => {
            // Fulfil the order paid by `charge.id` here.
            let _ = charge;
        }
        EventObject::Customer(customer) => {
            let _ = customer;
        }
        _ => {
            if let Some(why) = &event.data.object_error {
                eprintln!("event {}: {why}", event.id);
            }
        }
    }
}
