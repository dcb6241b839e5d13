//! The public pool (公海): customers without an owner, which consultants claim (领取) first
//! come, first served, and to which the server releases (回收) the customers their owner did
//! not follow up in time. The rules are data, one set per team ([`PoolRules`]), kept by the
//! server and sent to the devices, so a device refuses a claim the server would refuse
//! before it is even tried.
//!
//! Files: `rules` (the team's rules and their bounds), `release` (when a held customer goes
//! back to the pool), `claim` (whether a consultant may claim one now, and the reasons
//! they may not), `status` (the rules and a user's standing, as the server sends them),
//! `transfer` (a manager's transfer of customers to another consultant, on the wire).

mod claim;
mod release;
mod rules;
mod status;
mod transfer;

pub use claim::{check_claim, ClaimRefusal, ClaimStanding, RecentRelease, CLAIM_WINDOW_HOURS};
pub use release::{release_at, release_reason, HeldCustomer};
pub use rules::{LevelDays, PoolRules};
pub use status::PoolStatus;
pub use transfer::{TransferRefusal, TransferRequest, TransferResult, MAX_TRANSFER};
