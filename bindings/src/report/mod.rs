//! Reports managers read (报表), as records for the app's charts.
//!
//! Every report covers a `ReportPeriod` `[from, to)`, optionally one consultant, and
//! optionally a `CustomerFilter` (`customers`) narrowing the customers it reads.
//! Percentages are basis points (`10_000` = 100 %; shares of a whole add up to exactly
//! `10_000`), medians are days (minutes for first response) and `null` when there is nothing
//! to take the median of, money is fen.
//!
//! - [`period`]: the period a report covers, `ReportPeriod`.
//! - [`funnel`]: the conversion funnel (销售漏斗): `FunnelReport`, `FunnelRow`.
//! - [`channels`]: channel effectiveness (渠道效果): `ChannelReport`, `ChannelRow`.
//! - [`lost`]: lost analysis (战败分析): `LostReport`, `LostReasonRow`, `CompetitorRow`.
//! - [`consultants`]: consultant activity (顾问工作量): `ConsultantRow`.
//! - [`intent_levels`]: the intent level distribution (意向级别): `IntentReport`,
//!   `IntentLevelRow`, `IntentMoveRow`.

pub mod channels;
pub mod consultants;
pub mod funnel;
pub mod intent_levels;
pub mod lost;
pub mod period;
