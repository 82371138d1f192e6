//! A local TLS server whose certificate nobody trusts: self-signed for
//! `localhost` and 127.0.0.1, valid until 2126. Made once with
//! `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1
//! -nodes -days 36500 -subj /CN=localhost -addext
//! subjectAltName=DNS:localhost,IP:127.0.0.1`; the key guards nothing.

use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

const CERT: &str = "-----BEGIN CERTIFICATE-----
MIIBmzCCAUGgAwIBAgIUekfY2Hac5x3CWO7APRa9SmtWULEwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTIwNTE1NTkzOVoYDzIxMjYxMTEx
MTU1OTM5WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAASzyJqx6PJvUrg5dPFmsXBC7PFrhd2QXVw8YMsrt/w+rWkaFQrM1IyZ
IhW1bvR8R4q37O2Q2JmbnfTcaF21gjiBo28wbTAdBgNVHQ4EFgQUahyKc6m2cr8R
rYEEJa1OM2N2/E0wHwYDVR0jBBgwFoAUahyKc6m2cr8RrYEEJa1OM2N2/E0wDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
zj0EAwIDSAAwRQIhAPllAiuZWATGLAAFkEdR0s/JZ7R1br6eS+D7sY37NrloAiBu
BM5/0DpN642724rmTDfrWNWN5VTgjF9EFxIwh994xQ==
-----END CERTIFICATE-----\n";

const KEY: &str = "-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgZiUzZiRuS873FC9K
Vhf1QYsMT1ZfBtcGZqvJU1cU0SShRANCAASzyJqx6PJvUrg5dPFmsXBC7PFrhd2Q
XVw8YMsrt/w+rWkaFQrM1IyZIhW1bvR8R4q37O2Q2JmbnfTcaF21gjiB
-----END PRIVATE KEY-----\n";

/// A server on a loopback port that completes TLS handshakes with the
/// untrusted certificate and reports how each one ended.
pub struct UntrustedServer {
    /// `https://127.0.0.1:<port>`.
    pub url: String,
    /// One message per connection: `Ok(())` for a handshake that completed,
    /// or the error that ended it (on the server's side).
    pub handshakes: Receiver<Result<(), rustls::Error>>,
}

/// Starts the server. It uses aws-lc-rs explicitly, never the process-wide
/// provider, so only the client's side of a handshake touches that one.
pub fn untrusted_server() -> UntrustedServer {
    let cert = CertificateDer::from_pem_slice(CERT.as_bytes()).expect("the test certificate parses");
    let key = PrivateKeyDer::from_pem_slice(KEY.as_bytes()).expect("the test key parses");
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("default protocol versions")
        .with_no_client_auth()
        .with_single_cert(vec![cert], key)
        .expect("the test certificate and key match");
    let config = Arc::new(config);
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let url = format!("https://127.0.0.1:{}", listener.local_addr().expect("its address").port());
    let (tx, handshakes) = channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let Ok(mut conn) = rustls::ServerConnection::new(Arc::clone(&config)) else { return };
            let mut outcome = Ok(());
            while conn.is_handshaking() {
                match conn.complete_io(&mut stream) {
                    Ok((0, 0)) => break,
                    Ok(_) => {}
                    Err(e) => {
                        outcome = Err(e
                            .into_inner()
                            .and_then(|inner| inner.downcast::<rustls::Error>().ok())
                            .map_or(rustls::Error::General("the connection broke".into()), |e| *e));
                        break;
                    }
                }
            }
            if tx.send(outcome).is_err() {
                return;
            }
        }
    });
    UntrustedServer { url, handshakes }
}

/// How many times [`counting_provider`]'s random generator was asked for
/// bytes: every TLS handshake a client starts asks for its client random.
pub static RANDOM_CALLS: AtomicUsize = AtomicUsize::new(0);

/// aws-lc-rs's random generator, counting its calls in [`RANDOM_CALLS`].
#[derive(Debug)]
struct CountingRandom;

impl rustls::crypto::SecureRandom for CountingRandom {
    fn fill(&self, buf: &mut [u8]) -> Result<(), rustls::crypto::GetRandomFailed> {
        RANDOM_CALLS.fetch_add(1, Ordering::SeqCst);
        rustls::crypto::aws_lc_rs::default_provider().secure_random.fill(buf)
    }
}

/// An application's own provider, told apart from the default twice: it
/// has one cipher suite, and its random generator counts its calls.
pub fn counting_provider() -> CryptoProvider {
    let mut own = rustls::crypto::aws_lc_rs::default_provider();
    own.cipher_suites.truncate(1);
    own.secure_random = &CountingRandom;
    own
}

/// Sends one request with `client` to `server` and waits for the server to
/// report the handshake: the client refuses the untrusted certificate.
pub async fn refused_handshake(client: &stripe_client::Client, server: &UntrustedServer) -> stripe_client::Error {
    let err = client.get::<serde_json::Value>("/v1/balance").await.expect_err("the certificate is not trusted");
    let handshake = server.handshakes.recv_timeout(Duration::from_secs(10)).expect("the client connected");
    assert!(
        matches!(handshake, Err(rustls::Error::AlertReceived(_))),
        "the client should abort the handshake with an alert, the server saw {handshake:?}"
    );
    err
}
