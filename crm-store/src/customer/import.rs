//! Importing customers (导入客户) in one transaction, with their original creation times:
//! a dealership moving its book over from another system, or a generated demo book.

use super::customers::insert_new;
use super::duplicates::{refuse_duplicates, WriteOptions};
use crate::db::ids::new_id_at;
use crate::db::time::truncate_to_millis;
use crate::error::{Result, StoreError};
use crate::follow_up::timeline::append;
use crate::store::Store;
use crate::sync::user::with_default_owner;
use crate::team::access::check_new_owner;
use chrono::{DateTime, Utc};
use crm_core::{CustomerId, NewCustomer, TimelineEntry, ValidationError};
use std::collections::HashMap;

/// A customer to import with its original creation time (from another system, or a demo).
#[derive(Debug, Clone)]
pub struct CustomerImport {
    /// The customer.
    pub customer: NewCustomer,
    /// When the customer was first recorded.
    pub created_at: DateTime<Utc>,
}

impl Store {
    /// Validates every customer, then stores them all in one transaction: either all are
    /// written or none. Errors name the position: `customers[12].contacts[0].value`.
    /// Contacts already in the book, or twice in the batch, are duplicates.
    pub fn import_customers(&self, batch: &[CustomerImport]) -> Result<Vec<CustomerId>> {
        let now = self.now();
        let profiles = batch
            .iter()
            .enumerate()
            .map(|(i, c)| {
                c.customer
                    .validate(now)
                    .map_err(|e| e.within(&format!("customers[{i}]")))
            })
            .collect::<Result<Vec<_>, ValidationError>>()?;
        self.write(|tx| {
            let mut ids: Vec<CustomerId> = Vec::with_capacity(batch.len());
            let mut seen: HashMap<&str, usize> = HashMap::new();
            for (i, (import, profile)) in batch.iter().zip(&profiles).enumerate() {
                let within = |e: StoreError| match e {
                    StoreError::Duplicate { field, existing } => StoreError::Duplicate {
                        field: format!("customers[{i}].{field}"),
                        existing,
                    },
                    other => other,
                };
                refuse_duplicates(tx, &profile.contacts, None, &[], WriteOptions::default())
                    .map_err(within)?;
                for (j, c) in profile.contacts.iter().enumerate() {
                    if let Some(&earlier) = seen.get(c.key.as_str()) {
                        return Err(StoreError::Duplicate {
                            field: format!("customers[{i}].contacts[{j}].value"),
                            existing: ids[earlier].clone(),
                        });
                    }
                }
                let created = truncate_to_millis(import.created_at);
                let id = CustomerId(new_id_at(created));
                let owned = with_default_owner(tx, profile.clone())?;
                check_new_owner(tx, owned.owner.as_deref())?;
                insert_new(tx, &id, &owned, created, now)?;
                append(tx, &id, created, None, &TimelineEntry::CustomerCreated)?;
                ids.push(id);
                seen.extend(profile.contacts.iter().map(|c| (c.key.as_str(), i)));
            }
            Ok(ids)
        })
    }
}
