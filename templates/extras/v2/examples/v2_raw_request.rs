//! The README's raw requests section: an endpoint this crate does not have
//! (yet), with the client's retries, keys, telemetry and errors, answered as
//! JSON. Reads STRIPE_SECRET_KEY and, optionally, STRIPE_API_BASE.

use serde_json::json;
use stripe_client_v2::{Client, Method};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::from_env()?;
    // A JSON body on /v2 paths (a form on /v1), an idempotency key as ever.
    let account = client
        .raw_request(
            Method::POST,
            "/v2/core/accounts",
            &json!({"display_name": "Tailor & Co", "contact_email": "shop@example.com"}),
        )
        .await?;
    println!("account {}", account["id"]);
    Ok(())
}
