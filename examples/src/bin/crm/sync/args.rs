//! The arguments of `crm sync`.

use clap::Args;

/// `crm sync --server URL --token TOKEN`.
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
