//! Encryption at rest: a book encrypted with SQLCipher (AES-256, every page), opened with a
//! raw 256-bit key the app keeps in the platform's key store (Android Keystore, iOS
//! Keychain). Built with the `encryption` cargo feature: SQLCipher with the system's
//! OpenSSL `libcrypto`, CommonCrypto on Apple platforms, or OpenSSL built in where the
//! app's build asks libsqlite3-sys for it (Android; see the crate's Cargo.toml).
//!
//! The key is given raw (`x'…'`), so SQLCipher skips its passphrase derivation: the app's
//! key store already holds a random key. Without the right key nothing of the file can be
//! read, not even its header ("SQLite format 3" is encrypted too).

use crate::db::connection::create_private_empty;
use crate::db::transactions::Connections;
use crate::error::{Result, StoreError};
use crate::store::{Store, SystemClock, BACKFILLS};
use crm_core::{Clock, Rule, ValidationError};
use rusqlite::Connection;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

/// A book's 256-bit encryption key. Its bytes are never printed (`Debug` shows
/// `BookKey(..)`) and are overwritten when it is dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct BookKey([u8; 32]);

impl BookKey {
    /// The key of these 32 bytes; any other length is [`StoreError::Invalid`] naming `key`.
    pub fn from_bytes(bytes: &[u8]) -> Result<BookKey> {
        let bytes: [u8; 32] = bytes.try_into().map_err(|_| {
            ValidationError::new(
                "key",
                Rule::Malformed {
                    expected: "32 bytes (a 256-bit key)",
                },
            )
        })?;
        Ok(BookKey(bytes))
    }

    /// The key written as 64 hexadecimal digits (white space around them ignored); anything
    /// else is [`StoreError::Invalid`] naming `key`.
    pub fn from_hex(text: &str) -> Result<BookKey> {
        let text = text.trim();
        let malformed = || {
            StoreError::from(ValidationError::new(
                "key",
                Rule::Malformed {
                    expected: "64 hexadecimal digits (a 256-bit key)",
                },
            ))
        };
        if text.len() != 64 || !text.is_ascii() {
            return Err(malformed());
        }
        let mut bytes = [0u8; 32];
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).map_err(|_| malformed())?;
        }
        Ok(BookKey(bytes))
    }

    /// The key as SQLCipher's raw-key literal, `"x'…'"`.
    fn literal(&self) -> String {
        let hex: String = self.0.iter().map(|b| format!("{b:02x}")).collect();
        format!("\"x'{hex}'\"")
    }
}

impl fmt::Debug for BookKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BookKey(..)")
    }
}

impl Drop for BookKey {
    fn drop(&mut self) {
        self.0.fill(0);
        // Read back through black_box, so that the compiler keeps the overwrite of a value
        // about to die.
        std::hint::black_box(&self.0);
    }
}

impl Store {
    /// Opens (creating if needed) the encrypted book at `path` with `key`, as
    /// [`Store::open`] does a plain one. A new file is encrypted from its first page. Fails
    /// with [`StoreError::WrongKey`] when the key does not open the file (a wrong key, or a
    /// plain book), leaving the file untouched.
    pub fn open_encrypted(path: impl AsRef<Path>, key: &BookKey) -> Result<Store> {
        Self::open_encrypted_with_clock(path, key, Arc::new(SystemClock))
    }

    /// Like [`Store::open_encrypted`], with the clock the store stamps records with.
    pub fn open_encrypted_with_clock(
        path: impl AsRef<Path>,
        key: &BookKey,
        clock: Arc<dyn Clock>,
    ) -> Result<Store> {
        Ok(Store {
            db: Connections::open(path.as_ref(), BACKFILLS, Some(key))?,
            clock,
        })
    }

    /// Opens an existing encrypted book for reading only (see [`Store::open_read_only`]).
    pub fn open_read_only_encrypted(path: impl AsRef<Path>, key: &BookKey) -> Result<Store> {
        Ok(Store {
            db: Connections::open_read_only(path.as_ref(), Some(key))?,
            clock: Arc::new(SystemClock),
        })
    }

    /// Re-encrypts the book with `key` (the old key no longer opens it): every page is
    /// rewritten, in one step that a crash cannot leave half-done. Only for a book opened
    /// with [`Store::open_encrypted`]; not inside a batch.
    pub fn rekey(&self, key: &BookKey) -> Result<()> {
        self.db.rekey(key)
    }

    /// Writes an encrypted copy of this book (plain or encrypted) to the new file `path`,
    /// with `key`: the way to encrypt an existing plain book (then open the copy with
    /// [`Store::open_encrypted`] and retire the plain file). This store's writes wait until
    /// the copy is made; not inside a batch, not on a store opened read-only. Fails with [`StoreError::Invalid`] naming
    /// `path` when a non-empty file is there already.
    pub fn encrypted_copy_to(&self, path: impl AsRef<Path>, key: &BookKey) -> Result<()> {
        let path = path.as_ref();
        create_private_empty(path)?;
        self.db
            .with_idle_writer(|conn| export_encrypted(conn, path, key))
    }
}

/// Gives a freshly opened connection its key: the first statement on it.
pub(crate) fn apply_key(conn: &Connection, key: &BookKey) -> Result<()> {
    // SQLCipher logs a wrong key's failed page checks to stderr; the caller gets
    // StoreError::WrongKey instead. (Set after the key: the first key sets up SQLCipher's
    // logging with its default level.)
    conn.execute_batch(&format!(
        "PRAGMA key = {}; PRAGMA cipher_log_level = NONE;",
        key.literal()
    ))?;
    Ok(())
}

/// Changes the key of the book `conn` (its writer) is open on.
pub(crate) fn rekey(conn: &Connection, key: &BookKey) -> Result<()> {
    conn.execute_batch(&format!("PRAGMA rekey = {};", key.literal()))?;
    Ok(())
}

/// Writes an encrypted copy of the book `conn` is open on into the new file `path` (which
/// must not hold anything yet), with `key`, keeping its schema version and application id.
fn export_encrypted(conn: &Connection, path: &Path, key: &BookKey) -> Result<()> {
    let target = path.to_str().ok_or_else(|| {
        StoreError::from(ValidationError::new(
            "path",
            Rule::Malformed {
                expected: "a path in UTF-8",
            },
        ))
    })?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let application: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    conn.execute(
        &format!("ATTACH DATABASE ?1 AS encrypted KEY {}", key.literal()),
        [target],
    )?;
    let copied = conn
        .query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))
        .and_then(|()| {
            conn.execute_batch(&format!(
                "PRAGMA encrypted.user_version = {version};
                 PRAGMA encrypted.application_id = {application};"
            ))
        });
    let detached = conn.execute_batch("DETACH DATABASE encrypted");
    copied?;
    detached?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_32_bytes_or_64_hex_digits_and_never_printed() {
        let key = BookKey::from_hex(&"ab".repeat(32)).unwrap();
        assert_eq!(key, BookKey::from_bytes(&[0xab; 32]).unwrap());
        assert_eq!(format!("{key:?}"), "BookKey(..)");
        assert_eq!(key.literal(), format!("\"x'{}'\"", "ab".repeat(32)));
        for bad in ["ab".repeat(31), "zz".repeat(32), "é".repeat(32)] {
            match BookKey::from_hex(&bad).unwrap_err() {
                StoreError::Invalid(v) => assert_eq!(v.field, "key"),
                other => panic!("{other:?}"),
            }
        }
        assert!(BookKey::from_bytes(&[1; 31]).is_err());
        assert!(BookKey::from_hex(&format!(" {} \n", "0f".repeat(32))).is_ok());
    }
}
