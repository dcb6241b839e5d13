//! Sync (同步) with the dealership's server, for apps that bring their own transport: the
//! payloads are JSON text of the wire types in `crm_core::sync`, so an app sends and stores
//! them as they are.
//!
//! - [`download`]: the server's answers: `apply_download`, `acknowledge`, refused changes
//!   (`sync_rejections`, `dismiss_rejection`), the book's user (`sync_user`,
//!   `set_sync_user`).
//! - [`outbox`]: the upload queue: `device_id`, `pending_upload`, `pending_count`.

pub mod download;
pub(crate) mod outbox;
