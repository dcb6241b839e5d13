//! Every delivered customer's care facts at once, for a care run: six set-based queries
//! (cars with their customers, readings, known services, insurance end dates, consents,
//! contacts), grouped in memory or read side by side in customer order, instead of a
//! handful of queries per customer.

use crate::db::rows::{code_at, text_at};
use crate::db::time::parse_date;
use crate::error::{Result, StoreError};
use chrono::NaiveDate;
use crm_core::{
    CareCar, CareCustomer, ChannelSet, ConsentChannel, ConsentStates, ContactKind, CustomerId,
    OdometerReading, ServiceVisit,
};
use rusqlite::Connection;
use rustc_hash::FxHashMap as HashMap;
use std::cmp::Ordering;

/// A delivered customer's facts and their owner (copied onto their tasks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CareFacts {
    /// The facts the planner reads.
    pub customer: CareCustomer,
    /// The customer's consultant.
    pub owner: Option<String>,
}

/// What is known of one car besides its row.
#[derive(Default)]
struct CarParts {
    readings: Vec<OdometerReading>,
    services: Vec<ServiceVisit>,
    insurance_ends_on: Vec<NaiveDate>,
}

/// Adds each row of `sql` (the car's id first) to its car's parts with `add`; the id is
/// copied once per car, not per row.
fn by_car(
    conn: &Connection,
    parts: &mut HashMap<String, CarParts>,
    sql: &str,
    mut add: impl FnMut(&mut CarParts, &rusqlite::Row<'_>) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let car = text_at(row, 0)?;
        let entry = match parts.get_mut(car) {
            Some(p) => p,
            None => parts.entry(car.to_owned()).or_default(),
        };
        add(entry, row)?;
    }
    Ok(())
}

/// The channels a contact of kind `kind` reaches: calls and SMS a mobile number, calls a
/// landline.
fn reaches(kind: ContactKind) -> ChannelSet {
    use ConsentChannel::{Email, Phone, Sms, Wechat};
    match kind {
        ContactKind::Mobile => ChannelSet::of(&[Phone, Sms]),
        ContactKind::Landline => ChannelSet::of(&[Phone]),
        ContactKind::Wechat => ChannelSet::of(&[Wechat]),
        ContactKind::Email => ChannelSet::of(&[Email]),
        ContactKind::Other => ChannelSet::NONE,
    }
}

/// Every customer with at least one car, by id, with their cars by delivery date.
///
/// The cars' parts are read into a map by car; a customer's consent and contacts are read
/// alongside the cars, from queries in the same order (by customer id, as their primary
/// keys keep them), so that no map of every customer's is built.
pub(crate) fn load_care_facts(conn: &Connection) -> Result<Vec<CareFacts>> {
    let cars: usize = conn
        .prepare_cached("SELECT count(*) FROM cars")?
        .query_row([], |r| r.get(0))?;
    let mut parts: HashMap<String, CarParts> =
        HashMap::with_capacity_and_hasher(cars, Default::default());
    // Readings, and the days of those taken at a service visit.
    by_car(
        conn,
        &mut parts,
        "SELECT car_id, on_date, km, source FROM odometer_readings",
        |p, row| {
            let on = parse_date(text_at(row, 1)?, "odometer_readings.on_date")?;
            if text_at(row, 3)? == "service_visit" {
                p.services.push(ServiceVisit { on, service: None });
            }
            p.readings.push(OdometerReading {
                on,
                km: row.get(2)?,
            });
            Ok(())
        },
    )?;
    by_car(
        conn,
        &mut parts,
        "SELECT car_id, service, done_on FROM car_services",
        |p, row| {
            p.services.push(ServiceVisit {
                on: parse_date(text_at(row, 2)?, "car_services.done_on")?,
                service: Some(row.get(1)?),
            });
            Ok(())
        },
    )?;
    by_car(
        conn,
        &mut parts,
        "SELECT car_id, ends_on FROM insurance_ends",
        |p, row| {
            p.insurance_ends_on
                .push(parse_date(text_at(row, 1)?, "insurance_ends.ends_on")?);
            Ok(())
        },
    )?;

    let mut consent_stmt = conn
        .prepare_cached("SELECT customer_id, channel, state FROM consents ORDER BY customer_id")?;
    let mut consent_rows = consent_stmt.query([])?;
    let mut consent_row = consent_rows.next()?;
    let mut contact_stmt =
        conn.prepare_cached("SELECT customer_id, kind FROM contacts ORDER BY customer_id")?;
    let mut contact_rows = contact_stmt.query([])?;
    let mut contact_row = contact_rows.next()?;

    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.birthday, c.owner, car.id, car.delivered_on, car.delivery_km,
                car.registered_on
         FROM cars car JOIN customers c ON c.id = car.customer_id
         ORDER BY car.customer_id, car.delivered_on",
    )?;
    let mut rows = stmt.query([])?;
    let mut out: Vec<CareFacts> = Vec::new();
    while let Some(row) = rows.next()? {
        let customer = text_at(row, 0)?;
        if out
            .last()
            .is_none_or(|f| f.customer.id.as_str() != customer)
        {
            let mut consent = ConsentStates::default();
            while let Some(r) = consent_row {
                match text_at(r, 0)?.cmp(customer) {
                    Ordering::Less => {}
                    Ordering::Equal => {
                        consent = consent.with(
                            code_at(r, 1, "consents.channel")?,
                            code_at(r, 2, "consents.state")?,
                        )
                    }
                    Ordering::Greater => break,
                }
                consent_row = consent_rows.next()?;
            }
            let mut reachable = ChannelSet::NONE;
            while let Some(r) = contact_row {
                match text_at(r, 0)?.cmp(customer) {
                    Ordering::Less => {}
                    Ordering::Equal => {
                        reachable = reachable.union(reaches(code_at(r, 1, "contacts.kind")?))
                    }
                    Ordering::Greater => break,
                }
                contact_row = contact_rows.next()?;
            }
            let birthday = row
                .get_ref(1)?
                .as_str_or_null()
                .map_err(|_| StoreError::Corrupt {
                    column: "customers.birthday",
                })?
                .map(|d| parse_date(d, "customers.birthday"))
                .transpose()?;
            out.push(CareFacts {
                customer: CareCustomer {
                    id: CustomerId(customer.to_owned()),
                    birthday,
                    consent,
                    reachable,
                    cars: Vec::new(),
                },
                owner: row.get(2)?,
            });
        }
        let car: String = row.get(3)?;
        let registered_on: Option<NaiveDate> = row
            .get::<_, Option<String>>(6)?
            .map(|d| parse_date(&d, "cars.registered_on"))
            .transpose()?;
        let p = parts.remove(&car).unwrap_or_default();
        let care_car = CareCar {
            delivered_on: parse_date(text_at(row, 4)?, "cars.delivered_on")?,
            delivery_km: row.get(5)?,
            registered_on,
            readings: p.readings,
            services: p.services,
            insurance_ends_on: p.insurance_ends_on,
            id: car.into(),
        };
        if let Some(f) = out.last_mut() {
            f.customer.cars.push(care_car);
            // By delivery date then id (the index gives the dates in order; cars delivered
            // on one day are few).
            let cars = &mut f.customer.cars;
            if cars.len() > 1 {
                cars.sort_by(|a, b| (a.delivered_on, &a.id).cmp(&(b.delivered_on, &b.id)));
            }
        }
    }
    Ok(out)
}
