//! Facet counts: how many of the customers a filter matches have each channel, tag,
//! importance, owner and online platform. The `--json` output of `customer list --facets`.

use crate::exit::Failure;
use crm_core::CustomerFilter;
use crm_store::{FacetCount, Store};
use serde::Serialize;

/// One value of a dimension and its customers.
#[derive(Debug, Serialize)]
pub struct Facet {
    /// A channel kind, a tag, an importance code, an owner id, a platform.
    pub value: String,
    /// How many matching customers have it.
    pub count: u64,
}

/// The facet counts of one filter.
#[derive(Debug, Serialize)]
pub struct FacetReport {
    /// Customers matching the filter.
    pub customers: u64,
    /// Per source channel kind, most first.
    pub channels: Vec<Facet>,
    /// Per tag, most first (the top 30).
    pub tags: Vec<Facet>,
    /// Per importance: normal, important, key (those present).
    pub importance: Vec<Facet>,
    /// Per owning consultant, most first; customers without an owner are not in it.
    pub owners: Vec<Facet>,
    /// Per online platform among online leads, most first.
    pub platforms: Vec<Facet>,
}

fn facets(counts: Vec<FacetCount>) -> Vec<Facet> {
    counts
        .into_iter()
        .map(|FacetCount { value, count }| Facet { value, count })
        .collect()
}

impl FacetReport {
    /// Reads the counts of `filter` (already validated) from `store`.
    pub fn load(store: &Store, filter: &CustomerFilter) -> Result<FacetReport, Failure> {
        let customers = store.count_matching(filter)?;
        let f = store.facet_counts(filter)?;
        Ok(FacetReport {
            customers,
            channels: facets(f.channels),
            tags: facets(f.tags),
            importance: facets(f.importance),
            owners: facets(f.owners),
            platforms: facets(f.platforms),
        })
    }

    /// Matching customers without an owner.
    pub fn unassigned(&self) -> u64 {
        let owned: u64 = self.owners.iter().map(|o| o.count).sum();
        self.customers.saturating_sub(owned)
    }
}
