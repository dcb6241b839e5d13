//! Sync (同步): what a device and the dealership's server exchange, as plain serde types.
//!
//! The device's book is the copy its user works on, offline; the server's PostgreSQL is the
//! store of record. Two flows, after PowerSync's design:
//!
//! - **Upload queue.** Every write on the device appends, in its own transaction, one
//!   [`Change`] per row it touched to the device's outbox: an operation id increasing per
//!   device, the [`SyncEntity`] and the row's id, the fields changed with their new values,
//!   and the version the write was based on. An [`Upload`] sends the oldest ones; the
//!   [`UploadResult`] acknowledges them (the device drops them) or rejects some with a
//!   reason (the device undoes them and keeps the [`Rejection`] for the app to show).
//! - **Checkpointed downloads.** A [`Download`] carries the current state of every row in the
//!   device's scope that changed after the device's [`Checkpoint`] ([`ServerRow`]s, whole
//!   rows, so applying one twice changes nothing), the customers that left the scope
//!   (`evicted`), and the checkpoint to store with them, in one transaction.
//!
//! Conflicts are settled by the server, which orders writes: field by field, the last write
//! it accepted wins; lists (a customer's contacts, tags, consents; a car's service marks) are
//! replaced whole; append-only records (follow-ups' timeline, stage moves, level changes,
//! odometer readings) are never lost; a delete wins over an edit.
//!
//! Files: `entity` (what is synced, and how), `change` (the upload side), `download`,
//! `mask` (contacts of customers a user may see but does not own), `user` (who a synced
//! book's user is), `contact_keys` (the dealership's keys as devices hold them, hashed),
//! `claims` (duplicate claims and how managers settle them).

mod change;
mod claims;
mod contact_keys;
mod download;
mod entity;
mod mask;
mod user;

pub use change::{Change, ChangeOp, Rejection, Upload, UploadResult};
pub use claims::{ClaimResolution, ClaimStatus, DuplicateClaim, DuplicateRule};
pub use contact_keys::{contact_key_hash, ContactKeyChange, ContactKeys};
pub use download::{Checkpoint, Download, Notice, ServerRow};
pub use entity::{EntityShape, SyncEntity};
pub use mask::{mask_contact, mask_phone};
pub use user::{SyncUser, UserRole};
