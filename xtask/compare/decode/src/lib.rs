//! What the decode benchmark feeds both crates: a charge, a customer, a
//! list of 100 payment intents and a `charge.succeeded` event, written in
//! our own words in the shape Stripe's API sends them, with every field
//! either crate requires (each ignores the fields it does not know). And
//! the two ways to decode them: the generated crate's (serde_json, as its
//! client and `Webhook` do) and async-stripe's (miniserde, as its client
//! and `Webhook` do).

use std::hint::black_box;

/// The webhook secret of the event benchmark.
pub const SECRET: &str = "whsec_decode_benchmark";

fn card_details(i: usize) -> String {
    format!(
        r#"{{"amount_authorized":2000,"authorization_code":"12345{d}","brand":"visa","capture_before":1712950000,
"checks":{{"address_line1_check":"pass","address_postal_code_check":"pass","cvc_check":"pass"}},"country":"US",
"exp_month":8,"exp_year":2030,"extended_authorization":{{"status":"disabled"}},"fingerprint":"Xt5EWLLDS7FJjR1c",
"funding":"credit","incremental_authorization":{{"status":"unavailable"}},"installments":null,"last4":"4242",
"mandate":null,"multicapture":{{"status":"unavailable"}},"network":"visa","network_token":{{"used":false}},
"network_transaction_id":"58{i:012}","overcapture":{{"maximum_amount_capturable":2000,"status":"unavailable"}},
"regulated_status":"unregulated","three_d_secure":null,"wallet":null}}"#,
        d = i % 10
    )
}

/// A card charge that succeeded, paid through payment intent `i`.
pub fn charge(i: usize) -> String {
    format!(
        r#"{{"id":"ch_3Bench{i:08}","object":"charge","amount":2000,"amount_captured":2000,"amount_refunded":0,
"application":null,"application_fee":null,"application_fee_amount":null,"balance_transaction":"txn_3Bench{i:08}",
"billing_details":{{"address":{{"city":"Paris","country":"FR","line1":"1 rue de la Paix","line2":null,
"postal_code":"75002","state":null}},"email":"jenny{i}@example.com","name":"Jenny Rosen","phone":null,"tax_id":null}},
"calculated_statement_descriptor":"EXAMPLE SHOP","captured":true,"created":1712345678,"currency":"usd",
"customer":"cus_Bench{i:08}","description":"Order #{i}","destination":null,"dispute":null,"disputed":false,
"failure_balance_transaction":null,"failure_code":null,"failure_message":null,"fraud_details":{{}},"invoice":null,
"livemode":false,"metadata":{{"order_id":"{i}","channel":"web"}},"on_behalf_of":null,
"outcome":{{"advice_code":null,"network_advice_code":null,"network_decline_code":null,
"network_status":"approved_by_network","reason":null,"risk_level":"normal","risk_score":32,
"seller_message":"Payment complete.","type":"authorized"}},"paid":true,"payment_intent":"pi_3Bench{i:08}",
"payment_method":"pm_1Bench{i:08}","payment_method_details":{{"card":{card},"type":"card"}},"radar_options":{{}},
"receipt_email":"jenny{i}@example.com","receipt_number":null,
"receipt_url":"https://pay.stripe.com/receipts/payment/CAcaFwoVYWNjdF8xQmVuY2g{i:08}","refunded":false,
"refunds":{{"object":"list","data":[],"has_more":false,"total_count":0,"url":"/v1/charges/ch_3Bench{i:08}/refunds"}},
"review":null,"shipping":null,"source":null,"source_transfer":null,"statement_descriptor":null,
"statement_descriptor_suffix":null,"status":"succeeded","transfer_data":null,"transfer_group":null}}"#,
        card = card_details(i)
    )
}

/// A customer with an address, invoice settings and a shipping address.
pub fn customer(i: usize) -> String {
    format!(
        r#"{{"id":"cus_Bench{i:08}","object":"customer","address":{{"city":"Berlin","country":"DE",
"line1":"Unter den Linden 1","line2":null,"postal_code":"10117","state":null}},"balance":0,"cash_balance":null,
"created":1712345678,"currency":"eur","default_source":null,"delinquent":false,"description":"Customer {i}",
"discount":null,"email":"customer{i}@example.com","invoice_credit_balance":{{}},"invoice_prefix":"B{i:07}",
"invoice_settings":{{"custom_fields":null,"default_payment_method":"pm_1Bench{i:08}","footer":null,
"rendering_options":null}},"livemode":false,"metadata":{{"tier":"gold","crm_id":"{i}"}},"name":"Max Mustermann",
"next_invoice_sequence":3,"phone":"+4930123456","preferred_locales":["de","en"],
"shipping":{{"address":{{"city":"Berlin","country":"DE","line1":"Unter den Linden 1","line2":null,
"postal_code":"10117","state":null}},"name":"Max Mustermann","phone":null}},"tax_exempt":"none","test_clock":null}}"#
    )
}

