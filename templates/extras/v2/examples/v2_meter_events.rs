//! Usage-based billing on Stripe's v2 API: usage sent on the high-throughput
//! meter event stream (the sender opens a meter event session, renews it
//! when it expires, and sends 100 events a request), then one meter event
//! sent on its own and cancelled with an adjustment. Reads
//! STRIPE_SECRET_KEY and, optionally, STRIPE_API_BASE.

use std::collections::BTreeMap;
use stripe_client_v2::v2::billing::{
    CreateMeterEvent, CreateMeterEventAdjustment, CreateMeterEventAdjustmentCancel, CreateMeterEventAdjustmentType,
    CreateMeterEventStreamEvent, MeterEvent, MeterEventAdjustment,
};
use stripe_client_v2::{Client, MeterEventSender};

/// The usage of one API call by customer `cus_demo`.
fn payload() -> BTreeMap<String, String> {
    BTreeMap::from([("stripe_customer_id".to_owned(), "cus_demo".to_owned()), ("value".to_owned(), "1".to_owned())])
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::from_env()?;

    // Five batches of 100 events, one stream request each; the session is
    // created on the first and renewed whenever it expires.
    let mut sender = MeterEventSender::new(&client);
    for batch in 0..5 {
        let events: Vec<CreateMeterEventStreamEvent> = (0..100)
            .map(|i| {
                CreateMeterEventStreamEvent::new("api_requests", payload()).identifier(format!("call-{batch}-{i}"))
            })
            .collect();
        sender.send(&events).await?;
    }
    println!(
        "stream: 500 events in {} requests, {} session(s) opened",
        sender.requests_sent(),
        sender.sessions_created()
    );

    // One event validated before it is answered, then cancelled.
    let event =
        MeterEvent::create(&client, &CreateMeterEvent::new("api_requests", payload()).identifier("call-sync-1"))
            .await?;
    println!("meter event {} at {}", event.identifier, event.timestamp);
    let cancel = CreateMeterEventAdjustment::new("api_requests", CreateMeterEventAdjustmentType::Cancel)
        .cancel(CreateMeterEventAdjustmentCancel::new(event.identifier.clone()));
    let adjustment = MeterEventAdjustment::create(&client, &cancel).await?;
    println!("adjustment {} cancels {} ({})", adjustment.id, adjustment.cancel.identifier, adjustment.status);
    Ok(())
}
