//! The customer record (客户档案): [`NewCustomer`] as the consultant enters it, [`Customer`]
//! as stored, with its plain parts (gender, age band, importance, region, first contact), and
//! the calls that create, read, archive, restore and delete one.

use crate::convert::{each, same_fields, same_variants};
use crate::custom::{CalendarDate, Timestamp};
use crate::customer::contact::{Contact, ContactInput};
use crate::customer::duplicates::WriteOptions;
use crate::customer::source::SourceChannel;
use crate::error::CrmError;
use crate::follow_up::intent_level::IntentLevel;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::number::{Signed, Unsigned};
use crate::store::CrmStore;
use crm_core as domain;
use crm_core::CustomerId;

/// Gender, as the customer gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Gender {
    /// Male (男).
    Male,
    /// Female (女).
    Female,
    /// Not given.
    Unspecified,
}

same_variants!(Gender <=> domain::Gender { Male, Female, Unspecified });

/// An age band, for when the birthday is not known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum AgeBand {
    /// Younger than 25.
    Under25,
    /// 25 to 34.
    From25To34,
    /// 35 to 44.
    From35To44,
    /// 45 to 54.
    From45To54,
    /// 55 to 64.
    From55To64,
    /// 65 or older.
    From65,
}

same_variants!(AgeBand <=> domain::AgeBand {
    Under25, From25To34, From35To44, From45To54, From55To64, From65
});

/// How much attention a customer deserves (重要程度), from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Importance {
    /// An ordinary customer.
    Normal,
    /// Marked important (重要客户).
    Important,
    /// A key customer (重点客户): top priority.
    Key,
}

same_variants!(Importance <=> domain::Importance { Normal, Important, Key });

/// Where the customer lives: province / city / district as free text.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct Region {
    /// Province (省).
    #[uniffi(default = None)]
    pub province: Option<String>,
    /// City (市).
    #[uniffi(default = None)]
    pub city: Option<String>,
    /// District (区).
    #[uniffi(default = None)]
    pub district: Option<String>,
}

same_fields!(Region <=> domain::Region { province, city, district });

/// The first contact with the customer (初次接触): when, where, the scene, the reaction.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FirstContact {
    /// When it happened (not in the future).
    pub at: Timestamp,
    /// Where (showroom, auto show booth, on the phone ...).
    #[uniffi(default = None)]
    pub place: Option<String>,
    /// The scene: what was going on.
    #[uniffi(default = None)]
    pub scene: Option<String>,
    /// The customer's first reaction.
    #[uniffi(default = None)]
    pub reaction: Option<String>,
}

same_fields!(FirstContact <=> domain::FirstContact { at, place, scene, reaction });

/// A customer as the consultant enters it, for `CrmStore.createCustomer`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NewCustomer {
    /// Name (required, at most 50 characters).
    pub name: String,
    /// Gender; absent is `UNSPECIFIED`. (Nullable because uniffi gives no enum field a
    /// default value; the stored customer always has one.)
    #[uniffi(default = None)]
    pub gender: Option<Gender>,
    /// Birthday.
    #[uniffi(default = None)]
    pub birthday: Option<CalendarDate>,
    /// Age band, only when the birthday is not known.
    #[uniffi(default = None)]
    pub age_band: Option<AgeBand>,
    /// Occupation.
    #[uniffi(default = None)]
    pub occupation: Option<String>,
    /// Region.
    #[uniffi(default)]
    pub region: Region,
    /// Free notes.
    #[uniffi(default = None)]
    pub notes: Option<String>,
    /// Contacts: at least one, exactly one primary (a single contact is primary by itself).
    pub contacts: Vec<ContactInput>,
    /// Where the customer came from.
    pub source: SourceChannel,
    /// The first contact.
    #[uniffi(default = None)]
    pub first_contact: Option<FirstContact>,
    /// Tags (标签); blanks and duplicates (ignoring case and width) are dropped.
    #[uniffi(default = [])]
    pub tags: Vec<String>,
    /// Importance mark; absent is `NORMAL`.
    #[uniffi(default = None)]
    pub importance: Option<Importance>,
    /// The owning consultant's id, as the app knows it.
    #[uniffi(default = None)]
    pub owner: Option<String>,
}

impl TryFrom<NewCustomer> for domain::NewCustomer {
    type Error = CrmError;

    fn try_from(c: NewCustomer) -> Result<Self, CrmError> {
        Ok(domain::NewCustomer {
            name: c.name,
            gender: c.gender.map(Into::into).unwrap_or_default(),
            birthday: c.birthday,
            age_band: c.age_band.map(Into::into),
            occupation: c.occupation,
            region: c.region.into(),
            notes: c.notes,
            contacts: each(c.contacts),
            source: c.source.into(),
            first_contact: c.first_contact.map(Into::into),
            tags: c.tags,
            importance: c.importance.map(Into::into).unwrap_or_default(),
            owner: c.owner,
        })
    }
}

