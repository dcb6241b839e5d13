//! Delivered cars (已交车辆), their odometer readings and insurance end dates: the facts the
//! care engine plans from. A reading is checked against the car's others under the
//! dealership's daily limit ([`crm_core::check_reading`]) when it is recorded or corrected;
//! a typo already stored can be corrected or deleted.

use crate::customer::customers::not_found;
use crate::customer::rows::code;
use crate::db::ids::new_id;
use crate::db::time::{from_millis, parse_date, to_millis};
use crate::error::{Result, StoreError};
use crate::settings::dealership::{read_odometer_limits, read_zone};
use crate::store::Store;
use chrono::{DateTime, NaiveDate, Utc};
use crm_core::{
    check_reading, validate_insurance_ends, Car, CarId, Code, CustomerId, NewCar, OdometerReading,
    OdometerSource, Vin,
};
use rusqlite::{params, Connection, OptionalExtension, Row};

const ENTITY: &str = "car";
const READING: &str = "odometer reading";

/// The columns of `cars`, in the order [`car_from_row`] reads them.
const CAR_COLUMNS: &str =
    "id, customer_id, vin, brand, model, delivered_on, delivery_km, registered_on, order_id, created_at";

/// A stored odometer reading with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
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

pub(crate) fn car_not_found(id: &CarId) -> StoreError {
    StoreError::not_found(ENTITY, id)
}

/// A date as stored.
pub(crate) fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn car_from_row(row: &Row<'_>, insurance_ends_on: Vec<NaiveDate>) -> Result<Car> {
    let vin = row
        .get::<_, Option<String>>(2)?
        .map(|v| Vin::parse(&v).map_err(|_| StoreError::Corrupt { column: "cars.vin" }))
        .transpose()?;
    Ok(Car {
        id: CarId(row.get(0)?),
        customer_id: CustomerId(row.get(1)?),
        vin,
        brand: row.get(3)?,
        model: row.get(4)?,
        delivered_on: parse_date(&row.get::<_, String>(5)?, "cars.delivered_on")?,
        delivery_km: row.get(6)?,
        registered_on: row
            .get::<_, Option<String>>(7)?
            .map(|d| parse_date(&d, "cars.registered_on"))
            .transpose()?,
        order_id: row.get(8)?,
        insurance_ends_on,
        created_at: from_millis(row.get(9)?, "cars.created_at")?,
    })
}

fn insurance_ends_of(conn: &Connection, car: &str) -> Result<Vec<NaiveDate>> {
    let mut stmt = conn
        .prepare_cached("SELECT ends_on FROM insurance_ends WHERE car_id = ?1 ORDER BY ends_on")?;
    let mut rows = stmt.query([car])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(parse_date(
            &row.get::<_, String>(0)?,
            "insurance_ends.ends_on",
        )?);
    }
    Ok(out)
}

/// Car `id`, or `None`.
pub(crate) fn read_car(conn: &Connection, id: &CarId) -> Result<Option<Car>> {
    let ends = insurance_ends_of(conn, id.as_str())?;
    conn.prepare_cached(&format!("SELECT {CAR_COLUMNS} FROM cars WHERE id = ?1"))?
        .query_row([id.as_str()], |r| Ok(car_from_row(r, ends)))
        .optional()?
        .transpose()
}

fn customer_exists(conn: &Connection, id: &CustomerId) -> Result<()> {
    conn.prepare_cached("SELECT 1 FROM customers WHERE id = ?1")?
        .query_row([id.as_str()], |_| Ok(()))
        .optional()?
        .ok_or_else(|| not_found(id))
}

