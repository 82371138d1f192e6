//! Uses another secret key for one request, without a second client
//! (for example a connected account's key).
//!
//! ```sh
//! STRIPE_SECRET_KEY=sk_test_... cargo run -p stripe-client --example per_request_key -- sk_test_other...
//! ```
//!
//! `STRIPE_API_BASE` points the client elsewhere (a local test server).

use stripe_client::{Balance, Client, Error};

/// The balance of the account that `other_key` belongs to.
pub async fn run(client: &Client, other_key: &str) -> Result<Balance, Error> {
    Balance::retrieve(client).api_key(other_key).await
}

#[cfg_attr(test, allow(dead_code))]
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let other_key = std::env::args().nth(1).ok_or("usage: per_request_key <other secret key>")?;
    let client = Client::from_env()?;
    let balance = run(&client, &other_key).await?;
    for amount in &balance.available {
        println!("available with the other key: {} {}", amount.amount, amount.currency);
    }
    Ok(())
}
