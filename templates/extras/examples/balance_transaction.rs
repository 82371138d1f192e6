//! Retrieves one balance transaction: the money movement behind a charge,
//! refund or payout, with Stripe's fees.
//!
//! ```sh
//! STRIPE_SECRET_KEY=sk_test_... cargo run -p stripe-client --example balance_transaction -- txn_...
//! ```
//!
//! `STRIPE_API_BASE` points the client elsewhere (a local test server).

use stripe_client::{BalanceTransaction, Client, Error, RetrieveBalanceTransaction};

/// The balance transaction `id`.
pub async fn run(client: &Client, id: &str) -> Result<BalanceTransaction, Error> {
    BalanceTransaction::retrieve(client, id, &RetrieveBalanceTransaction::new()).await
}

#[cfg_attr(test, allow(dead_code))]
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let id = std::env::args().nth(1).ok_or("usage: balance_transaction <txn_...>")?;
    let client = Client::from_env()?;
    let txn = run(&client, &id).await?;
    println!("{} {}: {} {} (fee {}, net {})", txn.type_, txn.id, txn.amount, txn.currency, txn.fee, txn.net);
    for fee in &txn.fee_details {
        println!("  {} fee: {} {}", fee.type_, fee.amount, fee.currency);
    }
    Ok(())
}
