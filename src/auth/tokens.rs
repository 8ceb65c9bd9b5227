//! Random secrets and their stored hashes: the database keeps only SHA-256 of any bearer secret.

use rand::RngCore;
use sha2::{Digest, Sha256};

/// `n` random bytes as lowercase hex.
pub fn random_hex(n: usize) -> String {
    let mut buf = vec![0u8; n];
    rand::rng().fill_bytes(&mut buf);
    hex::encode(buf)
}

/// A URL-safe random token with 256 bits of entropy.
pub fn random_token() -> String {
    use base64::Engine;
    let mut buf = [0u8; 32];
    rand::rng().fill_bytes(&mut buf);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
}

/// A link token made from `nonce` under the server's `secret` (HMAC-SHA-256, URL-safe): the
/// same nonce gives the same link again, for reminder mails, and nobody without the secret
/// can make it from what the database holds.
pub fn keyed_token(secret: &str, purpose: &str, nonce: &str) -> String {
    use base64::Engine;
    use hmac::{Hmac, Mac};
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(purpose.as_bytes());
    mac.update(b":");
    mac.update(nonce.as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

/// The form in which a token is stored and looked up.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_keyed_token_is_stable_for_its_nonce_and_needs_the_secret() {
        let a = keyed_token("secret-one", "review", "n1");
        assert_eq!(a, keyed_token("secret-one", "review", "n1"));
        assert_eq!(a.len(), 43);
        assert_ne!(a, keyed_token("secret-two", "review", "n1"));
        assert_ne!(a, keyed_token("secret-one", "review", "n2"));
        assert_ne!(a, keyed_token("secret-one", "other", "n1"));
    }

    #[test]
    fn tokens_are_random_and_hashes_stable() {
        let a = random_token();
        let b = random_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(hash_token(&a), hash_token(&a));
        assert_ne!(hash_token(&a), hash_token(&b));
    }
}
