//! Editing a vehicle intent: a patch names only what changes, and [`diff_intents`] says what
//! did, for the customer's timeline.

use super::body_type::BodyType;
use super::ids::CatalogueModelId;
use super::intent::{NewVehicleIntent, VehicleIntent};
use super::money::AmountRange;
use super::powertrain::Powertrain;
use super::purchase::{PaymentMethod, PurchaseTimeframe};
use super::trade_in::TradeIn;
use crate::follow_up::field_change::{code, list, text, Changes, FieldChange};
use crate::validation::{set, ValidationError};
use chrono::NaiveDate;

/// A change to a vehicle intent. `None` leaves a field as it is; for optional fields
/// `Some(None)` clears it. Lists and the budget are replaced whole. The customer cannot
/// change.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct VehicleIntentPatch {
    /// New brand, or `Some(None)` to clear it.
    pub brand: Option<Option<String>>,
    /// New series, or `Some(None)` to clear it.
    pub series: Option<Option<String>>,
    /// New model, or `Some(None)` to clear it.
    pub model: Option<Option<String>>,
    /// New trim, or `Some(None)` to clear it.
    pub trim: Option<Option<String>>,
    /// New body type, or `Some(None)` to clear it.
    pub body_type: Option<Option<BodyType>>,
    /// New powertrain, or `Some(None)` to clear it.
    pub powertrain: Option<Option<Powertrain>>,
    /// The new list of colours.
    pub colours: Option<Vec<String>>,
    /// The new list of options.
    pub options: Option<Vec<String>>,
    /// The new budget.
    pub budget: Option<AmountRange>,
    /// New timeframe.
    pub timeframe: Option<PurchaseTimeframe>,
    /// New payment, or `Some(None)` to clear it.
    pub payment: Option<Option<PaymentMethod>>,
    /// New trade-in, or `Some(None)` to remove it.
    pub trade_in: Option<Option<TradeIn>>,
    /// The new list of competing models.
    pub competitors: Option<Vec<String>>,
    /// New catalogue model, or `Some(None)` to unlink it.
    pub catalogue_model: Option<Option<CatalogueModelId>>,
    /// Make primary (`Some(true)`) or not; the store then applies
    /// [`crate::choose_primary`] to the customer's intents.
    pub primary: Option<bool>,
    /// New notes, or `Some(None)` to clear them.
    pub notes: Option<Option<String>>,
}

impl VehicleIntentPatch {
    /// `true` when the patch changes nothing.
    pub fn is_empty(&self) -> bool {
        self == &VehicleIntentPatch::default()
    }

    /// The intent after this patch, validated as a whole as of `today` (errors name the
    /// field under `intent`, as [`NewVehicleIntent::validate`] does).
    pub fn apply(
        &self,
        current: &VehicleIntent,
        today: NaiveDate,
    ) -> Result<VehicleIntent, ValidationError> {
        let mut next = NewVehicleIntent::from(current);
        let p = self.clone();
        set(&mut next.brand, p.brand);
        set(&mut next.series, p.series);
        set(&mut next.model, p.model);
        set(&mut next.trim, p.trim);
        set(&mut next.body_type, p.body_type);
        set(&mut next.powertrain, p.powertrain);
        set(&mut next.colours, p.colours);
        set(&mut next.options, p.options);
        set(&mut next.budget, p.budget);
        set(&mut next.timeframe, p.timeframe);
        set(&mut next.payment, p.payment);
        set(&mut next.trade_in, p.trade_in);
        set(&mut next.competitors, p.competitors);
        set(&mut next.catalogue_model, p.catalogue_model);
        set(&mut next.primary, p.primary);
        set(&mut next.notes, p.notes);
        next.validate(today)
    }
}

