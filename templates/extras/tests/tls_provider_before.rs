//! An application that installs its own process-wide rustls crypto
//! provider before building a client keeps it, and the client's TLS runs
//! on it. (Its own test binary: the default is per process.)

mod common;

use common::tls::{RANDOM_CALLS, counting_provider, refused_handshake, untrusted_server};
use rustls::crypto::CryptoProvider;
use std::sync::Arc;
use std::sync::atomic::Ordering;

#[tokio::test]
async fn a_provider_installed_before_is_kept_and_used() {
    counting_provider().install_default().expect("nothing is installed before the application does");
    let installed = Arc::clone(CryptoProvider::get_default().expect("the application's provider"));
    let server = untrusted_server();
    let client = stripe_client::Client::builder(common::KEY)
        .base_url(&server.url)
        .max_retries(0)
        .build()
        .expect("a client builds with the application's provider");
    let after = CryptoProvider::get_default().expect("still installed");
    assert!(Arc::ptr_eq(&installed, after), "building a client replaced the application's provider");
    assert_eq!(after.cipher_suites.len(), 1);
    assert_eq!(RANDOM_CALLS.load(Ordering::SeqCst), 0, "nothing used the provider yet");
    refused_handshake(&client, &server).await;
    assert!(RANDOM_CALLS.load(Ordering::SeqCst) > 0, "the client's handshake did not use the application's provider");
}
