//! Encrypted books on the command line: the key `--key-file` names (read once, kept for the
//! commands' opens), `crm encrypt` (a plain book encrypted in place) and `crm rekey`. Built
//! with the `encryption` feature; without it, `--key-file` and these commands fail saying
//! so (`without_encryption`).

#[cfg(feature = "encryption")]
pub use with_encryption::*;
#[cfg(not(feature = "encryption"))]
pub use without_encryption::*;

#[cfg(feature = "encryption")]
mod with_encryption {

    use crate::database::open_existing;
    use crate::exit::Failure;
    use crate::term::lang::say;
    use crate::term::output::Output;
    use crm_store::{BookKey, Store};
    use serde::Serialize;
    use std::path::{Path, PathBuf};
    use std::sync::OnceLock;

    /// The key of this run's book, from `--key-file`.
    static KEY: OnceLock<BookKey> = OnceLock::new();

    /// Reads the key in `path`: 32 bytes as they are, or 64 hexadecimal digits.
    fn read_key(path: &Path) -> Result<BookKey, Failure> {
        let bytes = std::fs::read(path).map_err(|error| Failure::ReadInput {
            path: path.to_path_buf(),
            error,
        })?;
        let key = if bytes.len() == 32 {
            BookKey::from_bytes(&bytes)
        } else {
            BookKey::from_hex(&String::from_utf8_lossy(&bytes))
        };
        Ok(key?)
    }

    /// Reads `--key-file`'s key for the opens that follow.
    pub fn use_key_file(path: &Path) -> Result<(), Failure> {
        let key = read_key(path)?;
        let _ = KEY.set(key);
        Ok(())
    }

    /// The key `--key-file` gave, if any.
    pub fn key() -> Option<&'static BookKey> {
        KEY.get()
    }

    /// What `crm encrypt` and `crm rekey` did.
    #[derive(Debug, Serialize)]
    struct Encrypted {
        /// The book.
        book: PathBuf,
        /// Customers in it, counted after the change through the new key.
        customers: u64,
    }

    impl Encrypted {
        fn print(&self, output: Output, rekeyed: bool) -> Result<(), Failure> {
            let (book, customers) = (self.book.display(), self.customers);
            output.print(self, || match rekeyed {
                false => say!(
                    "已加密 {}（{} 位客户）。\n",
                    "Encrypted {} ({} customers).\n",
                    book,
                    customers
                ),
                true => say!(
                    "已更换密钥 {}（{} 位客户）。\n",
                    "Re-keyed {} ({} customers).\n",
                    book,
                    customers
                ),
            })
        }
    }

    /// The same path with `suffix` added to its file name.
    fn beside(path: &Path, suffix: &str) -> PathBuf {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    }

    /// Runs `crm encrypt`: the plain book at `db` becomes encrypted with `--key-file`'s key. An
    /// encrypted copy is written beside it (`BOOK.encrypting`), opened with the key and its
    /// customers counted against the plain book's, then renamed over the book. A failure
    /// leaves the plain book as it was.
    pub fn encrypt(db: &Path, output: Output) -> Result<(), Failure> {
        let key = key().ok_or(Failure::MissingKeyFile)?;
        if !db.exists() {
            return Err(Failure::MissingDatabase(db.to_path_buf()));
        }
        let copy = beside(db, ".encrypting");
        let plain = Store::open(db)?;
        let customers = plain.count_customers(true)?;
        let _ = std::fs::remove_file(&copy);
        plain.encrypted_copy_to(&copy, key)?;
        drop(plain);
        let copied = Store::open_read_only_encrypted(&copy, key)?.count_customers(true)?;
        if copied != customers {
            let _ = std::fs::remove_file(&copy);
            return Err(Failure::Output(std::io::Error::other(format!(
            "the encrypted copy holds {copied} customers, not {customers}: the book was left plain"
        ))));
        }
        std::fs::rename(&copy, db)?;
        for log in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(beside(db, log));
        }
        Encrypted {
            book: db.to_path_buf(),
            customers,
        }
        .print(output, false)
    }

    /// Runs `crm rekey --new-key-file K`: the book opened with `--key-file` takes the new key.
    pub fn rekey(db: &Path, new_key_file: &Path, output: Output) -> Result<(), Failure> {
        key().ok_or(Failure::MissingKeyFile)?;
        let new_key = read_key(new_key_file)?;
        let store = open_existing(db)?;
        store.rekey(&new_key)?;
        drop(store);
        let customers = Store::open_read_only_encrypted(db, &new_key)?.count_customers(true)?;
        Encrypted {
            book: db.to_path_buf(),
            customers,
        }
        .print(output, true)
    }
}

/// The same entry points in a `crm` built without the `encryption` feature: a key is never
/// set, and asking for one fails.
#[cfg(not(feature = "encryption"))]
mod without_encryption {
    use crate::exit::Failure;
    use crate::term::output::Output;
    use std::path::Path;

    /// No key type exists without the feature.
    pub enum NoKey {}

    /// Fails: this `crm` cannot open encrypted books.
    pub fn use_key_file(_: &Path) -> Result<(), Failure> {
        Err(Failure::NoEncryption)
    }

    /// Never a key.
    pub fn key() -> Option<&'static NoKey> {
        None
    }

    /// Fails: this `crm` cannot encrypt.
    pub fn encrypt(_: &Path, _: Output) -> Result<(), Failure> {
        Err(Failure::NoEncryption)
    }

    /// Fails: this `crm` cannot rekey.
    pub fn rekey(_: &Path, _: &Path, _: Output) -> Result<(), Failure> {
        Err(Failure::NoEncryption)
    }
}
