//! The rows of a customer export, page by page: the list's keyset pages
//! ([`Store::query_customers`] with its cursor), each completed by one read of the columns
//! a list page does not carry (contacts by kind, birthday, source, intent, plan, stage).
//! One page is in memory at a time, whatever the book's size.

use crate::db::rows::code;
use crate::db::time::{from_millis, opt_date_at};
use crate::error::{Result, StoreError};
use crate::find::listing::CustomerQuery;
use crate::store::Store;
use crm_core::export::{view_columns, CustomerRow, ExportColumn, DEFAULT_COLUMNS};
use crm_core::{
    CustomerFilter, CustomerSummary, DealershipZone, IntentLevel, PipelineStatus, Region, Sort,
};
use rusqlite::{params_from_iter, Connection};
use rustc_hash::FxHashMap;

/// How many customers one page of an export reads.
pub const EXPORT_PAGE_SIZE: u32 = 1_000;

/// Which customers an export holds, in which order, with which columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportSelection {
    /// Which customers (the default: every active one).
    pub filter: CustomerFilter,
    /// In which order.
    pub sort: Sort,
    /// Which columns, in order.
    pub columns: Vec<ExportColumn>,
}

impl Default for ExportSelection {
    fn default() -> Self {
        ExportSelection {
            filter: CustomerFilter::default(),
            sort: Sort::default(),
            columns: DEFAULT_COLUMNS.to_vec(),
        }
    }
}

/// The columns a page's summaries lack, by customer id.
struct Extra {
    mobile: Option<String>,
    wechat: Option<String>,
    email: Option<String>,
    birthday: Option<chrono::NaiveDate>,
    channel: String,
    notes: Option<String>,
    intent_level: IntentLevel,
    last_contact_at: Option<i64>,
    status: PipelineStatus,
    region: Region,
    intended_model: Option<String>,
    next_follow_up: Option<crm_core::PlanTime>,
}

/// The first contact of a kind, the primary one first.
const FIRST_CONTACT: &str =
    "(SELECT k.value FROM contacts k WHERE k.customer_id = c.id AND k.kind IN ({kinds}) \
     ORDER BY k.is_primary DESC, k.position LIMIT 1)";

fn extra_sql(ids: usize) -> String {
    let contact = |kinds: &str| FIRST_CONTACT.replace("{kinds}", kinds);
    format!(
        "SELECT c.id, c.birthday, c.source_kind, c.notes, c.intent_level, c.last_contact_at, \
         c.pipeline_status, c.province, c.city, c.district, {}, {}, {}, \
         v.brand, v.series, v.model, p.time_kind, p.time_at, p.time_date \
         FROM customers c \
         LEFT JOIN vehicle_intents v ON v.customer_id = c.id AND v.is_primary = 1 \
         LEFT JOIN plans p ON p.customer_id = c.id AND p.status IN ('open', 'rescheduled') \
         WHERE c.id IN ({})",
        contact("'mobile', 'landline'"),
        contact("'wechat'"),
        contact("'email'"),
        vec!["?"; ids].join(", ")
    )
}

