//! `crm timeline`: a customer's history (客户历史), newest first, paged.

use crate::customer::resolve::customer_id;
use crate::database::open_for_reading;
use crate::exit::Failure;
use crate::follow_up::args::TimelineArgs;
use crate::follow_up::timeline_text;
use crate::term::output::Output;
use crate::term::{cursor, input};
use std::path::Path;

/// Runs `crm timeline`.
pub fn timeline(db: &Path, args: &TimelineArgs, output: Output) -> Result<(), Failure> {
    let limit = input::limit(args.limit, 10_000, "a page size from 1 to 10000")?;
    let after = args.after.as_deref().map(cursor::decode).transpose()?;
    let store = open_for_reading(db)?;
    let id = customer_id(&store, &args.customer)?;
    let page = store.timeline(&id, limit, after.as_deref())?;
    let zone = store.settings()?.zone;
    output.list(&page.records, page.next_cursor.as_deref(), || {
        timeline_text::timeline(&page.records, &zone)
    })
}
