//! Lists and auto-pagination: the `limit` range, cursors forward and
//! backward, laziness and the end of the list.

use crate::common;

use common::{client, query, received};
use futures_util::StreamExt;
use stripe_client::{Customer, ErrorKind, List, ListCustomers};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn page(ids: &[&str], has_more: bool) -> ResponseTemplate {
    let data = ids.iter().map(|id| common::customer(id)).collect();
    ResponseTemplate::new(200).set_body_json(common::list("/v1/customers", data, has_more))
}

/// Three pages forward: cus_1..cus_2, cus_3..cus_4, cus_5.
async fn three_pages() -> MockServer {
    let server = MockServer::start().await;
    let list = || Mock::given(method("GET")).and(path("/v1/customers"));
    list()
        .and(query_param_is_missing("starting_after"))
        .respond_with(page(&["cus_1", "cus_2"], true))
        .mount(&server)
        .await;
    list()
        .and(query_param("starting_after", "cus_2"))
        .respond_with(page(&["cus_3", "cus_4"], true))
        .mount(&server)
        .await;
    list().and(query_param("starting_after", "cus_4")).respond_with(page(&["cus_5"], false)).mount(&server).await;
    server
}

fn limit(n: i64) -> ListCustomers {
    let mut params = ListCustomers::new();
    params.limit = Some(n);
    params
}

#[tokio::test]
async fn one_page_is_a_list() {
    let server = three_pages().await;
    let page: List<Customer> = Customer::list(&client(&server), &limit(2)).await.unwrap();
    assert_eq!(page.object, "list");
    assert!(page.has_more);
    let ids: Vec<String> = page.into_iter().map(|c| c.id.into_string()).collect();
    assert_eq!(ids, ["cus_1", "cus_2"]);
}

#[tokio::test]
async fn limit_outside_1_to_100_is_refused_before_sending() {
    let server = three_pages().await;
    let client = client(&server);
    for bad in [0, -1, 101, 1000] {
        let err = Customer::list(&client, &limit(bad)).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Validation, "{bad}");
        assert!(err.to_string().contains("`limit`"), "{err}");
        let mut stream = Customer::list(&client, &limit(bad)).paginate();
        let first = stream.next().await.unwrap().unwrap_err();
        assert_eq!(first.kind(), ErrorKind::Validation);
        assert!(stream.next().await.is_none(), "an error ends the stream");
    }
    assert!(received(&server).await.is_empty());
    for good in [1, 100] {
        Customer::list(&client, &limit(good)).await.unwrap();
    }
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn forward_across_three_pages_lazily() {
    let server = three_pages().await;
    let mut stream = Customer::list(&client(&server), &limit(2)).paginate();
    assert!(received(&server).await.is_empty(), "nothing is fetched before the stream is polled");
    let mut ids = Vec::new();
    let mut requests_seen = Vec::new();
    while let Some(customer) = stream.next().await {
        ids.push(customer.unwrap().id);
        requests_seen.push(received(&server).await.len());
    }
    assert_eq!(ids, ["cus_1", "cus_2", "cus_3", "cus_4", "cus_5"]);
    // Page two is fetched only when item three is asked for, page three
    // only for item five.
    assert_eq!(requests_seen, [1, 1, 2, 2, 3]);
    let reqs = received(&server).await;
    let queries: Vec<&str> = reqs.iter().map(query).collect();
    assert_eq!(queries, ["limit=2", "limit=2&starting_after=cus_2", "limit=2&starting_after=cus_4"]);
    assert!(stream.next().await.is_none());
    assert_eq!(received(&server).await.len(), 3, "no request after the last page");
}

