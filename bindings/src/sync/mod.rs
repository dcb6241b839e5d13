//! Sync (同步) with the dealership's server: `sync` does it all over HTTP(S); apps that bring
//! their own transport use the payload-level calls, whose payloads are JSON text of the
//! wire types in `crm_core::sync`, so an app sends and stores them as they are.
//!
//! - [`transport`]: `sync`, the whole exchange ([`SyncSummary`]).
//! - [`download`]: the server's answers: `apply_download`, `acknowledge`, refused changes
//!   (`sync_rejections`, `dismiss_rejection`), the book's user (`sync_user`,
//!   `set_sync_user`).
//! - [`outbox`]: the upload queue: `device_id`, `pending_upload`, `pending_count`.
//! - [`claims`]: one customer, one owner (撞单): the dealership's hashed contact keys
//!   (`apply_contact_keys`) and the managers' queue of duplicate claims, online.

pub mod claims;
pub mod download;
pub mod outbox;
pub mod transport;
