//! The vehicle catalogue (车型库) a dealership loads: the models it sells, with body type,
//! powertrain and price range, so that intents and orders can point at a model and filters
//! can work by body type and powertrain.

use super::body_type::BodyType;
use super::ids::CatalogueModelId;
use super::money::AmountRange;
use super::powertrain::Powertrain;
use crate::validation::{required_text, Limits, Rule, ValidationError};
use std::collections::HashSet;

/// One model in the catalogue, e.g. 大众 / 途观L / 2025款 330TSI, SUV, petrol,
/// ¥189,800 to ¥259,800 across its trims.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct CatalogueModel {
    /// The dealership's code for the model; unique in its catalogue.
    pub id: CatalogueModelId,
    /// The brand (品牌): 大众.
    pub brand: String,
    /// The series (车系): 途观L.
    pub series: String,
    /// The model (车型), usually with its model year: 2025款 330TSI.
    pub model: String,
    /// Its body type.
    pub body_type: BodyType,
    /// Its powertrain.
    pub powertrain: Powertrain,
    /// Its guide price range (指导价) across trims, in fen: both ends required.
    pub price: AmountRange,
}

impl CatalogueModel {
    /// Trims and checks every field: the code (no control characters, at most
    /// [`Limits::CATALOGUE_CODE`]), the names, and the price range (both ends given, zero or
    /// more, `min ≤ max`). Errors name the field under `catalogue` (`catalogue.series`,
    /// `catalogue.price.max`).
    pub fn validate(&self) -> Result<CatalogueModel, ValidationError> {
        self.checked().map_err(|e| e.within("catalogue"))
    }

    fn checked(&self) -> Result<CatalogueModel, ValidationError> {
        let id = required_text("id", self.id.as_str(), Limits::CATALOGUE_CODE)?;
        let name = |field, value: &str, max| required_text(field, value, max);
        let price = self.price.validate("price")?;
        if price.min.is_none() {
            return Err(ValidationError::new("price.min", Rule::Required));
        }
        if price.max.is_none() {
            return Err(ValidationError::new("price.max", Rule::Required));
        }
        Ok(CatalogueModel {
            id: id.into(),
            brand: name("brand", &self.brand, Limits::VEHICLE_NAME)?,
            series: name("series", &self.series, Limits::VEHICLE_NAME)?,
            model: name("model", &self.model, Limits::VEHICLE_MODEL)?,
            body_type: self.body_type,
            powertrain: self.powertrain,
            price,
        })
    }
}

/// Checks a whole catalogue as the dealership loads it: at most
/// [`Limits::CATALOGUE_MODELS`] models, each valid (errors name the index:
/// `catalogue[3].brand`), codes unique (`catalogue[5].id` is [`Rule::Taken`]). Returns the
/// normalised models in the same order.
pub fn validate_catalogue(
    models: &[CatalogueModel],
) -> Result<Vec<CatalogueModel>, ValidationError> {
    if models.len() > Limits::CATALOGUE_MODELS {
        return Err(ValidationError::new(
            "catalogue",
            Rule::TooMany {
                max: Limits::CATALOGUE_MODELS,
            },
        ));
    }
    let mut seen = HashSet::new();
    models
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let at = format!("catalogue[{i}]");
            let model = m.checked().map_err(|e| e.within(&at))?;
            if !seen.insert(model.id.clone()) {
                return Err(ValidationError::new(format!("{at}.id"), Rule::Taken));
            }
            Ok(model)
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::vehicle::money::Fen;

    pub(crate) fn tiguan() -> CatalogueModel {
        CatalogueModel {
            id: " VW-TIGUANL-2025-330 ".into(),
            brand: "大众".into(),
            series: " 途观L ".into(),
            model: "2025款 330TSI".into(),
            body_type: BodyType::Suv,
            powertrain: Powertrain::Petrol,
            price: AmountRange::between(Fen(18_980_000), Fen(25_980_000)),
        }
    }

    #[test]
    fn a_catalogue_model_is_trimmed() {
        let m = tiguan().validate().unwrap();
        assert_eq!(m.id.as_str(), "VW-TIGUANL-2025-330");
        assert_eq!(m.series, "途观L");
        assert_eq!(m.validate(), Ok(m.clone()));
    }

    #[test]
    fn errors_name_the_field() {
        let mut m = tiguan();
        m.price = AmountRange::between(Fen(3), Fen(2));
        assert_eq!(m.validate().unwrap_err().field, "catalogue.price");
        m.price.max = None;
        assert_eq!(m.validate().unwrap_err().field, "catalogue.price.max");
        let mut m = tiguan();
        m.brand = " ".into();
        assert_eq!(m.validate().unwrap_err().field, "catalogue.brand");
        m = tiguan();
        m.id = "x".repeat(Limits::CATALOGUE_CODE + 1).into();
        assert_eq!(m.validate().unwrap_err().field, "catalogue.id");
    }

    #[test]
    fn a_catalogue_refuses_duplicate_codes() {
        let mut other = tiguan();
        other.model = "2025款 380TSI".into();
        let err = validate_catalogue(&[tiguan(), other]).unwrap_err();
        assert_eq!(
            (err.field.as_str(), err.rule),
            ("catalogue[1].id", Rule::Taken)
        );
        let mut bad = tiguan();
        bad.series = String::new();
        let err = validate_catalogue(&[tiguan(), bad]).unwrap_err();
        assert_eq!(err.field, "catalogue[1].series");
    }
}
