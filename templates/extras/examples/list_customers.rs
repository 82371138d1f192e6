//! Lists the three newest customers: one page of a list.
//!
//! ```sh
//! STRIPE_SECRET_KEY=sk_test_... cargo run -p stripe-client --example list_customers
//! ```
//!
//! `STRIPE_API_BASE` points the client elsewhere (a local test server).

use stripe_client::{Client, Customer, Error, List, ListCustomers};

/// The first page of customers, three at most.
pub async fn run(client: &Client) -> Result<List<Customer>, Error> {
    let mut params = ListCustomers::new();
    params.limit = Some(3);
    Customer::list(client, &params).await
}

#[cfg_attr(test, allow(dead_code))]
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::from_env()?;
    let page = run(&client).await?;
    for customer in &page.data {
        println!("{} {:?}", customer.id, customer.email);
    }
    if page.has_more {
        println!("... and more (see the paginate_customers example)");
    }
    Ok(())
}
