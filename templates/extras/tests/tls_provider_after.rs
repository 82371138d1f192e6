//! Building a client installs no process-wide rustls crypto provider, so an
//! application can install its own afterwards, and clients built after
//! that use it. (Its own test binary: the default is per process.)

mod common;

use common::tls::{RANDOM_CALLS, counting_provider, refused_handshake, untrusted_server};
use rustls::crypto::CryptoProvider;
use std::sync::atomic::Ordering;

#[tokio::test]
async fn a_provider_can_be_installed_after() {
    let server = untrusted_server();
    let client = |what: &str| {
        stripe_client::Client::builder(common::KEY)
            .base_url(&server.url)
            .max_retries(0)
            .build()
            .unwrap_or_else(|e| panic!("a client builds {what}: {e}"))
    };
    let first = client("with no provider installed");
    assert!(CryptoProvider::get_default().is_none(), "building a client installed a process-wide provider");
    counting_provider().install_default().expect("the application can still install its own provider");
    let second = client("with the application's provider");
    assert_eq!(CryptoProvider::get_default().map(|p| p.cipher_suites.len()), Some(1));
    // The first client keeps the default it was built with.
    refused_handshake(&first, &server).await;
    assert_eq!(RANDOM_CALLS.load(Ordering::SeqCst), 0, "a client built earlier switched providers");
    refused_handshake(&second, &server).await;
    assert!(RANDOM_CALLS.load(Ordering::SeqCst) > 0, "a client built after did not use the application's provider");
}
