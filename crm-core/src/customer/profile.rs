//! Customers (客户): what is known about a person, and the rules that make a record valid.

use crate::customer::contact::{Contact, ContactInput};
use crate::customer::id::CustomerId;
use crate::customer::source::{FirstContact, SourceChannel};
use crate::customer::tag::normalize_tags;
use crate::follow_up::IntentLevel;
use crate::validation::{optional_text, required_text, Limits, Rule, ValidationError};
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// Gender, as the customer gives it.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    /// Male (男).
    Male,
    /// Female (女).
    Female,
    /// Not given.
    #[default]
    Unspecified,
}

crate::validation::codes!(Gender {
    Male => "male",
    Female => "female",
    Unspecified => "unspecified",
});

/// An age band, for when the birthday is not known.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
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

crate::validation::codes!(AgeBand {
    Under25 => "under25",
    From25To34 => "from25_to34",
    From35To44 => "from35_to44",
    From45To54 => "from45_to54",
    From55To64 => "from55_to64",
    From65 => "from65",
});

/// How much attention a customer deserves (重要程度). Ordered: `Normal < Important < Key`.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Importance {
    /// An ordinary customer.
    #[default]
    Normal,
    /// Marked important (重要客户).
    Important,
    /// A key customer (重点客户): top priority.
    Key,
}

crate::validation::codes!(Importance {
    Normal => "normal",
    Important => "important",
    Key => "key",
});

impl Importance {
    /// The rank stored and sorted on: 0, 1, 2.
    pub fn rank(self) -> u8 {
        self as u8
    }

    /// The importance of rank `rank` (see [`Importance::rank`]).
    pub fn from_rank(rank: u8) -> Option<Self> {
        [Importance::Normal, Importance::Important, Importance::Key]
            .get(usize::from(rank))
            .copied()
    }
}

/// Where the customer lives: province / city / district as free text.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Region {
    /// Province (省).
    pub province: Option<String>,
    /// City (市).
    pub city: Option<String>,
    /// District (区).
    pub district: Option<String>,
}

impl Region {
    fn validate(&self) -> Result<Region, ValidationError> {
        let part = |field, v: &Option<String>| {
            optional_text(field, v.as_deref(), Limits::REGION_PART, false)
        };
        Ok(Region {
            province: part("region.province", &self.province)?,
            city: part("region.city", &self.city)?,
            district: part("region.district", &self.district)?,
        })
    }

    /// `true` when no part is known.
    pub fn is_empty(&self) -> bool {
        self.province.is_none() && self.city.is_none() && self.district.is_none()
    }
}

/// A customer as the consultant enters it, before validation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NewCustomer {
    /// Name (required).
    pub name: String,
    /// Gender.
    #[serde(default)]
    pub gender: Gender,
    /// Birthday, a calendar date.
    #[serde(default)]
    pub birthday: Option<NaiveDate>,
    /// Age band, only when the birthday is not known.
    #[serde(default)]
    pub age_band: Option<AgeBand>,
    /// Occupation.
    #[serde(default)]
    pub occupation: Option<String>,
    /// Region.
    #[serde(default)]
    pub region: Region,
    /// Free notes.
    #[serde(default)]
    pub notes: Option<String>,
    /// Contacts: at least one, exactly one primary. When none is marked primary and there is
    /// only one contact, it becomes the primary.
    pub contacts: Vec<ContactInput>,
    /// Where the customer came from.
    pub source: SourceChannel,
    /// The first contact.
    #[serde(default)]
    pub first_contact: Option<FirstContact>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Importance mark.
    #[serde(default)]
    pub importance: Importance,
    /// The owning consultant's id, as the app knows it.
    #[serde(default)]
    pub owner: Option<String>,
}

impl NewCustomer {
    /// A customer with just a name, one primary contact and a source.
    pub fn new(name: impl Into<String>, contact: ContactInput, source: SourceChannel) -> Self {
        NewCustomer {
            name: name.into(),
            gender: Gender::Unspecified,
            birthday: None,
            age_band: None,
            occupation: None,
            region: Region::default(),
            notes: None,
            contacts: vec![contact.primary()],
            source,
            first_contact: None,
            tags: Vec::new(),
            importance: Importance::Normal,
            owner: None,
        }
    }

    /// The same customer owned by consultant `owner` (a book that synced gives a customer to
    /// someone else only when its user may assign).
    pub fn owned_by(self, owner: impl Into<String>) -> Self {
        NewCustomer {
            owner: Some(owner.into()),
            ..self
        }
    }

