//! Sync (同步) with the dealership's server, on the device's side (the wire types are
//! `crm_core::sync`).
//!
//! - `state.rs`: the device's sync state: its id, its download checkpoint.
//! - `columns.rs`: which columns of each synced table are sent, which stay local.
//! - `applying.rs`: the flag that keeps the outbox triggers quiet while the book takes in
//!   what the server sent.
//! - `apply.rs`: a download applied (`Store::apply_download`); `server_row.rs`: one
//!   server row written into the book; `values.rs`: JSON values to SQLite's.
//! - `snapshot.rs`: the book's synced state as server rows (`Store::synced_rows`).
//! - `acknowledge.rs`: the server's answer to an upload; refused changes undone and kept.
//! - `lost_writes.rs`: accepted changes another device's concurrent change replaced, told.
//! - `user.rs`: the user the server names, the owner of new customers.
//! - `evict.rs`: a customer who left the device's scope, deleted with all of their data.
//! - `transport.rs`: `Store::sync` over HTTP to the dealership's server.
//! - `outbox.rs`: the upload queue, read as the next upload.
//! - `queue.rs`: when the queue runs: from the first upload or download, which queues the
//!   book's rows as they stand.
//! - `contact_keys.rs`: the dealership's contact keys, hashed, for duplicate warnings offline.
//! - `claims.rs`: the managers' queue of duplicate claims on the server, online.

pub(crate) mod acknowledge;
pub(crate) mod apply;
pub(crate) mod applying;
#[cfg(feature = "http")]
pub(crate) mod claims;
pub(crate) mod columns;
pub(crate) mod contact_keys;
pub(crate) mod evict;
pub(crate) mod lost_writes;
pub(crate) mod outbox;
pub(crate) mod queue;
pub(crate) mod server_row;
pub(crate) mod snapshot;
pub(crate) mod state;
#[cfg(feature = "http")]
pub(crate) mod transport;
pub(crate) mod user;
pub(crate) mod values;
