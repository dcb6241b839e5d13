//! Deals (销售机会): one customer, many sales. A deal is one attempt to sell one car: it has
//! its own owner, source, stage and status, and the pipeline's state machine
//! ([`crate::pipeline::apply`]) moves it; there is no second state machine. A customer's
//! pipeline before deals existed is their first deal, whose id is the customer's own id.
//!
//! Files: `id` (the deal's id), `source` (why the deal began), `status` (open, won, lost,
//! dormant), `record` (the [`Deal`] record and the [`NewDeal`] input), `rules` (how many open
//! deals an owner may hold with one customer, and which deal a customer-based call acts on),
//! `error` (the refusals), `report` (deals opened, won and lost in a period by source; the
//! repeat-purchase rate and the years between purchases).

mod error;
mod id;
mod record;
mod report;
mod rules;
mod source;
mod status;

#[cfg(feature = "proptest")]
pub(crate) mod strategies;

pub use error::DealError;
pub use id::DealId;
pub use record::{Deal, NewDeal};
pub use report::{deal_report, DealFact, DealReport, DealSourceRow};
pub use rules::{check_can_open, deal_for_customer_call, DealRules};
pub use source::DealSource;
pub use status::DealStatus;
