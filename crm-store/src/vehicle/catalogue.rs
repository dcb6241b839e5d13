//! The dealership's vehicle catalogue (车型库): loaded whole, listed, looked up.

use crate::db::rows::{code, collect};
use crate::error::{Result, StoreError};
use crate::store::Store;
use crm_core::{
    validate_catalogue, AmountRange, BodyType, CatalogueModel, CatalogueModelId, Code, Fen,
    Powertrain,
};
use rusqlite::{params, Row};

const COLUMNS: &str = "id, brand, series, model, body_type, powertrain, price_min, price_max";

fn model_from_row(row: &Row<'_>) -> Result<CatalogueModel> {
    Ok(CatalogueModel {
        id: CatalogueModelId(row.get(0)?),
        brand: row.get(1)?,
        series: row.get(2)?,
        model: row.get(3)?,
        body_type: code::<BodyType>(&row.get::<_, String>(4)?, "catalogue_models.body_type")?,
        powertrain: code::<Powertrain>(&row.get::<_, String>(5)?, "catalogue_models.powertrain")?,
        price: AmountRange::between(Fen(row.get(6)?), Fen(row.get(7)?)),
    })
}

impl Store {
    /// Replaces the catalogue with `models` (validated whole by
    /// [`crm_core::validate_catalogue`]: errors name `catalogue[3].price.min`, a repeated code
    /// `catalogue[7].id`). Intents, visits and orders keep the codes they point at even when
    /// the new catalogue drops them. Returns how many models were loaded.
    pub fn load_catalogue(&self, models: &[CatalogueModel]) -> Result<usize> {
        let models = validate_catalogue(models)?;
        self.write(|tx| {
            tx.execute("DELETE FROM catalogue_models", [])?;
            let mut insert = tx.prepare_cached(&format!(
                "INSERT INTO catalogue_models (position, {COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
            ))?;
            for (i, m) in models.iter().enumerate() {
                insert.execute(params![
                    i,
                    m.id.as_str(),
                    m.brand,
                    m.series,
                    m.model,
                    m.body_type.code(),
                    m.powertrain.code(),
                    m.price.min.map(|f| f.0),
                    m.price.max.map(|f| f.0),
                ])?;
            }
            Ok(models.len())
        })
    }

    /// The catalogue, in the order it was loaded.
    pub fn list_catalogue(&self) -> Result<Vec<CatalogueModel>> {
        self.read(|tx| {
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM catalogue_models ORDER BY position"
            ))?;
            collect(&mut stmt, [], model_from_row)
        })
    }

    /// The catalogue model `id`.
    pub fn get_catalogue_model(&self, id: &CatalogueModelId) -> Result<CatalogueModel> {
        self.read(|tx| {
            tx.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM catalogue_models WHERE id = ?1"
            ))?
            .query_row([id.as_str()], |r| Ok(model_from_row(r)))
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => StoreError::NotFound {
                    entity: "catalogue_model",
                    id: id.to_string(),
                },
                e => e.into(),
            })?
        })
    }
}
