//! Delivered cars (已交车辆) and their insurance end dates (保险到期日): the facts care
//! tasks are made from.

use crate::custom::{CalendarDate, Timestamp};
use crate::error::CrmError;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::number::{Signed, Unsigned};
use crate::store::CrmStore;
use crm_core::{CarId, CustomerId};

/// A delivered car as the user enters it, for `record_car`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NewCar {
    /// The VIN (车架号), when known: 17 characters, check digit verified.
    #[uniffi(default = None)]
    pub vin: Option<String>,
    /// The brand (`大众`), required.
    pub brand: String,
    /// The model (`ID.4 CROZZ`), required.
    pub model: String,
    /// The delivery date (交车日期): not after the dealership's today.
    pub delivered_on: CalendarDate,
    /// The odometer at delivery, in km.
    #[uniffi(default = 0)]
    pub delivery_km: i32,
    /// The first registration (初次登记日期) of a used car, when known.
    #[uniffi(default = None)]
    pub registered_on: Option<CalendarDate>,
    /// The order the car was delivered on, when there is one.
    #[uniffi(default = None)]
    pub order_id: Option<String>,
}

impl NewCar {
    /// The domain's car; an impossible date is `InvalidInput` on its field.
    fn into_domain(self) -> Result<crm_core::NewCar, CrmError> {
        Ok(crm_core::NewCar {
            vin: self.vin,
            brand: self.brand,
            model: self.model,
            delivered_on: self.delivered_on,
            delivery_km: self.delivery_km.unsigned("delivery_km")?,
            registered_on: self.registered_on,
            order_id: self.order_id,
        })
    }
}

/// A delivered car as stored.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Car {
    /// The id.
    pub id: CarId,
    /// Its owner.
    pub customer_id: CustomerId,
    /// The VIN, normalised, when known.
    pub vin: Option<String>,
    /// The brand.
    pub brand: String,
    /// The model.
    pub model: String,
    /// The delivery date.
    pub delivered_on: CalendarDate,
    /// The odometer at delivery, in km.
    pub delivery_km: i32,
    /// The first registration, when recorded.
    pub registered_on: Option<CalendarDate>,
    /// The order it was delivered on, when there is one.
    pub order_id: Option<String>,
    /// The end dates of its insurance policies, ascending.
    pub insurance_ends_on: Vec<CalendarDate>,
    /// When it was recorded.
    pub created_at: Timestamp,
}

impl From<crm_core::Car> for Car {
    fn from(c: crm_core::Car) -> Self {
        Car {
            id: c.id,
            customer_id: c.customer_id,
            vin: c.vin.map(|v| v.as_str().to_owned()),
            brand: c.brand,
            model: c.model,
            delivered_on: c.delivered_on,
            delivery_km: c.delivery_km.signed(),
            registered_on: c.registered_on,
            order_id: c.order_id,
            insurance_ends_on: c.insurance_ends_on.into_iter().collect(),
            created_at: c.created_at,
        }
    }
}

#[uniffi::export]
impl CrmStore {
    /// Records a delivered car of customer `customer_id`; its care tasks appear with the
    /// next `generate_care`. (Delivering an order through the pipeline records the car by
    /// itself.)
    ///
    /// Fails with `InvalidInput` on `vin`, `brand`, `model`, `delivered_on` (after today,
    /// or not a calendar date), `delivery_km`, `registered_on` or `order_id`; with
    /// `NotFound` for the customer; with `DuplicateContact` on `vin` when another car has
    /// that VIN (`existing_id`: that car's owner).
    pub async fn record_car(&self, customer_id: CustomerId, car: NewCar) -> Result<Car, CrmError> {
        self.write_touching(
            Touched::kinds(&[DataKind::Care]).of(&customer_id),
            move |store| {
                let car = car.into_domain()?;
                Ok(store.record_car(&customer_id, &car)?.into())
            },
        )
        .await
    }

    /// Car `id`. Fails with `NotFound`.
    pub async fn get_car(&self, id: CarId) -> Result<Car, CrmError> {
        self.read(move |store| Ok(store.get_car(&id)?.into())).await
    }

    /// Customer `customer_id`'s cars, by delivery date. Fails with `NotFound`.
    pub async fn cars_of(&self, customer_id: CustomerId) -> Result<Vec<Car>, CrmError> {
        self.read(move |store| {
            let cars = store.cars_of(&customer_id)?;
            Ok(cars.into_iter().map(Into::into).collect())
        })
        .await
    }

    /// Replaces car `car_id`'s insurance end dates with `ends_on` (any order; kept sorted,
    /// each once) and returns the car. A corrected date drops the open renewal task of the
    /// old one at the next `generate_care`.
    ///
    /// Fails with `InvalidInput` on `insurance_ends_on[i]` (before the delivery, not a
    /// calendar date) or `insurance_ends_on` (more than 50), and with `NotFound`.
    pub async fn set_insurance_ends(
        &self,
        car_id: CarId,
        ends_on: Vec<CalendarDate>,
    ) -> Result<Car, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Care]), move |store| {
            Ok(store.set_insurance_ends(&car_id, &ends_on)?.into())
        })
        .await
    }
}
