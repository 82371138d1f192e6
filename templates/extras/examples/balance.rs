//! Retrieves the account balance.
//!
//! ```sh
//! STRIPE_SECRET_KEY=sk_test_... cargo run -p stripe-client --example balance
//! ```
//!
//! `STRIPE_API_BASE` points the client elsewhere (a local test server).

use stripe_client::{Balance, Client, Error};

/// The balance: what is available now and what is still pending.
pub async fn run(client: &Client) -> Result<Balance, Error> {
    Balance::retrieve(client).await
}

#[cfg_attr(test, allow(dead_code))]
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::from_env()?;
    let balance = run(&client).await?;
    for amount in &balance.available {
        println!("available: {} {}", amount.amount, amount.currency);
    }
    for amount in &balance.pending {
        println!("pending:   {} {}", amount.amount, amount.currency);
    }
    Ok(())
}
