//! Follow-up records (跟进记录): logging one closes the open plan and may set the next;
//! the customer's contact times and search recency follow the follow-ups.

use crate::customer::customers::not_found;
use crate::db::ids::new_id;
use crate::db::rows::{code, collect};
use crate::db::time::{from_millis, to_millis, truncate_to_millis};
use crate::error::{check_version, Result, StoreError};
use crate::follow_up::plans::{complete_open_plan, create_plan, PlanSettings};
use crate::follow_up::timeline::append;
use crate::store::Store;
use chrono::{DateTime, Utc};
use crm_core::{
    diff_follow_ups, Attachment, Code, CustomerId, FollowUp, FollowUpId, FollowUpKind,
    FollowUpMethod, FollowUpPatch, FollowUpRecord, NewFollowUp, NewPlan, Plan, Rule, TimelineEntry,
    ValidationError,
};
use rusqlite::{params, Connection, OptionalExtension, Row};

const ENTITY: &str = "follow_up";

const FOLLOW_UP_COLUMNS: &str = "id, customer_id, method, kind, at, content, feedback, problems, \
     questions, consultant, created_at, updated_at, version";

fn follow_up_not_found(id: &FollowUpId) -> StoreError {
    StoreError::not_found(ENTITY, id)
}

fn record_from_row(row: &Row<'_>) -> Result<FollowUpRecord> {
    Ok(FollowUpRecord {
        id: FollowUpId(row.get(0)?),
        follow_up: FollowUp {
            customer_id: CustomerId(row.get(1)?),
            method: code::<FollowUpMethod>(&row.get::<_, String>(2)?, "follow_ups.method")?,
            kind: code::<FollowUpKind>(&row.get::<_, String>(3)?, "follow_ups.kind")?,
            at: from_millis(row.get(4)?, "follow_ups.at")?,
            content: row.get(5)?,
            feedback: row.get(6)?,
            problems: row.get(7)?,
            questions: row.get(8)?,
            attachments: Vec::new(),
            consultant: row.get(9)?,
        },
        created_at: from_millis(row.get(10)?, "follow_ups.created_at")?,
        updated_at: from_millis(row.get(11)?, "follow_ups.updated_at")?,
        version: row.get(12)?,
    })
}

