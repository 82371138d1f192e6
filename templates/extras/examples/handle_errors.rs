//! Charges a card and handles every kind of failure the way a checkout
//! would. Try the test tokens `tok_chargeDeclined` or
//! `tok_chargeDeclinedInsufficientFunds`.
//!
//! ```sh
//! STRIPE_SECRET_KEY=sk_test_... cargo run -p stripe-client --example handle_errors -- tok_chargeDeclined
//! ```
//!
//! `STRIPE_API_BASE` points the client elsewhere (a local test server).

use stripe_client::{Charge, Client, CreateCharge, CreateChargeSource, Error, ErrorKind};

/// Charges 20.00 USD to `source`: what happened, in words, or the error
/// when it is a bug to fix rather than an outcome to report.
pub async fn run(client: &Client, source: &str) -> Result<String, Error> {
    let mut params = CreateCharge::new(2000, "usd");
    params.source = Some(CreateChargeSource::String(source.into()));
    match Charge::create(client, &params).await {
        Ok(charge) => Ok(format!("charged: {}", charge.id)),
        Err(err) => outcome(&err).ok_or(err),
    }
}

/// What to tell the customer or the operator, for each kind of failure;
/// `None` when the error is a bug in the integration.
pub fn outcome(err: &Error) -> Option<String> {
    let api = err.api();
    let message = api.and_then(|a| a.message.clone()).unwrap_or_default();
    let request = err.request_id().unwrap_or("none");
    let text = match err.kind() {
        // The message of a card error is written for the customer.
        ErrorKind::Card => {
            let decline = api.and_then(|a| a.decline_code.as_deref()).unwrap_or("unknown");
            format!("declined: {message} (decline code {decline})")
        }
        ErrorKind::InvalidRequest => {
            let param = api.and_then(|a| a.param.as_deref()).unwrap_or("?");
            format!("invalid request: {message} (param {param}, request {request})")
        }
        ErrorKind::Authentication => "authentication failed: check STRIPE_SECRET_KEY".to_owned(),
        ErrorKind::Permission => format!("this key may not do that: {message}"),
        ErrorKind::NotFound => format!("not found: {message}"),
        ErrorKind::Idempotency => format!("idempotency key reused with other parameters: {message}"),
        // Already retried by the client; the failure outlasted its retries.
        ErrorKind::Conflict | ErrorKind::RateLimit => {
            format!("Stripe is busy, try again later ({} attempts)", err.attempts())
        }
        ErrorKind::Api => format!("Stripe had a problem; quote request {request} to support"),
        ErrorKind::Connection | ErrorKind::Timeout => {
            format!("could not reach Stripe after {} attempts; nothing to undo, try again", err.attempts())
        }
        ErrorKind::Validation => format!("not sent: {err}"),
        // A response this crate cannot read, a bad configuration, or a kind
        // added in a later version: report it as it is.
        _ => return None,
    };
    Some(text)
}

#[cfg_attr(test, allow(dead_code))]
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let source = std::env::args().nth(1).unwrap_or_else(|| "tok_chargeDeclined".to_owned());
    let client = Client::from_env()?;
    println!("{}", run(&client, &source).await?);
    Ok(())
}
