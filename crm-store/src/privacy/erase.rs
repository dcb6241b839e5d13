//! Erasure (个人信息删除, PIPL art. 47): a customer and every piece of their personal data
//! removed from the book, and from the file's bytes.
//!
//! One transaction removes the customer the way a sync evicts one
//! ([`crate::sync::evict::evict_customer`]: the schema's cascades, merge records with their
//! `merged_json`, the customer's pending and refused changes, the reminders of their plan
//! logged as cancelled), after copying their orders, stripped of everything personal and
//! of any link to them, into `erased_orders` for the dealership's accounts. It queues one
//! change for the server, the customer's delete, which the server takes as an erasure of
//! its own copies; and it records a tombstone in the deletions log (id, kind, reason, who,
//! on which device, when; nothing personal).
//!
//! Then the bytes: the writer runs with `secure_delete` (freed content is overwritten
//! with zeros), and after the commit the file is rebuilt (`VACUUM`, which also drops the
//! leftovers of earlier edits that were freed before, and the stale copies of cells a
//! page's reorganisation leaves in its unused space) and the write-ahead log folded back
//! and truncated (`wal_checkpoint(TRUNCATE)`), so that neither the `.db`, the `-wal` nor
//! the `-shm` file holds a byte of the customer ([`Store::compact`]).
//!
//! [`Store::delete_customer`] removes the same data without a reason, and cleans the file
//! the cheap way: what it deleted was zeroed as it was freed (`secure_delete`), the free
//! pages go back to the file system and the log is truncated, in milliseconds; the full
//! rebuild, seconds on a large book, is left to the next erasure, retention run or
//! [`Store::compact`] (see `BENCHMARKS.md`, "Cleaning the file after a deletion").

use crate::audit::deletions::record_deletion;
use crate::customer::customers::not_found;
use crate::db::connection::Cleaning;
use crate::db::time::to_millis;
use crate::error::Result;
use crate::store::Store;
use crate::sync::evict::evict_customer;
use crate::sync::user::sync_user;
use chrono::{DateTime, Utc};
use crm_core::audit::{DeletedEntity, DeletionKind};
use crm_core::privacy::erasure_reason;
use crm_core::team::check_erase;
use crm_core::CustomerId;
use rusqlite::{params, Connection, OptionalExtension};

/// What an erasure did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Erasure {
    /// The customer erased.
    pub customer_id: CustomerId,
    /// How many of their orders were kept for the accounts, unlinked and without personal
    /// data.
    pub orders_kept: u32,
    /// Whether the file was rebuilt and its log truncated, so that no byte of the customer
    /// is left in the `.db`, `-wal` or `-shm` files. `false` inside a batch (the file is
    /// cleaned by the next erasure or deletion outside one) or when another process was
    /// reading the book and held the log; the erasure itself is committed either way.
    pub file_cleaned: bool,
}

/// An erased customer's orders copied for the accounts: the car, the amounts, the dates,
/// the consultant; no customer, intent or free text.
const KEEP_ORDERS: &str = "
    INSERT INTO erased_orders (id, brand, series, model, trim, colour, catalogue_model, vin,
        price, discount, deposit, order_date, finance, insurance, consultant, status,
        cancelled_at, cancel_reason, delivered_at, delivery_date, created_at, erased_at)
    SELECT id, brand, series, model, trim, colour, catalogue_model, vin,
        price, discount, deposit, order_date, finance, insurance, consultant, status,
        cancelled_at, cancel_reason, delivered_at, delivery_date, created_at, ?2
    FROM orders WHERE customer_id = ?1
    ON CONFLICT (id) DO NOTHING";

