//! `crm customer erase`: a customer and all of their personal data removed from the book
//! and from its files' bytes, a tombstone with the reason kept.

use crate::customer::resolve::customer_id;
use crate::database::open_existing;
use crate::exit::Failure;
use crate::privacy::args::EraseArgs;
use crate::privacy::text;
use crate::term::output::Output;
use serde::Serialize;
use std::path::Path;

/// `crm customer erase` as JSON.
#[derive(Serialize)]
struct Erased<'a> {
    erased: &'a str,
    orders_kept: u32,
    file_cleaned: bool,
}

/// Runs `crm customer erase`.
pub fn erase(db: &Path, args: &EraseArgs, output: Output) -> Result<(), Failure> {
    // Checked before the database is opened.
    crm_core::privacy::erasure_reason(&args.reason)?;
    let store = open_existing(db)?;
    let id = customer_id(&store, &args.id)?;
    let erasure = store.erase_customer(&id, &args.reason)?;
    let json = Erased {
        erased: erasure.customer_id.as_str(),
        orders_kept: erasure.orders_kept,
        file_cleaned: erasure.file_cleaned,
    };
    output.print(&json, || text::erasure(&erasure))
}
