//! Sends another `Stripe-Version` for one request. The types of this crate
//! follow the version it was generated for (`stripe_client::API_VERSION`):
//! under another version a response may have another shape, so this asks
//! for the typed balance and, when it does not decode under that version,
//! reads the same endpoint untyped with `.json()`.
//!
//! ```sh
//! STRIPE_SECRET_KEY=sk_test_... cargo run -p stripe-client --example api_version -- 2019-02-19
//! ```
//!
//! `STRIPE_API_BASE` points the client elsewhere (a local test server).

use stripe_client::{Balance, Client, Error, Response};

/// The balance, asked for at API version `version`.
pub async fn run(client: &Client, version: &str) -> Result<Response<Balance>, Error> {
    Balance::retrieve(client).api_version(version).send_with_response().await
}

/// The balance at `version` as JSON, whatever its shape.
pub async fn run_untyped(client: &Client, version: &str) -> Result<serde_json::Value, Error> {
    Balance::retrieve(client).api_version(version).json().await
}

#[cfg_attr(test, allow(dead_code))]
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let version = std::env::args().nth(1).unwrap_or_else(|| "2019-02-19".to_owned());
    let client = Client::from_env()?;
    println!("this crate's version: {}, this request: {version}", stripe_client::API_VERSION);
    match run(&client, &version).await {
        Ok(response) => {
            println!("request {:?}: {} currencies available", response.request_id, response.data.available.len());
        }
        // Another shape under that version: read it untyped instead.
        Err(Error::Decode(e)) if e.version_mismatch() => {
            println!("typed decoding failed under {version} ({e}); untyped:");
            println!("{}", run_untyped(&client, &version).await?);
        }
        Err(e) => return Err(e.into()),
    }
    Ok(())
}
