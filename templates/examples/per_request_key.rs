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
    let key = std::env::var("STRIPE_SECRET_KEY").map_err(|_| "set STRIPE_SECRET_KEY to a test key (sk_test_...)")?;
    let other_key = std::env::args().nth(1).ok_or("usage: per_request_key <other secret key>")?;
    let mut builder = Client::builder(key);
    if let Ok(base) = std::env::var("STRIPE_API_BASE") {
        builder = builder.base_url(base);
    }
    let balance = run(&builder.build()?, &other_key).await?;
    for amount in &balance.available {
        println!("available with the other key: {} {}", amount.amount, amount.currency);
    }
    Ok(())
}
