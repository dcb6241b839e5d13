//! `crm customer export`: everything the book holds about one person (PIPL art. 45), as
//! the library's versioned JSON document, whatever `--json` says: the document is the
//! answer to the person's request, handed over as a file (`> 王芳.json`).

use crate::customer::resolve::customer_id;
use crate::database::open_for_reading;
use crate::exit::Failure;
use crate::term::output::Output;
use std::path::Path;

/// Prints customer `id`'s export.
pub fn export(db: &Path, id: &str) -> Result<(), Failure> {
    let store = open_for_reading(db)?;
    let export = store.export_customer(&customer_id(&store, id)?)?;
    Output { json: true }.print(&export, String::new)
}
