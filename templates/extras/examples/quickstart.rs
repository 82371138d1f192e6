//! The README's quick start: charge a card and refund it, handle a
//! decline, list every customer. Reads STRIPE_SECRET_KEY and, optionally,
//! STRIPE_API_BASE.

use futures_util::StreamExt;
use stripe_client::{Charge, Client, CreateCharge, CreateRefund, Currency, Customer, ErrorKind, ListCustomers, Refund};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::from_env()?;

    // Awaiting a request sends it: retried on network errors, 409, 429 and
    // 5xx, with one idempotency key for all attempts.
    let params = CreateCharge::new(2000, Currency::Usd).source("tok_visa").metadata([("order_id", "6735")]);
    match Charge::create(&client, &params).idempotency_key("order-6735").await {
        Ok(charge) => {
            println!("charged {} ({})", charge.id, charge.status);
            // Ids are typed: `charge.id` is a `ChargeId`, which a refund's
            // `charge` takes and a customer's id would not be.
            let refund = Refund::create(&client, &CreateRefund::new(&charge.id)).await?;
            println!("refunded {} ({})", refund.amount, refund.id);
        }
        Err(e) if e.kind() == ErrorKind::Card => println!("declined: {e}"),
        Err(e) => return Err(e.into()),
    }

    // Every customer, fetching pages as the stream is read.
    let mut customers = Customer::list(&client, &ListCustomers::new()).paginate();
    while let Some(customer) = customers.next().await {
        println!("customer {}", customer?.id);
    }
    Ok(())
}
