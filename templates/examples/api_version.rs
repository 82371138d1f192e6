//! Sends another `Stripe-Version` for one request. The types of this crate
//! follow the version it was generated for (`stripe_client::API_VERSION`),
//! so this suits endpoints whose shape did not change, or raw JSON.
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

#[cfg_attr(test, allow(dead_code))]
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let version = std::env::args().nth(1).unwrap_or_else(|| "2019-02-19".to_owned());
    let client = Client::from_env()?;
    let response = run(&client, &version).await?;
    println!("pinned version: {}, this request: {version}", stripe_client::API_VERSION);
    println!("request {:?}: {} currencies available", response.request_id, response.data.available.len());
    Ok(())
}
