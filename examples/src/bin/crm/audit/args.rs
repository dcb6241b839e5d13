//! The command line of who did what (clap derive).

use clap::Args;

/// `crm deletions`.
#[derive(Debug, Args)]
pub struct DeletionsArgs {
    /// At most this many entries (1 to 10000).
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: u32,
    /// Continue after this cursor (the `next:` line of the previous page).
    #[arg(long, value_name = "CURSOR")]
    pub after: Option<String>,
}
