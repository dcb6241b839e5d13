//! FFI records, mirroring the domain's (see `convert` for the mapping). Optional fields
//! default to empty, so Kotlin, Swift and Python callers can leave them out.

use crate::custom::Timestamp;
use crate::enums::{AgeBand, ContactKind, CustomerField, Gender, Importance, SourceChannel};
use crate::intent::IntentLevel;
use crm_core::CustomerId;

/// A calendar date (a birthday), with no time of day and no zone.
///
/// Not an instant: 1990-05-17 is the same day everywhere. A combination that is not a real
/// date (month 13, February 30) fails with `InvalidInput` naming the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Record)]
pub struct CalendarDate {
    /// The year, e.g. 1990.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u32,
    /// The day of the month, 1 to 31.
    pub day: u32,
}

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

/// A contact as the user enters it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ContactInput {
    /// What kind of contact this is.
    pub kind: ContactKind,
    /// The value as typed ("138 1234 5678", "zhangsan88", "li@example.com").
    pub value: String,
    /// An optional label ("work", "wife").
    #[uniffi(default = None)]
    pub label: Option<String>,
    /// Whether this is the main contact. Exactly one per customer; a single contact becomes
    /// the primary one by itself.
    #[uniffi(default = false)]
    pub primary: bool,
}

/// A stored contact: the value as typed, for display, and its normalised key.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Contact {
    /// What kind of contact this is.
    pub kind: ContactKind,
    /// The value as the user typed it, trimmed.
    pub value: String,
    /// The normalised key: E.164 for phones (`+8613812345678`), lower case otherwise.
    pub key: String,
    /// An optional label.
    pub label: Option<String>,
    /// Whether this is the main contact.
    pub primary: bool,
}

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

/// A customer as the consultant enters it, for `CrmStore.createCustomer`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NewCustomer {
    /// Name (required, at most 50 characters).
    pub name: String,
    /// Gender.
    pub gender: Gender,
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
    /// Importance mark.
    pub importance: Importance,
    /// The owning consultant's id, as the app knows it.
    #[uniffi(default = None)]
    pub owner: Option<String>,
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
    pub version: u64,
    /// Intent level (意向级别); `N` until the consultant grades the customer with
    /// `set_intent_level`.
    pub intent_level: IntentLevel,
    /// When the newest follow-up happened (最近联系); absent before the first one.
    pub last_contact_at: Option<Timestamp>,
    /// When the oldest follow-up happened: minus `created_at`, the time to first contact.
    pub first_contacted_at: Option<Timestamp>,
}

/// What a list row shows of a customer.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CustomerSummary {
    /// The id.
    pub id: CustomerId,
    /// Name.
    pub name: String,
    /// Gender.
    pub gender: Gender,
    /// The primary contact.
    pub primary_contact: Option<Contact>,
    /// Importance mark.
    pub importance: Importance,
    /// Tags, in the customer's order.
    pub tags: Vec<String>,
    /// The owning consultant.
    pub owner: Option<String>,
    /// When archived; absent while active.
    pub archived_at: Option<Timestamp>,
    /// Created.
    pub created_at: Timestamp,
    /// Last changed.
    pub updated_at: Timestamp,
    /// Version, for a following update.
    pub version: u64,
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

/// Which customers to list, and where to continue.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct ListQuery {
    /// Include archived customers.
    #[uniffi(default = false)]
    pub include_archived: bool,
    /// Page size, 1 to 10,000; absent means the store's default (50).
    #[uniffi(default = None)]
    pub limit: Option<u32>,
    /// Continue after this cursor: the previous page's `next_cursor`.
    #[uniffi(default = None)]
    pub cursor: Option<String>,
}

/// One page of customers, in the order asked for (a `ListQuery` lists newest first).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CustomerPage {
    /// The customers on this page.
    pub customers: Vec<CustomerSummary>,
    /// Where the next page starts: pass it back as the cursor of the same request
    /// (`ListQuery.cursor`, `CustomerQuery.cursor`, `runView(cursor = …)`); absent on the
    /// last page.
    pub next_cursor: Option<String>,
}
