//! Customers' names for lists that hold only their ids (care tasks): read once per
//! customer; a customer deleted since reads as `?`.

use crate::exit::Failure;
use crm_core::CustomerId;
use crm_store::{Store, StoreError};
use std::collections::HashMap;

/// The name of each customer in `ids`.
pub fn customer_names<'a>(
    store: &Store,
    ids: impl IntoIterator<Item = &'a CustomerId>,
) -> Result<HashMap<CustomerId, String>, Failure> {
    let mut names = HashMap::new();
    for id in ids {
        if names.contains_key(id) {
            continue;
        }
        let name = match store.get_customer(id) {
            Ok(c) => c.profile.name,
            Err(StoreError::NotFound { .. }) => "?".to_owned(),
            Err(e) => return Err(e.into()),
        };
        names.insert(id.clone(), name);
    }
    Ok(names)
}
