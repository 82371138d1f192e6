//! Logs each request as one `tracing` span: method, path template, attempt,
//! status, `Request-Id` and duration, with retries as events inside it.
//! Never the key, never the parameters.
//!
//! ```sh
//! STRIPE_SECRET_KEY=sk_test_... cargo run -p stripe-client --example log_requests
//! ```
//!
//! prints, for example:
//!
//! ```text
//! INFO stripe_request{method=GET path=/v1/balance attempt=1 status=200 request_id=req_123 duration_ms=212}: close ...
//! ```
//!
//! `STRIPE_API_BASE` points the client elsewhere (a local test server).

use stripe_client::{Balance, Client};
use tracing_subscriber::fmt::format::FmtSpan;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // One line when each request ends, with every field of its span.
    tracing_subscriber::fmt().with_span_events(FmtSpan::CLOSE).init();
    let client = Client::from_env()?;
    let balance = Balance::retrieve(&client).await?;
    println!("{} currencies available", balance.available.len());
    Ok(())
}
