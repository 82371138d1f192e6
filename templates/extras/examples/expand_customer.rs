//! Retrieves a charge with its customer expanded: the whole customer
//! object in the same response instead of its id.
//!
//! ```sh
//! STRIPE_SECRET_KEY=sk_test_... cargo run -p stripe-client --example expand_customer -- ch_...
//! ```
//!
//! `STRIPE_API_BASE` points the client elsewhere (a local test server).

use stripe_client::{Charge, Client, Customer, Error, RetrieveCharge};

/// The charge `id` and, when it has one, its customer.
pub async fn run(client: &Client, id: &str) -> Result<(Charge, Option<Customer>), Error> {
    let mut params = RetrieveCharge::new();
    params.expand = Some(vec!["customer".into()]);
    let charge = Charge::retrieve(client, id, &params).await?;
    let customer = charge.customer.clone().and_then(|c| c.into_object());
    Ok((charge, customer))
}

#[cfg_attr(test, allow(dead_code))]
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let id = std::env::args().nth(1).ok_or("usage: expand_customer <ch_...>")?;
    let client = Client::from_env()?;
    let (charge, customer) = run(&client, &id).await?;
    match customer {
        Some(customer) => println!("{} was paid by {} ({:?})", charge.id, customer.id, customer.email),
        None => println!("{} has no customer", charge.id),
    }
    Ok(())
}
