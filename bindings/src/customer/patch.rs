//! An edit of a customer: [`CustomerPatch`], the fields it can clear ([`CustomerField`]),
//! and `update_customer`.

use crate::convert::{each, set_or_clear, ClearableField};
use crate::custom::CalendarDate;
use crate::customer::contact::ContactInput;
use crate::customer::duplicates::WriteOptions;
use crate::customer::record::{AgeBand, Customer, FirstContact, Gender, Importance, Region};
use crate::customer::source::SourceChannel;
use crate::error::CrmError;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::number::Unsigned;
use crate::store::CrmStore;
use crm_core as domain;
use crm_core::CustomerId;

/// An optional field of a customer that a [`crate::CustomerPatch`] can clear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum CustomerField {
    /// The birthday.
    Birthday,
    /// The age band.
    AgeBand,
    /// The occupation.
    Occupation,
    /// The notes.
    Notes,
    /// The first contact.
    FirstContact,
    /// The owning consultant.
    Owner,
}

impl CustomerField {
    /// The field's name as errors report it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            CustomerField::Birthday => "birthday",
            CustomerField::AgeBand => "age_band",
            CustomerField::Occupation => "occupation",
            CustomerField::Notes => "notes",
            CustomerField::FirstContact => "first_contact",
            CustomerField::Owner => "owner",
        }
    }
}

impl ClearableField for CustomerField {
    fn name(self) -> &'static str {
        CustomerField::name(self)
    }
}

/// A change to a customer: only the fields set here change. To empty an optional field,
/// name it in `clear`; setting and clearing one field at once is `InvalidInput`.
/// Lists (contacts, tags) are replaced whole. The result is validated as a whole.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct CustomerPatch {
    /// New name.
    #[uniffi(default = None)]
    pub name: Option<String>,
    /// New gender.
    #[uniffi(default = None)]
    pub gender: Option<Gender>,
    /// New birthday.
    #[uniffi(default = None)]
    pub birthday: Option<CalendarDate>,
    /// New age band.
    #[uniffi(default = None)]
    pub age_band: Option<AgeBand>,
    /// New occupation.
    #[uniffi(default = None)]
    pub occupation: Option<String>,
    /// New region (all three parts).
    #[uniffi(default = None)]
    pub region: Option<Region>,
    /// New notes.
    #[uniffi(default = None)]
    pub notes: Option<String>,
    /// The new list of contacts.
    #[uniffi(default = None)]
    pub contacts: Option<Vec<ContactInput>>,
    /// New source channel.
    #[uniffi(default = None)]
    pub source: Option<SourceChannel>,
    /// New first contact.
    #[uniffi(default = None)]
    pub first_contact: Option<FirstContact>,
    /// The new list of tags.
    #[uniffi(default = None)]
    pub tags: Option<Vec<String>>,
    /// New importance.
    #[uniffi(default = None)]
    pub importance: Option<Importance>,
    /// New owner.
    #[uniffi(default = None)]
    pub owner: Option<String>,
    /// Optional fields to empty.
    #[uniffi(default = [])]
    pub clear: Vec<CustomerField>,
}

impl TryFrom<CustomerPatch> for domain::CustomerPatch {
    type Error = CrmError;

    fn try_from(p: CustomerPatch) -> Result<Self, CrmError> {
        use CustomerField as F;
        let clear = p.clear.as_slice();
        let birthday = p.birthday;
        Ok(domain::CustomerPatch {
            name: p.name,
            gender: p.gender.map(Into::into),
            birthday: set_or_clear(F::Birthday, birthday, clear)?,
            age_band: set_or_clear(F::AgeBand, p.age_band.map(Into::into), clear)?,
            occupation: set_or_clear(F::Occupation, p.occupation, clear)?,
            region: p.region.map(Into::into),
            notes: set_or_clear(F::Notes, p.notes, clear)?,
            contacts: p.contacts.map(each),
            source: p.source.map(Into::into),
            first_contact: set_or_clear(F::FirstContact, p.first_contact.map(Into::into), clear)?,
            tags: p.tags,
            importance: p.importance.map(Into::into),
            owner: set_or_clear(F::Owner, p.owner, clear)?,
        })
    }
}

#[uniffi::export]
impl CrmStore {
    /// Applies `patch` to customer `id` if it is still at `expected_version`, and returns
    /// the customer at its new version.
    ///
    /// Fails with `Conflict` when someone changed it since (reload and retry), `NotFound`,
    /// `InvalidInput` when the patched customer breaks a rule, or `DuplicateContact` when
    /// an added contact belongs to another customer, unless `options.allow_duplicates`.
    #[uniffi::method(default(options))]
    pub async fn update_customer(
        &self,
        id: CustomerId,
        expected_version: i64,
        patch: CustomerPatch,
        options: WriteOptions,
    ) -> Result<Customer, CrmError> {
        self.write_touching(
            Touched::kinds(&[DataKind::Customers]).of(&id),
            move |store| {
                let patch = crm_core::CustomerPatch::try_from(patch)?;
                Ok(store
                    .update_customer_with(
                        &id,
                        expected_version.unsigned("expected_version")?,
                        &patch,
                        options.into(),
                    )?
                    .into())
            },
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invalid_field(e: CrmError) -> String {
        match e {
            CrmError::InvalidInput { field, .. } => field,
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }

    #[test]
    fn a_patch_sets_clears_or_leaves_each_field() {
        let patch = CustomerPatch {
            occupation: Some("教师".into()),
            clear: vec![CustomerField::Notes, CustomerField::Owner],
            ..Default::default()
        };
        let p = domain::CustomerPatch::try_from(patch).unwrap();
        assert_eq!(p.occupation, Some(Some("教师".into())));
        assert_eq!(p.notes, Some(None));
        assert_eq!(p.owner, Some(None));
        assert_eq!(p.birthday, None);
        assert_eq!(p.name, None);
    }

    #[test]
    fn setting_and_clearing_one_field_is_invalid_input_naming_it() {
        let patch = CustomerPatch {
            age_band: Some(AgeBand::From65),
            clear: vec![CustomerField::AgeBand],
            ..Default::default()
        };
        let err = domain::CustomerPatch::try_from(patch).unwrap_err();
        assert_eq!(invalid_field(err), "age_band");
    }

    #[test]
    fn an_empty_patch_is_empty() {
        let p = domain::CustomerPatch::try_from(CustomerPatch::default()).unwrap();
        assert!(p.is_empty());
    }
}
