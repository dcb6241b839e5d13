//! The command line of the sales pipeline: `crm stage`, the lost and dormant requests
//! (`lost`, `dormant`, `approve`, `reject`, `requests`) and `reopen` (clap derive).

use crate::term::flags::FieldFlag;
use clap::Args;

/// `crm stage`.
#[derive(Debug, Args)]
pub struct StageArgs {
    /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
    pub customer: String,
    /// Move forward to this stage: new-lead, contacted, invited, visited, test-driven,
    /// negotiating (ordered and delivered come with `crm order place` and `crm deliver`).
    /// Without it, show where the customer stands and their moves.
    pub stage: Option<String>,
    /// The consultant making the move.
    #[arg(long, value_name = "CONSULTANT")]
    pub by: Option<String>,
    /// The deal, when the customer has several open deals (`crm deal list`).
    #[arg(long, value_name = "DEAL")]
    pub deal: Option<String>,
}

/// `crm lost`.
#[derive(Debug, Args)]
pub struct LostArgs {
    /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
    pub customer: String,
    /// Why: price, competitor, elsewhere, postponed, budget, financing-refused,
    /// unreachable, other (价格, 竞品, 他店, 延期, 预算, 贷款未通过, 联系不上, 其他).
    #[arg(long, value_name = "R")]
    pub reason: String,
    /// The competitor bought (for `competitor`).
    #[arg(long, value_name = "C")]
    pub competitor: Option<String>,
    /// A note for the manager.
    #[arg(long, value_name = "N")]
    pub note: Option<String>,
    /// The consultant asking.
    #[arg(long, value_name = "CONSULTANT")]
    pub by: Option<String>,
    /// The deal, when the customer has several open deals (`crm deal list`).
    #[arg(long, value_name = "DEAL")]
    pub deal: Option<String>,
}

/// `crm dormant`.
#[derive(Debug, Args)]
pub struct DormantArgs {
    /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
    pub customer: String,
    /// Why: postponed, unreachable, budget, other (延期, 联系不上, 预算, 其他).
    #[arg(long, value_name = "R")]
    pub reason: String,
    /// A note for the manager.
    #[arg(long, value_name = "N")]
    pub note: Option<String>,
    /// Wake the customer up on this local date (唤醒日期, YYYY-MM-DD): once the sleep is
    /// approved, they are back on the agenda that day. Not before today, at most 730 days on.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub wake_on: Option<String>,
    /// The consultant asking.
    #[arg(long, value_name = "CONSULTANT")]
    pub by: Option<String>,
}

/// `crm approve`.
#[derive(Debug, Args)]
pub struct ApproveArgs {
    /// The customer whose request awaits a manager.
    pub customer: String,
    /// The approving manager.
    #[arg(long, value_name = "M")]
    pub manager: String,
    /// The deal, when the customer has several open deals (`crm deal list`).
    #[arg(long, value_name = "DEAL")]
    pub deal: Option<String>,
}

/// `crm reject`.
#[derive(Debug, Args)]
pub struct RejectArgs {
    /// The customer whose request awaits a manager.
    pub customer: String,
    /// The rejecting manager.
    #[arg(long, value_name = "M")]
    pub manager: String,
    /// Hand the customer to this consultant.
    #[arg(long, value_name = "CONSULTANT")]
    pub reassign_to: Option<String>,
    /// Why, for the consultant.
    #[arg(long, value_name = "N")]
    pub note: Option<String>,
}

/// `crm reopen`.
#[derive(Debug, Args)]
pub struct ReopenArgs {
    /// The lost or dormant customer.
    pub customer: String,
    /// Back at this stage (default contacted).
    #[arg(long, value_name = "STAGE")]
    pub to: Option<String>,
    /// Why.
    #[arg(long, value_name = "N")]
    pub note: Option<String>,
    /// The consultant reopening.
    #[arg(long, value_name = "CONSULTANT")]
    pub by: Option<String>,
}

/// `crm requests`.
#[derive(Debug, Args)]
pub struct RequestsArgs {
    /// Only this consultant's customers.
    #[arg(long, value_name = "ID")]
    pub owner: Option<String>,
}

/// The pipeline fields the options name otherwise (see `term/flags.rs`).
pub const FIELD_FLAGS: &[FieldFlag] = &[
    FieldFlag::new("reopen", "stage", "--to"),
    FieldFlag::new("approve", "by", "--manager"),
    FieldFlag::new("reject", "by", "--manager"),
];
