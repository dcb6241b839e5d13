//! Every delivered customer's care facts at once, for a care run: six set-based queries
//! (cars with their customers, readings, known services, insurance end dates, consents,
//! contacts) grouped in memory, instead of a handful of queries per customer.

use crate::consent_store::{record_from_row, CONSENT_COLUMNS};
use crate::error::{Result, StoreError};
use crate::time::parse_date;
use chrono::NaiveDate;
use crm_core::{
    CareCar, CareCustomer, ChannelSet, ConsentChannel, CustomerConsent, CustomerId,
    OdometerReading, ServiceVisit,
};
use rusqlite::Connection;
use rustc_hash::FxHashMap as HashMap;

/// A delivered customer's facts and their owner (copied onto their tasks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CareFacts {
    /// The facts the planner reads.
    pub customer: CareCustomer,
    /// The customer's consultant.
    pub owner: Option<String>,
}

/// `car_id → values` from a two-column query.
fn by_car<T>(
    conn: &Connection,
    sql: &str,
    value: impl Fn(&rusqlite::Row) -> Result<T>,
) -> Result<HashMap<String, Vec<T>>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query([])?;
    let mut out: HashMap<String, Vec<T>> = HashMap::default();
    while let Some(row) = rows.next()? {
        let car: String = row.get(0)?;
        out.entry(car).or_default().push(value(row)?);
    }
    Ok(out)
}

/// The channels a contact of kind `kind` (a `crm_core::ContactKind` code) reaches.
fn reaches(kind: &str) -> ChannelSet {
    use ConsentChannel::{Email, Phone, Sms, Wechat};
    match kind {
        "mobile" => ChannelSet::of(&[Phone, Sms]),
        "landline" => ChannelSet::of(&[Phone]),
        "wechat" => ChannelSet::of(&[Wechat]),
        "email" => ChannelSet::of(&[Email]),
        _ => ChannelSet::NONE,
    }
}

/// Every customer with at least one car, by id, with their cars by delivery date.
pub(crate) fn load_care_facts(conn: &Connection) -> Result<Vec<CareFacts>> {
    // Readings, and the days of those taken at a service visit.
    let mut readings: HashMap<String, Vec<OdometerReading>> = HashMap::default();
    let mut services: HashMap<String, Vec<ServiceVisit>> = HashMap::default();
    {
        let mut stmt =
            conn.prepare_cached("SELECT car_id, on_date, km, source FROM odometer_readings")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let car: String = row.get(0)?;
            let on = parse_date(&row.get::<_, String>(1)?, "odometer_readings.on_date")?;
            let source = row.get_ref(3)?.as_str().map_err(|_| StoreError::Corrupt {
                column: "odometer_readings.source",
            })?;
            let at_service = source == "service_visit";
            if at_service {
                services
                    .entry(car.clone())
                    .or_default()
                    .push(ServiceVisit { on, service: None });
            }
            readings.entry(car).or_default().push(OdometerReading {
                on,
                km: row.get(2)?,
            });
        }
    }
    {
        let mut stmt = conn.prepare_cached("SELECT car_id, service, done_on FROM car_services")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            services.entry(row.get(0)?).or_default().push(ServiceVisit {
                on: parse_date(&row.get::<_, String>(2)?, "car_services.done_on")?,
                service: Some(row.get(1)?),
            });
        }
    }
    let mut insurance = by_car(conn, "SELECT car_id, ends_on FROM insurance_ends", |r| {
        parse_date(&r.get::<_, String>(1)?, "insurance_ends.ends_on")
    })?;
    let mut reachable: HashMap<String, ChannelSet> = HashMap::default();
    {
        let mut stmt = conn.prepare_cached("SELECT customer_id, kind FROM contacts")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let kind = row.get_ref(1)?.as_str().map_err(|_| StoreError::Corrupt {
                column: "contacts.kind",
            })?;
            let by = reaches(kind);
            let set = reachable.entry(row.get(0)?).or_default();
            *set = set.union(by);
        }
    }
    let mut consents: HashMap<String, CustomerConsent> = HashMap::default();
    {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT customer_id, {CONSENT_COLUMNS} FROM consents"
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let customer: String = row.get(0)?;
            let records = &mut consents.entry(customer).or_default().records;
            records.push(record_from_row(row, 1)?);
            records.sort_by_key(|r| r.channel);
        }
    }

    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.birthday, c.owner, car.id, car.delivered_on, car.delivery_km,
                car.registered_on
         FROM cars car JOIN customers c ON c.id = car.customer_id
         ORDER BY car.customer_id, car.delivered_on, car.id",
    )?;
    let mut rows = stmt.query([])?;
    let mut out: Vec<CareFacts> = Vec::new();
    while let Some(row) = rows.next()? {
        let customer: String = row.get(0)?;
        if out
            .last()
            .is_none_or(|f| f.customer.id.as_str() != customer)
        {
            let birthday = row
                .get::<_, Option<String>>(1)?
                .map(|d| parse_date(&d, "customers.birthday"))
                .transpose()?;
            out.push(CareFacts {
                customer: CareCustomer {
                    consent: consents.remove(&customer).unwrap_or_default(),
                    reachable: reachable.remove(&customer).unwrap_or_default(),
                    id: CustomerId(customer),
                    birthday,
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
        let care_car = CareCar {
            delivered_on: parse_date(&row.get::<_, String>(4)?, "cars.delivered_on")?,
            delivery_km: row.get(5)?,
            registered_on,
            readings: readings.remove(&car).unwrap_or_default(),
            services: services.remove(&car).unwrap_or_default(),
            insurance_ends_on: insurance.remove(&car).unwrap_or_default(),
            id: car.into(),
        };
        if let Some(f) = out.last_mut() {
            f.customer.cars.push(care_car);
        }
    }
    Ok(out)
}