fn read_attachments(conn: &Connection, id: &str) -> Result<Vec<Attachment>> {
    let mut stmt = conn.prepare_cached(
        "SELECT file_name, media_type, size_bytes, sha256, uri FROM follow_up_attachments
         WHERE follow_up_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(Attachment {
            file_name: r.get(0)?,
            media_type: r.get(1)?,
            size_bytes: r.get(2)?,
            sha256: r.get(3)?,
            uri: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn write_attachments(conn: &Connection, id: &str, list: &[Attachment]) -> Result<()> {
    conn.prepare_cached("DELETE FROM follow_up_attachments WHERE follow_up_id = ?1")?
        .execute([id])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO follow_up_attachments (follow_up_id, position, file_name, media_type, size_bytes, sha256, uri)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, a) in list.iter().enumerate() {
        insert.execute(params![
            id,
            i,
            a.file_name,
            a.media_type,
            a.size_bytes,
            a.sha256,
            a.uri
        ])?;
    }
    Ok(())
}

fn read_follow_up(conn: &Connection, id: &FollowUpId) -> Result<Option<FollowUpRecord>> {
    let Some(mut record) = conn
        .prepare_cached(&format!(
            "SELECT {FOLLOW_UP_COLUMNS} FROM follow_ups WHERE id = ?1"
        ))?
        .query_row([id.as_str()], |r| Ok(record_from_row(r)))
        .optional()?
        .transpose()?
    else {
        return Ok(None);
    };
    record.follow_up.attachments = read_attachments(conn, id.as_str())?;
    Ok(Some(record))
}

/// Writes the record's row (insert or in-place update) and its attachments.
pub(crate) fn write_follow_up(conn: &Connection, r: &FollowUpRecord) -> Result<()> {
    let f = &r.follow_up;
    conn.prepare_cached(
        "INSERT INTO follow_ups (id, customer_id, method, kind, at, content, feedback, problems, questions,
             consultant, created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
         ON CONFLICT (id) DO UPDATE SET method = excluded.method, kind = excluded.kind, at = excluded.at,
             content = excluded.content, feedback = excluded.feedback, problems = excluded.problems,
             questions = excluded.questions, consultant = excluded.consultant,
             updated_at = excluded.updated_at, version = excluded.version",
    )?
    .execute(params![
        r.id.as_str(),
        f.customer_id.as_str(),
        f.method.code(),
        f.kind.code(),
        to_millis(f.at),
        f.content,
        f.feedback,
        f.problems,
        f.questions,
        f.consultant,
        to_millis(r.created_at),
        to_millis(r.updated_at),
        r.version,
    ])?;
    write_attachments(conn, r.id.as_str(), &f.attachments)
}

/// Stores a newly logged follow-up: its row and the customer's timeline entry, recorded
/// at `at` by the follow-up's consultant.
pub(crate) fn write_logged(conn: &Connection, r: &FollowUpRecord, at: DateTime<Utc>) -> Result<()> {
    write_follow_up(conn, r)?;
    append(
        conn,
        &r.follow_up.customer_id,
        at,
        r.follow_up.consultant.as_deref(),
        &TimelineEntry::FollowUpLogged {
            follow_up_id: r.id.clone(),
            at: r.follow_up.at,
            method: r.follow_up.method,
            kind: r.follow_up.kind,
        },
    )
}

/// Brings customer `id`'s contact columns in line with their follow-ups: last contact the
/// newest follow-up, first contacted the oldest (a trigger copies the recency onto their
/// search terms).
pub(crate) fn refresh_contact_times(conn: &Connection, id: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE customers SET
             last_contact_at = (SELECT max(at) FROM follow_ups WHERE customer_id = ?1),
             first_contacted_at = (SELECT min(at) FROM follow_ups WHERE customer_id = ?1)
         WHERE id = ?1",
    )?
    .execute([id])?;
    Ok(())
}

/// Fails on `field` ([`Rule::Conflicts`] with `with`, the field or argument that holds `id`)
/// when `other` is not `id`.
pub(crate) fn same_customer(
    field: &'static str,
    with: &'static str,
    id: &CustomerId,
    other: &CustomerId,
) -> Result<()> {
    if id != other {
        return Err(ValidationError::new(field, Rule::Conflicts { with }).into());
    }
    Ok(())
}

impl Store {
    /// Logs a follow-up with customer `id`, in one transaction: stores it; moves the
    /// customer's last contact (and first contact, the first time) and search recency;
    /// marks their pending plan done by it; sets `next` as the new pending plan; records
    /// all of it in the timeline. The follow-up is validated first, its errors naming its
    /// fields as [`NewFollowUp::validate`] does (`content`, `customer_id`); then
    /// `follow_up.customer_id` and `next.customer_id` must be `id` (else `customer_id` /
    /// `next.customer_id` [`Rule::Conflicts`] with `id`).
    /// Returns the stored follow-up and the new plan.
    pub fn log_follow_up(
        &self,
        id: &CustomerId,
        follow_up: &NewFollowUp,
        next: Option<&NewPlan>,
    ) -> Result<(FollowUpRecord, Option<Plan>)> {
        let now = self.now();
        let mut valid = follow_up.validate(now)?;
        same_customer("customer_id", "id", id, &follow_up.customer_id)?;
        if let Some(n) = next {
            same_customer("next.customer_id", "id", id, &n.customer_id)?;
        }
        valid.at = truncate_to_millis(valid.at);
        let record = FollowUpRecord {
            id: FollowUpId(new_id(now)),
            follow_up: valid,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        self.write(|tx| {
            if !tx
                .prepare_cached("SELECT 1 FROM customers WHERE id = ?1")?
                .exists([id.as_str()])?
            {
                return Err(not_found(id));
            }
            let settings = PlanSettings::read(tx)?;
            let actor = record.follow_up.consultant.as_deref();
            write_logged(tx, &record, now)?;
            refresh_contact_times(tx, id.as_str())?;
            complete_open_plan(tx, id, &record.id, now, &settings, actor)?;
            let plan = match next {
                Some(n) => Some(create_plan(tx, n, now, &settings, actor).map_err(
                    |e| match e {
                        StoreError::Invalid(v) => StoreError::Invalid(v.within("next")),
                        other => other,
                    },
                )?),
                None => None,
            };
            Ok((record.clone(), plan))
        })
    }

    /// The follow-up `id`.
    pub fn get_follow_up(&self, id: &FollowUpId) -> Result<FollowUpRecord> {
        self.read(|tx| read_follow_up(tx, id))?
            .ok_or_else(|| follow_up_not_found(id))
    }

    /// Customer `id`'s follow-ups, newest first (by when they happened).
    pub fn follow_ups_of(&self, id: &CustomerId) -> Result<Vec<FollowUpRecord>> {
        self.read(|tx| {
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT {FOLLOW_UP_COLUMNS} FROM follow_ups WHERE customer_id = ?1 ORDER BY at DESC, id DESC"
            ))?;
            let mut out = collect(&mut stmt, [id.as_str()], record_from_row)?;
            for r in &mut out {
                r.follow_up.attachments = read_attachments(tx, r.id.as_str())?;
            }
            Ok(out)
        })
    }

    /// Applies `patch` to follow-up `id` if it is still at `expected_version`; the change is
    /// recorded in the timeline field by field. A patch that changes nothing returns the
    /// record as it is.
    pub fn update_follow_up(
        &self,
        id: &FollowUpId,
        expected_version: u64,
        patch: &FollowUpPatch,
    ) -> Result<FollowUpRecord> {
        let now = self.now();
        self.write(|tx| {
            let before = read_follow_up(tx, id)?.ok_or_else(|| follow_up_not_found(id))?;
            check_version(ENTITY, &id, expected_version, before.version)?;
            let mut next = patch.apply(&before.follow_up, now)?;
            next.at = truncate_to_millis(next.at);
            let changes = diff_follow_ups(&before.follow_up, &next);
            if changes.is_empty() {
                return Ok(before);
            }
            let after = FollowUpRecord {
                follow_up: next,
                updated_at: now,
                version: before.version + 1,
                ..before.clone()
            };
            write_follow_up(tx, &after)?;
            let customer = &after.follow_up.customer_id;
            refresh_contact_times(tx, customer.as_str())?;
            append(
                tx,
                customer,
                now,
                None,
                &TimelineEntry::FollowUpEdited {
                    follow_up_id: id.clone(),
                    changes,
                },
            )?;
            Ok(after)
        })
    }

    /// Deletes follow-up `id` (recorded in the timeline). A plan it carried out stays done.
    pub fn delete_follow_up(&self, id: &FollowUpId) -> Result<()> {
        let now = self.now();
        self.write(|tx| {
            let customer: String = tx
                .prepare_cached("SELECT customer_id FROM follow_ups WHERE id = ?1")?
                .query_row([id.as_str()], |r| r.get(0))
                .optional()?
                .ok_or_else(|| follow_up_not_found(id))?;
            tx.prepare_cached("DELETE FROM follow_ups WHERE id = ?1")?
                .execute([id.as_str()])?;
            refresh_contact_times(tx, &customer)?;
            append(
                tx,
                &CustomerId(customer),
                now,
                None,
                &TimelineEntry::FollowUpDeleted {
                    follow_up_id: id.clone(),
                },
            )
        })
    }
}
