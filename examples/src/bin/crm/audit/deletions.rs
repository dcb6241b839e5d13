//! `crm deletions`: the customers deleted or merged away on this book, newest first, paged;
//! with `--team`, those of the user's team as the server holds them (online).

use crate::audit::args::DeletionsArgs;
use crate::audit::text;
use crate::database::open_for_reading;
use crate::exit::Failure;
use crate::term::output::Output;
use crate::term::{cursor, input};
use std::path::Path;

/// Runs `crm deletions`.
pub fn deletions(db: &Path, args: &DeletionsArgs, output: Output) -> Result<(), Failure> {
    if let (true, Some(server), Some(token)) = (args.team, &args.server, &args.token) {
        let limit = input::limit(args.limit, 1000, "a page size from 1 to 1000")?;
        let store = open_for_reading(db)?;
        let list = store.team_deletions(server, token, limit)?;
        let zone = store.settings()?.zone;
        return output.list(&list, None, || text::deletions(&list, &zone));
    }
    let limit = input::limit(args.limit, 10_000, "a page size from 1 to 10000")?;
    let after = args.after.as_deref().map(cursor::decode).transpose()?;
    let store = open_for_reading(db)?;
    let page = store.deletions(limit, after.as_deref())?;
    let zone = store.settings()?.zone;
    output.list(&page.deletions, page.next_cursor.as_deref(), || {
        text::deletions(&page.deletions, &zone)
    })
}
