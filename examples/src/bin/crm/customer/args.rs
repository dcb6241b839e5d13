//! The command line of customers: `crm customer ...` (clap derive; `customer list` takes
//! the options of `find/args.rs`).

use crate::find::args::ListArgs;
use crate::term::flags::FieldFlag;
use clap::{ArgGroup, Args, Subcommand};

/// `crm customer ...`.
#[derive(Debug, Subcommand)]
pub enum CustomerCommand {
    /// Add a customer. The first contact given (phone, else WeChat, else e-mail) is the
    /// primary one.
    Add(Box<AddArgs>),
    /// Show one customer in full.
    Show {
        /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
        id: String,
    },
    /// List customers: newest first, or filtered, sorted and paged.
    List(Box<ListArgs>),
    /// Change a customer: only the options given change.
    Edit(Box<EditArgs>),
    /// Archive a customer: hidden from the default list, kept whole.
    Archive(VersionedId),
    /// Bring an archived customer back.
    Restore(VersionedId),
    /// Release a customer to the public pool (退回公海), the reason kept in the timeline.
    Release(crate::pool::args::ReleaseArgs),
    /// Delete a customer for good: everything the book holds of them, as `erase` does,
    /// without a reason (their orders stay for the accounts, without personal data).
    Delete {
        /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
        id: String,
    },
    /// Everything the book holds about a person, as one JSON document (a copy on request,
    /// PIPL art. 45): profile, contacts, consent, follow-ups, plans, intents, visits, orders,
    /// stage moves, cars, care tasks, merged records, the timeline. Always JSON.
    Export {
        /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
        id: String,
    },
    /// Erase a customer's personal data (个人信息删除, PIPL art. 47): the customer and
    /// everything the book holds of them, gone from the file's bytes too; the deletions log
    /// keeps the reason. The next sync erases the server's copy and the other phones'.
    Erase(crate::privacy::args::EraseArgs),
    /// Merge two records of one person: OTHER's contacts and tags join KEEP's, KEEP's fields
    /// win and OTHER's fill the gaps; OTHER is deleted.
    Merge {
        /// The customer that stays.
        keep: String,
        /// The customer merged in and removed.
        other: String,
    },
    /// Which customers already have these contacts (撞单), before adding someone.
    CheckDuplicates(CheckArgs),
    /// Set the customer's intent level (意向级别): N (new), H (within 7 days), A (15),
    /// B (30), C (2-3 months), O (ordered).
    Intent {
        /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
        id: String,
        /// N, H, A, B, C or O.
        level: String,
        /// Fail with a conflict unless the customer is still at this version (default: the
        /// version read just before).
        #[arg(long, value_name = "V")]
        expect_version: Option<u64>,
    },
}

/// `crm customer check-duplicates`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("contact").args(["phone", "landline", "wechat", "email"]).required(true).multiple(true)))]
pub struct CheckArgs {
    /// Mobile phone, as typed.
    #[arg(long, value_name = "PHONE")]
    pub phone: Option<String>,
    /// Landline (座机) with its area code, as typed.
    #[arg(long, value_name = "PHONE")]
    pub landline: Option<String>,
    /// WeChat ID.
    #[arg(long, value_name = "ID")]
    pub wechat: Option<String>,
    /// E-mail address.
    #[arg(long, value_name = "E")]
    pub email: Option<String>,
}

/// `crm customer add`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("mark").args(["important", "key"])))]
pub struct AddArgs {
    /// Name (姓名).
    #[arg(long)]
    pub name: String,
    /// Mobile phone, as typed: `138 1234 5678`, `+86 138...`.
    #[arg(long, value_name = "PHONE")]
    pub phone: Option<String>,
    /// Landline (座机) with its area code, as typed: `010-6552 9988`, `+86 21 5012 3456`.
    #[arg(long, value_name = "PHONE")]
    pub landline: Option<String>,
    /// WeChat ID (微信号).
    #[arg(long, value_name = "ID")]
    pub wechat: Option<String>,
    /// E-mail address.
    #[arg(long, value_name = "E")]
    pub email: Option<String>,
    /// Gender: male, female or unspecified (男 / 女).
    #[arg(long, value_name = "G")]
    pub gender: Option<String>,
    /// Birthday, YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub birthday: Option<String>,
    /// Occupation.
    #[arg(long)]
    pub occupation: Option<String>,
    /// Region as PROVINCE/CITY/DISTRICT (later parts optional): `浙江省/杭州市/西湖区`.
    #[arg(long, value_name = "P/C/D")]
    pub region: Option<String>,
    /// Source channel: walk-in (default), online:PLATFORM (or just 汽车之家, 懂车帝, 易车,
    /// 品牌官网), referral:NAME, hotline, auto-show, event, repeat, other:TEXT.
    #[arg(long, value_name = "CHANNEL")]
    pub source: Option<String>,
    /// A tag (标签); repeat for several.
    #[arg(long = "tag", value_name = "T")]
    pub tags: Vec<String>,
    /// Mark the customer important (重要客户).
    #[arg(long)]
    pub important: bool,
    /// Mark the customer a key customer (重点客户).
    #[arg(long)]
    pub key: bool,
    /// The owning consultant's id.
    #[arg(long, value_name = "O")]
    pub owner: Option<String>,
    /// Notes.
    #[arg(long)]
    pub notes: Option<String>,
    /// Add even when a contact already belongs to another customer (撞单).
    #[arg(long)]
    pub allow_duplicate: bool,
}