/// A stored customer: what is known about them, and the bookkeeping.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Customer {
    /// The id (UUIDv7 text).
    pub id: CustomerId,
    /// Name, trimmed.
    pub name: String,
    /// Gender.
    pub gender: Gender,
    /// Birthday.
    pub birthday: Option<CalendarDate>,
    /// Age band (only without birthday).
    pub age_band: Option<AgeBand>,
    /// Occupation.
    pub occupation: Option<String>,
    /// Region.
    pub region: Region,
    /// Notes.
    pub notes: Option<String>,
    /// Contacts, exactly one primary.
    pub contacts: Vec<Contact>,
    /// Where the customer came from.
    pub source: SourceChannel,
    /// The first contact.
    pub first_contact: Option<FirstContact>,
    /// Tags, deduplicated, first spelling kept.
    pub tags: Vec<String>,
    /// Importance mark.
    pub importance: Importance,
    /// The owning consultant.
    pub owner: Option<String>,
    /// When the customer was archived; absent while active.
    pub archived_at: Option<Timestamp>,
    /// When the record was created.
    pub created_at: Timestamp,
    /// When the record last changed.
    pub updated_at: Timestamp,
    /// Version for optimistic concurrency: 1 at creation, +1 on every change. Pass it back
    /// to update, archive or restore.
    pub version: i64,
    /// Intent level (意向级别); `N` until the consultant grades the customer with
    /// `set_intent_level`.
    pub intent_level: IntentLevel,
    /// When the newest follow-up happened (最近联系); absent before the first one.
    pub last_contact_at: Option<Timestamp>,
    /// When the oldest follow-up happened: minus `created_at`, the time to first contact.
    pub first_contacted_at: Option<Timestamp>,
}

impl From<domain::Customer> for Customer {
    fn from(c: domain::Customer) -> Self {
        let p = c.profile;
        Customer {
            id: c.id,
            name: p.name,
            gender: p.gender.into(),
            birthday: p.birthday,
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
            version: c.version.signed(),
            intent_level: c.intent_level.into(),
            last_contact_at: c.last_contact_at,
            first_contacted_at: c.first_contacted_at,
        }
    }
}

#[uniffi::export]
impl CrmStore {
    /// Validates `customer` and stores it as a new customer at version 1.
    ///
    /// Fails with `InvalidInput` naming the first wrong field (`name`, `contacts[0].value` ...),
    /// and with `DuplicateContact` when a phone, WeChat ID or e-mail already belongs to
    /// another customer (撞单), unless `options.allow_duplicates`.
    #[uniffi::method(default(options))]
    pub async fn create_customer(
        &self,
        customer: NewCustomer,
        options: WriteOptions,
    ) -> Result<Customer, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Customers]), move |store| {
            let new = crm_core::NewCustomer::try_from(customer)?;
            Ok(store.create_customer_with(&new, options.into())?.into())
        })
        .await
    }

    /// The customer `id`, archived or not. Fails with `NotFound`.
    pub async fn get_customer(&self, id: CustomerId) -> Result<Customer, CrmError> {
        self.read(move |store| Ok(store.get_customer(&id)?.into()))
            .await
    }

    /// Archives customer `id`: hidden from default lists, kept whole. Checks the version
    /// like `update_customer`.
    pub async fn archive_customer(
        &self,
        id: CustomerId,
        expected_version: i64,
    ) -> Result<Customer, CrmError> {
        self.write_touching(
            Touched::kinds(&[DataKind::Customers]).of(&id),
            move |store| {
                Ok(store
                    .archive_customer(&id, expected_version.unsigned("expected_version")?)?
                    .into())
            },
        )
        .await
    }

    /// Brings an archived customer back. Checks the version like `update_customer`.
    pub async fn restore_customer(
        &self,
        id: CustomerId,
        expected_version: i64,
    ) -> Result<Customer, CrmError> {
        self.write_touching(
            Touched::kinds(&[DataKind::Customers]).of(&id),
            move |store| {
                Ok(store
                    .restore_customer(&id, expected_version.unsigned("expected_version")?)?
                    .into())
            },
        )
        .await
    }

    /// Deletes customer `id` and every piece of their personal data, for good: the same
    /// as `eraseCustomer` (their orders kept for the accounts without personal data, the
    /// next sync erasing the server's and the other devices' copies), except that the
    /// deletions log says `DELETED` and keeps no reason, and that the file is cleaned the
    /// quick way (what was deleted is zeroed, the log truncated; the full rebuild waits
    /// for the next erasure or `compact`). Fails with `NotFound`, and with `Forbidden`
    /// (action `erase`) when a consultant deletes a customer they do not own.
    pub async fn delete_customer(&self, id: CustomerId) -> Result<(), CrmError> {
        self.write(move |store| Ok(store.delete_customer(&id)?))
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::contact::ContactKind;
    use pollster::block_on;

    #[test]
    fn a_customer_round_trips_through_the_exported_object() {
        let dir = std::env::temp_dir().join(format!("crm-ffi-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("store.sqlite3");
        let _ = std::fs::remove_file(&path);
        let store = CrmStore::new(path.to_string_lossy().into_owned()).unwrap();
        let created = block_on(store.create_customer(
            NewCustomer {
                name: " 张三 ".into(),
                gender: Some(Gender::Male),
                birthday: None,
                age_band: None,
                occupation: None,
                region: Default::default(),
                notes: None,
                contacts: vec![ContactInput {
                    kind: ContactKind::Mobile,
                    value: "138 1234 5678".into(),
                    label: None,
                    primary: false,
                }],
                source: SourceChannel::ShowroomWalkIn,
                first_contact: None,
                tags: vec![],
                importance: None,
                owner: None,
            },
            WriteOptions::default(),
        ))
        .unwrap();
        assert_eq!(created.name, "张三");
        assert_eq!(created.importance, Importance::Normal);
        assert_eq!(created.contacts[0].key, "+8613812345678");
        assert_eq!(
            block_on(store.get_customer(created.id.clone())).unwrap(),
            created
        );
        assert_eq!(block_on(store.count_customers(false)).unwrap(), 1);
        drop(store);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
