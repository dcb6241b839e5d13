//! Store visits and test drives (到店 / 试驾): scheduled, moved, done or no-show. A visit
//! done moves an open customer forward to visited (a test drive: test-driven) when they are
//! not there yet; a customer with a pending request, set aside or further along stays put.

use crate::db::ids::new_id;
use crate::db::rows::{code, collect};
use crate::db::time::{from_millis, to_millis, truncate_to_millis};
use crate::deal::rows::visit_deal;
use crate::error::{check_version, Result, StoreError};
use crate::follow_up::timeline::append;
use crate::pipeline::history::{check_customer, deal_state};
use crate::pipeline::moves::{actor_text, make_deal_move};
use crate::store::Store;
use crate::team::access::acting;
use crate::vehicle::intents::check_catalogue_model;
use chrono::{DateTime, Utc};
use crm_core::{
    Code, CustomerId, Move, NewVisit, Rule, Stage, TimelineEntry, ValidationError, Visit,
    VisitError, VisitId, VisitKind, VisitRecord, VisitStatus, VisitStatusKind,
};
use rusqlite::{params, Connection, OptionalExtension, Row};

const ENTITY: &str = "visit";

const VISIT_COLUMNS: &str = "id, customer_id, kind, model, catalogue_model, scheduled_at, \
     consultant, notes, status, closed_at, feedback, created_at, updated_at, version";

fn visit_not_found(id: &VisitId) -> StoreError {
    StoreError::not_found(ENTITY, id)
}

fn visit_error(id: &VisitId, e: VisitError) -> StoreError {
    match e {
        VisitError::Closed { status } => StoreError::Closed {
            entity: ENTITY,
            id: id.to_string(),
            status: status.code(),
        },
        // A no-show is recorded once the visit's time has passed.
        VisitError::NotDue => ValidationError::new("visit.scheduled_at", Rule::InFuture).into(),
        VisitError::Invalid(v) => v.into(),
    }
}

fn record_from_row(row: &Row<'_>) -> Result<VisitRecord> {
    let closed_at = || -> Result<DateTime<Utc>> {
        let ms: Option<i64> = row.get(9)?;
        from_millis(
            ms.ok_or(StoreError::Corrupt {
                column: "visits.closed_at",
            })?,
            "visits.closed_at",
        )
    };
    let status = match code::<VisitStatusKind>(&row.get::<_, String>(8)?, "visits.status")? {
        VisitStatusKind::Scheduled => VisitStatus::Scheduled,
        VisitStatusKind::Done => VisitStatus::Done {
            at: closed_at()?,
            feedback: row.get(10)?,
        },
        VisitStatusKind::NoShow => VisitStatus::NoShow { at: closed_at()? },
    };
    Ok(VisitRecord {
        id: VisitId(row.get(0)?),
        visit: Visit {
            customer_id: CustomerId(row.get(1)?),
            kind: code::<VisitKind>(&row.get::<_, String>(2)?, "visits.kind")?,
            model: row.get(3)?,
            catalogue_model: row.get::<_, Option<String>>(4)?.map(Into::into),
            scheduled_at: from_millis(row.get(5)?, "visits.scheduled_at")?,
            consultant: row.get(6)?,
            notes: row.get(7)?,
            status,
        },
        created_at: from_millis(row.get(11)?, "visits.created_at")?,
        updated_at: from_millis(row.get(12)?, "visits.updated_at")?,
        version: row.get(13)?,
    })
}

fn read_visit(conn: &Connection, id: &VisitId) -> Result<Option<VisitRecord>> {
    conn.prepare_cached(&format!("SELECT {VISIT_COLUMNS} FROM visits WHERE id = ?1"))?
        .query_row([id.as_str()], |r| Ok(record_from_row(r)))
        .optional()?
        .transpose()
}

fn write_visit(conn: &Connection, r: &VisitRecord) -> Result<()> {
    let v = &r.visit;
    let (closed_at, feedback) = match &v.status {
        VisitStatus::Scheduled => (None, None),
        VisitStatus::Done { at, feedback } => (Some(to_millis(*at)), feedback.as_deref()),
        VisitStatus::NoShow { at } => (Some(to_millis(*at)), None),
    };
    conn.prepare_cached(
        "INSERT INTO visits (id, customer_id, kind, model, catalogue_model, scheduled_at,
             consultant, notes, status, closed_at, feedback, created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT (id) DO UPDATE SET scheduled_at = excluded.scheduled_at,
             status = excluded.status, closed_at = excluded.closed_at,
             feedback = excluded.feedback, updated_at = excluded.updated_at,
             version = excluded.version",
    )?
    .execute(params![
        r.id.as_str(),
        v.customer_id.as_str(),
        v.kind.code(),
        v.model,
        v.catalogue_model.as_ref().map(|c| c.as_str()),
        to_millis(v.scheduled_at),
        v.consultant,
        v.notes,
        v.status.kind().code(),
        closed_at,
        feedback,
        to_millis(r.created_at),
        to_millis(r.updated_at),
        r.version,
    ])?;
    Ok(())
}

