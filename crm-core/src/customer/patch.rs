//! Editing a customer: a patch names only what changes.

use crate::customer::contact::ContactInput;
use crate::customer::profile::{AgeBand, CustomerProfile, Gender, Importance, NewCustomer, Region};
use crate::customer::source::{FirstContact, SourceChannel};
use crate::validation::{set, ValidationError};
use chrono::{DateTime, NaiveDate, Utc};

/// A change to a customer. `None` leaves a field as it is; for optional fields
/// `Some(None)` clears it. Lists (contacts, tags) are replaced whole.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct CustomerPatch {
    /// New name.
    pub name: Option<String>,
    /// New gender.
    pub gender: Option<Gender>,
    /// New birthday, or `Some(None)` to clear it.
    pub birthday: Option<Option<NaiveDate>>,
    /// New age band, or `Some(None)` to clear it.
    pub age_band: Option<Option<AgeBand>>,
    /// New occupation, or `Some(None)` to clear it.
    pub occupation: Option<Option<String>>,
    /// New region (all three parts).
    pub region: Option<Region>,
    /// New notes, or `Some(None)` to clear them.
    pub notes: Option<Option<String>>,
    /// The new list of contacts.
    pub contacts: Option<Vec<ContactInput>>,
    /// New source channel.
    pub source: Option<SourceChannel>,
    /// New first contact, or `Some(None)` to clear it.
    pub first_contact: Option<Option<FirstContact>>,
    /// The new list of tags.
    pub tags: Option<Vec<String>>,
    /// New importance.
    pub importance: Option<Importance>,
    /// New owner, or `Some(None)` to clear it.
    pub owner: Option<Option<String>>,
}

impl CustomerPatch {
    /// `true` when the patch changes nothing.
    pub fn is_empty(&self) -> bool {
        self == &CustomerPatch::default()
    }

    /// The profile after this patch, validated as a whole as of `now`.
    pub fn apply(
        &self,
        current: &CustomerProfile,
        now: DateTime<Utc>,
    ) -> Result<CustomerProfile, ValidationError> {
        let mut next = NewCustomer::from(current);
        let p = self.clone();
        set(&mut next.name, p.name);
        set(&mut next.gender, p.gender);
        set(&mut next.birthday, p.birthday);
        set(&mut next.age_band, p.age_band);
        set(&mut next.occupation, p.occupation);
        set(&mut next.region, p.region);
        set(&mut next.notes, p.notes);
        set(&mut next.contacts, p.contacts);
        set(&mut next.source, p.source);
        set(&mut next.first_contact, p.first_contact);
        set(&mut next.tags, p.tags);
        set(&mut next.importance, p.importance);
        set(&mut next.owner, p.owner);
        next.validate(now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::contact::ContactKind;
    use chrono::TimeZone;

    #[test]
    fn a_patch_changes_only_what_it_names_and_can_clear() {
        let now = Utc.with_ymd_and_hms(2026, 11, 27, 8, 0, 0).unwrap();
        let mut new = NewCustomer::new(
            "李四",
            ContactInput::new(ContactKind::Mobile, "13912345678"),
            SourceChannel::AutoShow,
        );
        new.occupation = Some("教师".into());
        let profile = new.validate(now).unwrap();
        let patch = CustomerPatch {
            occupation: Some(None),
            importance: Some(Importance::Key),
            ..Default::default()
        };
        let next = patch.apply(&profile, now).unwrap();
        assert_eq!(next.occupation, None);
        assert_eq!(next.importance, Importance::Key);
        assert_eq!(next.name, "李四");
        let bad = CustomerPatch {
            name: Some(String::new()),
            ..Default::default()
        };
        assert_eq!(bad.apply(&profile, now).unwrap_err().field, "name");
    }
}
