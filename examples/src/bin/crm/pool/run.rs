//! `crm pool list|claim|rules`, `crm customer release`, `crm assign`.

use super::args::{AssignArgs, PoolCommand, ReleaseArgs};
use crate::customer::resolve::customer_id;
use crate::database::{open_existing, open_for_reading};
use crate::exit::Failure;
use crate::find::args::PageArgs;
use crate::find::text::customer_table;
use crate::term::output::Output;
use crm_core::CustomerId;
use std::path::Path;

/// Runs `crm pool ...`.
pub fn pool(db: &Path, command: &PoolCommand, output: Output) -> Result<(), Failure> {
    match command {
        PoolCommand::List { page } => list(db, page, output),
        PoolCommand::Claim { customer } => {
            let store = open_existing(db)?;
            let id = customer_id(&store, customer)?;
            let claimed = store.claim_customer(&id)?;
            output.print(&claimed, || {
                format!(
                    "claimed {} ({}); the server confirms at the next sync\n",
                    claimed.profile.name, claimed.id
                )
            })
        }
        PoolCommand::Rules => {
            let status = open_for_reading(db)?.pool_status()?;
            output.print(&status, || {
                let r = &status.rules;
                let levels: Vec<String> = r
                    .release_days_by_level
                    .iter()
                    .map(|l| format!("{:?} {} days", l.level, l.days))
                    .collect();
                format!(
                    "released after {} days without a follow-up{}, protected at most {} days\n\
                     claim back after {} hours; at most {} claims a day, {} customers held\n\
                     this book: {} claims in the last 24 hours, holding {}\n",
                    r.release_days,
                    if levels.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", levels.join(", "))
                    },
                    r.protection_cap_days,
                    r.reclaim_wait_hours,
                    r.daily_claim_limit,
                    r.hold_limit,
                    status.standing.claims.len(),
                    status.standing.holding
                )
            })
        }
    }
}

fn list(db: &Path, page: &PageArgs, output: Output) -> Result<(), Failure> {
    let store = open_for_reading(db)?;
    let after = page.after.as_deref().map(CustomerId::from);
    let found = store.pool_customers(page.limit, after.as_ref())?;
    let rows = &found.customers;
    output.list(rows, found.next_cursor.as_deref(), || {
        customer_table(rows, rows.len() as u64)
    })
}

/// Runs `crm customer release CUSTOMER [--reason R]`.
pub fn release(db: &Path, args: &ReleaseArgs, output: Output) -> Result<(), Failure> {
    let store = open_existing(db)?;
    let id = customer_id(&store, &args.customer)?;
    let released = store.release_customer(&id, args.reason.as_deref())?;
    output.print(&released, || {
        format!(
            "released {} ({}) to the pool\n",
            released.profile.name, released.id
        )
    })
}

/// Runs `crm assign CUSTOMER --to USER`.
pub fn assign(db: &Path, args: &AssignArgs, output: Output) -> Result<(), Failure> {
    let store = open_existing(db)?;
    let id = customer_id(&store, &args.customer)?;
    let assigned = store.assign_customer(&id, &args.to)?;
    output.print(&assigned, || {
        format!(
            "assigned {} ({}) to {}\n",
            assigned.profile.name, assigned.id, args.to
        )
    })
}
