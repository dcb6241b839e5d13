//! Odometer readings (里程): recorded, corrected, deleted; maintenance follows the car's
//! pace from them.

use crate::convert::same_variants;
use crate::custom::{CalendarDate, Timestamp};
use crate::error::CrmError;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::number::{Signed, Unsigned};
use crate::store::CrmStore;
use crm_core::CarId;

/// Where an odometer reading came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum OdometerSource {
    /// Read at a service visit (保养进店).
    ServiceVisit,
    /// Said by the customer on a call or a message (回访).
    Customer,
    /// Anything else.
    Other,
}

same_variants!(OdometerSource <=> crm_core::OdometerSource {
    ServiceVisit, Customer, Other
});

/// A stored odometer reading.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OdometerRecord {
    /// The reading's id in this database, to correct or delete it.
    pub id: i64,
    /// The car it was read on.
    pub car_id: CarId,
    /// The day it was read.
    pub on: CalendarDate,
    /// The distance shown, in km.
    pub km: i32,
    /// Where it came from.
    pub source: OdometerSource,
    /// When it was recorded.
    pub recorded_at: Timestamp,
}

impl From<crm_store::OdometerRecord> for OdometerRecord {
    fn from(r: crm_store::OdometerRecord) -> Self {
        OdometerRecord {
            id: r.id,
            car_id: r.car_id,
            on: r.reading.on,
            km: r.reading.km.signed(),
            source: r.source.into(),
            recorded_at: r.recorded_at,
        }
    }
}

/// The domain's reading of `km` on `on`; an impossible date is `InvalidInput` on `on`.
fn reading(on: CalendarDate, km: i32) -> Result<crm_core::OdometerReading, CrmError> {
    Ok(crm_core::OdometerReading {
        on,
        km: km.unsigned("km")?,
    })
}

#[uniffi::export]
impl CrmStore {
    /// Records that car `car_id` showed `km` on date `on`; later maintenance tasks follow
    /// the car's pace at the next `generate_care`, and a reading from a service visit
    /// restarts its maintenance schedule.
    ///
    /// Fails with `InvalidInput` on `on` (before the delivery, after today, not a calendar
    /// date) or `km` (over 2,000,000; lower than an earlier reading; more than the
    /// dealership's daily limit, 1,500 km by default, a day since the previous reading; or
    /// making a later reading look like a typo), and with `NotFound` for the car.
    pub async fn record_odometer(
        &self,
        car_id: CarId,
        on: CalendarDate,
        km: i32,
        source: OdometerSource,
    ) -> Result<OdometerRecord, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Care]), move |store| {
            Ok(store
                .record_odometer(&car_id, reading(on, km)?, source.into())?
                .into())
        })
        .await
    }

    /// Corrects odometer reading `reading_id` (a typo, the wrong day or source) to `km` on
    /// `on` from `source`, and returns it. Checked as `record_odometer` checks a new
    /// reading, against the car's other readings; fails like it, and with `NotFound` for
    /// the reading.
    pub async fn correct_odometer(
        &self,
        reading_id: i64,
        on: CalendarDate,
        km: i32,
        source: OdometerSource,
    ) -> Result<OdometerRecord, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Care]), move |store| {
            Ok(store
                .correct_odometer(reading_id, reading(on, km)?, source.into())?
                .into())
        })
        .await
    }

    /// Deletes odometer reading `reading_id` (a typo): maintenance tasks follow the car's
    /// other readings at the next `generate_care`. Fails with `NotFound`.
    pub async fn delete_odometer(&self, reading_id: i64) -> Result<(), CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Care]), move |store| {
            Ok(store.delete_odometer(reading_id)?)
        })
        .await
    }

    /// Car `car_id`'s odometer readings, oldest first. Fails with `NotFound`.
    pub async fn odometer_readings_of(
        &self,
        car_id: CarId,
    ) -> Result<Vec<OdometerRecord>, CrmError> {
        self.read(move |store| {
            let readings = store.odometer_readings_of(&car_id)?;
            Ok(readings.into_iter().map(Into::into).collect())
        })
        .await
    }
}
