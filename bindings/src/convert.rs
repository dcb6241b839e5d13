//! Conversions between the FFI records and enums and the domain types. Total in the
//! domain → FFI direction; FFI → domain fails only on what the FFI shape allows and the
//! domain types cannot hold (an impossible calendar date, a field both set and cleared).

use crate::enums::{AgeBand, ContactKind, CustomerField, Gender, Importance, SourceChannel};
use crate::error::CrmError;
use crate::records::{
    CalendarDate, Contact, ContactInput, Customer, CustomerPage, CustomerPatch, CustomerSummary,
    FirstContact, ListQuery, NewCustomer, Region,
};
use chrono::{Datelike, NaiveDate};
use crm_core as domain;

/// Converts a plain enum both ways, variant by variant (also used by the feature files:
/// `filter`, `query`, `search`, `views`).
macro_rules! same_variants {
    ($ffi:ident <=> $dom:path { $($v:ident),+ $(,)? }) => {
        impl From<$ffi> for $dom {
            fn from(v: $ffi) -> Self {
                match v { $($ffi::$v => <$dom>::$v),+ }
            }
        }
        impl From<$dom> for $ffi {
            fn from(v: $dom) -> Self {
                match v { $(<$dom>::$v => $ffi::$v),+ }
            }
        }
    };
}
pub(crate) use same_variants;

same_variants!(Gender <=> domain::Gender { Male, Female, Unspecified });
same_variants!(AgeBand <=> domain::AgeBand {
    Under25, From25To34, From35To44, From45To54, From55To64, From65
});
same_variants!(Importance <=> domain::Importance { Normal, Important, Key });
same_variants!(ContactKind <=> domain::ContactKind { Mobile, Landline, Wechat, Email, Other });

impl From<SourceChannel> for domain::SourceChannel {
    fn from(s: SourceChannel) -> Self {
        use domain::SourceChannel as D;
        match s {
            SourceChannel::ShowroomWalkIn => D::ShowroomWalkIn,
            SourceChannel::Referral {
                referrer_id,
                referrer_name,
            } => D::Referral {
                referrer_id,
                referrer_name,
            },
            SourceChannel::OnlinePlatform { platform } => D::OnlinePlatform { platform },
            SourceChannel::PhoneHotline => D::PhoneHotline,
            SourceChannel::AutoShow => D::AutoShow,
            SourceChannel::MarketingEvent => D::MarketingEvent,
            SourceChannel::RepeatCustomer => D::RepeatCustomer,
            SourceChannel::Other { description } => D::Other { description },
        }
    }
}

impl From<domain::SourceChannel> for SourceChannel {
    fn from(s: domain::SourceChannel) -> Self {
        use domain::SourceChannel as D;
        match s {
            D::ShowroomWalkIn => SourceChannel::ShowroomWalkIn,
            D::Referral {
                referrer_id,
                referrer_name,
            } => SourceChannel::Referral {
                referrer_id,
                referrer_name,
            },
            D::OnlinePlatform { platform } => SourceChannel::OnlinePlatform { platform },
            D::PhoneHotline => SourceChannel::PhoneHotline,
            D::AutoShow => SourceChannel::AutoShow,
            D::MarketingEvent => SourceChannel::MarketingEvent,
            D::RepeatCustomer => SourceChannel::RepeatCustomer,
            D::Other { description } => SourceChannel::Other { description },
        }
    }
}

impl From<NaiveDate> for CalendarDate {
    fn from(d: NaiveDate) -> Self {
        CalendarDate {
            year: d.year(),
            month: d.month(),
            day: d.day(),
        }
    }
}

impl CalendarDate {
    /// The date as chrono's, or `InvalidInput` naming `field` when it is not a real date.
    pub(crate) fn to_naive(self, field: &str) -> Result<NaiveDate, CrmError> {
        NaiveDate::from_ymd_opt(self.year, self.month, self.day)
            .ok_or_else(|| CrmError::invalid(field, "is not a calendar date"))
    }
}

impl From<Region> for domain::Region {
    fn from(r: Region) -> Self {
        domain::Region {
            province: r.province,
            city: r.city,
            district: r.district,
        }
    }
}

impl From<domain::Region> for Region {
    fn from(r: domain::Region) -> Self {
        Region {
            province: r.province,
            city: r.city,
            district: r.district,
        }
    }
}

impl From<ContactInput> for domain::ContactInput {
    fn from(c: ContactInput) -> Self {
        domain::ContactInput {
            kind: c.kind.into(),
            value: c.value,
            label: c.label,
            primary: c.primary,
        }
    }
}

impl From<domain::Contact> for Contact {
    fn from(c: domain::Contact) -> Self {
        Contact {
            kind: c.kind.into(),
            value: c.value,
            key: c.key,
            label: c.label,
            primary: c.primary,
        }
    }
}

impl From<FirstContact> for domain::FirstContact {
    fn from(f: FirstContact) -> Self {
        domain::FirstContact {
            at: f.at,
            place: f.place,
            scene: f.scene,
            reaction: f.reaction,
        }
    }
}

impl From<domain::FirstContact> for FirstContact {
    fn from(f: domain::FirstContact) -> Self {
        FirstContact {
            at: f.at,
            place: f.place,
            scene: f.scene,
            reaction: f.reaction,
        }
    }
}

fn contact_inputs(contacts: Vec<ContactInput>) -> Vec<domain::ContactInput> {
    contacts.into_iter().map(Into::into).collect()
}

impl TryFrom<NewCustomer> for domain::NewCustomer {
    type Error = CrmError;

