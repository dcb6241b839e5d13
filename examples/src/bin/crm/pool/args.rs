//! The arguments of `crm pool ...`, `crm customer release`, `crm assign` and `crm transfer`.

use crate::find::args::PageArgs;
use clap::{ArgGroup, Args, Subcommand};

/// `crm pool ...`.
#[derive(Debug, Subcommand)]
pub enum PoolCommand {
    /// The pool's customers as the last sync showed them (masked for a consultant), oldest
    /// first.
    List {
        /// Which page.
        #[command(flatten)]
        page: PageArgs,
    },
    /// Claim a pool customer (领取): refused before it is tried when the team's rules say
    /// no (the wait after a release, the daily limit, the hold limit); the server settles
    /// who was first at the next sync.
    Claim {
        /// The customer: an id, an id prefix (6+ characters), or a name that names one.
        customer: String,
    },
    /// The team's pool rules and this book's standing under them (as of the last sync).
    Rules,
}

/// `crm customer release CUSTOMER [--reason R]`.
#[derive(Debug, Args)]
pub struct ReleaseArgs {
    /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
    pub customer: String,
    /// Why, kept in the customer's timeline.
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
}

/// `crm assign CUSTOMER --to USER`.
#[derive(Debug, Args)]
pub struct AssignArgs {
    /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
    pub customer: String,
    /// The consultant who gets the customer (their user id).
    #[arg(long, value_name = "USER")]
    pub to: String,
}

/// `crm transfer --to USER (--customer ID ... | --view V | --all-of USER) --server URL
/// --token TOKEN`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("which").required(true).args(["customer", "view", "all_of"])))]
pub struct TransferArgs {
    /// The consultant who gets the customers (their user id).
    #[arg(long, value_name = "USER")]
    pub to: String,
    /// A customer to transfer (repeat for more).
    #[arg(long, value_name = "CUSTOMER")]
    pub customer: Vec<String>,
    /// Every customer a saved view shows now (its name or id).
    #[arg(long, value_name = "VIEW")]
    pub view: Option<String>,
    /// Every customer this user holds on the server.
    #[arg(long, value_name = "USER")]
    pub all_of: Option<String>,
    /// The dealership's server (as for `crm sync`).
    #[arg(long, value_name = "URL")]
    pub server: String,
    /// This book's user's device token (a manager's).
    #[arg(long, value_name = "TOKEN")]
    pub token: String,
}
