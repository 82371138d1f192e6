//! The one place that names a cryptography library: the TLS crypto
//! provider, the HMAC-SHA256 of webhook signatures and the random bytes of
//! idempotency keys all come from aws-lc-rs, rustls' default provider,
//! whose key exchange prefers the post-quantum hybrid X25519MLKEM768 (a
//! recorded TLS session cannot be decrypted later by a quantum computer).
//! ring, the smaller build, has no post-quantum key exchange, and rustls
//! deprecates its provider for that reason. An application that installed
//! its own process-wide provider (`CryptoProvider::install_default`) has
//! that one used for TLS instead.

use aws_lc_rs::hmac;
use aws_lc_rs::rand::SecureRandom;
use std::sync::Arc;

/// The crypto provider for a client's TLS: the application's process
/// default if it installed one, aws-lc-rs otherwise. Nothing is installed
/// process-wide, so the application may still install its own later.
pub(crate) fn tls_provider() -> Arc<rustls::crypto::CryptoProvider> {
    rustls::crypto::CryptoProvider::get_default()
        .cloned()
        .unwrap_or_else(|| Arc::new(rustls::crypto::aws_lc_rs::default_provider()))
}

/// HMAC-SHA256 of `message` keyed with `key`.
pub(crate) fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let tag = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, key), message);
    let mut out = [0u8; 32];
    out.copy_from_slice(tag.as_ref());
    out
}

/// Whether `tag` is the HMAC-SHA256 of `message` keyed with `key`, compared
/// in constant time.
pub(crate) fn hmac_sha256_matches(key: &[u8], message: &[u8], tag: &[u8]) -> bool {
    hmac::verify(&hmac::Key::new(hmac::HMAC_SHA256, key), message, tag).is_ok()
}

/// Fills `buf` from the operating system's secure generator; false when
/// the system has none to give.
pub(crate) fn fill_random(buf: &mut [u8]) -> bool {
    aws_lc_rs::rand::SystemRandom::new().fill(buf).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231_case_2() {
        let tag = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        let hex: String = tag.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assert!(hmac_sha256_matches(b"Jefe", b"what do ya want for nothing?", &tag));
        assert!(!hmac_sha256_matches(b"Jeff", b"what do ya want for nothing?", &tag));
        assert!(!hmac_sha256_matches(b"Jefe", b"what do ya want for nothing?", &tag[..31]));
    }

    #[test]
    fn the_default_provider_prefers_post_quantum_key_exchange() {
        let provider = rustls::crypto::aws_lc_rs::default_provider();
        let first = provider.kx_groups.first().map(|g| g.name());
        assert_eq!(first, Some(rustls::NamedGroup::X25519MLKEM768));
    }

    #[test]
    fn random_bytes_differ() {
        let (mut a, mut b) = ([0u8; 16], [0u8; 16]);
        assert!(fill_random(&mut a) && fill_random(&mut b));
        assert_ne!(a, b);
    }
}