    fn try_from(c: NewCustomer) -> Result<Self, CrmError> {
        Ok(domain::NewCustomer {
            name: c.name,
            gender: c.gender.into(),
            birthday: c.birthday.map(|d| d.to_naive("birthday")).transpose()?,
            age_band: c.age_band.map(Into::into),
            occupation: c.occupation,
            region: c.region.into(),
            notes: c.notes,
            contacts: contact_inputs(c.contacts),
            source: c.source.into(),
            first_contact: c.first_contact.map(Into::into),
            tags: c.tags,
            importance: c.importance.into(),
            owner: c.owner,
        })
    }
}

impl From<domain::Customer> for Customer {
    fn from(c: domain::Customer) -> Self {
        let p = c.profile;
        Customer {
            id: c.id,
            name: p.name,
            gender: p.gender.into(),
            birthday: p.birthday.map(Into::into),
            age_band: p.age_band.map(Into::into),
            occupation: p.occupation,
            region: p.region.into(),
            notes: p.notes,
            contacts: p.contacts.into_iter().map(Into::into).collect(),
            source: p.source.into(),
            first_contact: p.first_contact.map(Into::into),
            tags: p.tags,
            importance: p.importance.into(),
            owner: p.owner,
            archived_at: c.archived_at,
            created_at: c.created_at,
            updated_at: c.updated_at,
            version: c.version,
            intent_level: c.intent_level.into(),
            last_contact_at: c.last_contact_at,
            first_contacted_at: c.first_contacted_at,
        }
    }
}

impl From<domain::CustomerSummary> for CustomerSummary {
    fn from(s: domain::CustomerSummary) -> Self {
        CustomerSummary {
            id: s.id,
            name: s.name,
            gender: s.gender.into(),
            primary_contact: s.primary_contact.map(Into::into),
            importance: s.importance.into(),
            tags: s.tags,
            owner: s.owner,
            archived_at: s.archived_at,
            created_at: s.created_at,
            updated_at: s.updated_at,
            version: s.version,
        }
    }
}

/// An optional field a patch can name in its `clear` list (`CustomerField`, `FollowUpField`).
pub(crate) trait ClearableField: Copy + PartialEq {
    /// The field's name as errors report it.
    fn name(self) -> &'static str;
}

impl ClearableField for CustomerField {
    fn name(self) -> &'static str {
        CustomerField::name(self)
    }
}

/// A clearable field's patch entry: `Some(Some(v))` to set, `Some(None)` to clear, `None` to
/// leave as is. Setting and clearing it at once is `InvalidInput` naming it.
pub(crate) fn set_or_clear<F: ClearableField, T>(
    field: F,
    value: Option<T>,
    clear: &[F],
) -> Result<Option<Option<T>>, CrmError> {
    match (value, clear.contains(&field)) {
        (Some(_), true) => Err(CrmError::invalid(
            field.name(),
            "cannot be set and cleared in one patch",
        )),
        (Some(v), false) => Ok(Some(Some(v))),
        (None, true) => Ok(Some(None)),
        (None, false) => Ok(None),
    }
}

impl TryFrom<CustomerPatch> for domain::CustomerPatch {
    type Error = CrmError;

    fn try_from(p: CustomerPatch) -> Result<Self, CrmError> {
        use CustomerField as F;
        let clear = p.clear.as_slice();
        let birthday = p.birthday.map(|d| d.to_naive("birthday")).transpose()?;
        Ok(domain::CustomerPatch {
            name: p.name,
            gender: p.gender.map(Into::into),
            birthday: set_or_clear(F::Birthday, birthday, clear)?,
            age_band: set_or_clear(F::AgeBand, p.age_band.map(Into::into), clear)?,
            occupation: set_or_clear(F::Occupation, p.occupation, clear)?,
            region: p.region.map(Into::into),
            notes: set_or_clear(F::Notes, p.notes, clear)?,
            contacts: p.contacts.map(contact_inputs),
            source: p.source.map(Into::into),
            first_contact: set_or_clear(F::FirstContact, p.first_contact.map(Into::into), clear)?,
            tags: p.tags,
            importance: p.importance.map(Into::into),
            owner: set_or_clear(F::Owner, p.owner, clear)?,
        })
    }
}

impl From<ListQuery> for crm_store::ListQuery {
    fn from(q: ListQuery) -> Self {
        let defaults = crm_store::ListQuery::default();
        crm_store::ListQuery {
            include_archived: q.include_archived,
            limit: q.limit.unwrap_or(defaults.limit),
            cursor: q.cursor,
        }
    }
}

impl From<crm_store::CustomerPage> for CustomerPage {
    fn from(p: crm_store::CustomerPage) -> Self {
        CustomerPage {
            customers: p.customers.into_iter().map(Into::into).collect(),
            next_cursor: p.next_cursor,
        }
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
    fn an_impossible_date_names_the_field() {
        let feb30 = CalendarDate {
            year: 2000,
            month: 2,
            day: 30,
        };
        let patch = CustomerPatch {
            birthday: Some(feb30),
            ..Default::default()
        };
        let err = domain::CustomerPatch::try_from(patch).unwrap_err();
        assert_eq!(invalid_field(err), "birthday");
        let leap = CalendarDate { day: 29, ..feb30 };
        assert_eq!(CalendarDate::from(leap.to_naive("birthday").unwrap()), leap);
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

    #[test]
    fn a_query_without_limit_takes_the_store_default() {
        let q = crm_store::ListQuery::from(ListQuery::default());
        assert_eq!(q, crm_store::ListQuery::default());
    }
}
