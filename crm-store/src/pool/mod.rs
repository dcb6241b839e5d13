//! The public pool (公海) on the device: the pool's customers as the last sync showed them
//! (masked for a consultant), claims (领取) checked against the team's rules before they are
//! tried, releases (退回公海) with their reason in the timeline, a manager's assignments
//! (分配), and a manager's transfers (转移) through the server.
//!
//! - `status.rs`: the team's rules and the user's standing, as the last sync brought them.
//! - `list.rs`: the pool's customers, a page at a time.
//! - `owner.rs`: claim, release, assign: owner changes queued for the next upload.
//! - `transfer.rs`: a transfer sent to the server at once (online), and the customers a
//!   saved view selects.

pub(crate) mod list;
pub(crate) mod owner;
pub(crate) mod status;
#[cfg(feature = "http")]
pub(crate) mod transfer;
