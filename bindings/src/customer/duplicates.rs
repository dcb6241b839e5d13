//! Duplicate customers (撞单) and merging them: [`DuplicateContact`], [`WriteOptions`],
//! `check_duplicates` and `merge_customers`.

use crate::customer::contact::ContactInput;
use crate::customer::record::Customer;
use crate::error::CrmError;
use crate::number::Unsigned;
use crate::store::CrmStore;
use crm_core::CustomerId;

/// Who already has a contact.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum DuplicateHolder {
    /// A customer in this book: offer to open them instead.
    Customer {
        /// Their id.
        id: CustomerId,
    },
    /// A customer outside this book, another consultant's, known from the dealership's keys
    /// the last sync brought (hashed): say "registered to another consultant"; who is not
    /// told. Saved anyway, the record becomes a duplicate claim at the next sync.
    AnotherConsultant,
}

/// A contact that already belongs to another customer.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DuplicateContact {
    /// The contact's field path in the list checked (`contacts[1].value`).
    pub field: String,
    /// The contact's normalised key (`+8613812345678`, `zhangsan88`).
    pub key: String,
    /// The customer of this book who has it (`null` for another consultant's).
    pub existing_id: Option<CustomerId>,
    /// Who has it.
    pub holder: DuplicateHolder,
}

/// How a write treats contacts that other customers already have.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, uniffi::Record)]
pub struct WriteOptions {
    /// Save even when a phone, WeChat ID or e-mail belongs to another customer (the user
    /// confirmed that these are different people sharing it). Off by default: the write
    /// fails with `DuplicateContact`.
    #[uniffi(default = false)]
    pub allow_duplicates: bool,
}

impl From<WriteOptions> for crm_store::WriteOptions {
    fn from(o: WriteOptions) -> Self {
        crm_store::WriteOptions {
            allow_duplicates: o.allow_duplicates,
        }
    }
}

impl From<crm_store::DuplicateContact> for DuplicateContact {
    fn from(d: crm_store::DuplicateContact) -> Self {
        let (existing_id, holder) = match d.holder {
            crm_store::DuplicateHolder::Customer(id) => {
                (Some(id.clone()), DuplicateHolder::Customer { id })
            }
            crm_store::DuplicateHolder::AnotherConsultant => {
                (None, DuplicateHolder::AnotherConsultant)
            }
        };
        DuplicateContact {
            field: d.field,
            key: d.key,
            existing_id,
            holder,
        }
    }
}

#[uniffi::export]
impl CrmStore {
    /// Which of `contacts` already belong to a customer: the check while a form is filled
    /// in, before `create_customer`. Empty when none does. Answers offline, from this book
    /// and from the dealership's keys of the last sync (`DuplicateHolder.AnotherConsultant`).
    ///
    /// Fails with `InvalidInput` on a malformed contact (`contacts[0].value`).
    pub async fn check_duplicates(
        &self,
        contacts: Vec<ContactInput>,
    ) -> Result<Vec<DuplicateContact>, CrmError> {
        self.read(move |store| {
            let contacts: Vec<crm_core::ContactInput> =
                contacts.into_iter().map(Into::into).collect();
            let found = store.check_duplicates(&contacts)?;
            Ok(found.into_iter().map(Into::into).collect())
        })
        .await
    }

    /// Merges customer `other_id` into `keep_id` (合并客户), in one transaction: contacts and
    /// tags are united (`keep`'s primary contact stays primary), `keep`'s fields win and
    /// `other`'s fill the gaps, referrals of `other` now point at `keep`, and `other` is
    /// deleted. Returns the merged customer at its new version.
    ///
    /// Both versions must be current: `Conflict` otherwise; `NotFound` for either id;
    /// `InvalidInput` on `other` when both ids are the same customer.
    pub async fn merge_customers(
        &self,
        keep_id: CustomerId,
        keep_version: i64,
        other_id: CustomerId,
        other_version: i64,
    ) -> Result<Customer, CrmError> {
        self.write(move |store| {
            Ok(store
                .merge_customers(
                    &keep_id,
                    keep_version.unsigned("keep_version")?,
                    &other_id,
                    other_version.unsigned("other_version")?,
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
    fn writes_are_strict_unless_told() {
        assert_eq!(
            crm_store::WriteOptions::from(WriteOptions::default()),
            crm_store::WriteOptions::default()
        );
        assert!(
            crm_store::WriteOptions::from(WriteOptions {
                allow_duplicates: true
            })
            .allow_duplicates
        );
    }
}
