//! Reports managers read (报表), as pure computations over in-memory [`CustomerFacts`]: the
//! reference a store's SQL is checked against, and usable on their own for a small book.
//!
//! Every report covers a [`ReportPeriod`] `[from, to)`, optionally one consultant (matched
//! against the customer's current owner; follow-ups against whoever made them). "As of `to`"
//! means after everything strictly before `to`.
//!
//! - [`funnel_report`] and [`channel_report`] follow a **cohort**: the customers created in
//!   the period, each counted at every stage they got to before `to`, and counted as having
//!   *reached* a stage only where a record shows it happened ([`recorded_stages`]: visits
//!   done, invitations and appointments, orders, deliveries, the stage a pipeline move
//!   lands on), as having *skipped* it where a jump carried them past it.
//! - [`lost_report`] counts the lost approvals made in the period.
//! - [`consultant_report`] counts what happened in the period, per consultant, with the
//!   first response measured from each lead's assignment against the dealership's deadline.
//! - [`intent_report`] takes the levels as of `from` and as of `to`.
//!
//! Percentages are basis points (`u32`, 10,000 = 100 %, see [`percent_bp`], [`shares_bp`]:
//! shares of a whole add up to exactly 10,000); medians are `Option<f64>` (days, or minutes
//! for first response), `None` when there is nothing to take the median of; money is `i64`
//! fen.
//!
//! Files: `facts` (the input), `funnel`, `channels`, `lost`, `consultants`, `intents` (one
//! report each), `stage_records` (which stages a record shows were reached), `percent`,
//! `median`.

mod channels;
mod consultants;
mod facts;
mod funnel;
mod intents;
mod lost;
mod median;
mod percent;
mod stage_records;

pub use channels::{channel_report, ChannelReport, ChannelRow, ChannelTally, TOTAL_CHANNEL};
pub use consultants::{consultant_report, ConsultantRow};
pub use facts::{
    CustomerFacts, FollowUpFact, IntentChangeFact, OrderFact, ReportPeriod, VisitFact,
};
pub use funnel::{funnel_report, FunnelReport, FunnelRow, FunnelTally};
pub use intents::{intent_report, IntentLevelRow, IntentMoveRow, IntentReport};
pub use lost::{lost_report, CompetitorRow, LostReasonRow, LostReport};
pub use median::median;
pub use percent::{percent_bp, shares_bp};
pub use stage_records::{days_between_ms, recorded_stages, stage_progress};