fn read_extras(conn: &Connection, page: &[CustomerSummary]) -> Result<FxHashMap<String, Extra>> {
    let mut out = FxHashMap::default();
    if page.is_empty() {
        return Ok(out);
    }
    let mut stmt = conn.prepare_cached(&extra_sql(page.len()))?;
    let mut rows = stmt.query(params_from_iter(page.iter().map(|c| c.id.0.as_str())))?;
    while let Some(row) = rows.next()? {
        let model: Vec<String> = (13..16)
            .filter_map(|i| row.get::<_, Option<String>>(i).transpose())
            .collect::<rusqlite::Result<_>>()?;
        let next_follow_up = match row.get::<_, Option<String>>(16)?.as_deref() {
            None => None,
            Some("at") => Some(crm_core::PlanTime::At(from_millis(
                row.get::<_, Option<i64>>(17)?.ok_or(StoreError::Corrupt {
                    column: "plans.time_at",
                })?,
                "plans.time_at",
            )?)),
            Some(_) => Some(crm_core::PlanTime::OnDate(
                opt_date_at(row, 18, "plans.time_date")?.ok_or(StoreError::Corrupt {
                    column: "plans.time_date",
                })?,
            )),
        };
        let status: String = row.get(6)?;
        out.insert(
            row.get(0)?,
            Extra {
                birthday: opt_date_at(row, 1, "customers.birthday")?,
                channel: row.get(2)?,
                notes: row.get(3)?,
                intent_level: code(&row.get::<_, String>(4)?, "customers.intent_level")?,
                last_contact_at: row.get(5)?,
                status: PipelineStatus::from_code(&status).ok_or(StoreError::Corrupt {
                    column: "customers.pipeline_status",
                })?,
                region: Region {
                    province: row.get(7)?,
                    city: row.get(8)?,
                    district: row.get(9)?,
                },
                mobile: row.get(10)?,
                wechat: row.get(11)?,
                email: row.get(12)?,
                intended_model: (!model.is_empty()).then(|| model.join(" ")),
                next_follow_up,
            },
        );
    }
    Ok(out)
}

fn customer_row(
    summary: CustomerSummary,
    extra: Extra,
    zone: &DealershipZone,
) -> Result<CustomerRow> {
    Ok(CustomerRow {
        name: summary.name,
        mobile: extra.mobile,
        wechat: extra.wechat,
        email: extra.email,
        gender: summary.gender,
        birthday: extra.birthday,
        channel: extra.channel,
        intended_model: extra.intended_model,
        intent_level: extra.intent_level,
        tags: summary.tags,
        notes: extra.notes,
        owner: summary.owner,
        created_on: zone.local_date(summary.created_at),
        last_contact_on: extra
            .last_contact_at
            .map(|ms| from_millis(ms, "customers.last_contact_at").map(|at| zone.local_date(at)))
            .transpose()?,
        next_follow_up_on: extra.next_follow_up.map(|t| match t {
            crm_core::PlanTime::At(at) => zone.local_date(at),
            crm_core::PlanTime::OnDate(date) => date,
        }),
        status: extra.status,
        importance: summary.importance,
        region: extra.region,
    })
}

impl ExportSelection {
    /// Every active customer, with a saved view's filter, sort and columns.
    pub fn of_view(definition: &crm_core::ViewDefinition) -> ExportSelection {
        ExportSelection {
            filter: definition.filter.clone(),
            sort: definition.sort,
            columns: view_columns(&definition.columns),
        }
    }
}

impl Store {
    /// Calls `each` with every page of the selection's rows, in the selection's order, and
    /// returns how many rows there were. Each page is read on its own (a customer changed
    /// between two pages shows as the later page read it). Dates are the dealership's
    /// local days.
    pub fn export_customer_pages(
        &self,
        selection: &ExportSelection,
        mut each: impl FnMut(&[CustomerRow]) -> Result<()>,
    ) -> Result<u64> {
        let zone = self.settings()?.zone;
        let mut query = CustomerQuery {
            filter: selection.filter.clone(),
            sort: selection.sort,
            limit: EXPORT_PAGE_SIZE,
            cursor: None,
        };
        let mut count = 0u64;
        loop {
            let page = self.query_customers(&query)?;
            let mut extras = self.read(|conn| read_extras(conn, &page.customers))?;
            let rows = page
                .customers
                .into_iter()
                .filter_map(|summary| {
                    // A customer deleted between the two reads is left out.
                    let extra = extras.remove(&summary.id.0)?;
                    Some(customer_row(summary, extra, &zone))
                })
                .collect::<Result<Vec<_>>>()?;
            count += rows.len() as u64;
            if !rows.is_empty() {
                each(&rows)?;
            }
            match page.next_cursor {
                Some(next) => query.cursor = Some(next),
                None => return Ok(count),
            }
        }
    }
}
