//! Building a client installs no process-wide rustls crypto provider, so an
//! application can install its own afterwards, and clients built after
//! that still work. (Its own test binary: the default is per process.)

use rustls::crypto::CryptoProvider;

#[test]
fn a_provider_can_be_installed_after() {
    let first = stripe_client::Client::new("sk_test_tls").expect("a client builds with no provider installed");
    assert!(CryptoProvider::get_default().is_none(), "building a client installed a process-wide provider");
    let mut own = rustls::crypto::aws_lc_rs::default_provider();
    own.cipher_suites.truncate(1);
    own.install_default().expect("the application can still install its own provider");
    let second = stripe_client::Client::new("sk_test_tls").expect("a client builds with the application's provider");
    assert_eq!(CryptoProvider::get_default().map(|p| p.cipher_suites.len()), Some(1));
    drop((first, second));
}
