//! The same program on async-stripe 1.0.

use stripe::Client;
use stripe_core::balance::RetrieveForMyAccountBalance;
use stripe_core::charge::CreateCharge;
use stripe_core::customer::ListCustomer;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new(std::env::var("STRIPE_SECRET_KEY")?);
    let balance = RetrieveForMyAccountBalance::new().send(&client).await?;
    println!("{}", balance.available.len());
    let charge = CreateCharge::new().amount(2000).currency(stripe_types::Currency::USD).send(&client).await?;
    println!("{}", charge.id);
    let customers = ListCustomer::new().send(&client).await?;
    println!("{}", customers.data.len());
    Ok(())
}
