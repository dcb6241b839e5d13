//! Listing customers: a filter, a sort, keyset pages of summaries, counts and facets.

use crate::customer::rows::{contact_from_row, importance};
use crate::db::rows::code;
use crate::db::time::from_millis;
use crate::error::{Result, StoreError};
use crate::find::filter_sql::{compile, Conditions};
use crate::store::Store;
use crm_core::{
    ArchivedFilter, CustomerFilter, CustomerId, CustomerSummary, DealershipZone, Gender, Rule,
    Sort, SortKey, ValidationError,
};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Row};

/// The most summaries one page may hold.
pub const MAX_PAGE_SIZE: u32 = 10_000;

/// The simple list: newest first, archived customers only when asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListQuery {
    /// Include archived customers.
    pub include_archived: bool,
    /// At most this many (1 to [`MAX_PAGE_SIZE`]).
    pub limit: u32,
    /// Continue after this cursor (from the previous page's `next_cursor`).
    pub cursor: Option<String>,
}

impl Default for ListQuery {
    fn default() -> Self {
        ListQuery {
            include_archived: false,
            limit: 50,
            cursor: None,
        }
    }
}

/// A filtered, sorted list request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerQuery {
    /// Which customers.
    pub filter: CustomerFilter,
    /// In which order.
    pub sort: Sort,
    /// At most this many (1 to [`MAX_PAGE_SIZE`]).
    pub limit: u32,
    /// Continue after this cursor (from the previous page's `next_cursor`, same sort).
    pub cursor: Option<String>,
}

impl Default for CustomerQuery {
    fn default() -> Self {
        CustomerQuery {
            filter: CustomerFilter::default(),
            sort: Sort::default(),
            limit: 50,
            cursor: None,
        }
    }
}

/// One page of summaries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerPage {
    /// The customers, in the requested order.
    pub customers: Vec<CustomerSummary>,
    /// Where the next page starts; `None` on the last page.
    pub next_cursor: Option<String>,
}

/// How many customers of the filtered set have one value of a dimension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCount {
    /// The value: a channel kind, a tag (first spelling), an importance code.
    pub value: String,
    /// How many customers.
    pub count: u64,
}

/// Counts per value of the dimensions an app shows as filter chips.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    /// Per source channel kind, most first.
    pub channels: Vec<FacetCount>,
    /// Per tag, most first (the top 30).
    pub tags: Vec<FacetCount>,
    /// Per importance mark.
    pub importance: Vec<FacetCount>,
    /// Per owning consultant, most first (customers without an owner are not counted).
    pub owners: Vec<FacetCount>,
    /// Per online platform (汽车之家, 懂车帝 ...) among online leads, most first.
    pub platforms: Vec<FacetCount>,
}

/// The summary columns: all in the customer's row (the `list_` columns of schema v4); the tags
/// come as one text joined by U+001F (tags hold no control characters). Read by
/// [`summary_from_row`].
const SUMMARY_COLUMNS: &str =
    "c.id, c.name, c.gender, c.importance, c.owner, c.archived_at, c.created_at, \
     c.updated_at, c.version, c.list_contact_kind, c.list_contact_value, c.list_contact_key, \
     c.list_contact_label, 1, c.list_tags";
const SUMMARY_COLUMN_COUNT: usize = 15;
const SUMMARY_FROM: &str = "FROM customers c";

/// `SELECT <summary columns> FROM ...`, to be followed by a WHERE clause.
pub(crate) fn summary_select() -> String {
    format!("SELECT {SUMMARY_COLUMNS} {SUMMARY_FROM}")
}

/// A summary from a row whose first columns are [`SUMMARY_COLUMNS`].
pub(crate) fn summary_from_row(row: &Row<'_>) -> Result<CustomerSummary> {
    let tags: String = row.get(14)?;
    Ok(CustomerSummary {
        id: CustomerId(row.get(0)?),
        name: row.get(1)?,
        gender: code::<Gender>(&row.get::<_, String>(2)?, "customers.gender")?,
        importance: importance(row.get(3)?)?,
        owner: row.get(4)?,
        archived_at: row
            .get::<_, Option<i64>>(5)?
            .map(|t| from_millis(t, "customers.archived_at"))
            .transpose()?,
        created_at: from_millis(row.get(6)?, "customers.created_at")?,
        updated_at: from_millis(row.get(7)?, "customers.updated_at")?,
        version: row.get(8)?,
        primary_contact: match row.get::<_, Option<String>>(9)? {
            Some(_) => Some(contact_from_row(row, 9)?),
            None => None,
        },
        tags: if tags.is_empty() {
            Vec::new()
        } else {
            tags.split('\u{1f}').map(str::to_owned).collect()
        },
    })
}