    /// Validates and normalises every field, as of `now`. The error names the first field
    /// found wrong and the rule it broke.
    pub fn validate(&self, now: DateTime<Utc>) -> Result<CustomerProfile, ValidationError> {
        let name = required_text("name", &self.name, Limits::NAME)?;
        let birthday = self
            .birthday
            .map(|b| validate_birthday(b, now))
            .transpose()?;
        if birthday.is_some() && self.age_band.is_some() {
            return Err(ValidationError::new(
                "age_band",
                Rule::Conflicts { with: "birthday" },
            ));
        }
        Ok(CustomerProfile {
            name,
            gender: self.gender,
            birthday,
            age_band: self.age_band,
            occupation: optional_text(
                "occupation",
                self.occupation.as_deref(),
                Limits::OCCUPATION,
                false,
            )?,
            region: self.region.validate()?,
            notes: optional_text("notes", self.notes.as_deref(), Limits::NOTES, true)?,
            contacts: validate_contacts(&self.contacts)?,
            source: self.source.validate()?,
            first_contact: self
                .first_contact
                .as_ref()
                .map(|f| f.validate(now))
                .transpose()?,
            tags: normalize_tags(&self.tags)?,
            importance: self.importance,
            owner: optional_text("owner", self.owner.as_deref(), Limits::OWNER, false)?,
        })
    }
}

/// The earliest birthday accepted.
fn earliest_birthday() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// A birthday may not lie after today anywhere on Earth (UTC+14), nor before 1900.
fn validate_birthday(
    birthday: NaiveDate,
    now: DateTime<Utc>,
) -> Result<NaiveDate, ValidationError> {
    let latest_today = (now + Duration::hours(14)).date_naive();
    if birthday > latest_today {
        return Err(ValidationError::new("birthday", Rule::InFuture));
    }
    if birthday < earliest_birthday() {
        return Err(ValidationError::new("birthday", Rule::TooEarly));
    }
    Ok(birthday)
}

