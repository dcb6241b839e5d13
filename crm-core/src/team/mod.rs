//! The team's rules (团队规则): who may do what in a dealership's shared book.
//!
//! A book that never synced has one local user who may do everything. A synced book knows
//! its user and their role ([`crate::sync::SyncUser`]): the store refuses, before writing,
//! what the role does not allow, and the server refuses it again (a device can be
//! tampered with; the server is the judge). Both ask the same table, [`allows`].
//!
//! Files: `permission` (the actions that need a role, and the table), `forbidden` (the
//! refusal, and the checks the store runs).

mod forbidden;
mod permission;

pub use forbidden::{authorize, check_actor, check_erase, check_new_owner, Forbidden};
pub use permission::{allows, needed_for_move, Permission};