/// The fields that differ between two versions of an intent, in field order; empty exactly
/// when they are equal. Amounts render in fen; the budget as `budget.min` / `budget.max`,
/// the trade-in field by field (`trade_in.brand` …); the primary flag as `true` / `false`.
pub fn diff_intents(old: &VehicleIntent, new: &VehicleIntent) -> Vec<FieldChange> {
    // Destructured so that a new intent field cannot be forgotten here.
    let VehicleIntent {
        customer_id,
        brand,
        series,
        model,
        trim,
        body_type,
        powertrain,
        colours,
        options,
        budget,
        timeframe,
        payment,
        trade_in,
        competitors,
        catalogue_model,
        primary,
        notes,
    } = new;
    let mut d = Changes::default();
    d.field(
        "customer_id",
        text(Some(&old.customer_id)),
        text(Some(customer_id)),
    );
    d.field("brand", text(old.brand.as_ref()), text(brand.as_ref()));
    d.field("series", text(old.series.as_ref()), text(series.as_ref()));
    d.field("model", text(old.model.as_ref()), text(model.as_ref()));
    d.field("trim", text(old.trim.as_ref()), text(trim.as_ref()));
    d.field("body_type", code(old.body_type), code(*body_type));
    d.field("powertrain", code(old.powertrain), code(*powertrain));
    d.field("colours", list(old.colours.iter()), list(colours.iter()));
    d.field("options", list(old.options.iter()), list(options.iter()));
    d.field(
        "budget.min",
        text(old.budget.min.map(|f| f.0)),
        text(budget.min.map(|f| f.0)),
    );
    d.field(
        "budget.max",
        text(old.budget.max.map(|f| f.0)),
        text(budget.max.map(|f| f.0)),
    );
    d.field(
        "timeframe",
        code(Some(old.timeframe)),
        code(Some(*timeframe)),
    );
    d.field("payment", code(old.payment), code(*payment));
    trade_in_changes(&mut d, old.trade_in.as_ref(), trade_in.as_ref());
    d.field(
        "competitors",
        list(old.competitors.iter()),
        list(competitors.iter()),
    );
    d.field(
        "catalogue_model",
        text(old.catalogue_model.as_ref()),
        text(catalogue_model.as_ref()),
    );
    d.field("primary", text(Some(old.primary)), text(Some(*primary)));
    d.field("notes", text(old.notes.as_ref()), text(notes.as_ref()));
    d.0
}

fn trade_in_changes(d: &mut Changes, old: Option<&TradeIn>, new: Option<&TradeIn>) {
    d.field(
        "trade_in.brand",
        text(old.map(|t| &t.brand)),
        text(new.map(|t| &t.brand)),
    );
    d.field(
        "trade_in.model",
        text(old.and_then(|t| t.model.as_ref())),
        text(new.and_then(|t| t.model.as_ref())),
    );
    d.field(
        "trade_in.year",
        text(old.and_then(|t| t.year)),
        text(new.and_then(|t| t.year)),
    );
    d.field(
        "trade_in.mileage_km",
        text(old.and_then(|t| t.mileage_km)),
        text(new.and_then(|t| t.mileage_km)),
    );
    d.field(
        "trade_in.appraised_value",
        text(old.and_then(|t| t.appraised_value).map(|f| f.0)),
        text(new.and_then(|t| t.appraised_value).map(|f| f.0)),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::follow_up::FieldValue;
    use crate::vehicle::money::Fen;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    #[test]
    fn a_patch_changes_what_it_names_and_the_diff_says_so() {
        let old = crate::vehicle::intent::tests::tiguan_intent()
            .validate(today())
            .unwrap();
        let patch = VehicleIntentPatch {
            powertrain: Some(Some(Powertrain::Phev)),
            budget: Some(AmountRange::between(Fen(18_000_000), Fen(25_000_000))),
            trade_in: Some(None),
            ..Default::default()
        };
        let new = patch.apply(&old, today()).unwrap();
        assert_eq!(new.powertrain, Some(Powertrain::Phev));
        assert_eq!(new.series, old.series);
        let changes = diff_intents(&old, &new);
        let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "powertrain",
                "budget.max",
                "trade_in.brand",
                "trade_in.model",
                "trade_in.year",
                "trade_in.mileage_km"
            ]
        );
        assert_eq!(changes[1].new, Some(FieldValue::Text("25000000".into())));
        assert!(diff_intents(&new, &new).is_empty());
        assert!(VehicleIntentPatch::default().is_empty());
        let bad = VehicleIntentPatch {
            budget: Some(AmountRange::between(Fen(3), Fen(1))),
            ..Default::default()
        };
        assert_eq!(bad.apply(&old, today()).unwrap_err().field, "intent.budget");
    }
}
