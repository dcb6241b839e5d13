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

/// Caps for follow-ups, plans and message templates.
impl Limits {
    /// What was said in a follow-up (主要沟通内容).
    pub const FOLLOW_UP_CONTENT: usize = 2000;
    /// Each of a follow-up's feedback, problems met and questions asked.
    pub const FOLLOW_UP_DETAIL: usize = 1000;
    /// Attachments per follow-up.
    pub const ATTACHMENTS: usize = 20;
    /// An attachment's file name.
    pub const ATTACHMENT_FILE_NAME: usize = 255;
    /// An attachment's media type (`application/pdf`), per RFC 6838.
    pub const ATTACHMENT_MEDIA_TYPE: usize = 127;
    /// An attachment's URI in the app (`content://…`, `file://…`, `https://…`).
    pub const ATTACHMENT_URI: usize = 2048;
    /// An attachment's size in bytes (1 GiB: a test-drive video fits).
    pub const ATTACHMENT_BYTES: u64 = 1 << 30;
    /// A plan's purpose (跟进目的).
    pub const PLAN_PURPOSE: usize = 200;
    /// A plan's content (跟进内容).
    pub const PLAN_CONTENT: usize = 1000;
    /// The reason a plan was cancelled or rescheduled.
    pub const PLAN_REASON: usize = 200;
    /// How far ahead a plan may be set, in days from the dealership's today.
    pub const PLAN_HORIZON_DAYS: u64 = 730;
    /// A message template's name.
    pub const TEMPLATE_NAME: usize = 40;
    /// A message template's text.
    pub const TEMPLATE_BODY: usize = 1000;
}
