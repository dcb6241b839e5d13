//! The managers' queue of duplicate claims (撞单) on the dealership's server:
//! `crm duplicates list|merge|reassign|dismiss`, online, with `--server` and `--token`.
//!
//! - `args.rs`: the clap definitions.
//! - `run.rs`: the commands and what they print.

pub mod args;
mod run;

pub use run::duplicates;