/// The expressions a sort orders by, before the `c.id` tie-breaker. Each has an index.
fn sort_expressions(key: SortKey) -> &'static [&'static str] {
    match key {
        SortKey::Created => &["c.created_at"],
        SortKey::LastContact => &["coalesce(c.last_contact_at, 0)"],
        SortKey::Importance => &["c.importance", "c.created_at"],
        SortKey::Name => &["c.name_sort"],
        SortKey::NextFollowUp => &[NEXT_FOLLOW_UP],
    }
}

/// When the customer's pending plan is due (UTC ms); customers without one sort after all.
/// Computed per row through `plans_one_pending`, not from an index: a filtered list sorts
/// fast, the whole book of 200,000 takes a scan.
const NEXT_FOLLOW_UP: &str =
    "coalesce((SELECT p.due_start_ms FROM plans p WHERE p.customer_id = c.id \
     AND p.status IN ('open', 'rescheduled')), 9223372036854775807)";

/// A keyset position: the sort it belongs to and the last row's sort values and id.
#[derive(serde::Serialize, serde::Deserialize)]
struct Cursor {
    sort: Sort,
    after: Vec<serde_json::Value>,
}

fn to_json(v: Value) -> serde_json::Value {
    match v {
        Value::Integer(i) => i.into(),
        Value::Text(s) => s.into(),
        _ => serde_json::Value::Null,
    }
}

fn from_json(v: &serde_json::Value) -> Result<Value> {
    match v {
        serde_json::Value::Number(n) => n
            .as_i64()
            .map(Value::Integer)
            .ok_or(StoreError::InvalidCursor),
        serde_json::Value::String(s) => Ok(Value::Text(s.clone())),
        _ => Err(StoreError::InvalidCursor),
    }
}

/// `Ok` for a page size from 1 to [`MAX_PAGE_SIZE`], else invalid input naming `limit`: the
/// one check of every paged or capped list (customers, timeline, care tasks).
pub(crate) fn check_page_size(limit: u32) -> Result<()> {
    if limit == 0 || limit > MAX_PAGE_SIZE {
        return Err(ValidationError::new(
            "limit",
            Rule::Malformed {
                expected: "a page size from 1 to 10000",
            },
        )
        .into());
    }
    Ok(())
}

impl Store {
    /// A page of customer summaries, newest first.
    pub fn list_customers(&self, query: &ListQuery) -> Result<CustomerPage> {
        self.query_customers(&CustomerQuery {
            filter: CustomerFilter {
                archived: if query.include_archived {
                    ArchivedFilter::All
                } else {
                    ArchivedFilter::Active
                },
                ..Default::default()
            },
            sort: Sort::default(),
            limit: query.limit,
            cursor: query.cursor.clone(),
        })
    }

