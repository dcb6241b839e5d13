//! Vehicle intents (购车意向): what a customer wants to buy. A customer has one or more,
//! exactly one of them primary (see [`choose_primary`]).

use super::body_type::BodyType;
use super::catalogue::CatalogueModel;
use super::ids::{CatalogueModelId, IntentId};
use super::money::AmountRange;
use super::powertrain::Powertrain;
use super::preferences::preference_list;
use super::purchase::{PaymentMethod, PurchaseTimeframe};
use super::trade_in::TradeIn;
use crate::customer::CustomerId;
use crate::validation::{optional_text, Limits, Rule, ValidationError};
use chrono::{DateTime, NaiveDate, Utc};

/// A vehicle intent as the consultant enters it, before validation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NewVehicleIntent {
    /// The customer who wants the car.
    pub customer_id: CustomerId,
    /// Brand (品牌): 大众.
    #[serde(default)]
    pub brand: Option<String>,
    /// Series (车系): 途观L.
    #[serde(default)]
    pub series: Option<String>,
    /// Model (车型): 2025款 330TSI.
    #[serde(default)]
    pub model: Option<String>,
    /// Trim (配置): 两驱智享版.
    #[serde(default)]
    pub trim: Option<String>,
    /// Body type wanted.
    #[serde(default)]
    pub body_type: Option<BodyType>,
    /// Powertrain wanted.
    #[serde(default)]
    pub powertrain: Option<Powertrain>,
    /// Colours liked (颜色偏好), most liked first.
    #[serde(default)]
    pub colours: Vec<String>,
    /// Options and equipment wanted (配置偏好): 全景天窗, 四驱.
    #[serde(default)]
    pub options: Vec<String>,
    /// Budget (预算), in fen; either end may be open.
    #[serde(default)]
    pub budget: AmountRange,
    /// When the customer means to buy.
    #[serde(default)]
    pub timeframe: PurchaseTimeframe,
    /// How the customer means to pay, when said.
    #[serde(default)]
    pub payment: Option<PaymentMethod>,
    /// The car offered in trade (置换), when there is one.
    #[serde(default)]
    pub trade_in: Option<TradeIn>,
    /// Competing models considered (竞品): 丰田 RAV4荣放, 本田 CR-V.
    #[serde(default)]
    pub competitors: Vec<String>,
    /// The catalogue model the intent points at, when the dealership has a catalogue.
    #[serde(default)]
    pub catalogue_model: Option<CatalogueModelId>,
    /// `true` for the customer's primary intent.
    #[serde(default)]
    pub primary: bool,
    /// Anything else about the need (用途, 家庭情况 …).
    #[serde(default)]
    pub notes: Option<String>,
}

impl NewVehicleIntent {
    /// An intent for `customer_id` that names nothing yet: fill in at least a brand, series,
    /// model, catalogue model or body type before validating.
    pub fn new(customer_id: CustomerId) -> Self {
        NewVehicleIntent {
            customer_id,
            brand: None,
            series: None,
            model: None,
            trim: None,
            body_type: None,
            powertrain: None,
            colours: Vec::new(),
            options: Vec::new(),
            budget: AmountRange::default(),
            timeframe: PurchaseTimeframe::default(),
            payment: None,
            trade_in: None,
            competitors: Vec::new(),
            catalogue_model: None,
            primary: false,
            notes: None,
        }
    }

    /// An intent for the catalogue model `model`: it points at the model and copies its
    /// brand, series, model, body type and powertrain (so filters by body type find it).
    pub fn from_catalogue(customer_id: CustomerId, model: &CatalogueModel) -> Self {
        NewVehicleIntent {
            brand: Some(model.brand.clone()),
            series: Some(model.series.clone()),
            model: Some(model.model.clone()),
            body_type: Some(model.body_type),
            powertrain: Some(model.powertrain),
            catalogue_model: Some(model.id.clone()),
            ..NewVehicleIntent::new(customer_id)
        }
    }

    /// Validates and normalises every field as of the dealership's local date `today`.
    /// Texts are trimmed (blank ones become `None`) and capped; lists lose blanks and
    /// repeats; the budget's ends are zero or more and `min ≤ max`; the trade-in's year is
    /// not after `today`'s. The intent must name something: a brand, series, model, catalogue
    /// model or body type (else `intent.brand` is [`Rule::Required`]).
    ///
    /// Errors name the field under `intent`: `intent.budget`, `intent.budget.min`,
    /// `intent.trade_in.year`, `intent.colours[2]`, `intent.customer_id`.
    pub fn validate(&self, today: NaiveDate) -> Result<VehicleIntent, ValidationError> {
        self.checked(today).map_err(|e| e.within("intent"))
    }

