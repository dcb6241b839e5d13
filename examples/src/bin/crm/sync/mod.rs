//! Sync (同步): `crm sync`, the book with the dealership's server.
//!
//! - `args.rs`: the clap definitions of `crm sync`.
//! - `run.rs`: `crm sync` (one sync, its summary).
//! - `rejections.rs`: `crm sync rejections|dismiss` (what the server refused, kept in the
//!   book until dismissed).

pub mod args;
mod rejections;
mod run;

pub use run::sync;
