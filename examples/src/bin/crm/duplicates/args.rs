//! The arguments of `crm duplicates`.

use crate::sync::args::SyncArgs;
use clap::{Args, Subcommand};

/// `crm duplicates ...`: the duplicate claims of the manager's team.
#[derive(Debug, Subcommand)]
pub enum DuplicatesCommand {
    /// The open claims of your team (an admin: all), oldest first: each record set aside
    /// because another customer has its phone or WeChat id, and who keeps that customer.
    List(SyncArgs),
    /// Merges claim ID's record into the owner's customer (the histories of both kept).
    Merge(ClaimArgs),
    /// Merges claim ID's record into the owner's customer and gives it to the claimant.
    Reassign(ClaimArgs),
    /// Closes claim ID; its record stays set aside.
    Dismiss(ClaimArgs),
}

/// One claim, on one server.
#[derive(Debug, Args)]
pub struct ClaimArgs {
    /// The claim's id (`crm duplicates list`).
    pub id: u64,
    #[command(flatten)]
    pub server: SyncArgs,
}
