//! The `blocking` feature: requests and pagination without an async
//! runtime, through the same send loop as `.await` (retries included), and
//! a clear refusal inside a runtime. Runs with `--features blocking`
//! (`cargo xtask test` runs every test with all features).

use crate::common;

use common::{list, respond, respond_times};
use stripe_client::{Balance, Charge, CreateCharge, Customer, ErrorKind, ListCustomers};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The mock server, on a runtime of its own that keeps serving while the
/// test thread blocks.
fn server() -> (tokio::runtime::Runtime, MockServer) {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().expect("a runtime");
    let server = rt.block_on(async {
        let server = MockServer::start().await;
        respond(&server, "GET", "/v1/balance", 200, common::balance()).await;
        let busy = ResponseTemplate::new(503).set_body_json(common::error_body("api_error", None, "busy"));
        respond_times(&server, "POST", "/v1/charges", 1, busy).await;
        respond(&server, "POST", "/v1/charges", 200, common::charge("ch_1")).await;
        let second = list("/v1/customers", vec![common::customer("cus_3")], false);
        Mock::given(method("GET"))
            .and(path("/v1/customers"))
            .and(query_param("starting_after", "cus_2"))
            .respond_with(common::ok(&second))
            .mount(&server)
            .await;
        let first = list("/v1/customers", vec![common::customer("cus_1"), common::customer("cus_2")], true);
        respond(&server, "GET", "/v1/customers", 200, first).await;
        server
    });
    (rt, server)
}

#[test]
fn requests_and_pages_are_read_without_an_async_runtime() {
    let (rt, server) = server();
    let client = common::client(&server);
    let balance = Balance::retrieve(&client).send_blocking().unwrap();
    assert!(!balance.available.is_empty());
    let created = Charge::create(&client, &CreateCharge::new(2000, "usd")).send_blocking_with_response().unwrap();
    assert_eq!((created.data.id.as_str(), created.attempts), ("ch_1", 2), "retried by the shared send loop");
    let ids: Vec<String> = Customer::list(&client, &ListCustomers::new())
        .paginate()
        .blocking_iter()
        .map(|c| c.map(|c| c.id.into_string()))
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(ids, ["cus_1", "cus_2", "cus_3"]);
    drop(rt);
}

#[test]
fn a_blocking_send_inside_a_runtime_is_refused() {
    let (rt, server) = server();
    let client = common::client(&server);
    let err = rt.block_on(async { Balance::retrieve(&client).send_blocking() }).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config);
    assert!(err.to_string().contains(".await"), "{err}");
}
