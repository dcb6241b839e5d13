//! Vehicle intents (购车意向): what each customer wants (brand, model, configuration,
//! budget, timeframe, payment, trade-in, competing models), one of them primary.

use crate::convert::checked;
use crate::custom::Timestamp;
use crate::error::CrmError;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::number::{Signed, Unsigned};
use crate::store::CrmStore;
use crate::vehicle::money::AmountRange;
use crate::vehicle::purchase::{PaymentMethod, PurchaseTimeframe, TradeIn};
use crate::vehicle::spec::{BodyType, Powertrain};
use crm_core::{CatalogueModelId, CustomerId, IntentId};

/// An intent as the consultant enters it, for `add_intent`; the customer is the call's. It
/// must name something: a brand, series, model, catalogue model or body type.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NewVehicleIntent {
    /// Brand (品牌): 大众.
    #[uniffi(default = None)]
    pub brand: Option<String>,
    /// Series (车系): 途观L.
    #[uniffi(default = None)]
    pub series: Option<String>,
    /// Model (车型): 2025款 330TSI.
    #[uniffi(default = None)]
    pub model: Option<String>,
    /// Trim (配置).
    #[uniffi(default = None)]
    pub trim: Option<String>,
    /// Body type.
    #[uniffi(default = None)]
    pub body_type: Option<BodyType>,
    /// Powertrain.
    #[uniffi(default = None)]
    pub powertrain: Option<Powertrain>,
    /// Colour preferences (颜色偏好), most wanted first.
    #[uniffi(default = [])]
    pub colours: Vec<String>,
    /// Option preferences (选装偏好).
    #[uniffi(default = [])]
    pub options: Vec<String>,
    /// The budget (预算) in fen.
    #[uniffi(default)]
    pub budget: AmountRange,
    /// When they mean to buy; `null` is undecided.
    #[uniffi(default = None)]
    pub timeframe: Option<PurchaseTimeframe>,
    /// How they mean to pay.
    #[uniffi(default = None)]
    pub payment: Option<PaymentMethod>,
    /// The car they would trade in (置换).
    #[uniffi(default = None)]
    pub trade_in: Option<TradeIn>,
    /// Competing models they consider (竞品).
    #[uniffi(default = [])]
    pub competitors: Vec<String>,
    /// The catalogue model this intent points at; it must be in the loaded catalogue.
    #[uniffi(default = None)]
    pub catalogue_model: Option<CatalogueModelId>,
    /// Makes this the customer's primary intent (the first intent is primary anyway).
    #[uniffi(default = false)]
    pub primary: bool,
    /// Notes.
    #[uniffi(default = None)]
    pub notes: Option<String>,
}

impl NewVehicleIntent {
    /// The domain's intent for `customer`.
    fn into_domain(self, customer: CustomerId) -> Result<crm_core::NewVehicleIntent, CrmError> {
        Ok(crm_core::NewVehicleIntent {
            customer_id: customer,
            brand: self.brand,
            series: self.series,
            model: self.model,
            trim: self.trim,
            body_type: self.body_type.map(Into::into),
            powertrain: self.powertrain.map(Into::into),
            colours: self.colours,
            options: self.options,
            budget: self.budget.into(),
            timeframe: self.timeframe.map(Into::into).unwrap_or_default(),
            payment: self.payment.map(Into::into),
            trade_in: self
                .trade_in
                .map(|t| checked(t, "intent.trade_in"))
                .transpose()?,
            competitors: self.competitors,
            catalogue_model: self.catalogue_model,
            primary: self.primary,
            notes: self.notes,
        })
    }
}

/// A stored vehicle intent.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VehicleIntent {
    /// Its id.
    pub id: IntentId,
    /// The customer who wants the car.
    pub customer_id: CustomerId,
    /// Brand.
    pub brand: Option<String>,
    /// Series.
    pub series: Option<String>,
    /// Model.
    pub model: Option<String>,
    /// Trim.
    pub trim: Option<String>,
    /// Body type.
    pub body_type: Option<BodyType>,
    /// Powertrain.
    pub powertrain: Option<Powertrain>,
    /// Colour preferences.
    pub colours: Vec<String>,
    /// Option preferences.
    pub options: Vec<String>,
    /// The budget in fen.
    pub budget: AmountRange,
    /// When they mean to buy.
    pub timeframe: PurchaseTimeframe,
    /// How they mean to pay.
    pub payment: Option<PaymentMethod>,
    /// The car they would trade in.
    pub trade_in: Option<TradeIn>,
    /// Competing models considered.
    pub competitors: Vec<String>,
    /// The catalogue model.
    pub catalogue_model: Option<CatalogueModelId>,
    /// `true` for the customer's primary intent (exactly one has it).
    pub primary: bool,
    /// Notes.
    pub notes: Option<String>,
    /// When it was entered.
    pub created_at: Timestamp,
    /// When it last changed.
    pub updated_at: Timestamp,
    /// Optimistic-concurrency version: 1 when entered, +1 on every change.
    pub version: i64,
}

