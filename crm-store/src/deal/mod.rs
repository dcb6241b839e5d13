//! Deals (销售机会) on disk: a customer's deals in `deals`, each moved through the pipeline by
//! its own moves in `stage_moves`; the customer's row shows their current deal.
//!
//! - `rows.rs`: reading deals, a customer's open deals, which deal a customer call acts on.
//! - `open.rs`: opening a new deal for a customer already in the book.
//! - `current.rs`: the customer's current deal after a move, mirrored on their row.
//! - `rules.rs`: the team's deal rules (a settings row).
//! - `report.rs`: the deals report.

pub(crate) mod current;
pub(crate) mod open;
pub(crate) mod report;
pub(crate) mod rows;
pub(crate) mod rules;
