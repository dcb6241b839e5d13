//! An edit of a vehicle intent: [`VehicleIntentPatch`], the fields it can clear
//! ([`IntentField`]), and `update_intent`.

use crate::convert::{checked, set_or_clear, ClearableField};
use crate::error::CrmError;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::number::Unsigned;
use crate::store::CrmStore;
use crate::vehicle::intent::VehicleIntent;
use crate::vehicle::money::AmountRange;
use crate::vehicle::purchase::{PaymentMethod, PurchaseTimeframe, TradeIn};
use crate::vehicle::spec::{BodyType, Powertrain};
use crm_core::{CatalogueModelId, IntentId};

/// An intent field `VehicleIntentPatch.clear` can empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum IntentField {
    /// The brand.
    Brand,
    /// The series.
    Series,
    /// The model.
    Model,
    /// The trim.
    Trim,
    /// The body type.
    BodyType,
    /// The powertrain.
    Powertrain,
    /// The payment method.
    Payment,
    /// The trade-in.
    TradeIn,
    /// The catalogue model.
    CatalogueModel,
    /// The notes.
    Notes,
}

impl ClearableField for IntentField {
    fn name(self) -> &'static str {
        match self {
            IntentField::Brand => "brand",
            IntentField::Series => "series",
            IntentField::Model => "model",
            IntentField::Trim => "trim",
            IntentField::BodyType => "body_type",
            IntentField::Powertrain => "powertrain",
            IntentField::Payment => "payment",
            IntentField::TradeIn => "trade_in",
            IntentField::CatalogueModel => "catalogue_model",
            IntentField::Notes => "notes",
        }
    }
}

/// Changes to an intent for `update_intent`: only the fields given change; to empty an
/// optional field, name it in `clear` (setting and clearing one field is `InvalidInput`).
/// Lists are replaced whole.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct VehicleIntentPatch {
    /// New brand.
    #[uniffi(default = None)]
    pub brand: Option<String>,
    /// New series.
    #[uniffi(default = None)]
    pub series: Option<String>,
    /// New model.
    #[uniffi(default = None)]
    pub model: Option<String>,
    /// New trim.
    #[uniffi(default = None)]
    pub trim: Option<String>,
    /// New body type.
    #[uniffi(default = None)]
    pub body_type: Option<BodyType>,
    /// New powertrain.
    #[uniffi(default = None)]
    pub powertrain: Option<Powertrain>,
    /// New colour preferences.
    #[uniffi(default = None)]
    pub colours: Option<Vec<String>>,
    /// New option preferences.
    #[uniffi(default = None)]
    pub options: Option<Vec<String>>,
    /// New budget.
    #[uniffi(default = None)]
    pub budget: Option<AmountRange>,
    /// New timeframe.
    #[uniffi(default = None)]
    pub timeframe: Option<PurchaseTimeframe>,
    /// New payment method.
    #[uniffi(default = None)]
    pub payment: Option<PaymentMethod>,
    /// New trade-in, replaced whole.
    #[uniffi(default = None)]
    pub trade_in: Option<TradeIn>,
    /// New competing models.
    #[uniffi(default = None)]
    pub competitors: Option<Vec<String>>,
    /// New catalogue model.
    #[uniffi(default = None)]
    pub catalogue_model: Option<CatalogueModelId>,
    /// `true` makes it primary; `false` on the primary hands the flag to the earliest other.
    #[uniffi(default = None)]
    pub primary: Option<bool>,
    /// New notes.
    #[uniffi(default = None)]
    pub notes: Option<String>,
    /// Optional fields to empty.
    #[uniffi(default = [])]
    pub clear: Vec<IntentField>,
}

impl TryFrom<VehicleIntentPatch> for crm_core::VehicleIntentPatch {
    type Error = CrmError;

    fn try_from(p: VehicleIntentPatch) -> Result<Self, CrmError> {
        use IntentField as F;
        let c = &p.clear;
        Ok(crm_core::VehicleIntentPatch {
            brand: set_or_clear(F::Brand, p.brand, c)?,
            series: set_or_clear(F::Series, p.series, c)?,
            model: set_or_clear(F::Model, p.model, c)?,
            trim: set_or_clear(F::Trim, p.trim, c)?,
            body_type: set_or_clear(F::BodyType, p.body_type.map(Into::into), c)?,
            powertrain: set_or_clear(F::Powertrain, p.powertrain.map(Into::into), c)?,
            colours: p.colours,
            options: p.options,
            budget: p.budget.map(Into::into),
            timeframe: p.timeframe.map(Into::into),
            payment: set_or_clear(F::Payment, p.payment.map(Into::into), c)?,
            trade_in: set_or_clear(
                F::TradeIn,
                p.trade_in.map(|t| checked(t, "trade_in")).transpose()?,
                c,
            )?,
            competitors: p.competitors,
            catalogue_model: set_or_clear(F::CatalogueModel, p.catalogue_model, c)?,
            primary: p.primary,
            notes: set_or_clear(F::Notes, p.notes, c)?,
        })
    }
}

#[uniffi::export]
impl CrmStore {
    /// Applies `patch` to intent `id` if it is still at `expected_version`, and returns it
    /// at its next version; the changed fields go to the timeline. A patch that changes
    /// nothing returns it as it is.
    ///
    /// Fails with `InvalidInput` like `add_intent`, `Conflict` on a stale version,
    /// `NotFound`.
    #[uniffi::method(default(actor = None))]
    pub async fn update_intent(
        &self,
        id: IntentId,
        expected_version: i64,
        patch: VehicleIntentPatch,
        actor: Option<String>,
    ) -> Result<VehicleIntent, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Deals]), move |store| {
            let patch = patch.try_into()?;
            Ok(store
                .update_intent(
                    &id,
                    expected_version.unsigned("expected_version")?,
                    &patch,
                    actor.as_deref(),
                )?
                .into())
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_patch_sets_clears_and_refuses_both() {
        let patch = VehicleIntentPatch {
            brand: Some("比亚迪".into()),
            clear: vec![IntentField::TradeIn],
            ..VehicleIntentPatch::default()
        };
        let d = crm_core::VehicleIntentPatch::try_from(patch).unwrap();
        assert_eq!(d.brand, Some(Some("比亚迪".into())));
        assert_eq!(d.trade_in, Some(None));
        assert_eq!(d.model, None);
        let both = VehicleIntentPatch {
            notes: Some("x".into()),
            clear: vec![IntentField::Notes],
            ..VehicleIntentPatch::default()
        };
        assert_eq!(
            crm_core::VehicleIntentPatch::try_from(both),
            Err(CrmError::invalid(
                "notes",
                "cannot be set and cleared in one patch"
            ))
        );
    }
}
