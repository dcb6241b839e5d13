//! Encrypted books (SQLCipher, AES-256): the book opened with a raw 256-bit key the app
//! keeps in Android Keystore / iOS Keychain. Built with the bindings' `encryption` feature
//! (on by default; Android builds add OpenSSL built in, see crm-store's Cargo.toml).

use crate::error::CrmError;
use crate::store::CrmStore;
use crm_store::BookKey;
use std::sync::Arc;

#[uniffi::export]
impl CrmStore {
    /// Opens (creating if needed) the encrypted book at `path` with `key`: 32 random bytes
    /// the app generated once and keeps in the platform's key store (Android Keystore,
    /// iOS Keychain), never in the app's files. A new file is encrypted from its first
    /// page; nothing of the book is readable without the key.
    ///
    /// Fails with `WrongKey` when the key does not open the file (a wrong key, or a plain
    /// book: encrypt it with `encryptedCopyTo` first), leaving the file untouched; with
    /// `InvalidInput` on `key` when it is not 32 bytes.
    #[uniffi::constructor]
    pub fn open_encrypted(path: String, key: Vec<u8>) -> Result<Arc<Self>, CrmError> {
        let key = BookKey::from_bytes(&key)?;
        let store = crm_store::Store::open_encrypted(&path, &key)?;
        CrmStore::start(store, Some(&path))
    }

    /// Re-encrypts this (encrypted) book with `key`; the old key no longer opens it. Every
    /// page is rewritten: a few seconds for a large book. Store the new key in the key
    /// store before calling, and drop the old one after.
    pub async fn rekey(&self, key: Vec<u8>) -> Result<(), CrmError> {
        self.write(move |store| Ok(store.rekey(&BookKey::from_bytes(&key)?)?))
            .await
    }

    /// Writes an encrypted copy of this book to the new file `path` with `key`: how a plain
    /// book becomes an encrypted one (then open the copy with `openEncrypted`, and delete
    /// the plain file with its `-wal` and `-shm`). Writes wait meanwhile.
    ///
    /// Fails with `InvalidInput` on `path` when a non-empty file is there already.
    pub async fn encrypted_copy_to(&self, path: String, key: Vec<u8>) -> Result<(), CrmError> {
        self.read(move |store| Ok(store.encrypted_copy_to(path, &BookKey::from_bytes(&key)?)?))
            .await
    }
}
