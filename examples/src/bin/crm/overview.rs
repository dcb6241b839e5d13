//! The overview of a customer book: how many customers, from which channels, how important,
//! whose, with which tags, and the newest ones. Serialised as the `--json` output of
//! `crm overview` and `crm demo`.

use crate::database::open_existing;
use crate::exit::Failure;
use crate::output::Output;
use crate::text;
use chrono::{DateTime, Utc};
use crm_core::{Code, CustomerFilter, CustomerId, Importance, SourceChannel};
use crm_examples::generator::consultant_name;
use crm_store::{FacetCount, ListQuery, Store};
use serde::Serialize;
use std::path::Path;

/// How many tags the overview ranks.
const TOP_TAGS: usize = 10;
/// How many of the newest customers it shows.
const NEWEST: u32 = 5;

/// The overview of one database.
#[derive(Debug, Serialize)]
pub struct Overview {
    /// The database file.
    pub database: String,
    /// Active customers; every share below is of these.
    pub customers: u64,
    /// Archived customers (not in the shares).
    pub archived: u64,
    /// By source channel, largest first; online platforms broken down.
    pub by_source: Vec<SourceShare>,
    /// By importance: normal, important, key.
    pub by_importance: Vec<ImportanceShare>,
    /// By owning consultant; `owner: null` is unassigned.
    pub by_owner: Vec<OwnerShare>,
    /// The most used tags.
    pub top_tags: Vec<TagShare>,
    /// The newest customers.
    pub newest: Vec<NewestCustomer>,
}

/// Customers from one source channel.
#[derive(Debug, Serialize)]
pub struct SourceShare {
    /// The channel kind (`showroom_walk_in`, `online_platform` ...).
    pub channel: String,
    /// How many.
    pub count: u64,
    /// Per cent of active customers, one decimal.
    pub percent: f64,
    /// For `online_platform`: the platforms.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub platforms: Vec<PlatformShare>,
}

/// Online leads from one platform.
#[derive(Debug, Serialize)]
pub struct PlatformShare {
    /// The platform (汽车之家 ...).
    pub platform: String,
    /// How many.
    pub count: u64,
    /// Per cent of active customers.
    pub percent: f64,
}

/// Customers of one importance.
#[derive(Debug, Serialize)]
pub struct ImportanceShare {
    /// The importance.
    pub importance: Importance,
    /// How many.
    pub count: u64,
    /// Per cent of active customers.
    pub percent: f64,
}

/// Customers of one consultant.
#[derive(Debug, Serialize)]
pub struct OwnerShare {
    /// The consultant's id; `None` for unassigned customers.
    pub owner: Option<String>,
    /// The consultant's name, when known.
    pub name: Option<&'static str>,
    /// How many.
    pub count: u64,
    /// Per cent of active customers.
    pub percent: f64,
}

/// Customers carrying one tag.
#[derive(Debug, Serialize)]
pub struct TagShare {
    /// The tag.
    pub tag: String,
    /// How many.
    pub count: u64,
    /// Per cent of active customers.
    pub percent: f64,
}

/// One of the newest customers.
#[derive(Debug, Serialize)]
pub struct NewestCustomer {
    /// The id.
    pub id: CustomerId,
    /// Name.
    pub name: String,
    /// The primary contact as typed.
    pub primary_contact: Option<String>,
    /// Where they came from.
    pub source: SourceChannel,
    /// The owning consultant.
    pub owner: Option<String>,
    /// When the record was created.
    pub created_at: DateTime<Utc>,
}

/// `part` of `whole` in per cent, one decimal.
fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        return 0.0;
    }
    (part as f64 * 1000.0 / whole as f64).round() / 10.0
}

impl Overview {
    /// Reads the overview of the open `store`.
    pub fn load(store: &Store) -> Result<Overview, Failure> {
        let active = CustomerFilter::default();
        let total = store.count_matching(&active)?;
        let archived = store.count_customers(true)? - total;
        let facets = store.facet_counts(&active)?;

        let mut platforms = Some(
            facets
                .platforms
                .into_iter()
                .map(|FacetCount { value, count }| PlatformShare {
                    platform: value,
                    count,
                    percent: percent(count, total),
                })
                .collect::<Vec<_>>(),
        );
        let by_source = facets
            .channels
            .into_iter()
            .map(|FacetCount { value, count }| SourceShare {
                platforms: match value.as_str() {
                    "online_platform" => platforms.take().unwrap_or_default(),
                    _ => Vec::new(),
                },
                channel: value,
                count,
                percent: percent(count, total),
            })
            .collect();
        let by_importance = facets
            .importance
            .into_iter()
            .filter_map(|FacetCount { value, count }| {
                Some(ImportanceShare {
                    importance: Importance::from_code(&value)?,
                    count,
                    percent: percent(count, total),
                })
            })
            .collect();
        // Consultants in id order, then the customers without one (the facet leaves them out).
        let mut owners = facets.owners;
        owners.sort_by(|a, b| a.value.cmp(&b.value));
        let unassigned = total.saturating_sub(owners.iter().map(|o| o.count).sum());
        let by_owner = owners
            .into_iter()
            .map(|FacetCount { value, count }| (Some(value), count))
            .chain((unassigned > 0).then_some((None, unassigned)))
            .map(|(owner, count)| OwnerShare {
                name: owner.as_deref().and_then(consultant_name),
                owner,
                count,
                percent: percent(count, total),
            })
            .collect();
        let top_tags = facets
            .tags
            .into_iter()
            .take(TOP_TAGS)
            .map(|FacetCount { value, count }| TagShare {
                tag: value,
                count,
                percent: percent(count, total),
            })
            .collect();
        Ok(Overview {
            database: store.path().display().to_string(),
            customers: total,
            archived,
            by_source,
            by_importance,
            by_owner,
            top_tags,
            newest: newest(store)?,
        })
    }
}

/// Runs `crm overview`.
pub fn run(db: &Path, output: Output) -> Result<(), Failure> {
    let store = open_existing(db)?;
    let overview = Overview::load(&store)?;
    output.print(&overview, || text::overview(&overview))
}

/// The newest active customers, with their channel (which summaries do not carry).
fn newest(store: &Store) -> Result<Vec<NewestCustomer>, Failure> {
    let page = store.list_customers(&ListQuery {
        limit: NEWEST,
        ..ListQuery::default()
    })?;
    page.customers
        .iter()
        .map(|summary| {
            let customer = store.get_customer(&summary.id)?;
            Ok(NewestCustomer {
                id: customer.id,
                name: customer.profile.name,
                primary_contact: summary.primary_contact.as_ref().map(|c| c.value.clone()),
                source: customer.profile.source,
                owner: customer.profile.owner,
                created_at: customer.created_at,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn percentages_round_to_one_decimal() {
        assert_eq!(percent(1, 3), 33.3);
        assert_eq!(percent(2, 3), 66.7);
        assert_eq!(percent(0, 0), 0.0);
    }
}
