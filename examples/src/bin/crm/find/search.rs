//! `crm search`: quick search (快速查找), best matches first, each with how it matched.

use crate::database::open_for_reading;
use crate::exit::Failure;
use crate::find::args::SearchArgs;
use crate::find::text;
use crate::term::input;
use crate::term::output::Output;
use crm_core::search::{MatchTier, SearchQuery};
use crm_core::CustomerSummary;
use crm_store::{SearchOptions, MAX_SEARCH_LIMIT};
use serde::Serialize;
use std::path::Path;

/// One hit: the customer's summary (the fields of a `customer list` row) and its tier.
#[derive(Debug, Serialize)]
pub struct Hit {
    /// `exact` (a whole name, pinyin, number or handle), `prefix` or `substring`.
    pub tier: &'static str,
    /// The customer.
    #[serde(flatten)]
    pub customer: CustomerSummary,
}

fn tier_name(tier: MatchTier) -> &'static str {
    match tier {
        MatchTier::Exact => "exact",
        MatchTier::Prefix => "prefix",
        MatchTier::Substring => "substring",
    }
}

/// Runs `crm search`.
pub fn search(db: &Path, args: &SearchArgs, output: Output) -> Result<(), Failure> {
    let limit = input::limit(args.limit, MAX_SEARCH_LIMIT, "a limit from 1 to 200")?;
    SearchQuery::parse(&args.query)?;
    let store = open_for_reading(db)?;
    let hits: Vec<Hit> = store
        .search_customers(
            &args.query,
            &SearchOptions {
                limit,
                include_archived: args.archived,
            },
        )?
        .into_iter()
        .map(|hit| Hit {
            tier: tier_name(hit.tier),
            customer: hit.customer,
        })
        .collect();
    output.list(&hits, None, || text::search_table(&hits))
}
