//! The store's name and address (门店信息), for templates: [`StoreInfo`] and
//! `set_store_info`.

use crate::convert::same_fields;
use crate::error::CrmError;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::settings::dealership::Settings;
use crate::store::CrmStore;

/// The dealership's name and address, for templates' `{store}` and `{store_address}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct StoreInfo {
    /// The store's name (`广州天河大众4S店`); at most 200 characters.
    #[uniffi(default = None)]
    pub name: Option<String>,
    /// Its address; at most 200 characters.
    #[uniffi(default = None)]
    pub address: Option<String>,
}

same_fields!(StoreInfo <=> crm_store::StoreInfo { name, address });

#[uniffi::export]
impl CrmStore {
    /// Sets the store's name and address (trimmed; blank or absent clears) and returns the
    /// settings. Fails with `InvalidInput` on `store.name` or `store.address`.
    pub async fn set_store_info(&self, info: StoreInfo) -> Result<Settings, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Settings]), move |store| {
            Ok(store.set_store_info(&info.into())?.into())
        })
        .await
    }
}
