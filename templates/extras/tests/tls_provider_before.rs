//! An application that installs its own process-wide rustls crypto
//! provider before building a client keeps it: the client uses it and
//! replaces nothing. (Its own test binary: the default is per process.)

use rustls::crypto::CryptoProvider;
use std::sync::Arc;

#[test]
fn a_provider_installed_before_is_kept() {
    // The application's own provider, told apart by its one cipher suite.
    let mut own = rustls::crypto::aws_lc_rs::default_provider();
    own.cipher_suites.truncate(1);
    own.install_default().expect("nothing is installed before the application does");
    let installed = Arc::clone(CryptoProvider::get_default().expect("the application's provider"));
    let client = stripe_client::Client::new("sk_test_tls").expect("a client builds with the application's provider");
    let after = CryptoProvider::get_default().expect("still installed");
    assert!(Arc::ptr_eq(&installed, after), "building a client replaced the application's provider");
    assert_eq!(after.cipher_suites.len(), 1);
    drop(client);
}
