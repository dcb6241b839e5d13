//! Length caps on free text and lists: one place for every number.

/// The caps validation applies. Counted in characters (not bytes), so a Chinese name has the
/// same room as a Latin one.
#[derive(Debug, Clone, Copy)]
pub struct Limits;

impl Limits {
    /// Customer name.
    pub const NAME: usize = 50;
    /// Occupation.
    pub const OCCUPATION: usize = 100;
    /// Each of province, city, district.
    pub const REGION_PART: usize = 50;
    /// Notes on a customer.
    pub const NOTES: usize = 2000;
    /// A contact's value as typed.
    pub const CONTACT_VALUE: usize = 100;
    /// A contact's label ("work", "wife's phone").
    pub const CONTACT_LABEL: usize = 30;
    /// Contacts per customer.
    pub const CONTACTS: usize = 10;
    /// One tag.
    pub const TAG: usize = 32;
    /// Tags per customer.
    pub const TAGS: usize = 30;
    /// Texts attached to a source channel (platform name, referrer name, other).
    pub const SOURCE_DETAIL: usize = 100;
    /// First contact's place, scene and reaction.
    pub const FIRST_CONTACT_TEXT: usize = 500;
    /// The owner's (consultant's) id.
    pub const OWNER: usize = 64;
    /// How far in the future an instant may lie and still count as "now" (clock skew between
    /// the phone and the truth), in seconds.
    pub const CLOCK_SKEW_SECS: i64 = 300;
}
