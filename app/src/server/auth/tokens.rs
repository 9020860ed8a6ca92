//! Random tokens and their signatures. The database keeps only a token's SHA-256; a link carries
//! the token, its expiry and an HMAC over both, so a forged or stale link is refused before any
//! database work.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// 256 random bits, URL-safe.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database stores for a token.
pub fn token_hash(token: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(token.as_bytes()))
}

/// Signs and verifies `token.expiry` with the servers' shared key.
#[derive(Clone)]
pub struct Signer {
    key: Vec<u8>,
}

impl Signer {
    pub fn new(key: &[u8]) -> Self {
        Self { key: key.to_vec() }
    }

    fn mac(&self, payload: &str) -> Hmac<Sha256> {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes keys of any length");
        mac.update(payload.as_bytes());
        mac
    }

    /// `token.expires.signature`, where `expires` is Unix seconds.
    pub fn sign(&self, token: &str, expires: i64) -> String {
        let payload = format!("{token}.{expires}");
        let signature = URL_SAFE_NO_PAD.encode(self.mac(&payload).finalize().into_bytes());
        format!("{payload}.{signature}")
    }

    /// The token of a well-signed, unexpired link.
    pub fn verify(&self, signed: &str, now: i64) -> Option<String> {
        let (payload, signature) = signed.rsplit_once('.')?;
        let (token, expires) = payload.rsplit_once('.')?;
        let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
        self.mac(payload).verify_slice(&signature).ok()?;
        (expires.parse::<i64>().ok()? > now).then(|| token.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_url_safe() {
        let (a, b) = (random_token(), random_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert!(a
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_ne!(token_hash(&a), a);
    }

    #[test]
    fn a_signed_link_verifies_until_it_expires() {
        let signer = Signer::new(b"key");
        let link = signer.sign("abc", 1000);
        assert_eq!(signer.verify(&link, 999).as_deref(), Some("abc"));
        assert_eq!(signer.verify(&link, 1000), None);
    }

    #[test]
    fn a_changed_link_or_another_key_fails() {
        let signer = Signer::new(b"key");
        let link = signer.sign("abc", 1000);
        assert_eq!(signer.verify(&link.replace("abc", "abd"), 0), None);
        assert_eq!(signer.verify(&link.replace(".1000.", ".9999."), 0), None);
        assert_eq!(Signer::new(b"other").verify(&link, 0), None);
        assert_eq!(signer.verify("garbage", 0), None);
    }
}
