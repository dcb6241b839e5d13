//! Opening the database file, and the commands about the file itself (`backup`,
//! `upgrade`).

use crate::encryption::key;
use crate::exit::Failure;
use crate::term::lang::say;
use crate::term::output::Output;
use crm_store::Store;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Opens the store at `path`, creating the file when missing (`demo`, `customer add`).
pub fn open_or_create(path: &Path) -> Result<Store, Failure> {
    Ok(match key() {
        #[cfg(feature = "encryption")]
        Some(key) => Store::open_encrypted(path, key)?,
        #[cfg(not(feature = "encryption"))]
        Some(never) => match *never {},
        None => Store::open(path)?,
    })
}

/// Opens the store at `path` for a command that writes. The file must exist: a mistyped
/// `--db` should not leave an empty database behind.
pub fn open_existing(path: &Path) -> Result<Store, Failure> {
    if !path.exists() {
        return Err(Failure::MissingDatabase(path.to_path_buf()));
    }
    open_or_create(path)
}

/// Opens the store at `path` for a command that only reads: nothing is created, upgraded
/// or written, so it works on a read-only file and never turns another program's file
/// into a book.
pub fn open_for_reading(path: &Path) -> Result<Store, Failure> {
    if !path.exists() {
        return Err(Failure::MissingDatabase(path.to_path_buf()));
    }
    Ok(match key() {
        #[cfg(feature = "encryption")]
        Some(key) => Store::open_read_only_encrypted(path, key)?,
        #[cfg(not(feature = "encryption"))]
        Some(never) => match *never {},
        None => Store::open_read_only(path)?,
    })
}

/// What `crm backup` wrote.
#[derive(Debug, Serialize)]
struct Backup {
    /// The copy.
    backup: PathBuf,
    /// Its size in bytes.
    bytes: u64,
    /// Customers in it.
    customers: u64,
}

/// Runs `crm backup FILE`: a consistent copy of the whole book in one file, also while
/// another program writes to it.
pub fn backup(db: &Path, to: &Path, output: Output) -> Result<(), Failure> {
    let store = open_for_reading(db)?;
    store.backup_to(to)?;
    let copy = open_for_reading(to)?;
    let report = Backup {
        backup: to.to_path_buf(),
        bytes: std::fs::metadata(to).map_or(0, |m| m.len()),
        customers: copy.count_customers(true)?,
    };
    output.print(&report, || {
        say!(
            "已将 {} 位客户备份到 {}（{} 字节）。\n",
            "Backed up {} customers to {} ({} bytes).\n",
            report.customers,
            report.backup.display(),
            report.bytes
        )
    })
}

/// What `crm upgrade` did.
#[derive(Debug, Serialize)]
struct Upgrade {
    /// The schema version the book is at now.
    schema_version: u32,
}

/// Runs `crm upgrade`: brings the book's schema up to this version of `crm` (the read
/// commands never do).
pub fn upgrade(db: &Path, output: Output) -> Result<(), Failure> {
    drop(open_existing(db)?);
    let report = Upgrade {
        schema_version: crm_store::schema::SCHEMA_VERSION,
    };
    output.print(&report, || {
        say!(
            "{} 的结构版本为 {}。\n",
            "{} is at schema version {}.\n",
            db.display(),
            report.schema_version
        )
    })
}
