//! Sync (同步): `crm sync`, the book with the dealership's server.
//!
//! - `args.rs`: the clap definitions of `crm sync`.
//! - `run.rs`: `crm sync` (one sync, its summary).

pub mod args;
mod run;

pub use run::sync;