/// Inserts a car already checked by [`NewCar::validate`] for customer `customer`, recorded
/// at `now`: what recording a car and delivering an order both do. Errors: the customer is
/// unknown (`NotFound`), the VIN belongs to another car (`Duplicate`, field `vin`).
pub(crate) fn insert_car(
    conn: &Connection,
    customer: &CustomerId,
    car: &NewCar,
    now: DateTime<Utc>,
) -> Result<Car> {
    customer_exists(conn, customer)?;
    if let Some(vin) = &car.vin {
        let holder: Option<String> = conn
            .prepare_cached("SELECT customer_id FROM cars WHERE vin = ?1")?
            .query_row([vin], |r| r.get(0))
            .optional()?;
        if let Some(existing) = holder {
            return Err(StoreError::Duplicate {
                field: "vin".into(),
                existing: CustomerId(existing),
            });
        }
    }
    let id = CarId(new_id(now));
    conn.prepare_cached(&format!(
        "INSERT INTO cars ({CAR_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    ))?
    .execute(params![
        id.as_str(),
        customer.as_str(),
        car.vin,
        car.brand,
        car.model,
        date_text(car.delivered_on),
        car.delivery_km,
        car.registered_on.map(date_text),
        car.order_id,
        to_millis(now),
    ])?;
    read_car(conn, &id)?.ok_or_else(|| car_not_found(&id))
}

fn reading_not_found(id: i64) -> StoreError {
    StoreError::NotFound {
        entity: READING,
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
    let mut rows = stmt.query([car.as_str()])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(reading_from_row(row)?);
    }
    Ok(out)
}

impl Store {
    /// The dealership's local date now.
    pub(crate) fn today(&self, conn: &Connection) -> Result<NaiveDate> {
        Ok(read_zone(conn)?.local_date(self.clock().now()))
    }

    /// Records a delivered car of customer `customer` (validated as by
    /// [`NewCar::validate`] against the dealership's today; errors name the field). Its
    /// care tasks appear with the next [`Store::generate_care`].
    pub fn record_car(&self, customer: &CustomerId, car: &NewCar) -> Result<Car> {
        let now = self.clock().now();
        self.write(|tx| {
            let car = car.validate(self.today(tx)?)?;
            insert_car(tx, customer, &car, now)
        })
    }

    /// Car `id`.
    pub fn get_car(&self, id: &CarId) -> Result<Car> {
        self.read(|tx| read_car(tx, id)?.ok_or_else(|| car_not_found(id)))
    }

    /// Customer `customer`'s cars, by delivery date.
    pub fn cars_of(&self, customer: &CustomerId) -> Result<Vec<Car>> {
        self.read(|tx| {
            customer_exists(tx, customer)?;
            let ids: Vec<String> = tx
                .prepare_cached(
                    "SELECT id FROM cars WHERE customer_id = ?1 ORDER BY delivered_on, id",
                )?
                .query_map([customer.as_str()], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            ids.into_iter()
                .map(|id| {
                    let id = CarId(id);
                    read_car(tx, &id)?.ok_or_else(|| car_not_found(&id))
                })
                .collect()
        })
    }

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
        let now = self.clock().now();
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
                recorded_at: crate::db::time::truncate_to_millis(now),
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
        let now = self.clock().now();
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
                recorded_at: crate::db::time::truncate_to_millis(now),
            })
        })
    }

    /// Deletes odometer reading `id` (a typo): the maintenance schedule follows the car's
    /// other readings at the next [`Store::generate_care`]. `NotFound` when there is no such
    /// reading.
    pub fn delete_odometer(&self, id: i64) -> Result<()> {
        self.write(|tx| {
            let deleted = tx
                .prepare_cached("DELETE FROM odometer_readings WHERE seq = ?1")?
                .execute([id])?;
            if deleted == 0 {
                return Err(reading_not_found(id));
            }
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
        let reading = reading.validate(stored.delivered_on, self.today(conn)?)?;
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

    /// Replaces car `car`'s insurance end dates (保险到期日) with `ends_on` (any order;
    /// checked by [`validate_insurance_ends`]: field `insurance_ends_on[i]`). A corrected
    /// date drops the open renewal task of the old one at the next
    /// [`Store::generate_care`].
    pub fn set_insurance_ends(&self, car: &CarId, ends_on: &[NaiveDate]) -> Result<Car> {
        self.write(|tx| {
            let stored = read_car(tx, car)?.ok_or_else(|| car_not_found(car))?;
            let ends = validate_insurance_ends(ends_on, stored.delivered_on)?;
            tx.prepare_cached("DELETE FROM insurance_ends WHERE car_id = ?1")?
                .execute([car.as_str()])?;
            let mut insert =
                tx.prepare_cached("INSERT INTO insurance_ends (car_id, ends_on) VALUES (?1, ?2)")?;
            for d in &ends {
                insert.execute(params![car.as_str(), date_text(*d)])?;
            }
            read_car(tx, car)?.ok_or_else(|| car_not_found(car))
        })
    }
}
