//! Walks through every customer, fetching pages of ten as the stream is
//! read (`starting_after` the last customer of each page).
//!
//! ```sh
//! STRIPE_SECRET_KEY=sk_test_... cargo run -p stripe-client --example paginate_customers
//! ```
//!
//! `STRIPE_API_BASE` points the client elsewhere (a local test server).

use futures_util::StreamExt;
use stripe_client::{Client, Customer, CustomerId, Error, ListCustomers};

/// The ids of every customer, newest first.
pub async fn run(client: &Client) -> Result<Vec<CustomerId>, Error> {
    let mut params = ListCustomers::new();
    params.limit = Some(10);
    let mut customers = Customer::list(client, &params).paginate();
    let mut ids = Vec::new();
    while let Some(customer) = customers.next().await {
        ids.push(customer?.id);
    }
    Ok(ids)
}

#[cfg_attr(test, allow(dead_code))]
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::from_env()?;
    let ids = run(&client).await?;
    for id in &ids {
        println!("{id}");
    }
    println!("{} customers", ids.len());
    Ok(())
}
