//! `crm transfer`: a manager gives customers to another consultant, through the server at
//! once (one transaction there), then the book syncs.

use super::args::TransferArgs;
use crate::customer::resolve::customer_id;
use crate::database::open_existing;
use crate::exit::Failure;
use crate::find::find_view;
use crate::term::output::Output;
use crm_core::pool::TransferRequest;
use std::path::Path;

/// Runs `crm transfer --to USER (--customer ID ... | --view V | --all-of USER)`.
pub fn transfer(db: &Path, args: &TransferArgs, output: Output) -> Result<(), Failure> {
    let store = open_existing(db)?;
    let customers = match &args.view {
        Some(view) => {
            let view = find_view(&store, view)?;
            store
                .view_customer_ids(&view.id)?
                .into_iter()
                .map(|id| id.as_str().to_owned())
                .collect()
        }
        None => args
            .customer
            .iter()
            .map(|c| customer_id(&store, c).map(|id| id.as_str().to_owned()))
            .collect::<Result<Vec<_>, _>>()?,
    };
    let request = TransferRequest {
        to: args.to.clone(),
        customers,
        all_of: args.all_of.clone(),
    };
    let result = store.transfer_customers(&args.server, &args.token, &request)?;
    output.print(&result, || {
        let mut text = format!(
            "transferred {} customers to {} ({} already theirs)\n",
            result.transferred, args.to, result.unchanged
        );
        for r in &result.refused {
            text.push_str(&format!("refused: {}: {}\n", r.customer_id, r.reason));
        }
        text
    })
}
