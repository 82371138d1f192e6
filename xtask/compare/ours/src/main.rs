//! A user's program on the generated crate: the balance, a charge, a page
//! of customers. Built, not run: its clean build is the compile benchmark.

use stripe_client::{Balance, Charge, Client, CreateCharge, Customer, ListCustomers};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::from_env()?;
    let balance = Balance::retrieve(&client).await?;
    println!("{}", balance.available.len());
    let charge = Charge::create(&client, &CreateCharge::new().amount(2000).currency("usd")).await?;
    println!("{}", charge.id);
    let customers = Customer::list(&client, &ListCustomers::new()).await?;
    println!("{}", customers.data.len());
    Ok(())
}
