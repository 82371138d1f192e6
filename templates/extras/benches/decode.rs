//! Decoding throughput: a ~1 MB JSON list of charges, and of customers with
//! expanded sources, into the generated types, next to `serde_json::Value`
//! on the same bytes. Run with `cargo xtask bench decode` (which prints the
//! ratio) or `cargo bench -p stripe-client --bench decode`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use stripe_client::{Charge, Customer, List};

/// One charge as the 2018-01-23 API sends it (a card charge, partly refunded).
fn charge(i: usize) -> String {
    format!(
        r#"{{"id":"ch_1Bench{i:08}","object":"charge","amount":2000,"amount_refunded":500,"application":null,
"application_fee":null,"balance_transaction":"txn_1Bench{i:08}","captured":true,"created":1516710000,
"currency":"usd","customer":"cus_Bench{i:08}","description":"Order #{i}","destination":null,"dispute":null,
"failure_code":null,"failure_message":null,"fraud_details":{{}},"invoice":null,"livemode":false,
"metadata":{{"order_id":"{i}","channel":"web"}},"on_behalf_of":null,"order":null,
"outcome":{{"network_status":"approved_by_network","reason":null,"risk_level":"normal","seller_message":"Payment complete.","type":"authorized"}},
"paid":true,"receipt_email":"jenny{i}@example.com","receipt_number":null,"refunded":false,
"refunds":{{"object":"list","data":[{{"id":"re_Bench{i:08}","object":"refund","amount":500,"balance_transaction":"txn_2Bench{i:08}",
"charge":"ch_1Bench{i:08}","created":1516710100,"currency":"usd","metadata":{{}},"reason":"requested_by_customer","receipt_number":null,"status":"succeeded"}}],
"has_more":false,"total_count":1,"url":"/v1/charges/ch_1Bench{i:08}/refunds"}},"review":null,"shipping":null,
"source":{{"id":"card_Bench{i:08}","object":"card","address_city":"Paris","address_country":"FR","address_line1":"1 rue de la Paix",
"address_line1_check":"pass","address_line2":null,"address_state":null,"address_zip":"75002","address_zip_check":"pass",
"brand":"Visa","country":"US","customer":"cus_Bench{i:08}","cvc_check":"pass","dynamic_last4":null,"exp_month":8,"exp_year":2021,
"fingerprint":"Xt5EWLLDS7FJjR1c","funding":"credit","last4":"4242","metadata":{{}},"name":"Jenny Rosen","tokenization_method":null}},
"source_transfer":null,"statement_descriptor":null,"status":"succeeded","transfer_group":null}}"#
    )
}

/// One customer with its cards expanded in `sources`.
fn customer(i: usize) -> String {
    let card = |n: usize| {
        format!(
            r#"{{"id":"card_C{i:08}{n}","object":"card","address_city":null,"address_country":null,"address_line1":null,
"address_line1_check":null,"address_line2":null,"address_state":null,"address_zip":"94107","address_zip_check":"pass",
"brand":"MasterCard","country":"US","customer":"cus_C{i:08}","cvc_check":"pass","dynamic_last4":null,"exp_month":12,
"exp_year":2024,"fingerprint":"F{i:08}{n}","funding":"debit","last4":"444{n}","metadata":{{}},"name":null,"tokenization_method":null}}"#
        )
    };
    format!(
        r#"{{"id":"cus_C{i:08}","object":"customer","account_balance":0,"business_vat_id":null,"created":1516700000,
"currency":"usd","default_source":{card0},"delinquent":false,"description":"Customer {i}","discount":null,
"email":"c{i}@example.com","livemode":false,"metadata":{{"tier":"gold"}},"shipping":null,
"sources":{{"object":"list","data":[{card0},{card1}],"has_more":false,"total_count":2,"url":"/v1/customers/cus_C{i:08}/sources"}},
"subscriptions":{{"object":"list","data":[],"has_more":false,"total_count":0,"url":"/v1/customers/cus_C{i:08}/subscriptions"}}}}"#,
        card0 = card(0),
        card1 = card(1),
    )
}

/// A list envelope of `make(i)` objects, grown to about `target` bytes.
fn list(target: usize, make: fn(usize) -> String) -> (Vec<u8>, usize) {
    let mut items = Vec::new();
    let mut size = 0;
    while size < target {
        let item = make(items.len());
        size += item.len() + 1;
        items.push(item);
    }
    let body = format!(r#"{{"object":"list","data":[{}],"has_more":true,"url":"/v1/x"}}"#, items.join(","));
    (body.into_bytes(), items.len())
}

fn bench(c: &mut Criterion) {
    let (charges, n_charges) = list(1 << 20, charge);
    let (customers, n_customers) = list(1 << 20, customer);
    // The data must decode, or the benchmark measures error paths.
    let typed: List<Charge> = serde_json::from_slice(&charges).expect("charges decode");
    assert_eq!(typed.data.len(), n_charges);
    let typed: List<Customer> = serde_json::from_slice(&customers).expect("customers decode");
    assert_eq!(typed.data.len(), n_customers);
    println!(
        "DECODE-SIZES charges_bytes={} charges_objects={n_charges} customers_bytes={} customers_objects={n_customers}",
        charges.len(),
        customers.len()
    );

    let mut g = c.benchmark_group("decode_charges");
    g.throughput(Throughput::Bytes(charges.len() as u64));
    g.bench_function("typed", |b| b.iter(|| serde_json::from_slice::<List<Charge>>(black_box(&charges))));
    g.bench_function("value", |b| b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(&charges))));
    g.finish();

    let mut g = c.benchmark_group("decode_customers");
    g.throughput(Throughput::Bytes(customers.len() as u64));
    g.bench_function("typed", |b| b.iter(|| serde_json::from_slice::<List<Customer>>(black_box(&customers))));
    g.bench_function("value", |b| b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(&customers))));
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(4));
    targets = bench
}
criterion_main!(benches);
