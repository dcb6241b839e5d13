//! `crm customer list`: a filtered, sorted page of customers, or how many match, or their
//! facet counts.

use crate::database::open_for_reading;
use crate::exit::Failure;
use crate::find::args::ListArgs;
use crate::find::facets::FacetReport;
use crate::find::{filter, text};
use crate::term::output::Output;
use crate::term::{cursor, input};
use crm_core::CustomerFilter;
use crm_store::{CustomerPage, CustomerQuery, Store, MAX_PAGE_SIZE};
use std::path::Path;

/// The `limit` rule, as the store words it.
const EXPECTED_LIMIT: &str = "a page size from 1 to 10000";

/// Runs `crm customer list`.
pub fn list(db: &Path, args: &ListArgs, output: Output) -> Result<(), Failure> {
    // Every option is checked before the database is opened.
    let filter = filter::filter(&args.filter)?;
    let sort = filter::sort(&args.sort);
    let limit = input::limit(args.page.limit, MAX_PAGE_SIZE, EXPECTED_LIMIT)?;
    let cursor = args.page.after.as_deref().map(cursor::decode).transpose()?;
    let store = open_for_reading(db)?;
    if args.count {
        let count = store.count_matching(&filter)?;
        return output.print(&serde_json::json!({ "count": count }), || {
            format!("{count}\n")
        });
    }
    if args.facets {
        let report = FacetReport::load(&store, &filter)?;
        return output.print(&report, || text::facets(&report));
    }
    let page = store.query_customers(&CustomerQuery {
        filter: filter.clone(),
        sort,
        limit,
        cursor,
    })?;
    print_page(&store, &filter, &page, output)
}

/// Checks a page size and decodes a cursor for `view run`, like `customer list` does.
pub fn page_options(limit: u32, after: Option<&str>) -> Result<(u32, Option<String>), Failure> {
    Ok((
        input::limit(limit, MAX_PAGE_SIZE, EXPECTED_LIMIT)?,
        after.map(cursor::decode).transpose()?,
    ))
}

/// Prints a page of the customers `filter` matches: `{"items", "next"}`, or a table with
/// how many match in all (then, when there is more, the `next:` cursor on stderr).
pub fn print_page(
    store: &Store,
    filter: &CustomerFilter,
    page: &CustomerPage,
    output: Output,
) -> Result<(), Failure> {
    let rows = &page.customers;
    output.list(rows, page.next_cursor.as_deref(), || {
        let total = store.count_matching(filter).unwrap_or(rows.len() as u64);
        text::customer_table(rows, total)
    })
}
