//! An endpoint for an event destination that sends thin events (event
//! notifications): verifies each request's `Stripe-Signature` on the raw
//! body, fetches the full event in the notification's context, and prints
//! one line per event: `<event id> <type> <related object type or -> <related
//! object id or ->`.
//!
//! ```sh
//! STRIPE_WEBHOOK_SECRET=whsec_... STRIPE_SECRET_KEY=sk_test_... PORT=4242 cargo run --example thin_events_server
//! ```
//!
//! `STRIPE_WEBHOOK_SECRET` holds the destination's signing secret, or several
//! separated by commas; `STRIPE_SECRET_KEY` (and, optionally,
//! `STRIPE_API_BASE`) fetch the events. It listens on 127.0.0.1 (`PORT`,
//! default 4242; `0` picks a free port, announced on stderr) and answers
//! `POST /webhook`: 200 once the event is fetched, 400 for a notification
//! it refuses, 500 when the event cannot be fetched (Stripe delivers it
//! again later).

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use std::sync::Arc;
use stripe_client_v2::{Client, Webhook};

struct App {
    webhook: Webhook,
    client: Client,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let secrets = std::env::var("STRIPE_WEBHOOK_SECRET").map_err(
        |_| "set STRIPE_WEBHOOK_SECRET to the destination's signing secret (whsec_...; several separated by commas)",
    )?;
    let webhook = Webhook::with_secrets(secrets.split(',').map(str::trim));
    let client = Client::from_env()?;
    let port: u16 = match std::env::var("PORT") {
        Ok(p) => p.parse().map_err(|_| format!("PORT={p:?} is not a port number"))?,
        Err(_) => 4242,
    };
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    eprintln!("listening on http://{}/webhook", listener.local_addr()?);
    let app = Router::new().route("/webhook", post(receive)).with_state(Arc::new(App { webhook, client }));
    axum::serve(listener, app).await?;
    Ok(())
}

/// One notification: the body as raw bytes (never parsed and re-encoded
/// before verifying), and the signature header.
async fn receive(State(app): State<Arc<App>>, headers: HeaderMap, body: Bytes) -> (StatusCode, &'static str) {
    let signature = headers.get(Webhook::SIGNATURE_HEADER).and_then(|v| v.to_str().ok());
    let notification = match app.webhook.parse_event_notification(&body, signature) {
        Ok(n) => n,
        Err(e) => {
            eprintln!("refused a notification: {e}");
            return (StatusCode::BAD_REQUEST, "refused\n");
        }
    };
    // The notification says what happened; the event says it in full.
    let event = match notification.fetch_event(&app.client).await {
        Ok(event) => event,
        Err(e) => {
            eprintln!("could not fetch event {}: {e}", notification.id);
            return (StatusCode::INTERNAL_SERVER_ERROR, "fetch failed\n");
        }
    };
    let related = event.related_object.as_ref();
    println!(
        "{} {} {} {}",
        event.id,
        event.type_,
        related.map_or("-", |r| r.type_.as_str()),
        related.map_or("-", |r| r.id.as_str())
    );
    (StatusCode::OK, "ok\n")
}
