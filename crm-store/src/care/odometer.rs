//! Odometer readings (里程) of delivered cars. A reading is checked against the car's
//! others under the dealership's daily limit ([`crm_core::check_reading`]) when it is
//! recorded or corrected; a typo already stored can be corrected or deleted.

use super::cars::{car_not_found, read_car};
use crate::db::rows::{code, collect};
use crate::db::time::{date_text, from_millis, parse_date, to_millis};
use crate::error::{Result, StoreError};
use crate::follow_up::timeline::append;
use crate::settings::stored::read_odometer_limits;
use crate::store::Store;
use chrono::{DateTime, Utc};
use crm_core::{check_reading, CarId, Code, OdometerReading, OdometerSource, TimelineEntry};
use rusqlite::{params, Connection, OptionalExtension, Row};

const ENTITY: &str = "odometer reading";

/// A stored odometer reading with where it came from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OdometerRecord {
    /// The reading's id in this database (to correct or delete it).
    pub id: i64,
    /// The car it was read on.
    pub car_id: CarId,
    /// The reading.
    pub reading: OdometerReading,
    /// Where it came from.
    pub source: OdometerSource,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
}

fn reading_not_found(id: i64) -> StoreError {
    StoreError::NotFound {
        entity: ENTITY,
        id: id.to_string(),
    }
}

/// The columns of `odometer_readings`, in the order [`reading_from_row`] reads them.
const READING_COLUMNS: &str = "seq, car_id, on_date, km, source, recorded_at";

fn reading_from_row(row: &Row<'_>) -> Result<OdometerRecord> {
    Ok(OdometerRecord {
        id: row.get(0)?,
        car_id: CarId(row.get(1)?),
        reading: OdometerReading {
            on: parse_date(&row.get::<_, String>(2)?, "odometer_readings.on_date")?,
            km: row.get(3)?,
        },
        source: code(&row.get::<_, String>(4)?, "odometer_readings.source")?,
        recorded_at: from_millis(row.get(5)?, "odometer_readings.recorded_at")?,
    })
}

/// Odometer reading `id`.
fn read_reading(conn: &Connection, id: i64) -> Result<OdometerRecord> {
    conn.prepare_cached(&format!(
        "SELECT {READING_COLUMNS} FROM odometer_readings WHERE seq = ?1"
    ))?
    .query_row([id], |r| Ok(reading_from_row(r)))
    .optional()?
    .ok_or_else(|| reading_not_found(id))?
}

/// Car `car`'s odometer readings, oldest first (of one day, in the order recorded).
fn readings_of_car(conn: &Connection, car: &CarId) -> Result<Vec<OdometerRecord>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {READING_COLUMNS} FROM odometer_readings WHERE car_id = ?1 ORDER BY on_date, seq"
    ))?;
    collect(&mut stmt, [car.as_str()], reading_from_row)
}

impl Store {
    /// Records an odometer reading of car `car` from `source`, checked as by
    /// [`OdometerReading::validate`] against its delivery date and the dealership's today
    /// (field `on` or `km`), then by [`check_reading`] against the car's other readings
    /// under the dealership's daily limit (field `km`: lower than an earlier reading, more
    /// than the limit a day since the previous one, or making a later one look like a
    /// typo). A reading from a service visit restarts the maintenance schedule from it at
    /// the next [`Store::generate_care`].
    pub fn record_odometer(
        &self,
        car: &CarId,
        reading: OdometerReading,
        source: OdometerSource,
    ) -> Result<OdometerRecord> {
        let now = self.now();
        self.write(|tx| {
            let reading = self.checked_reading(tx, car, None, reading)?;
            tx.prepare_cached(
                "INSERT INTO odometer_readings (car_id, on_date, km, source, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                car.as_str(),
                date_text(reading.on),
                reading.km,
                source.code(),
                to_millis(now)
            ])?;
            Ok(OdometerRecord {
                id: tx.last_insert_rowid(),
                car_id: car.clone(),
                reading,
                source,
                recorded_at: now,
            })
        })
    }

    /// Corrects odometer reading `id` to `reading` from `source` (a typo, the wrong day),
    /// checked as [`Store::record_odometer`] checks a new one against the car's other
    /// readings. `NotFound` when there is no such reading.
    pub fn correct_odometer(
        &self,
        id: i64,
        reading: OdometerReading,
        source: OdometerSource,
    ) -> Result<OdometerRecord> {
        let now = self.now();
        self.write(|tx| {
            let car = read_reading(tx, id)?.car_id;
            let reading = self.checked_reading(tx, &car, Some(id), reading)?;
            tx.prepare_cached(
                "UPDATE odometer_readings SET on_date = ?2, km = ?3, source = ?4, recorded_at = ?5
                 WHERE seq = ?1",
            )?
            .execute(params![
                id,
                date_text(reading.on),
                reading.km,
                source.code(),
                to_millis(now)
            ])?;
            Ok(OdometerRecord {
                id,
                car_id: car,
                reading,
                source,
                recorded_at: now,
            })
        })
    }

    /// Deletes odometer reading `id` (a typo): the maintenance schedule follows the car's
    /// other readings at the next [`Store::generate_care`]. The car's customer's timeline
    /// keeps that a reading of that day was deleted (not its distance). `NotFound` when
    /// there is no such reading.
    pub fn delete_odometer(&self, id: i64) -> Result<()> {
        let now = self.now();
        self.write(|tx| {
            let gone = read_reading(tx, id)?;
            tx.prepare_cached("DELETE FROM odometer_readings WHERE seq = ?1")?
                .execute([id])?;
            let car = read_car(tx, &gone.car_id)?.ok_or_else(|| car_not_found(&gone.car_id))?;
            append(
                tx,
                &car.customer_id,
                now,
                None,
                &TimelineEntry::OdometerReadingDeleted {
                    car_id: gone.car_id,
                    on_date: gone.reading.on,
                },
            )?;
            Ok(())
        })
    }

    /// `reading` of car `car` checked against its delivery, today and its readings other
    /// than `replacing`.
    fn checked_reading(
        &self,
        conn: &Connection,
        car: &CarId,
        replacing: Option<i64>,
        reading: OdometerReading,
    ) -> Result<OdometerReading> {
        let stored = read_car(conn, car)?.ok_or_else(|| car_not_found(car))?;
        let reading = reading.validate(stored.delivered_on, self.today_on(conn)?)?;
        let others: Vec<OdometerReading> = readings_of_car(conn, car)?
            .into_iter()
            .filter(|r| Some(r.id) != replacing)
            .map(|r| r.reading)
            .collect();
        check_reading(
            stored.delivered_on,
            stored.delivery_km,
            &others,
            reading,
            read_odometer_limits(conn)?,
        )?;
        Ok(reading)
    }

    /// Odometer reading `id`. `NotFound` when there is no such reading.
    pub fn get_odometer_reading(&self, id: i64) -> Result<OdometerRecord> {
        self.read(|tx| read_reading(tx, id))
    }

    /// Car `car`'s odometer readings, oldest first.
    pub fn odometer_readings_of(&self, car: &CarId) -> Result<Vec<OdometerRecord>> {
        self.read(|tx| {
            read_car(tx, car)?.ok_or_else(|| car_not_found(car))?;
            readings_of_car(tx, car)
        })
    }
}
