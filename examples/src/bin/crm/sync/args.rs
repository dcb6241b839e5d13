//! The arguments of `crm sync`.

use clap::{Args, Subcommand};

/// `--server URL --token TOKEN`: a dealership server and this book's user on it.
#[derive(Debug, Args)]
pub struct SyncArgs {
    /// The dealership's server (`https://crm.example.com`; `http://` on the same machine or
    /// behind a proxy that adds TLS).
    #[arg(long, value_name = "URL")]
    pub server: String,
    /// The device token `crm-server user add` printed for this book's user.
    #[arg(long, value_name = "TOKEN")]
    pub token: String,
}

/// `crm sync --server URL --token TOKEN`, or `crm sync rejections|dismiss` (offline).
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct SyncCommandArgs {
    /// What to do with the changes the server refused, instead of syncing.
    #[command(subcommand)]
    pub command: Option<SyncCommand>,
    /// The dealership's server, as for every command that reaches it.
    #[arg(long, value_name = "URL", required = true)]
    pub server: Option<String>,
    /// This book's user's device token on it.
    #[arg(long, value_name = "TOKEN", required = true)]
    pub token: Option<String>,
}

/// `crm sync rejections|dismiss`: the changes the server refused, kept in the book until
/// dismissed.
#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// The changes the server refused (and accepted changes another device's later change
    /// replaced, and records set aside as duplicates), oldest first.
    Rejections,
    /// Forget one of them (its operation number, as `rejections` lists it).
    Dismiss {
        /// The operation number.
        op_id: u64,
    },
}
