//! Deals (销售机会): one customer, many sales. Each deal moves through the pipeline on its
//! own; the customer-based pipeline calls act on the customer's one open deal.
//!
//! - [`source`]: `DealSource`, `DealStatus`.
//! - [`deals`]: `Deal`, `NewDeal`, `DealMove`, `DealRules`; `open_deal`, `deals_of`,
//!   `get_deal`, `move_deal`, `deal_rules`, `set_deal_rules`.
//! - [`report`]: `DealReport`; `deal_report`.

pub mod deals;
pub mod report;
pub mod source;
