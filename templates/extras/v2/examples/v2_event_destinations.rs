//! Event destinations on Stripe's v2 API: three webhook destinations for
//! thin events, listed two a page (following each page's URL), one of them
//! retrieved, updated, disabled, enabled and pinged, its events listed, and
//! all three deleted. Reads STRIPE_SECRET_KEY and, optionally,
//! STRIPE_API_BASE.

use futures_util::StreamExt;
use stripe_client_v2::Client;
use stripe_client_v2::v2::core::{
    CreateEventDestination, CreateEventDestinationEventPayload, CreateEventDestinationType,
    CreateEventDestinationWebhookEndpoint, Event, EventDestination, ListEventDestinations, ListEvents,
    RetrieveEventDestination, RetrieveEventDestinationIncludeItem, UpdateEventDestination,
};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::from_env()?;

    let mut ids = Vec::new();
    for n in 1..=3 {
        let params = CreateEventDestination::new(
            vec!["v1.billing.meter.error_report_triggered".to_owned()],
            CreateEventDestinationEventPayload::Thin,
            format!("orders-{n}"),
            CreateEventDestinationType::WebhookEndpoint,
        )
        .webhook_endpoint(CreateEventDestinationWebhookEndpoint::new(format!("https://example.com/hooks/{n}")));
        let destination = EventDestination::create(&client, &params).await?;
        println!("created {} ({})", destination.id, destination.name);
        ids.push(destination.id);
    }

    // Two a page: the stream follows `next_page_url` until it is null.
    let mut all = EventDestination::list(&client, &ListEventDestinations::new().limit(2)).paginate();
    let mut listed = 0;
    while let Some(destination) = all.next().await {
        println!("listed {}", destination?.id);
        listed += 1;
    }
    println!("{listed} destinations in all");

    let id = &ids[0];
    let include =
        RetrieveEventDestination::new().include(vec![RetrieveEventDestinationIncludeItem::WebhookEndpointUrl]);
    let destination = EventDestination::retrieve(&client, id, &include).await?;
    let url = destination.webhook_endpoint.as_ref().and_then(|w| w.url.as_deref()).unwrap_or("-");
    println!("retrieved {} -> {url}", destination.id);
    let updated = EventDestination::update(&client, id, &UpdateEventDestination::new().description("renamed")).await?;
    println!("updated {}: {}", updated.id, updated.description.as_deref().unwrap_or(""));
    println!("disabled: {}", EventDestination::disable(&client, id).await?.status);
    println!("enabled: {}", EventDestination::enable(&client, id).await?.status);
    let ping = EventDestination::ping(&client, id).await?;
    println!("pinged: event {} ({})", ping.id, ping.type_);

    let events = Event::list(&client, &ListEvents::new().object_id(id.as_str())).await?;
    for event in &events.data {
        println!("event {} {}", event.id, event.type_);
    }

    for id in &ids {
        let deleted = EventDestination::delete(&client, id).await?;
        println!("deleted {}", deleted.id);
    }
    Ok(())
}
