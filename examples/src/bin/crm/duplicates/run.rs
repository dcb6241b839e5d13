//! `crm duplicates`: the queue listed, a claim settled. A consultant is refused: before
//! asking when the book synced as one (exit code 7), else by the server (exit code 6).

use super::args::DuplicatesCommand;
use crate::database::open_existing;
use crate::exit::Failure;
use crate::term::output::Output;
use crm_core::sync::{ClaimResolution, DuplicateClaim};
use crm_core::Code;
use std::fmt::Write;
use std::path::Path;

/// One claim as a line: id, the claim's customer and consultant, who keeps the customer.
fn line(c: &DuplicateClaim) -> String {
    let owner = match (&c.owner, &c.owner_name) {
        (Some(id), Some(name)) => format!("{name} ({id})"),
        (Some(id), None) => id.clone(),
        (None, _) => "the pool (公海)".to_owned(),
    };
    format!(
        "#{} {} by {} ({}): {} {} is {}'s customer [{}]",
        c.id,
        c.customer_name,
        c.claimant_name,
        c.claimant,
        c.contact_kind,
        c.owner_customer_name,
        owner,
        c.status.code()
    )
}

/// Runs `crm duplicates ...`.
pub fn duplicates(db: &Path, command: &DuplicatesCommand, output: Output) -> Result<(), Failure> {
    let store = open_existing(db)?;
    let (args, resolution) = match command {
        DuplicatesCommand::List(server) => {
            let claims = store.duplicate_claims(&server.server, &server.token)?;
            return output.list(&claims, None, || {
                let mut text = String::new();
                for c in &claims {
                    let _ = writeln!(text, "{}", line(c));
                }
                if claims.is_empty() {
                    text.push_str("No open duplicate claims.\n");
                }
                text
            });
        }
        DuplicatesCommand::Merge(args) => (args, ClaimResolution::Merge),
        DuplicatesCommand::Reassign(args) => (args, ClaimResolution::Reassign),
        DuplicatesCommand::Dismiss(args) => (args, ClaimResolution::Dismiss),
    };
    let settled = store.resolve_duplicate_claim(
        &args.server.server,
        &args.server.token,
        args.id,
        resolution,
    )?;
    output.print(&settled, || format!("{}\n", line(&settled)))
}