/// A payment intent that succeeded with a card.
pub fn payment_intent(i: usize) -> String {
    format!(
        r#"{{"id":"pi_3Bench{i:08}","object":"payment_intent","amount":2000,"amount_capturable":0,
"amount_details":{{"tip":{{}}}},"amount_received":2000,"application":null,"application_fee_amount":null,
"automatic_payment_methods":{{"allow_redirects":"always","enabled":true}},"canceled_at":null,
"cancellation_reason":null,"capture_method":"automatic_async","client_secret":"pi_3Bench{i:08}_secret_abcdefghijklmnop",
"confirmation_method":"automatic","created":1712345678,"currency":"usd","customer":"cus_Bench{i:08}",
"description":"Order #{i}","excluded_payment_method_types":null,"invoice":null,"last_payment_error":null,
"latest_charge":"ch_3Bench{i:08}","livemode":false,"metadata":{{"order_id":"{i}"}},"next_action":null,
"on_behalf_of":null,"payment_method":"pm_1Bench{i:08}","payment_method_configuration_details":{{"id":"pmc_1Bench",
"parent":null}},"payment_method_options":{{"card":{{"installments":null,"mandate_options":null,"network":null,
"request_three_d_secure":"automatic"}},"link":{{"persistent_token":null}}}},"payment_method_types":["card","link"],
"processing":null,"receipt_email":null,"review":null,"setup_future_usage":null,"shipping":null,"source":null,
"statement_descriptor":null,"statement_descriptor_suffix":null,"status":"succeeded","transfer_data":null,
"transfer_group":null}}"#
    )
}

/// A list page of `n` payment intents.
pub fn payment_intents(n: usize) -> String {
    let items: Vec<String> = (0..n).map(payment_intent).collect();
    format!(r#"{{"object":"list","data":[{}],"has_more":true,"url":"/v1/payment_intents"}}"#, items.join(","))
}

/// A `charge.succeeded` event holding [`charge`] 0.
pub fn event() -> String {
    format!(
        r#"{{"id":"evt_3Bench00000000","object":"event","api_version":"2024-04-10","created":1712345679,
"data":{{"object":{}}},"livemode":false,"pending_webhooks":1,
"request":{{"id":"req_Bench00000000","idempotency_key":"8a3c6f1e-5b0e-4d4e-9a53-1f0c2a7d9e11"}},
"type":"charge.succeeded"}}"#,
        charge(0)
    )
}

/// The `Stripe-Signature` header of `payload`, signed now.
pub fn signature(payload: &str) -> String {
    stripe_client::Webhook::signature_header(payload.as_bytes(), SECRET, stripe_client::Webhook::now_unix())
}

/// The generated crate's decoding, as its client decodes a response body:
/// the bytes checked as UTF-8 once, then read as text.
pub mod ours {
    use super::black_box;

    fn text(body: &[u8]) -> &str {
        std::str::from_utf8(black_box(body)).expect("UTF-8")
    }

    /// Decodes a charge; returns its amount.
    pub fn charge(body: &[u8]) -> i64 {
        let c: stripe_client::Charge = serde_json::from_str(text(body)).expect("our Charge decodes");
        c.amount
    }

    /// Decodes a customer; returns its balance.
    pub fn customer(body: &[u8]) -> i64 {
        let c: stripe_client::Customer = serde_json::from_str(text(body)).expect("our Customer decodes");
        c.balance.unwrap_or_default()
    }

    /// Decodes a page of payment intents; returns how many.
    pub fn payment_intents(body: &[u8]) -> usize {
        let l: stripe_client::List<stripe_client::PaymentIntent> =
            serde_json::from_str(text(body)).expect("our List<PaymentIntent> decodes");
        l.data.len()
    }

    /// Verifies and decodes an event as a webhook handler does; returns
    /// whether it holds a charge.
    pub fn event(webhook: &stripe_client::Webhook, body: &[u8], signature: &str) -> bool {
        let e = webhook.construct_event(black_box(body), signature).expect("our Event verifies and decodes");
        matches!(e.data.object, stripe_client::EventObject::Charge(_))
    }
}

/// async-stripe's decoding, as its client decodes a response body: the
/// bytes checked as UTF-8, then read by miniserde.
pub mod peer {
    use super::black_box;

    fn text(body: &[u8]) -> &str {
        std::str::from_utf8(black_box(body)).expect("UTF-8")
    }

    /// Decodes a charge; returns its amount.
    pub fn charge(body: &[u8]) -> i64 {
        let c: stripe_shared::Charge = miniserde::json::from_str(text(body)).expect("the peer's Charge decodes");
        c.amount
    }

    /// Decodes a customer; returns its balance.
    pub fn customer(body: &[u8]) -> i64 {
        let c: stripe_shared::Customer = miniserde::json::from_str(text(body)).expect("the peer's Customer decodes");
        c.balance.unwrap_or_default()
    }

    /// Decodes a page of payment intents; returns how many.
    pub fn payment_intents(body: &[u8]) -> usize {
        let l: stripe_types::List<stripe_shared::PaymentIntent> =
            miniserde::json::from_str(text(body)).expect("the peer's List<PaymentIntent> decodes");
        l.data.len()
    }

    /// Verifies and decodes an event as a webhook handler does; returns
    /// whether it holds a charge.
    pub fn event(body: &[u8], signature: &str) -> bool {
        let e = stripe_webhook::Webhook::construct_event(text(body), signature, super::SECRET)
            .expect("the peer's Event verifies and decodes");
        matches!(e.data.object, stripe_webhook::EventObject::ChargeSucceeded(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both crates accept every input and read the same values: the
    /// benchmark measures decoding, not error paths.
    #[test]
    fn both_crates_decode_every_input_alike() {
        let webhook = stripe_client::Webhook::new(SECRET);
        for i in [0, 7] {
            let c = charge(i);
            assert_eq!(ours::charge(c.as_bytes()), peer::charge(c.as_bytes()));
            let c = customer(i);
            assert_eq!(ours::customer(c.as_bytes()), peer::customer(c.as_bytes()));
        }
        let list = payment_intents(100);
        assert_eq!((ours::payment_intents(list.as_bytes()), peer::payment_intents(list.as_bytes())), (100, 100));
        let e = event();
        let sig = signature(&e);
        assert!(ours::event(&webhook, e.as_bytes(), &sig));
        assert!(peer::event(e.as_bytes(), &sig));
    }
}
