//! Consent to contact per customer and channel (PIPL): the latest word in `consents`, every
//! change in the customer's timeline.

use crate::customer::customers::not_found;
use crate::db::rows::code;
use crate::db::time::{from_millis, to_millis};
use crate::error::Result;
use crate::follow_up::timeline::append;
use crate::store::Store;
use crm_core::{Code, ConsentChange, ConsentRecord, CustomerConsent, CustomerId};
use rusqlite::{params, Connection, OptionalExtension, Row};

/// The columns of `consents` after `customer_id`, in the order [`record_from_row`] reads
/// them from `first` on.
pub(crate) const CONSENT_COLUMNS: &str = "channel, state, at, source, note";

/// A consent record from [`CONSENT_COLUMNS`] at `first` on.
pub(crate) fn record_from_row(row: &Row<'_>, first: usize) -> Result<ConsentRecord> {
    Ok(ConsentRecord {
        channel: code(&row.get::<_, String>(first)?, "consents.channel")?,
        state: code(&row.get::<_, String>(first + 1)?, "consents.state")?,
        at: from_millis(row.get(first + 2)?, "consents.at")?,
        source: code(&row.get::<_, String>(first + 3)?, "consents.source")?,
        note: row.get(first + 4)?,
    })
}

/// Customer `id`'s consent as stored (channels without a record are unknown).
pub(crate) fn read_consent(conn: &Connection, id: &CustomerId) -> Result<CustomerConsent> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {CONSENT_COLUMNS} FROM consents WHERE customer_id = ?1"
    ))?;
    let mut rows = stmt.query([id.as_str()])?;
    let mut records = Vec::new();
    while let Some(row) = rows.next()? {
        records.push(record_from_row(row, 0)?);
    }
    records.sort_by_key(|r| r.channel);
    Ok(CustomerConsent { records })
}

fn ensure_customer(conn: &Connection, id: &CustomerId) -> Result<()> {
    conn.prepare_cached("SELECT 1 FROM customers WHERE id = ?1")?
        .query_row([id.as_str()], |_| Ok(()))
        .optional()?
        .ok_or_else(|| not_found(id))
}

impl Store {
    /// Customer `customer`'s consent per channel.
    pub fn consent_of(&self, customer: &CustomerId) -> Result<CustomerConsent> {
        self.read(|tx| {
            ensure_customer(tx, customer)?;
            read_consent(tx, customer)
        })
    }

    /// Records a change of customer `customer`'s consent on one channel (note checked:
    /// field `note`), with a [`crm_core::TimelineEntry::ConsentChanged`] entry. Withdrawn
    /// consent drops the open tasks that needed it at the next [`Store::generate_care`].
    pub fn set_consent(
        &self,
        customer: &CustomerId,
        change: &ConsentChange,
    ) -> Result<CustomerConsent> {
        let now = self.now();
        self.write(|tx| {
            ensure_customer(tx, customer)?;
            let update = read_consent(tx, customer)?.change(change, now)?;
            if let Some(r) = update.consent.record(change.channel) {
                tx.prepare_cached(
                    "INSERT INTO consents (customer_id, channel, state, at, source, note)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT (customer_id, channel) DO UPDATE SET state = excluded.state,
                        at = excluded.at, source = excluded.source, note = excluded.note",
                )?
                .execute(params![
                    customer.as_str(),
                    r.channel.code(),
                    r.state.code(),
                    to_millis(r.at),
                    r.source.code(),
                    r.note
                ])?;
            }
            append(tx, customer, now, None, &update.entry)?;
            Ok(update.consent)
        })
    }
}
