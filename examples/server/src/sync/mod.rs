//! Sync: uploads applied to the store of record, checkpointed downloads read from it.
//!
//! Files: `scope` (who sees and writes which customer), `links` (the customer or parent a
//! row belongs to), `rows` (the `sync_rows` table: reads, writes, the change-log clock),
//! `row_cache` (the rows one upload reads, loaded together), `team` (what a role may not
//! do, as `crm_core::team` says), `upload` (the merge rules), `download` (batches,
//! evictions, masking), `erase` (a customer's delete erases the server's copies of them).

pub mod contact_keys;
pub mod download;
pub mod erase;
pub mod links;
pub mod row_cache;
pub mod rows;
pub mod scope;
pub mod team;
pub mod upload;

/// Every writing transaction takes this advisory lock first, so that the change log's
/// versions are committed in their order: a download that has read version `v` has seen
/// every change numbered below it, and never skips one committed later with a lower number.
pub const WRITE_LOCK: i64 = 0x6372_6d5f_7379_6e63;
