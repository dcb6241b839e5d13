//! A consultant's dated work in a window as an iCalendar file: pending follow-up plans,
//! scheduled visits and test drives, open care tasks. UIDs come from the record ids
//! (`plan-<id>@dealer-crm` ...), so a calendar that imports a later export updates its
//! events instead of doubling them; DTSTAMP is the store's clock.
//!
//! Each event's summary names the customer: the file is personal data, made for the
//! consultant's own calendar (their own customers, as the book's user sees them).

use crate::care::tasks::CareTaskQuery;
use crate::db::rows::code;
use crate::db::time::{from_millis, opt_date_at, to_millis};
use crate::error::{Result, StoreError};
use crate::export::file::{file_error, write_atomically};
use crate::find::listing::MAX_PAGE_SIZE;
use crate::store::Store;
use crm_core::export::{
    calendar_owner, care_event, plan_event, visit_event, CalendarEvent, EventTime, Language,
};
use crm_core::{CareTaskStatusKind, DateWindow, FollowUpMethod, PlanTime, VisitKind};
use icalendar::{Component, EventLike};
use rusqlite::{params, params_from_iter, Connection};
use rustc_hash::FxHashMap;
use std::io::Write;
use std::path::Path;

/// Pending plans of an owner due in a window (UTC ms, end excluded).
const PLANS: &str =
    "SELECT p.id, c.name, p.time_kind, p.time_at, p.time_date, p.method, p.purpose \
     FROM plans p JOIN customers c ON c.id = p.customer_id \
     WHERE p.owner = ?1 AND p.status IN ('open', 'rescheduled') \
     AND p.due_start_ms >= ?2 AND p.due_start_ms < ?3 \
     ORDER BY p.due_start_ms, p.id";

/// Scheduled visits of a consultant (or, without one, of the customer's owner) in a window.
const VISITS: &str = "SELECT v.id, c.name, v.kind, v.scheduled_at, v.model \
     FROM visits v JOIN customers c ON c.id = v.customer_id \
     WHERE v.status = 'scheduled' AND v.scheduled_at >= ?2 AND v.scheduled_at < ?3 \
     AND (v.consultant = ?1 OR (v.consultant IS NULL AND c.owner = ?1)) \
     ORDER BY v.scheduled_at, v.id";

fn plan_events(
    conn: &Connection,
    owner: &str,
    window: (i64, i64),
    language: Language,
) -> Result<Vec<CalendarEvent>> {
    let mut stmt = conn.prepare_cached(PLANS)?;
    let mut rows = stmt.query(params![owner, window.0, window.1])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let time = match row.get::<_, String>(2)?.as_str() {
            "at" => PlanTime::At(from_millis(
                row.get::<_, Option<i64>>(3)?.ok_or(StoreError::Corrupt {
                    column: "plans.time_at",
                })?,
                "plans.time_at",
            )?),
            _ => PlanTime::OnDate(opt_date_at(row, 4, "plans.time_date")?.ok_or(
                StoreError::Corrupt {
                    column: "plans.time_date",
                },
            )?),
        };
        out.push(plan_event(
            &row.get::<_, String>(0)?,
            &row.get::<_, String>(1)?,
            time,
            code::<FollowUpMethod>(&row.get::<_, String>(5)?, "plans.method")?,
            &row.get::<_, String>(6)?,
            language,
        ));
    }
    Ok(out)
}

fn visit_events(
    conn: &Connection,
    owner: &str,
    window: (i64, i64),
    language: Language,
) -> Result<Vec<CalendarEvent>> {
    let mut stmt = conn.prepare_cached(VISITS)?;
    let mut rows = stmt.query(params![owner, window.0, window.1])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(visit_event(
            &row.get::<_, String>(0)?,
            &row.get::<_, String>(1)?,
            code::<VisitKind>(&row.get::<_, String>(2)?, "visits.kind")?,
            from_millis(row.get(3)?, "visits.scheduled_at")?,
            row.get::<_, Option<String>>(4)?.as_deref(),
            language,
        ));
    }
    Ok(out)
}

