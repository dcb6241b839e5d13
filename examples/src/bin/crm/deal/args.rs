//! The command line of deals: `crm deal new|list|show` (clap derive).

use clap::Subcommand;

/// `crm deal ...`.
#[derive(Debug, Subcommand)]
pub enum DealCommand {
    /// Open a new deal (新建销售机会) for a customer already in the book: a new lead in the
    /// funnel, shown on the customer's row.
    New {
        /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
        customer: String,
        /// Why it begins: repeat-purchase, replacement, referral, additional-car, new-lead
        /// (再购, 换购, 转介绍, 增购, 新线索).
        #[arg(long, value_name = "S", default_value = "repeat-purchase")]
        source: String,
        /// The consultant who works it (default: the customer's owner).
        #[arg(long, value_name = "CONSULTANT")]
        owner: Option<String>,
        /// Who opens it.
        #[arg(long, value_name = "CONSULTANT")]
        by: Option<String>,
    },
    /// A customer's deals, oldest first.
    List {
        /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
        customer: String,
    },
    /// One deal and its moves.
    Show {
        /// The deal's id.
        deal: String,
    },
}
