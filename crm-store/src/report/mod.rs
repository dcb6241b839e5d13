//! Reports managers read (报表): the figures of `crm_core::report` for a period, from the
//! book: the conversion funnel (销售漏斗), channel effectiveness (渠道效果), losses
//! (战败分析), consultants' activity (顾问工作量) and intent levels (意向级别).
//!
//! - `reports.rs`: the report methods of the store.
//! - `fast.rs`: the funnel and the channel table straight from the customers' stage and
//!   pipeline columns, through the tallies the core's reports use.
//! - `facts.rs`: the facts of the customers a report concerns, for the lost, consultant
//!   and intent reports (run through `crm_core`'s pure functions) and for
//!   [`crate::Store::load_report_facts`], the straightforward way the tests check the fast path
//!   against.
//!
//! A period's customer filter (`ReportPeriod::customers`) is compiled as the customer list
//! compiles it and ANDed to each report's choice of customers; without one the queries are
//! exactly the unfiltered ones (no extra condition, archived customers included).

pub(crate) mod facts;
pub(crate) mod fast;
pub(crate) mod reports;