    /// A page of the customers matching a filter, in the requested order.
    pub fn query_customers(&self, query: &CustomerQuery) -> Result<CustomerPage> {
        check_page_size(query.limit)?;
        query.filter.validate()?;
        let exprs = sort_expressions(query.sort.key);
        let mut conditions = self.conditions(&query.filter)?;
        if let Some(text) = &query.cursor {
            let cursor: Cursor =
                serde_json::from_str(text).map_err(|_| StoreError::InvalidCursor)?;
            if cursor.sort != query.sort || cursor.after.len() != exprs.len() + 1 {
                return Err(StoreError::InvalidCursor);
            }
            let after = cursor
                .after
                .iter()
                .map(from_json)
                .collect::<Result<Vec<_>>>()?;
            let op = if query.sort.descending { "<" } else { ">" };
            let keys = exprs
                .iter()
                .copied()
                .chain(["c.id"])
                .collect::<Vec<_>>()
                .join(", ");
            let marks = vec!["?"; after.len()].join(", ");
            conditions.push_raw(format!("({keys}) {op} ({marks})"), after);
        }
        let dir = if query.sort.descending { "DESC" } else { "ASC" };
        let order = exprs
            .iter()
            .copied()
            .chain(["c.id"])
            .map(|e| format!("{e} {dir}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS}, {} {SUMMARY_FROM} WHERE {} ORDER BY {order} LIMIT ?",
            exprs.join(", "),
            conditions.where_sql()
        );
        let mut params = conditions.params;
        params.push(Value::Integer(i64::from(query.limit)));
        let (customers, last_keys) = self.read(|tx| {
            let mut stmt = tx.prepare_cached(&sql)?;
            let mut rows = stmt.query(params_from_iter(params))?;
            let mut out = Vec::with_capacity(query.limit as usize);
            let mut last_keys = Vec::new();
            while let Some(row) = rows.next()? {
                out.push(summary_from_row(row)?);
                last_keys = (0..exprs.len())
                    .map(|i| row.get::<_, Value>(SUMMARY_COLUMN_COUNT + i))
                    .collect::<rusqlite::Result<_>>()?;
            }
            Ok((out, last_keys))
        })?;
        let next_cursor = match customers.last() {
            Some(last) if customers.len() == query.limit as usize => {
                let mut after: Vec<serde_json::Value> =
                    last_keys.into_iter().map(to_json).collect();
                after.push(last.id.0.clone().into());
                serde_json::to_string(&Cursor {
                    sort: query.sort,
                    after,
                })
                .ok()
            }
            _ => None,
        };
        Ok(CustomerPage {
            customers,
            next_cursor,
        })
    }

    /// How many customers there are (archived ones only when asked).
    pub fn count_customers(&self, include_archived: bool) -> Result<u64> {
        self.count_matching(&CustomerFilter {
            archived: if include_archived {
                ArchivedFilter::All
            } else {
                ArchivedFilter::Active
            },
            ..Default::default()
        })
    }

    /// How many customers match `filter`.
    pub fn count_matching(&self, filter: &CustomerFilter) -> Result<u64> {
        filter.validate()?;
        let c = self.conditions(filter)?;
        let sql = format!("SELECT count(*) FROM customers c WHERE {}", c.where_sql());
        self.read(|tx| {
            Ok(tx
                .prepare_cached(&sql)?
                .query_row(params_from_iter(&c.params), |r| r.get(0))?)
        })
    }

    /// Counts per channel, tag and importance among the customers matching `filter`.
    pub fn facet_counts(&self, filter: &CustomerFilter) -> Result<Facets> {
        filter.validate()?;
        let c = self.conditions(filter)?;
        let w = c.where_sql();
        let channels = format!(
            "SELECT c.source_kind, count(*) FROM customers c WHERE {w} GROUP BY 1 ORDER BY 2 DESC, 1"
        );
        let importance = format!(
            "SELECT c.importance, count(*) FROM customers c WHERE {w} GROUP BY 1 ORDER BY 1"
        );
        let owners = format!(
            "SELECT c.owner, count(*) FROM customers c WHERE {w} AND c.owner IS NOT NULL \
             GROUP BY 1 ORDER BY 2 DESC, 1"
        );
        let platforms = format!(
            "SELECT c.source_detail, count(*) FROM customers c WHERE {w} \
             AND c.source_kind = 'online_platform' GROUP BY 1 ORDER BY 2 DESC, 1"
        );
        let tags = format!(
            "SELECT min(t.tag), count(*) FROM customer_tags t JOIN customers c ON c.id = t.customer_id \
             WHERE {w} GROUP BY t.tag_key ORDER BY 2 DESC, 1 LIMIT 30"
        );
        self.read(|tx| {
            let counts = |sql: &str| -> Result<Vec<(Value, u64)>> {
                let mut stmt = tx.prepare_cached(sql)?;
                let rows =
                    stmt.query_map(params_from_iter(&c.params), |r| Ok((r.get(0)?, r.get(1)?)))?;
                Ok(rows.collect::<rusqlite::Result<_>>()?)
            };
            let text = |rows: Vec<(Value, u64)>| {
                rows.into_iter()
                    .filter_map(|(v, count)| match v {
                        Value::Text(value) => Some(FacetCount { value, count }),
                        _ => None,
                    })
                    .collect()
            };
            Ok(Facets {
                channels: text(counts(&channels)?),
                tags: text(counts(&tags)?),
                owners: text(counts(&owners)?),
                platforms: text(counts(&platforms)?),
                importance: counts(&importance)?
                    .into_iter()
                    .filter_map(|(v, count)| match v {
                        Value::Integer(rank) => Some(FacetCount {
                            value: crm_core::Importance::from_rank(u8::try_from(rank).ok()?)
                                .map(|i| crm_core::Code::code(i).to_owned())?,
                            count,
                        }),
                        _ => None,
                    })
                    .collect(),
            })
        })
    }

    /// The filter's SQL conditions. The dealership's zone is read only when a dimension
    /// counts in local days, so plain lists cost no settings read.
    pub(crate) fn conditions(&self, filter: &CustomerFilter) -> Result<Conditions> {
        let zone = match filter.next_follow_up {
            Some(_) => self.settings()?.zone,
            None => DealershipZone::default(),
        };
        Ok(compile(filter, self.clock().now(), &zone))
    }
}
