//! The services a car is known to have had by a maintenance task marked done
//! (`car_services`): the care engine restarts the car's maintenance schedule from them
//! ([`crm_core::ServiceVisit`]; readings taken at a service visit are the other kind, read
//! from `odometer_readings`).

use crate::care::schedule::decode;
use crate::db::time::date_text;
use crate::error::Result;
use crate::settings::stored::read_zone;
use chrono::NaiveDate;
use crm_core::{CareDetail, CareTask, CareTaskStatus};
use rusqlite::{params, Connection};

/// Records that `task`, just marked done on the local date `on`, was a service of its car,
/// when it is a maintenance task of a car still on record.
pub(crate) fn record_service_done(conn: &Connection, task: &CareTask, on: NaiveDate) -> Result<()> {
    let (CareDetail::Maintenance { service, .. }, Some(car)) = (&task.detail, &task.car_id) else {
        return Ok(());
    };
    conn.prepare_cached(
        "INSERT INTO car_services (car_id, service, done_on)
         SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM cars WHERE id = ?1)
         ON CONFLICT (car_id, service) DO UPDATE SET done_on = excluded.done_on",
    )?
    .execute(params![car.as_str(), service, date_text(on)])?;
    Ok(())
}

/// Migration 12's backfill: every maintenance task already marked done becomes a known
/// service of its car, on the dealership's local date it was marked.
pub(crate) fn fill_car_services(conn: &Connection) -> Result<()> {
    let zone = read_zone(conn)?;
    let mut stmt = conn.prepare("SELECT tasks FROM care_schedules")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        for r in decode(&row.get::<_, Vec<u8>>(0)?)? {
            if let CareTaskStatus::Done { at, .. } = r.status {
                record_service_done(conn, &r.task, zone.local_date(at))?;
            }
        }
    }
    Ok(())
}
