//! Decoding responses: expandable fields as ids or objects, polymorphic
//! fields chosen by `object`, enums and objects from a newer API, and
//! errors that name the type and the field when a body does not fit.

use crate::common;

use common::{client, query, received, single};
use serde_json::json;
use stripe_client::{
    Balance, Charge, ChargeSource, Customer, ErrorKind, Expandable, List, ListCharges, RetrieveCharge, SourceType,
};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server that answers everything with `body`, keys in Stripe's order.
async fn answering(body: serde_json::Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(common::ok(&body)).mount(&server).await;
    server
}

async fn retrieve_charge(server: &MockServer) -> Result<Charge, stripe_client::Error> {
    Charge::retrieve(&client(server), "ch_1", &RetrieveCharge::new()).await
}

#[tokio::test]
async fn an_unexpanded_field_is_an_id() {
    let server = answering(common::charge("ch_1")).await;
    let charge = retrieve_charge(&server).await.unwrap();
    let customer = charge.customer.unwrap();
    assert_eq!(customer, Expandable::Id("cus_1".into()));
    assert_eq!(customer.id(), "cus_1");
    assert!(!customer.is_object());
    assert_eq!(customer.as_object(), None);
}

#[tokio::test]
async fn an_expanded_field_is_the_object() {
    let mut body = common::charge("ch_1");
    body["customer"] = common::customer("cus_1");
    let server = answering(body).await;
    let mut params = RetrieveCharge::new();
    params.expand = Some(vec!["customer".into()]);
    let charge = Charge::retrieve(&client(&server), "ch_1", &params).await.unwrap();
    assert_eq!(query(&single(&server).await), "expand[0]=customer");
    let customer = charge.customer.unwrap();
    assert!(customer.is_object());
    assert_eq!(customer.id(), "cus_1");
    let customer: Customer = customer.into_object().unwrap();
    assert_eq!(customer.email.as_deref(), Some("cus_1@example.com"));
}

#[tokio::test]
async fn nested_expansion_on_a_list() {
    let mut with_object = common::charge("ch_1");
    with_object["customer"] = common::customer("cus_1");
    let with_id = common::charge("ch_2");
    let server = answering(common::list("/v1/charges", vec![with_object, with_id], false)).await;
    let mut params = ListCharges::new();
    params.expand = Some(vec!["data.customer".into()]);
    params.limit = Some(2);
    let page: List<Charge> = Charge::list(&client(&server), &params).await.unwrap();
    assert_eq!(query(&single(&server).await), "expand[0]=data.customer&limit=2");
    assert_eq!(page.object, "list");
    assert_eq!(page.url, "/v1/charges");
    assert!(!page.has_more);
    let customers: Vec<_> = page.data.iter().map(|c| c.customer.as_ref().unwrap()).collect();
    assert!(customers[0].is_object());
    assert_eq!(customers[0].as_object().unwrap().id, "cus_1");
    assert_eq!(customers[1], &Expandable::Id("cus_1".into()));
}

#[tokio::test]
async fn a_polymorphic_field_decodes_by_its_object() {
    let server = answering(common::charge("ch_1")).await;
    let charge = retrieve_charge(&server).await.unwrap();
    match charge.source {
        Some(ChargeSource::Card(card)) => {
            assert_eq!(card.id, "card_1");
            assert_eq!(card.last4, "4242");
            assert_eq!(card.exp_year, 2030);
        }
        other => panic!("expected a card, got {other:?}"),
    }
}

#[tokio::test]
async fn an_unknown_object_is_kept_as_json() {
    let unknown = json!({"id": "pm_1", "object": "payment_method", "type": "card", "card": {"last4": "4242"}});
    let mut body = common::charge("ch_1");
    body["source"] = unknown.clone();
    let server = answering(body).await;
    let charge = retrieve_charge(&server).await.unwrap();
    assert_eq!(charge.source, Some(ChargeSource::Unrecognized(unknown)));
    assert_eq!(stripe_client::HasId::id(charge.source.as_ref().unwrap()), Some("pm_1"));
}

#[tokio::test]
async fn an_unknown_enum_value_is_kept() {
    let source = json!({
        "id": "src_1",
        "object": "source",
        "client_secret": "src_client_secret_1",
        "created": 1_517_000_000,
        "flow": "none",
        "livemode": false,
        "status": "chargeable",
        "type": "klarna",
        "klarna": {"first_name": "Jenny"},
    });
    let mut body = common::charge("ch_1");
    body["source"] = source;
    let server = answering(body).await;
    let charge = retrieve_charge(&server).await.unwrap();
    let Some(ChargeSource::Source(source)) = charge.source else { panic!("expected a source") };
    assert_eq!(source.type_, SourceType::Unrecognized("klarna".into()));
    assert_eq!(source.type_.as_str(), "klarna");
    let known = SourceType::from("card");
    assert_eq!(known, SourceType::Card);
}

#[tokio::test]
async fn unknown_fields_are_ignored() {
    let mut body = common::charge("ch_1");
    body["payment_method_details"] = json!({"type": "card"});
    body["brand_new_field"] = json!([1, 2, 3]);
    let server = answering(body).await;
    assert_eq!(retrieve_charge(&server).await.unwrap().id, "ch_1");
}

#[tokio::test]
async fn a_mismatched_body_names_the_type_and_field() {
    let mut body = common::charge("ch_1");
    body["amount"] = json!("lots");
    let server = answering(body).await;
    let err = retrieve_charge(&server).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert_eq!(err.status(), Some(200));
    let text = err.to_string();
    assert!(text.contains("could not decode Charge ") && text.contains("`amount`"), "{text}");
    assert!(text.contains("lots"), "the body start is shown: {text}");
}

#[tokio::test]
async fn a_mismatch_deep_in_a_list_names_the_whole_path() {
    let mut bad = common::charge("ch_2");
    bad["source"]["exp_month"] = json!("August");
    let server = answering(common::list("/v1/charges", vec![common::charge("ch_1"), bad], false)).await;
    let err = Charge::list(&client(&server), &ListCharges::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    let text = err.to_string();
    assert!(text.contains("could not decode List<Charge> "), "{text}");
    assert!(text.contains("`data[1].source.exp_month`"), "{text}");
}

#[tokio::test]
async fn a_mismatch_before_the_object_tag_still_names_the_field() {
    // Keys sorted, so `exp_month` comes before `object` and is read ahead
    // to choose the member of `ChargeSource`.
    let mut bad = common::charge("ch_2");
    bad["source"]["exp_month"] = json!("August");
    let body = common::list("/v1/charges", vec![bad], false);
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(200).set_body_json(body)).mount(&server).await;
    let err = Charge::list(&client(&server), &ListCharges::new()).await.unwrap_err();
    let text = err.to_string();
    assert!(text.contains("`data[0].source`") && text.contains("field `exp_month`"), "{text}");
}

#[tokio::test]
async fn a_missing_field_is_a_decode_error() {
    let server = answering(json!({"object": "balance", "livemode": false, "pending": []})).await;
    let err = Balance::retrieve(&client(&server)).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert!(err.to_string().contains("Balance") && err.to_string().contains("available"), "{err}");
    assert_eq!(received(&server).await.len(), 1, "a decode error is not retried");
}