    fn checked(&self, today: NaiveDate) -> Result<VehicleIntent, ValidationError> {
        if self.customer_id.as_str().trim().is_empty() {
            return Err(ValidationError::new("customer_id", Rule::Required));
        }
        let name =
            |field, value: &Option<String>, max| optional_text(field, value.as_deref(), max, false);
        let catalogue_model = match &self.catalogue_model {
            Some(id) => optional_text(
                "catalogue_model",
                Some(id.as_str()),
                Limits::CATALOGUE_CODE,
                false,
            )?
            .map(CatalogueModelId::from),
            None => None,
        };
        let intent = VehicleIntent {
            customer_id: self.customer_id.clone(),
            brand: name("brand", &self.brand, Limits::VEHICLE_NAME)?,
            series: name("series", &self.series, Limits::VEHICLE_NAME)?,
            model: name("model", &self.model, Limits::VEHICLE_MODEL)?,
            trim: name("trim", &self.trim, Limits::VEHICLE_MODEL)?,
            body_type: self.body_type,
            powertrain: self.powertrain,
            colours: preference_list("colours", &self.colours)?,
            options: preference_list("options", &self.options)?,
            budget: self.budget.validate("budget")?,
            timeframe: self.timeframe,
            payment: self.payment,
            trade_in: match &self.trade_in {
                Some(t) => Some(t.validate(today).map_err(|e| e.within("trade_in"))?),
                None => None,
            },
            competitors: preference_list("competitors", &self.competitors)?,
            catalogue_model,
            primary: self.primary,
            notes: optional_text("notes", self.notes.as_deref(), Limits::INTENT_NOTES, true)?,
        };
        let names_something = intent.brand.is_some()
            || intent.series.is_some()
            || intent.model.is_some()
            || intent.catalogue_model.is_some()
            || intent.body_type.is_some();
        if !names_something {
            return Err(ValidationError::new("brand", Rule::Required));
        }
        Ok(intent)
    }
}

/// A validated vehicle intent: what [`NewVehicleIntent::validate`] returns and a store keeps.
/// Fields as in [`NewVehicleIntent`], normalised.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct VehicleIntent {
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
    /// Body type wanted.
    pub body_type: Option<BodyType>,
    /// Powertrain wanted.
    pub powertrain: Option<Powertrain>,
    /// Colours liked, without blanks or repeats.
    pub colours: Vec<String>,
    /// Options wanted, without blanks or repeats.
    pub options: Vec<String>,
    /// Budget in fen.
    pub budget: AmountRange,
    /// When the customer means to buy.
    pub timeframe: PurchaseTimeframe,
    /// How the customer means to pay.
    pub payment: Option<PaymentMethod>,
    /// The car offered in trade.
    pub trade_in: Option<TradeIn>,
    /// Competing models considered, without blanks or repeats.
    pub competitors: Vec<String>,
    /// The catalogue model pointed at.
    pub catalogue_model: Option<CatalogueModelId>,
    /// `true` for the customer's primary intent.
    pub primary: bool,
    /// Notes.
    pub notes: Option<String>,
}

impl VehicleIntent {
    /// `true` when the customer offers a car in trade (a filter dimension).
    pub fn has_trade_in(&self) -> bool {
        self.trade_in.is_some()
    }
}

impl From<&VehicleIntent> for NewVehicleIntent {
    fn from(v: &VehicleIntent) -> Self {
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
        } = v.clone();
        NewVehicleIntent {
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
        }
    }
}

/// A stored vehicle intent: its id, content and bookkeeping.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct VehicleIntentRecord {
    /// The id (UUIDv7).
    pub id: IntentId,
    /// The intent.
    #[serde(flatten)]
    pub intent: VehicleIntent,
    /// When it was entered (UTC).
    pub created_at: DateTime<Utc>,
    /// When it last changed (UTC).
    pub updated_at: DateTime<Utc>,
    /// Optimistic-concurrency version: 1 when entered, +1 on every edit.
    pub version: u64,
}

