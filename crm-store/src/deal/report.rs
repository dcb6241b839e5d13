//! The deals report: the deals opened before the period's end, read from `deals` (its
//! `deals_by_opening` index holds every column read), then `crm_core::deal::deal_report`.

use crate::db::rows::code;
use crate::db::time::{from_millis, to_millis};
use crate::error::Result;
use crate::pipeline::history::status;
use crate::store::Store;
use crm_core::deal::{deal_report, DealFact, DealReport};
use crm_core::{CustomerId, DealStatus, ReportPeriod};
use rusqlite::params;

impl Store {
    /// The deals report for `period` (its consultant as the deals' owner): deals opened,
    /// won and lost in the period by source, the customers who bought before its end and
    /// how many bought again, and the average years between purchases. A period whose
    /// start is not before its end is [`crate::StoreError::Invalid`].
    pub fn deal_report(&self, period: &ReportPeriod) -> Result<DealReport> {
        let period = period.validate()?;
        let facts = self.read(|tx| {
            let mut stmt = tx.prepare_cached(
                "SELECT customer_id, source, owner, created_at, pipeline_status, closed_at
                 FROM deals WHERE created_at < ?1 AND (?2 IS NULL OR owner = ?2)",
            )?;
            let mut rows = stmt.query(params![to_millis(period.to), period.consultant])?;
            let mut facts = Vec::new();
            while let Some(row) = rows.next()? {
                facts.push(DealFact {
                    customer_id: CustomerId(row.get(0)?),
                    source: code(&row.get::<_, String>(1)?, "deals.source")?,
                    owner: row.get(2)?,
                    created_at: from_millis(row.get(3)?, "deals.created_at")?,
                    status: DealStatus::of(status(&row.get::<_, String>(4)?)?),
                    closed_at: row
                        .get::<_, Option<i64>>(5)?
                        .map(|ms| from_millis(ms, "deals.closed_at"))
                        .transpose()?,
                });
            }
            Ok(facts)
        })?;
        Ok(deal_report(&facts, &period))
    }
}
