//! The dealership's contact keys as devices hold them: salted hashes of every live
//! customer's identifying keys (phones, WeChat ids, e-mail addresses), so that a device warns
//! of a customer registered to another consultant before saving, offline, without holding
//! the other consultant's numbers.
//!
//! A salted SHA-256 hides a key from casual reading only: an 11-digit mobile number has about
//! 10^10 candidates, which a GPU hashes through in seconds once the salt is known (and every
//! device knows it). Stronger protection would trade the offline answer for it: a slow hash
//! (Argon2) per key makes the brute force costlier for the device as much as for an attacker,
//! truncated hashes (k-anonymity) answer "possibly registered" with false positives, and only
//! an online check keeps the keys on the server entirely.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The hash a device keeps for a normalised contact key (`crm_core::Contact::key`): SHA-256
/// of the dealership's salt, a colon and the key, as 64 lowercase hex digits.
pub fn contact_key_hash(salt: &str, key: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(salt.as_bytes());
    hasher.update(b":");
    hasher.update(key.as_bytes());
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// One key's change: registered to a live customer, or released (the customer deleted,
/// merged, turned into a duplicate claim, or the contact removed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactKeyChange {
    /// [`contact_key_hash`] of the key.
    pub hash: String,
    /// Held by a live customer (`false`: released).
    pub live: bool,
}

/// A batch of the dealership's key changes after a device's key checkpoint
/// (`GET /v1/contact-keys?since=N`): every live customer's keys, whatever the user's scope
/// (a device tells its own customers apart by its own contacts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactKeys {
    /// The dealership's salt (hex), the same for every device.
    pub salt: String,
    /// The changed keys, oldest change first.
    pub changes: Vec<ContactKeyChange>,
    /// The key checkpoint the device stands at once the batch is applied.
    pub through: u64,
    /// More changes follow: ask again from `through`.
    pub has_more: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_depends_on_salt_and_key_and_is_hex() {
        let h = contact_key_hash("ab", "+8613800138000");
        assert_eq!(h.len(), 64);
        assert!(h.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(h, contact_key_hash("ab", "+8613800138000"));
        assert_ne!(h, contact_key_hash("ac", "+8613800138000"));
        assert_ne!(h, contact_key_hash("ab", "+8613800138001"));
        // SHA-256("s:k"), as `printf s:k | sha256sum` prints it.
        assert_eq!(
            contact_key_hash("s", "k"),
            "c731090f1dedef5e0fbe82c795130291ca8f31a047d8532d0715feaf5d1045dc"
        );
    }
}
