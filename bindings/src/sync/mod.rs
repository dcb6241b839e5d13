//! Sync (同步) with the dealership's server, for apps that bring their own transport: the
//! payloads are JSON text of the wire types in `crm_core::sync`, so an app sends and stores
//! them as they are.
//!
//! - [`outbox`]: the upload queue: `device_id`, `pending_upload`, `pending_count`.

pub(crate) mod outbox;