/// Inside a write transaction: erases customer `id` (see the module's doc) and records it
/// in the deletions log as `kind` with `reason`. Returns how many orders were kept.
/// `NotFound` for a customer not in the book; `Forbidden` when the book's user may not
/// erase them ([`crm_core::team::check_erase`]: a consultant erases only their own).
pub(crate) fn erase_in(
    tx: &Connection,
    id: &CustomerId,
    kind: DeletionKind,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<u32> {
    let found: Option<(i64, Option<String>)> = tx
        .prepare_cached("SELECT version, owner FROM customers WHERE id = ?1")?
        .query_row([id.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((version, owner)) = found else {
        return Err(not_found(id));
    };
    check_erase(sync_user(tx)?.as_ref(), owner.as_deref())?;
    let kept = tx
        .prepare_cached(KEEP_ORDERS)?
        .execute(params![id.as_str(), to_millis(now)])?;
    evict_customer(tx, id.as_str())?;
    // The eviction is quiet (it removed every queued change of the customer); the server
    // is told once, by the customer's delete, as the outbox trigger would have queued it:
    // only once the book's upload queue runs (a book that never synced has nothing to tell).
    tx.prepare_cached(
        "INSERT INTO sync_outbox (entity, row_id, op, fields, base_version, at)
         SELECT 'customers', ?1, 'delete', '{}', ?2, ?3
         WHERE (SELECT queueing FROM sync_state) = 1",
    )?
    .execute(params![id.as_str(), version, to_millis(now)])?;
    record_deletion(
        tx,
        DeletedEntity::Customer,
        id.as_str(),
        kind,
        None,
        reason,
        now,
    )?;
    Ok(u32::try_from(kept).unwrap_or(u32::MAX))
}

impl Store {
    /// Erases customer `id` and every piece of their personal data from the book, in one
    /// transaction (see the module `privacy::erase`): contacts, tags, search terms,
    /// follow-ups with their attachments' references, plans, intents, level changes,
    /// visits, stage moves, cars with their readings and care marks, care tasks, consent,
    /// the timeline, merge records (`merged_json`), their queued and refused changes. Their
    /// orders stay for the dealership's accounts in `erased_orders`, with no link to them
    /// and no personal field. The deletions log keeps a tombstone: kind `erased`, `reason`,
    /// who, which device, when. Then the file is rebuilt and its log truncated, so that no
    /// byte of the customer stays in the files ([`Erasure::file_cleaned`]).
    ///
    /// The erasure travels: the next sync sends the customer's delete, the server erases
    /// its copies, and the other devices holding the customer evict them. An edit made
    /// elsewhere that reaches the server later is refused: the erasure wins.
    ///
    /// [`Store::delete_customer`] removes exactly the same data; erasing differs only in
    /// the log's kind and reason.
    ///
    /// Who may: on a synced book, a consultant erases the customers they own, a manager or
    /// an administrator any customer on the book (the pool's, another consultant's); the
    /// server checks it again. A book that never synced has one user, who may.
    ///
    /// Errors: `reason` empty, multi-line or over 200 characters
    /// ([`StoreError::Invalid`](crate::StoreError::Invalid) naming `reason`, nothing
    /// written); an unknown customer ([`StoreError::NotFound`](crate::StoreError::NotFound));
    /// a customer the user may not erase
    /// ([`StoreError::Forbidden`](crate::StoreError::Forbidden), nothing written).
    pub fn erase_customer(&self, id: &CustomerId, reason: &str) -> Result<Erasure> {
        let reason = erasure_reason(reason)?;
        let now = self.now();
        let orders_kept =
            self.write(|tx| erase_in(tx, id, DeletionKind::Erased, Some(&reason), now))?;
        Ok(Erasure {
            customer_id: id.clone(),
            orders_kept,
            file_cleaned: self.db.clean_file(Cleaning::Rebuild)?,
        })
    }

    /// Rebuilds the file (`VACUUM`) and folds the write-ahead log back into it, truncated
    /// (`wal_checkpoint(TRUNCATE)`), so that nothing deleted before stays in the `.db`,
    /// `-wal` or `-shm` bytes, and the file is as small as its data. Returns whether both
    /// were done: not inside a batch (the transaction is still open), nor while another
    /// process holds a read of the log. A book in memory has no files: always `true`.
    /// Refused on a read-only store.
    ///
    /// Erasures and retention runs do this themselves; deletions and the evictions of a
    /// sync clean the cheap way (see the module `privacy::erase`). Seconds on a book of
    /// tens of thousands of customers: an app runs it when idle, or on the user's request.
    pub fn compact(&self) -> Result<bool> {
        self.db.clean_file(Cleaning::Rebuild)
    }
}