/// An id and the version the caller last saw.
#[derive(Debug, Args)]
pub struct VersionedId {
    /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
    pub id: String,
    /// Fail with a conflict unless the customer is still at this version (default: the
    /// version read just before).
    #[arg(long, value_name = "V")]
    pub expect_version: Option<u64>,
}

/// `crm customer edit`. An empty value clears an optional field (`--notes ""`).
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("mark").args(["important", "key", "normal"])))]
pub struct EditArgs {
    /// The customer and the version expected.
    #[command(flatten)]
    pub target: VersionedId,
    /// New name.
    #[arg(long)]
    pub name: Option<String>,
    /// New mobile phone (replaces the first mobile contact, or adds one).
    #[arg(long, value_name = "PHONE")]
    pub phone: Option<String>,
    /// New landline with its area code (replaces the first, or adds one; empty removes it).
    #[arg(long, value_name = "PHONE")]
    pub landline: Option<String>,
    /// New WeChat ID (replaces the first, or adds one; empty removes it).
    #[arg(long, value_name = "ID")]
    pub wechat: Option<String>,
    /// New e-mail address (replaces the first, or adds one; empty removes it).
    #[arg(long, value_name = "E")]
    pub email: Option<String>,
    /// New gender.
    #[arg(long, value_name = "G")]
    pub gender: Option<String>,
    /// New birthday, YYYY-MM-DD (empty clears it).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub birthday: Option<String>,
    /// New occupation.
    #[arg(long)]
    pub occupation: Option<String>,
    /// New region, PROVINCE/CITY/DISTRICT.
    #[arg(long, value_name = "P/C/D")]
    pub region: Option<String>,
    /// New source channel (see `customer add --help`).
    #[arg(long, value_name = "CHANNEL")]
    pub source: Option<String>,
    /// Replace the tags with these; repeat for several (`--tag ""` clears them).
    #[arg(long = "tag", value_name = "T")]
    pub tags: Vec<String>,
    /// Add a tag, keeping the others.
    #[arg(long = "add-tag", value_name = "T")]
    pub add_tags: Vec<String>,
    /// Remove a tag (matched without regard to case or width).
    #[arg(long = "remove-tag", value_name = "T")]
    pub remove_tags: Vec<String>,
    /// Mark important.
    #[arg(long)]
    pub important: bool,
    /// Mark key customer.
    #[arg(long)]
    pub key: bool,
    /// Remove the mark.
    #[arg(long)]
    pub normal: bool,
    /// New notes.
    #[arg(long)]
    pub notes: Option<String>,
    /// New owning consultant.
    #[arg(long, value_name = "O")]
    pub owner: Option<String>,
    /// Save even when a new contact already belongs to another customer.
    #[arg(long)]
    pub allow_duplicate: bool,
}

/// The customer fields the options name otherwise (see `term/flags.rs`); a contact is
/// named by its kind (`customer/options.rs`).
pub const FIELD_FLAGS: &[FieldFlag] = &[
    FieldFlag::new("customer", "contacts.mobile", "--phone"),
    FieldFlag::new("customer", "contacts.landline", "--landline"),
    FieldFlag::new("customer", "contacts.wechat", "--wechat"),
    FieldFlag::new("customer", "contacts.email", "--email"),
    FieldFlag::new(
        "customer",
        "contacts",
        "--phone, --landline, --wechat or --email",
    ),
    FieldFlag::new("customer", "source.referrer_name", "--source referral:NAME"),
    FieldFlag::new("customer intent", "intent_level", "LEVEL"),
];