impl From<crm_core::VehicleIntentRecord> for VehicleIntent {
    fn from(r: crm_core::VehicleIntentRecord) -> Self {
        let i = r.intent;
        VehicleIntent {
            id: r.id,
            customer_id: i.customer_id,
            brand: i.brand,
            series: i.series,
            model: i.model,
            trim: i.trim,
            body_type: i.body_type.map(Into::into),
            powertrain: i.powertrain.map(Into::into),
            colours: i.colours,
            options: i.options,
            budget: i.budget.into(),
            timeframe: i.timeframe.into(),
            payment: i.payment.map(Into::into),
            trade_in: i.trade_in.map(Into::into),
            competitors: i.competitors,
            catalogue_model: i.catalogue_model,
            primary: i.primary,
            notes: i.notes,
            created_at: r.created_at,
            updated_at: r.updated_at,
            version: r.version.signed(),
        }
    }
}

#[uniffi::export]
impl CrmStore {
    /// Adds `intent` to customer `customer_id` (by consultant `actor`, when given) and
    /// returns it at version 1. It becomes primary when asked or when it is the customer's
    /// first.
    ///
    /// Fails with `InvalidInput` naming the field under `intent` (`intent.brand` when it
    /// names nothing, `intent.budget`, `intent.trade_in.year`, `intent.catalogue_model` when
    /// not in the catalogue), and `NotFound` for the customer.
    #[uniffi::method(default(actor = None))]
    pub async fn add_intent(
        &self,
        customer_id: CustomerId,
        intent: NewVehicleIntent,
        actor: Option<String>,
    ) -> Result<VehicleIntent, CrmError> {
        self.write_touching(
            Touched::kinds(&[DataKind::Deals]).of(&customer_id),
            move |store| {
                let intent = intent.into_domain(customer_id)?;
                Ok(store.add_intent(&intent, actor.as_deref())?.into())
            },
        )
        .await
    }

    /// Removes intent `id` if it is still at `expected_version`; when it was the primary,
    /// the earliest remaining intent becomes primary. Fails with `Conflict` or `NotFound`.
    #[uniffi::method(default(actor = None))]
    pub async fn remove_intent(
        &self,
        id: IntentId,
        expected_version: i64,
        actor: Option<String>,
    ) -> Result<(), CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Deals]), move |store| {
            Ok(store.remove_intent(
                &id,
                expected_version.unsigned("expected_version")?,
                actor.as_deref(),
            )?)
        })
        .await
    }

    /// The intent `id`. Fails with `NotFound`.
    pub async fn get_intent(&self, id: IntentId) -> Result<VehicleIntent, CrmError> {
        self.read(move |store| Ok(store.get_intent(&id)?.into()))
            .await
    }

    /// Customer `customer_id`'s intents, the primary first, then oldest first.
    pub async fn intents_of(
        &self,
        customer_id: CustomerId,
    ) -> Result<Vec<VehicleIntent>, CrmError> {
        self.read(move |store| {
            let intents = store.intents_of(&customer_id)?;
            Ok(intents.into_iter().map(Into::into).collect())
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crm_core::CustomerId;

    #[test]
    fn an_undecided_timeframe_is_the_default() {
        let intent = NewVehicleIntent {
            brand: Some("大众".into()),
            series: None,
            model: None,
            trim: None,
            body_type: None,
            powertrain: None,
            colours: vec![],
            options: vec![],
            budget: AmountRange::default(),
            timeframe: None,
            payment: None,
            trade_in: None,
            competitors: vec![],
            catalogue_model: None,
            primary: false,
            notes: None,
        };
        let d = intent.into_domain(CustomerId("c".into())).unwrap();
        assert_eq!(d.timeframe, crm_core::PurchaseTimeframe::Undecided);
    }
}
