//! What goes on the wire: form bodies and query strings byte for byte,
//! `Content-Type`, metadata limits checked before sending, and ids
//! percent-encoded as one path segment.

use crate::common;

use common::{body, client, header, query, received, respond, single};
use stripe_client::{
    CaptureCharge, Charge, CreateCharge, CreateChargeShipping, CreateChargeShippingAddress, CreateChargeSource,
    Customer, ErrorKind, ListCustomers, Metadata, RetrieveCharge, RetrieveCustomer, Unsettable, UpdateCharge,
    UpdateCustomer,
};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server that answers every request with a charge.
async fn charge_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(common::charge("ch_1")))
        .mount(&server)
        .await;
    server
}

/// A server that answers every request with a customer.
async fn customer_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(common::customer("cus_1")))
        .mount(&server)
        .await;
    server
}

fn order_metadata() -> Metadata {
    Metadata::from([("order_id", "6735")])
}

#[tokio::test]
async fn create_charge_with_metadata() {
    let server = charge_server().await;
    let mut params = CreateCharge::new(2000, "usd");
    params.metadata = Some(order_metadata());
    Charge::create(&client(&server), &params).await.unwrap();
    let req = single(&server).await;
    assert_eq!(req.method.as_str(), "POST");
    assert_eq!(req.url.path(), "/v1/charges");
    assert_eq!(req.url.query(), None);
    assert_eq!(header(&req, "content-type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(body(&req), "amount=2000&currency=usd&metadata[order_id]=6735");
}

#[tokio::test]
async fn setters_build_the_same_parameters_as_fields() {
    let server = charge_server().await;
    let params = CreateCharge::new(2000, "usd")
        .capture(false)
        .customer("cus_1")
        .expand(vec!["customer".to_owned()])
        .metadata([("order_id", "6735")]);
    let mut by_fields = CreateCharge::new(2000, "usd");
    by_fields.capture = Some(false);
    by_fields.customer = Some("cus_1".into());
    by_fields.expand = Some(vec!["customer".into()]);
    by_fields.metadata = Some(order_metadata());
    assert_eq!(params, by_fields);
    Charge::create(&client(&server), &params).await.unwrap();
    assert_eq!(
        body(&single(&server).await),
        "amount=2000&capture=false&currency=usd&customer=cus_1&expand[0]=customer&metadata[order_id]=6735"
    );
}

#[tokio::test]
async fn fields_in_struct_order_nested_objects_arrays_and_escapes() {
    let server = charge_server().await;
    let mut address = CreateChargeShippingAddress::new("1234 Main St");
    address.city = Some("San Francisco".into());
    let mut params = CreateCharge::new(2000, "usd");
    params.capture = Some(false);
    params.description = Some("Order 6735 & co = 100%".into());
    params.expand = Some(vec!["customer".into(), "balance_transaction".into()]);
    params.metadata = Some(Metadata::from([("order_id", "6735"), ("note", "Zoë/ü")]));
    params.shipping = Some(CreateChargeShipping::new(address, "Jenny Rosen"));
    params.source = Some(CreateChargeSource::String("tok_visa".into()));
    params.statement_descriptor = None;
    Charge::create(&client(&server), &params).await.unwrap();
    let req = single(&server).await;
    assert_eq!(
        body(&req),
        "amount=2000&capture=false&currency=usd&description=Order+6735+%26+co+%3D+100%25\
         &expand[0]=customer&expand[1]=balance_transaction\
         &metadata[note]=Zo%C3%AB%2F%C3%BC&metadata[order_id]=6735\
         &shipping[address][city]=San+Francisco&shipping[address][line1]=1234+Main+St&shipping[name]=Jenny+Rosen\
         &source=tok_visa"
    );
}

#[tokio::test]
async fn booleans_are_true_and_false() {
    let server = charge_server().await;
    let client = client(&server);
    for capture in [true, false] {
        let mut params = CreateCharge::new(100, "eur");
        params.capture = Some(capture);
        Charge::create(&client, &params).await.unwrap();
    }
    let reqs = received(&server).await;
    assert_eq!(body(&reqs[0]), "amount=100&capture=true&currency=eur");
    assert_eq!(body(&reqs[1]), "amount=100&capture=false&currency=eur");
}

#[tokio::test]
async fn unset_sends_an_empty_value_and_none_sends_nothing() {
    let server = charge_server().await;
    let client = client(&server);
    let mut params = UpdateCharge::new();
    params.description = Some(Unsettable::Unset);
    params.receipt_email = Some("jenny@example.com".into());
    Charge::update(&client, "ch_1", &params).await.unwrap();
    Charge::update(&client, "ch_1", &UpdateCharge::new()).await.unwrap();
    let reqs = received(&server).await;
    assert_eq!(reqs[0].url.path(), "/v1/charges/ch_1");
    assert_eq!(body(&reqs[0]), "description=&receipt_email=jenny%40example.com");
    assert_eq!(body(&reqs[1]), "");
}

#[tokio::test]
async fn one_metadata_key_or_all_metadata_can_be_unset() {
    let server = customer_server().await;
    let client = client(&server);
    let mut metadata = Metadata::new();
    metadata.unset("old_key").insert("order_id", "6735");
    let mut params = UpdateCustomer::new();
    params.metadata = Some(Unsettable::Set(metadata));
    Customer::update(&client, "cus_1", &params).await.unwrap();
    let mut params = UpdateCustomer::new();
    params.metadata = Some(Unsettable::Unset);
    params.email = Some(Unsettable::Unset);
    Customer::update(&client, "cus_1", &params).await.unwrap();
    let reqs = received(&server).await;
    assert_eq!(body(&reqs[0]), "metadata[old_key]=&metadata[order_id]=6735");
    assert_eq!(body(&reqs[1]), "email=&metadata=");
}

#[tokio::test]
async fn get_parameters_go_in_the_query_string() {
    let server = MockServer::start().await;
    respond(&server, "GET", "/v1/customers", 200, common::list("/v1/customers", vec![], false)).await;
    let client = client(&server);
    let mut params = ListCustomers::new();
    params.limit = Some(3);
    params.expand = Some(vec!["data.default_source".into()]);
    params.email = Some("jenny+test@example.com".into());
    Customer::list(&client, &params).await.unwrap();
    Customer::list(&client, &ListCustomers::new()).await.unwrap();
    let reqs = received(&server).await;
    assert_eq!(query(&reqs[0]), "email=jenny%2Btest%40example.com&expand[0]=data.default_source&limit=3");
    assert!(reqs[0].body.is_empty());
    assert_eq!(header(&reqs[0], "content-type"), None);
    assert_eq!(reqs[1].url.query(), None, "no `?` without parameters");
}

#[tokio::test]
async fn every_post_is_form_encoded_even_with_an_empty_body() {
    let server = charge_server().await;
    Charge::capture(&client(&server), "ch_1", &CaptureCharge::new()).await.unwrap();
    let req = single(&server).await;
    assert_eq!(req.url.path(), "/v1/charges/ch_1/capture");
    assert_eq!(header(&req, "content-type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(header(&req, "content-length"), Some("0"));
    assert!(req.body.is_empty());
}

fn metadata_of(keys: usize, key_chars: usize, value_chars: usize) -> Metadata {
    (0..keys).map(|i| (format!("{i:0>width$}", width = key_chars), "v".repeat(value_chars))).collect()
}

#[tokio::test]
async fn metadata_over_the_limits_is_refused_before_sending() {
    let server = charge_server().await;
    let client = client(&server);
    let cases = [
        ("21 keys", metadata_of(21, 2, 1), "21 keys"),
        ("a 41-character key", metadata_of(1, 41, 1), "41 characters"),
        ("a 501-character value", metadata_of(1, 2, 501), "501 characters"),
    ];
    for (what, metadata, message) in cases {
        let mut params = CreateCharge::new(2000, "usd");
        params.metadata = Some(metadata.clone());
        let err = Charge::create(&client, &params).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Validation, "{what}: {err}");
        assert_eq!(err.attempts(), 0);
        assert!(err.to_string().contains("`metadata`") && err.to_string().contains(message), "{what}: {err}");
        // The same rule on update, where metadata is unsettable.
        let mut update = UpdateCharge::new();
        update.metadata = Some(Unsettable::Set(metadata));
        let err = Charge::update(&client, "ch_1", &update).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Validation, "{what}: {err}");
    }
    assert!(received(&server).await.is_empty(), "nothing may be sent");
}

#[tokio::test]
async fn metadata_at_the_limits_is_accepted() {
    let server = charge_server().await;
    let client = client(&server);
    let cases = [metadata_of(20, 2, 1), metadata_of(1, 40, 1), metadata_of(1, 2, 500)];
    for metadata in cases {
        let mut params = CreateCharge::new(2000, "usd");
        params.metadata = Some(metadata);
        Charge::create(&client, &params).await.unwrap();
    }
    // Characters, not bytes: 40 two-byte characters are one key.
    let mut params = CreateCharge::new(2000, "usd");
    params.metadata = Some(Metadata::from([("é".repeat(40), "ü".repeat(500))]));
    Charge::create(&client, &params).await.unwrap();
    let reqs = received(&server).await;
    assert_eq!(reqs.len(), 4);
    assert_eq!(body(&reqs[0]).matches("&metadata[").count(), 20);
    assert!(body(&reqs[0]).ends_with("&metadata[19]=v"), "{}", body(&reqs[0]));
    assert_eq!(body(&reqs[1]), format!("amount=2000&currency=usd&metadata[{}]=v", "0".repeat(40)));
    assert_eq!(body(&reqs[2]), format!("amount=2000&currency=usd&metadata[00]={}", "v".repeat(500)));
    assert_eq!(
        body(&reqs[3]),
        format!("amount=2000&currency=usd&metadata[{}]={}", "%C3%A9".repeat(40), "%C3%BC".repeat(500))
    );
}

#[tokio::test]
async fn ids_are_percent_encoded_as_one_segment() {
    let server = charge_server().await;
    let client = client(&server);
    Charge::retrieve(&client, "../balance", &RetrieveCharge::new()).await.unwrap();
    Charge::retrieve(&client, "ch_1?expand[]=customer#x y", &RetrieveCharge::new()).await.unwrap();
    Charge::capture(&client, "a/b", &CaptureCharge::new()).await.unwrap();
    let reqs = received(&server).await;
    assert_eq!(reqs[0].url.path(), "/v1/charges/..%2Fbalance");
    assert_eq!(reqs[0].url.query(), None);
    assert_eq!(reqs[1].url.path(), "/v1/charges/ch_1%3Fexpand%5B%5D%3Dcustomer%23x%20y");
    assert_eq!(reqs[1].url.query(), None);
    assert_eq!(reqs[2].url.path(), "/v1/charges/a%2Fb/capture");

    let server = customer_server().await;
    Customer::retrieve(&common::client(&server), "a/b", &RetrieveCustomer::new()).await.unwrap();
    assert_eq!(single(&server).await.url.path(), "/v1/customers/a%2Fb");
}

#[tokio::test]
async fn empty_and_dot_ids_are_refused_before_sending() {
    let server = charge_server().await;
    let client = client(&server);
    for id in ["", ".", ".."] {
        let err = Charge::retrieve(&client, id, &RetrieveCharge::new()).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Validation, "{id:?}");
        assert!(err.to_string().contains("`charge`"), "{err}");
        let err = Customer::delete(&client, id).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Validation, "{id:?}");
    }
    assert!(received(&server).await.is_empty());
}
