//! The sales pipeline (销售漏斗): the stage a customer is at, the moves between stages
//! through `crm_core::apply`, lost and dormant requests (战败 / 休眠申请) that a manager
//! approves or rejects, and the stage history.
//!
//! - `moves.rs`: making a move, mirrored on the customer's row, and the actor's text rule.
//! - `history.rs`: the moves kept in `stage_moves` and the state replayed from them.
//! - `requests.rs`: the requests awaiting a manager.

pub(crate) mod history;
pub(crate) mod moves;
pub(crate) mod requests;