#[tokio::test]
async fn backward_with_ending_before() {
    let server = MockServer::start().await;
    let list = || Mock::given(method("GET")).and(path("/v1/customers"));
    list()
        .and(query_param("ending_before", "cus_10"))
        .respond_with(page(&["cus_8", "cus_9"], true))
        .mount(&server)
        .await;
    list()
        .and(query_param("ending_before", "cus_8"))
        .respond_with(page(&["cus_6", "cus_7"], true))
        .mount(&server)
        .await;
    list().and(query_param("ending_before", "cus_6")).respond_with(page(&["cus_5"], false)).mount(&server).await;
    let mut params = limit(2);
    params.ending_before = Some("cus_10".into());
    let stream = Customer::list(&client(&server), &params).paginate();
    let ids: Vec<String> = stream.map(|c| c.unwrap().id.into_string()).collect().await;
    assert_eq!(ids, ["cus_9", "cus_8", "cus_7", "cus_6", "cus_5"]);
    let reqs = received(&server).await;
    let queries: Vec<&str> = reqs.iter().map(query).collect();
    assert_eq!(queries, ["ending_before=cus_10&limit=2", "limit=2&ending_before=cus_8", "limit=2&ending_before=cus_6"]);
    for req in &reqs {
        assert!(!query(req).contains("starting_after"), "{}", query(req));
    }
}

#[tokio::test]
async fn starting_after_continues_forward_from_the_given_cursor() {
    let server = three_pages().await;
    let mut params = limit(2);
    params.starting_after = Some("cus_2".into());
    let ids: Vec<String> =
        Customer::list(&client(&server), &params).paginate().map(|c| c.unwrap().id.into_string()).collect().await;
    assert_eq!(ids, ["cus_3", "cus_4", "cus_5"]);
    let reqs = received(&server).await;
    let queries: Vec<&str> = reqs.iter().map(query).collect();
    assert_eq!(queries, ["limit=2&starting_after=cus_2", "limit=2&starting_after=cus_4"]);
}

#[tokio::test]
async fn stops_when_has_more_is_false() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(page(&["cus_1", "cus_2"], false)).mount(&server).await;
    let ids: Vec<String> =
        Customer::list(&client(&server), &limit(2)).paginate().map(|c| c.unwrap().id.into_string()).collect().await;
    assert_eq!(ids, ["cus_1", "cus_2"]);
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn an_empty_page_ends_the_stream() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(page(&[], true)).mount(&server).await;
    let items: Vec<_> = Customer::list(&client(&server), &limit(2)).paginate().collect().await;
    assert!(items.is_empty());
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn an_error_mid_way_is_yielded_then_the_stream_ends() {
    let server = MockServer::start().await;
    let list = || Mock::given(method("GET")).and(path("/v1/customers"));
    list().and(query_param_is_missing("starting_after")).respond_with(page(&["cus_1"], true)).mount(&server).await;
    let gone = common::error_body("invalid_request_error", Some("resource_missing"), "No such customer: cus_1");
    list().respond_with(ResponseTemplate::new(404).set_body_json(gone)).mount(&server).await;
    let items: Vec<_> = Customer::list(&client(&server), &limit(1)).paginate().collect().await;
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].as_ref().unwrap().id, "cus_1");
    assert_eq!(items[1].as_ref().unwrap_err().kind(), ErrorKind::NotFound);
}

/// A search result page: `{object: "search_result", data, has_more, next_page}`.
fn search_page(ids: &[&str], next_page: Option<&str>) -> ResponseTemplate {
    let data: Vec<serde_json::Value> = ids.iter().map(|id| common::customer(id)).collect();
    ResponseTemplate::new(200).set_body_json(serde_json::json!({
        "object": "search_result",
        "data": data,
        "has_more": next_page.is_some(),
        "next_page": next_page,
        "url": "/v1/customers/search",
    }))
}

#[tokio::test]
async fn search_results_page_by_next_page() {
    let server = MockServer::start().await;
    let search = || Mock::given(method("GET")).and(path("/v1/customers/search"));
    search()
        .and(query_param_is_missing("page"))
        .respond_with(search_page(&["cus_1", "cus_2"], Some("pg_2")))
        .mount(&server)
        .await;
    search().and(query_param("page", "pg_2")).respond_with(search_page(&["cus_3"], None)).mount(&server).await;
    let query_pairs = std::collections::BTreeMap::from([("query", "email:'a@b.c'")]);
    let ids: Vec<String> = client(&server)
        .get::<stripe_client::SearchList<Customer>>("/v1/customers/search")
        .params(&query_pairs)
        .paginate()
        .map(|c| c.unwrap().id.into_string())
        .collect()
        .await;
    assert_eq!(ids, ["cus_1", "cus_2", "cus_3"]);
    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    assert_eq!(query(&requests[1]), "query=email%3A%27a%40b.c%27&page=pg_2");
}
