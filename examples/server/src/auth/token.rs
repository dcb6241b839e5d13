//! Device tokens: 32 random bytes shown once as 64 hex digits, kept only as their SHA-256.

use rand::RngCore;
use sha2::{Digest, Sha256};

/// A new token (64 lowercase hex digits) and the hash to store for it.
pub fn new_token() -> (String, Vec<u8>) {
    let mut bytes = [0u8; 32];
    // ThreadRng: ChaCha seeded from the operating system, reseeded as it goes.
    rand::rng().fill_bytes(&mut bytes);
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let hash = hash_token(&token);
    (token, hash)
}

/// The SHA-256 of a token as presented: what the database holds and is looked up by.
pub fn hash_token(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_64_hex_digits_distinct_and_hashed() {
        let (a, hash_a) = new_token();
        let (b, _) = new_token();
        assert_eq!(a.len(), 64);
        assert!(a
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert_ne!(a, b);
        assert_eq!(hash_a, hash_token(&a));
        assert_eq!(hash_a.len(), 32);
        assert_ne!(hash_token(&a), hash_token(&b));
    }
}
