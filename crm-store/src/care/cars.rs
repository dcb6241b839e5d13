//! Delivered cars (已交车辆) and their insurance end dates: with the odometer readings, the
//! facts the care engine plans from.

use crate::customer::customers::not_found;
use crate::db::ids::new_id;
use crate::db::rows::collect;
use crate::db::time::{date_text, from_millis, parse_date, to_millis};
use crate::error::{Result, StoreError};
use crate::store::Store;
use chrono::{DateTime, NaiveDate, Utc};
use crm_core::{validate_insurance_ends, Car, CarId, CustomerId, NewCar, Vin};
use rusqlite::{params, Connection, OptionalExtension, Row};

const ENTITY: &str = "car";

/// The columns of `cars`, in the order [`car_from_row`] reads them.
const CAR_COLUMNS: &str =
    "id, customer_id, vin, brand, model, delivered_on, delivery_km, registered_on, order_id, created_at";

pub(crate) fn car_not_found(id: &CarId) -> StoreError {
    StoreError::not_found(ENTITY, id)
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
    collect(&mut stmt, [car], |row| {
        parse_date(&row.get::<_, String>(0)?, "insurance_ends.ends_on")
    })
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

impl Store {
    /// Records a delivered car of customer `customer` (validated as by
    /// [`NewCar::validate`] against the dealership's today; errors name the field). Its
    /// care tasks appear with the next [`Store::generate_care`].
    pub fn record_car(&self, customer: &CustomerId, car: &NewCar) -> Result<Car> {
        let now = self.now();
        self.write(|tx| {
            let car = car.validate(self.today_on(tx)?)?;
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