fn names(conn: &Connection, ids: &[&str]) -> Result<FxHashMap<String, String>> {
    let mut out = FxHashMap::default();
    for chunk in ids.chunks(500) {
        let sql = format!(
            "SELECT id, name FROM customers WHERE id IN ({})",
            vec!["?"; chunk.len()].join(", ")
        );
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query(params_from_iter(chunk))?;
        while let Some(row) = rows.next()? {
            out.insert(row.get(0)?, row.get(1)?);
        }
    }
    Ok(out)
}

/// An exported calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarExport {
    /// The iCalendar (`.ics`) text.
    pub ics: String,
    /// How many events it holds.
    pub events: u64,
}

impl Store {
    /// The events of `owner`'s calendar in `window` (local dates, both included):
    /// pending plans, scheduled visits and test drives, open care tasks (at most
    /// [`MAX_PAGE_SIZE`] of them), in that order, each by time.
    pub fn calendar_events(
        &self,
        owner: &str,
        window: DateWindow,
        language: Language,
    ) -> Result<Vec<CalendarEvent>> {
        let owner = calendar_owner(owner)?;
        let DateWindow { from, to } = DateWindow::new(window.from, window.to)?;
        let zone = self.settings()?.zone;
        let millis = (to_millis(zone.start_of(from)), to_millis(zone.end_of(to)));
        let mut events = self.read(|conn| {
            let mut events = plan_events(conn, &owner, millis, language)?;
            events.extend(visit_events(conn, &owner, millis, language)?);
            Ok(events)
        })?;
        let tasks = self.care_tasks(&CareTaskQuery {
            owner: Some(owner.clone()),
            customer_id: None,
            status: Some(CareTaskStatusKind::Open),
            due_from: Some(from),
            due_to: Some(to),
            limit: MAX_PAGE_SIZE,
        })?;
        let ids: Vec<&str> = tasks.iter().map(|t| t.task.customer_id.as_str()).collect();
        let names = self.read(|conn| names(conn, &ids))?;
        for t in &tasks {
            if let Some(name) = names.get(t.task.customer_id.as_str()) {
                events.push(care_event(
                    t.task.key.as_str(),
                    name,
                    t.task.kind(),
                    t.task.due_on,
                    language,
                ));
            }
        }
        Ok(events)
    }

    /// [`Store::calendar_events`] as the text of an iCalendar (`.ics`) file, stamped with
    /// the store's clock.
    pub fn export_calendar(
        &self,
        owner: &str,
        window: DateWindow,
        language: Language,
    ) -> Result<CalendarExport> {
        let events = self.calendar_events(owner, window, language)?;
        let stamp = self.clock_now();
        let mut calendar = icalendar::Calendar::new();
        calendar.name(&format!("dealer-crm {}", owner.trim()));
        for e in &events {
            let mut event = icalendar::Event::new();
            event.uid(&e.uid).summary(&e.summary).timestamp(stamp);
            match e.time {
                EventTime::Timed { start, end } => {
                    event.starts(start).ends(end);
                }
                EventTime::AllDay(day) => {
                    event.starts(day).ends(day.succ_opt().unwrap_or(day));
                }
            }
            if let Some(d) = &e.description {
                event.description(d);
            }
            calendar.push(event.done());
        }
        Ok(CalendarExport {
            ics: calendar.done().to_string(),
            events: events.len() as u64,
        })
    }

    /// [`Store::export_calendar`] written to an `.ics` file at `path` (replaced whole, or
    /// left as it was when the export fails). Returns how many events it holds.
    pub fn export_calendar_file(
        &self,
        owner: &str,
        window: DateWindow,
        language: Language,
        path: &Path,
    ) -> Result<u64> {
        let calendar = self.export_calendar(owner, window, language)?;
        write_atomically(path, |out| {
            out.write_all(calendar.ics.as_bytes()).map_err(file_error)
        })?;
        Ok(calendar.events)
    }
}