/// Which of a customer's intents should be primary, so that exactly one is whenever there
/// are any: `wanted` when it is one of them (the intent just added or edited with
/// `primary: true`); else the one already marked primary (the earliest created, if several
/// are); else the earliest created (ties by id). `None` when there are no intents.
///
/// The store applies the answer after every add, edit and delete: the chosen intent is
/// primary, every other one is not.
pub fn choose_primary(
    intents: &[VehicleIntentRecord],
    wanted: Option<&IntentId>,
) -> Option<IntentId> {
    if let Some(id) = wanted.filter(|id| intents.iter().any(|r| &r.id == *id)) {
        return Some(id.clone());
    }
    let earliest = |r: &&VehicleIntentRecord| (r.created_at, r.id.clone());
    intents
        .iter()
        .filter(|r| r.intent.primary)
        .min_by_key(earliest)
        .or_else(|| intents.iter().min_by_key(earliest))
        .map(|r| r.id.clone())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::vehicle::money::Fen;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    pub(crate) fn tiguan_intent() -> NewVehicleIntent {
        NewVehicleIntent {
            brand: Some(" 大众 ".into()),
            series: Some("途观L".into()),
            body_type: Some(BodyType::Suv),
            powertrain: Some(Powertrain::Petrol),
            colours: vec!["珍珠白".into(), " ".into()],
            budget: AmountRange::between(Fen(18_000_000), Fen(22_000_000)),
            timeframe: PurchaseTimeframe::WithinMonth,
            payment: Some(PaymentMethod::Loan),
            trade_in: Some(TradeIn {
                brand: "丰田".into(),
                model: Some("卡罗拉".into()),
                year: Some(2016),
                mileage_km: Some(98_000),
                appraised_value: None,
            }),
            competitors: vec!["丰田 RAV4荣放".into(), "本田 CR-V".into()],
            primary: true,
            ..NewVehicleIntent::new("c1".into())
        }
    }

    #[test]
    fn a_valid_intent_is_normalised_and_validates_again_unchanged() {
        let v = tiguan_intent().validate(today()).unwrap();
        assert_eq!(v.brand.as_deref(), Some("大众"));
        assert_eq!(v.colours, ["珍珠白"]);
        assert!(v.has_trade_in());
        assert_eq!(NewVehicleIntent::from(&v).validate(today()), Ok(v));
    }

    #[test]
    fn errors_name_the_field_under_intent() {
        type Defect = fn(&mut NewVehicleIntent);
        let cases: Vec<(Defect, &str)> = vec![
            (
                |i| i.budget = AmountRange::between(Fen(2), Fen(1)),
                "intent.budget",
            ),
            (|i| i.budget.max = Some(Fen(-1)), "intent.budget.max"),
            (
                |i| i.trade_in.as_mut().unwrap().year = Some(2027),
                "intent.trade_in.year",
            ),
            (
                |i| i.trade_in.as_mut().unwrap().brand = " ".into(),
                "intent.trade_in.brand",
            ),
            (|i| i.customer_id = "".into(), "intent.customer_id"),
            (|i| i.series = Some("途".repeat(51)), "intent.series"),
            (
                |i| i.competitors.push("a\u{7}".into()),
                "intent.competitors[2]",
            ),
            (
                |i| i.notes = Some("x".repeat(Limits::INTENT_NOTES + 1)),
                "intent.notes",
            ),
            (
                |i| {
                    i.brand = None;
                    i.series = Some(" ".into());
                    i.body_type = None;
                },
                "intent.brand",
            ),
        ];
        for (mutate, field) in cases {
            let mut i = tiguan_intent();
            mutate(&mut i);
            assert_eq!(i.validate(today()).unwrap_err().field, field);
        }
    }

    #[test]
    fn an_intent_from_the_catalogue_names_its_model() {
        let model = crate::vehicle::catalogue::tests::tiguan()
            .validate()
            .unwrap();
        let v = NewVehicleIntent::from_catalogue("c1".into(), &model)
            .validate(today())
            .unwrap();
        assert_eq!(v.catalogue_model, Some(model.id));
        assert_eq!(v.body_type, Some(BodyType::Suv));
    }

    fn record(id: &str, minute: u32, primary: bool) -> VehicleIntentRecord {
        let at = format!("2026-11-27T02:{minute:02}:00Z").parse().unwrap();
        VehicleIntentRecord {
            id: id.into(),
            intent: VehicleIntent {
                primary,
                ..tiguan_intent().validate(today()).unwrap()
            },
            created_at: at,
            updated_at: at,
            version: 1,
        }
    }

    #[test]
    fn exactly_one_intent_is_chosen_as_primary() {
        assert_eq!(choose_primary(&[], None), None);
        let list = [
            record("b", 1, false),
            record("a", 2, true),
            record("c", 3, true),
        ];
        assert_eq!(choose_primary(&list, None), Some("a".into()));
        assert_eq!(choose_primary(&list, Some(&"c".into())), Some("c".into()));
        assert_eq!(
            choose_primary(&list, Some(&"gone".into())),
            Some("a".into())
        );
        let none = [record("b", 1, false), record("a", 1, false)];
        assert_eq!(choose_primary(&none, None), Some("a".into()));
    }
}
