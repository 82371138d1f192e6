//! Creates a charge with metadata and an idempotency key derived from the
//! order, so running it twice for one order charges once.
//!
//! ```sh
//! STRIPE_SECRET_KEY=sk_test_... cargo run -p stripe-client --example create_charge -- 6735
//! ```
//!
//! `STRIPE_API_BASE` points the client elsewhere (a local test server).

use stripe_client::{Charge, Client, CreateCharge, CreateChargeSource, Error, Metadata};

/// Charges 20.00 USD to the test card `tok_visa` for order `order_id`.
pub async fn run(client: &Client, order_id: &str) -> Result<Charge, Error> {
    let mut params = CreateCharge::new(2000, "usd");
    params.source = Some(CreateChargeSource::String("tok_visa".into()));
    params.description = Some(format!("Order {order_id}"));
    params.metadata = Some(Metadata::from([("order_id", order_id)]));
    // Stripe answers a repeated key with the first result instead of
    // charging again; the client also reuses it for its own retries.
    Charge::create(client, &params).idempotency_key(format!("charge-order-{order_id}")).await
}

#[cfg_attr(test, allow(dead_code))]
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let order_id = std::env::args().nth(1).unwrap_or_else(|| "6735".to_owned());
    let client = Client::from_env()?;
    let charge = run(&client, &order_id).await?;
    println!("{}: {} {} {}", charge.id, charge.amount, charge.currency, charge.status);
    Ok(())
}
