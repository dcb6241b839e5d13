//! The vehicle catalogue (车型库) the dealership loads: models with their body type,
//! powertrain and guide price range, which intents, visits and orders may point at.

use crate::convert::same_fields;
use crate::error::CrmError;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::number::Signed;
use crate::store::CrmStore;
use crate::vehicle::money::AmountRange;
use crate::vehicle::spec::{BodyType, Powertrain};
use crm_core::CatalogueModelId;

/// One model of the catalogue: 大众 / 途观L / 2025款 330TSI, SUV, petrol, ¥189,800 to
/// ¥259,800.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CatalogueModel {
    /// The dealership's code for the model, unique in the catalogue.
    pub id: CatalogueModelId,
    /// Brand (品牌).
    pub brand: String,
    /// Series (车系).
    pub series: String,
    /// Model (车型), usually with its model year.
    pub model: String,
    /// Body type.
    pub body_type: BodyType,
    /// Powertrain.
    pub powertrain: Powertrain,
    /// The guide price range (指导价) in fen across trims: both ends required.
    pub price: AmountRange,
}

same_fields!(CatalogueModel <=> crm_core::CatalogueModel { id, brand, series, model, body_type, powertrain, price });

#[uniffi::export]
impl CrmStore {
    /// Replaces the whole catalogue with `models` and returns how many were loaded.
    ///
    /// Fails with `InvalidInput` naming the model and field (`catalogue[3].brand`,
    /// `catalogue[0].price.max`; a repeated code is `catalogue[5].id`), and leaves the old
    /// catalogue in place.
    pub async fn load_catalogue(&self, models: Vec<CatalogueModel>) -> Result<i64, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Settings]), move |store| {
            let models: Vec<crm_core::CatalogueModel> =
                models.into_iter().map(Into::into).collect();
            let loaded = store.load_catalogue(&models)?;
            Ok(loaded.signed())
        })
        .await
    }

    /// The catalogue's models, in the order they were loaded.
    pub async fn list_catalogue(&self) -> Result<Vec<CatalogueModel>, CrmError> {
        self.read(move |store| {
            Ok(store
                .list_catalogue()?
                .into_iter()
                .map(Into::into)
                .collect())
        })
        .await
    }

    /// The catalogue model `id`. Fails with `NotFound`.
    pub async fn get_catalogue_model(
        &self,
        id: CatalogueModelId,
    ) -> Result<CatalogueModel, CrmError> {
        self.read(move |store| Ok(store.get_catalogue_model(&id)?.into()))
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crm_core::CatalogueModelId;

    #[test]
    fn a_catalogue_model_converts_both_ways() {
        let m = CatalogueModel {
            id: CatalogueModelId("VW-TIGUANL-2025-330".into()),
            brand: "大众".into(),
            series: "途观L".into(),
            model: "2025款 330TSI".into(),
            body_type: BodyType::Suv,
            powertrain: Powertrain::Petrol,
            price: AmountRange {
                min: Some(18_980_000),
                max: Some(25_980_000),
            },
        };
        assert_eq!(
            CatalogueModel::from(crm_core::CatalogueModel::from(m.clone())),
            m
        );
    }
}
