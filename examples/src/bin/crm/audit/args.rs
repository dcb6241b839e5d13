//! The command line of who did what (clap derive).

use clap::Args;

/// `crm deletions`.
#[derive(Debug, Args)]
pub struct DeletionsArgs {
    /// At most this many entries (1 to 10000).
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: u32,
    /// Continue after this cursor (the `next:` line of the previous page).
    #[arg(long, value_name = "CURSOR", conflicts_with = "team")]
    pub after: Option<String>,
    /// The team's deletions as the server holds them (every device of the team; a
    /// manager's or an admin's token), newest first, instead of this book's own log.
    #[arg(long, requires_all = ["server", "token"])]
    pub team: bool,
    /// The dealership's server, with `--team`.
    #[arg(long, value_name = "URL")]
    pub server: Option<String>,
    /// The device token of the book's user, with `--team`.
    #[arg(long, value_name = "TOKEN")]
    pub token: Option<String>,
}