fn validate_contacts(inputs: &[ContactInput]) -> Result<Vec<Contact>, ValidationError> {
    if inputs.is_empty() {
        return Err(ValidationError::new("contacts", Rule::NoContact));
    }
    if inputs.len() > Limits::CONTACTS {
        return Err(ValidationError::new(
            "contacts",
            Rule::TooMany {
                max: Limits::CONTACTS,
            },
        ));
    }
    let mut contacts = inputs
        .iter()
        .enumerate()
        .map(|(i, c)| {
            c.validate()
                .map_err(|e| e.within(&format!("contacts[{i}]")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(again) = (1..contacts.len()).find(|&j| {
        contacts[..j]
            .iter()
            .any(|earlier| earlier.key == contacts[j].key)
    }) {
        return Err(ValidationError::new(
            format!("contacts[{again}].value"),
            Rule::Taken,
        ));
    }
    match contacts.iter().filter(|c| c.primary).count() {
        1 => {}
        0 if contacts.len() == 1 => contacts[0].primary = true,
        0 => return Err(ValidationError::new("contacts", Rule::NoPrimary)),
        _ => return Err(ValidationError::new("contacts", Rule::SeveralPrimaries)),
    }
    Ok(contacts)
}

/// A customer's validated, normalised information: what [`NewCustomer::validate`] returns and
/// what a store keeps.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CustomerProfile {
    /// Name, trimmed.
    pub name: String,
    /// Gender.
    pub gender: Gender,
    /// Birthday.
    pub birthday: Option<NaiveDate>,
    /// Age band (only without birthday).
    pub age_band: Option<AgeBand>,
    /// Occupation.
    pub occupation: Option<String>,
    /// Region.
    pub region: Region,
    /// Notes.
    pub notes: Option<String>,
    /// Contacts, exactly one primary, each with its normalised key.
    pub contacts: Vec<Contact>,
    /// Where the customer came from.
    pub source: SourceChannel,
    /// The first contact.
    pub first_contact: Option<FirstContact>,
    /// Tags, deduplicated by [`crate::tag_key`], first spelling kept.
    pub tags: Vec<String>,
    /// Importance.
    pub importance: Importance,
    /// The owning consultant.
    pub owner: Option<String>,
}

impl CustomerProfile {
    /// The primary contact.
    pub fn primary_contact(&self) -> Option<&Contact> {
        self.contacts.iter().find(|c| c.primary)
    }
}

impl From<&CustomerProfile> for NewCustomer {
    fn from(p: &CustomerProfile) -> Self {
        NewCustomer {
            name: p.name.clone(),
            gender: p.gender,
            birthday: p.birthday,
            age_band: p.age_band,
            occupation: p.occupation.clone(),
            region: p.region.clone(),
            notes: p.notes.clone(),
            contacts: p.contacts.iter().map(ContactInput::from).collect(),
            source: p.source.clone(),
            first_contact: p.first_contact.clone(),
            tags: p.tags.clone(),
            importance: p.importance,
            owner: p.owner.clone(),
        }
    }
}

/// A stored customer: its id, profile and bookkeeping.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Customer {
    /// The id (UUIDv7).
    pub id: CustomerId,
    /// What is known about the customer.
    #[serde(flatten)]
    pub profile: CustomerProfile,
    /// When the customer was archived; `None` while active.
    pub archived_at: Option<DateTime<Utc>>,
    /// When the record was created (UTC).
    pub created_at: DateTime<Utc>,
    /// When the record last changed (UTC).
    pub updated_at: DateTime<Utc>,
    /// Optimistic-concurrency version: 1 at creation, +1 on every change.
    pub version: u64,
    /// Intent level (意向级别) the consultant set; [`IntentLevel::N`] (not graded) until
    /// then. Changed only through the store's `set_intent_level`, which records it.
    #[serde(default)]
    pub intent_level: IntentLevel,
    /// When the newest follow-up happened (最近联系时间); `None` before the first one. Kept
    /// by the store as follow-ups are logged, edited, deleted or merged; not a profile field.
    #[serde(default)]
    pub last_contact_at: Option<DateTime<Utc>>,
    /// When the oldest follow-up happened: with `created_at`, the time to first contact
    /// (首次响应). Kept by the store like `last_contact_at`.
    #[serde(default)]
    pub first_contacted_at: Option<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::contact::ContactKind;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, 8, 0, 0).unwrap()
    }

    fn zhang() -> NewCustomer {
        NewCustomer::new(
            "  张三 ",
            ContactInput::new(ContactKind::Mobile, "138 1234 5678"),
            SourceChannel::ShowroomWalkIn,
        )
    }

    #[test]
    fn a_valid_customer_is_normalised() {
        let p = zhang().validate(now()).unwrap();
        assert_eq!(p.name, "张三");
        assert_eq!(p.contacts[0].key, "+8613812345678");
        assert_eq!(p.contacts[0].value, "138 1234 5678");
        assert!(p.contacts[0].primary);
    }

    #[test]
    fn a_contact_typed_twice_in_two_spellings_is_refused_at_the_second() {
        let mut c = zhang();
        c.contacts
            .push(ContactInput::new(ContactKind::Wechat, "zhang_san88"));
        c.contacts
            .push(ContactInput::new(ContactKind::Mobile, "+86 138-1234-5678"));
        let err = c.validate(now()).unwrap_err();
        assert_eq!(
            (err.field.as_str(), err.rule),
            ("contacts[2].value", Rule::Taken)
        );
        c.contacts.pop();
        c.contacts
            .push(ContactInput::new(ContactKind::Wechat, "Zhang_San88"));
        let err = c.validate(now()).unwrap_err();
        assert_eq!(
            err.field, "contacts[2].value",
            "WeChat ids compare as their keys do"
        );
        c.contacts.pop();
        assert!(c.validate(now()).is_ok());
    }

    #[test]
    fn errors_name_the_field() {
        type Mutation = Box<dyn Fn(&mut NewCustomer)>;
        let cases: Vec<(Mutation, &str, Rule)> = vec![
            (Box::new(|c| c.name = " ".into()), "name", Rule::Required),
            (
                Box::new(|c| c.name = "\u{200B}\u{200E}\u{FEFF}".into()),
                "name",
                Rule::Required,
            ),
            (
                Box::new(|c| c.name = "\u{202E}三张".into()),
                "name",
                Rule::BidiControls,
            ),
            (
                Box::new(|c| c.owner = Some("李\u{2067}明".into())),
                "owner",
                Rule::BidiControls,
            ),
            (
                Box::new(|c| c.contacts.clear()),
                "contacts",
                Rule::NoContact,
            ),
            (
                Box::new(|c| {
                    c.contacts
                        .push(ContactInput::new(ContactKind::Wechat, "zhangsan88").primary())
                }),
                "contacts",
                Rule::SeveralPrimaries,
            ),
            (
                Box::new(|c| c.birthday = NaiveDate::from_ymd_opt(2027, 1, 1)),
                "birthday",
                Rule::InFuture,
            ),
            (
                Box::new(|c| c.name = "名".repeat(51)),
                "name",
                Rule::TooLong { max: 50 },
            ),
        ];
        for (mutate, field, rule) in cases {
            let mut c = zhang();
            mutate(&mut c);
            let err = c.validate(now()).unwrap_err();
            assert_eq!((err.field.as_str(), err.rule), (field, rule));
        }
        // An optional part made only of invisible characters is blank, like spaces.
        let mut c = zhang();
        c.region.city = Some("\u{2060}\u{200B}".into());
        assert_eq!(c.validate(now()).unwrap().region.city, None);
        let mut c = zhang();
        c.contacts[0].value = "12345".into();
        assert_eq!(c.validate(now()).unwrap_err().field, "contacts[0].value");
    }

    #[test]
    fn a_birthday_today_in_the_furthest_zone_is_accepted() {
        let mut c = zhang();
        c.birthday = NaiveDate::from_ymd_opt(2026, 11, 27);
        assert!(c.validate(now()).is_ok());
        c.age_band = Some(AgeBand::From25To34);
        assert_eq!(c.validate(now()).unwrap_err().field, "age_band");
    }
}