/// Reads visit `id`, checks its version, lets `change` make the next visit, saves it at the
/// next version with the timeline entry `entry` makes of it.
fn change_visit(
    tx: &Connection,
    id: &VisitId,
    expected_version: u64,
    now: DateTime<Utc>,
    actor: Option<&str>,
    change: impl FnOnce(&Visit) -> Result<Visit, VisitError>,
    entry: impl FnOnce(&Visit, &Visit) -> TimelineEntry,
) -> Result<VisitRecord> {
    let before = read_visit(tx, id)?.ok_or_else(|| visit_not_found(id))?;
    check_version(ENTITY, &id, expected_version, before.version)?;
    let next = change(&before.visit).map_err(|e| visit_error(id, e))?;
    append(
        tx,
        &before.visit.customer_id,
        now,
        actor,
        &entry(&before.visit, &next),
    )?;
    let record = VisitRecord {
        visit: next,
        updated_at: now,
        version: before.version + 1,
        ..before
    };
    write_visit(tx, &record)?;
    Ok(record)
}

impl Store {
    /// Validates `new` (the time within a year from now; a test drive names its model; a
    /// catalogue model must be in the catalogue) and stores it scheduled, at version 1.
    pub fn schedule_visit(&self, new: &NewVisit, actor: Option<&str>) -> Result<VisitRecord> {
        let now = self.now();
        let actor = actor_text(actor)?;
        let visit = new.validate(now)?;
        self.write(|tx| {
            let actor = acting(tx, actor.clone())?;
            check_customer(tx, &visit.customer_id)?;
            check_catalogue_model(tx, visit.catalogue_model.as_ref(), "visit.catalogue_model")?;
            let record = VisitRecord {
                id: VisitId(new_id(now)),
                visit: visit.clone(),
                created_at: now,
                updated_at: now,
                version: 1,
            };
            write_visit(tx, &record)?;
            append(
                tx,
                &visit.customer_id,
                now,
                actor.as_deref(),
                &TimelineEntry::VisitScheduled {
                    visit_id: record.id.clone(),
                    kind: visit.kind,
                    at: visit.scheduled_at,
                },
            )?;
            Ok(record)
        })
    }

    /// Moves scheduled visit `id` to `to`.
    pub fn reschedule_visit(
        &self,
        id: &VisitId,
        expected_version: u64,
        to: DateTime<Utc>,
        actor: Option<&str>,
    ) -> Result<VisitRecord> {
        let now = self.now();
        let actor = actor_text(actor)?;
        self.write(|tx| {
            let actor = acting(tx, actor.clone())?;
            change_visit(
                tx,
                id,
                expected_version,
                now,
                actor.as_deref(),
                |v| v.reschedule(to, now),
                |old, new| TimelineEntry::VisitRescheduled {
                    visit_id: id.clone(),
                    from: old.scheduled_at,
                    to: new.scheduled_at,
                },
            )
        })
    }

    /// Records that scheduled visit `id` took place at `at` (not in the future) with the
    /// customer's feedback; an open customer not yet visited (test-driven, for a test drive)
    /// advances there.
    pub fn complete_visit(
        &self,
        id: &VisitId,
        expected_version: u64,
        at: DateTime<Utc>,
        feedback: Option<&str>,
        actor: Option<&str>,
    ) -> Result<VisitRecord> {
        let now = self.now();
        let at = truncate_to_millis(at);
        let actor = actor_text(actor)?;
        self.write(|tx| {
            let actor = acting(tx, actor.clone())?;
            let record = change_visit(
                tx,
                id,
                expected_version,
                now,
                actor.as_deref(),
                |v| v.complete(at, feedback, now),
                |_, new| TimelineEntry::VisitDone {
                    visit_id: id.clone(),
                    kind: new.kind,
                    feedback: match &new.status {
                        VisitStatus::Done { feedback, .. } => feedback.clone(),
                        _ => None,
                    },
                },
            )?;
            let to = match record.visit.kind {
                VisitKind::StoreVisit => Stage::Visited,
                VisitKind::TestDrive => Stage::TestDriven,
            };
            let deal = visit_deal(tx, &record.id)?;
            let (state, _) = deal_state(tx, &deal)?;
            if state.is_open() && state.stage < to && now >= state.since {
                make_deal_move(tx, &deal, &Move::Advance { to }, actor.clone(), now)?;
            }
            Ok(record)
        })
    }

    /// Records that the customer did not come to scheduled visit `id` (once its time has
    /// passed: else `visit.scheduled_at` is [`Rule::InFuture`]).
    pub fn no_show_visit(
        &self,
        id: &VisitId,
        expected_version: u64,
        actor: Option<&str>,
    ) -> Result<VisitRecord> {
        let now = self.now();
        let actor = actor_text(actor)?;
        self.write(|tx| {
            let actor = acting(tx, actor.clone())?;
            change_visit(
                tx,
                id,
                expected_version,
                now,
                actor.as_deref(),
                |v| v.no_show(now),
                |_, new| TimelineEntry::VisitNoShow {
                    visit_id: id.clone(),
                    kind: new.kind,
                },
            )
        })
    }

    /// The visit `id`.
    pub fn get_visit(&self, id: &VisitId) -> Result<VisitRecord> {
        self.read(|tx| read_visit(tx, id))?
            .ok_or_else(|| visit_not_found(id))
    }

    /// Customer `customer`'s visits and test drives, by scheduled time.
    pub fn visits_of(&self, customer: &CustomerId) -> Result<Vec<VisitRecord>> {
        self.read(|tx| {
            check_customer(tx, customer)?;
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT {VISIT_COLUMNS} FROM visits WHERE customer_id = ?1 ORDER BY scheduled_at, id"
            ))?;
            collect(&mut stmt, [customer.as_str()], record_from_row)
        })
    }
}
