//! `crm order erased`: the orders of erased customers, kept for the dealership's accounts
//! without a link to anyone.

use crate::database::open_for_reading;
use crate::exit::Failure;
use crate::privacy::text;
use crate::term::output::Output;
use std::path::Path;

/// Prints the erased customers' orders, most recently erased first.
pub fn erased_orders(db: &Path, output: Output) -> Result<(), Failure> {
    let store = open_for_reading(db)?;
    let list = store.erased_orders()?;
    output.list(&list, None, || text::erased_orders(&list))
}
