//! The command line of finding customers: `crm search`, the filter, sort and page options
//! of `crm customer list` (and of `crm view save`, `crm report`), `crm view ...` (clap
//! derive).

use crate::term::flags::FieldFlag;
use clap::{ArgGroup, Args, Subcommand, ValueEnum};

/// `crm search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for: `张三`, `zs`, `zhangsan`, `5678`, `138 1234`, `zhangsan88`.
    pub query: String,
    /// At most this many hits (1 to 200).
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: u32,
    /// Include archived customers.
    #[arg(long)]
    pub archived: bool,
}

/// `crm customer list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Which customers.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// In which order.
    #[command(flatten)]
    pub sort: SortArgs,
    /// Which page.
    #[command(flatten)]
    pub page: PageArgs,
    /// Print only how many customers match.
    #[arg(long, conflicts_with_all = ["facets", "after"])]
    pub count: bool,
    /// Print how many matching customers have each channel, tag, importance, owner and
    /// online platform.
    #[arg(long, conflicts_with = "after")]
    pub facets: bool,
}

/// Which customers: the filter options of `customer list` and `view save`. Options combine
/// with AND; an option repeated matches any of its values (except `--all-tags`).
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("archive_state").args(["archived", "only_archived"])))]
#[command(group(
    ArgGroup::new("last_contact").args(["contacted_within", "not_contacted_for", "never_contacted"])
))]
pub struct FilterArgs {
    /// Source channel: walk-in, online, referral, hotline, auto-show, event, repeat, other
    /// (or the stored names); repeat for any of several.
    #[arg(long = "channel", value_name = "KIND")]
    pub channels: Vec<String>,
    /// Online platform the lead came from (汽车之家, 懂车帝 ...); repeat for any of several.
    #[arg(long = "platform", value_name = "NAME")]
    pub platforms: Vec<String>,
    /// Has this tag; repeat for any of several.
    #[arg(long = "tag", value_name = "T")]
    pub tags: Vec<String>,
    /// Has this tag; repeat to require all of them.
    #[arg(long = "all-tags", value_name = "T")]
    pub all_tags: Vec<String>,
    /// Importance: normal, important or key (普通 / 重要 / 重点); repeat for any of several.
    #[arg(long = "importance", value_name = "LEVEL")]
    pub importance: Vec<String>,
    /// Owned by this consultant; repeat for any of several.
    #[arg(long = "owner", value_name = "ID")]
    pub owners: Vec<String>,
    /// Include archived customers.
    #[arg(long)]
    pub archived: bool,
    /// Only archived customers.
    #[arg(long)]
    pub only_archived: bool,
    /// Created at or after: RFC 3339, or YYYY-MM-DD (from the start of that day, local time).
    #[arg(long, value_name = "WHEN")]
    pub created_from: Option<String>,
    /// Created before: RFC 3339, or YYYY-MM-DD (to the end of that day, local time).
    #[arg(long, value_name = "WHEN")]
    pub created_to: Option<String>,
    /// Last contacted within the last DAYS days.
    #[arg(long, value_name = "DAYS")]
    pub contacted_within: Option<u32>,
    /// Contacted before, but not for DAYS days.
    #[arg(long, value_name = "DAYS")]
    pub not_contacted_for: Option<u32>,
    /// Never contacted.
    #[arg(long)]
    pub never_contacted: bool,
    /// When the next follow-up (the pending plan) is due.
    #[arg(long, value_enum, value_name = "WHEN")]
    pub next_follow_up: Option<NextFollowUpArg>,
    /// Birthday in month M (1-12); repeat for any of several.
    #[arg(long = "birthday-month", value_name = "M")]
    pub birthday_months: Vec<u32>,
    /// Province, exactly (浙江省).
    #[arg(long, value_name = "P")]
    pub province: Option<String>,
    /// City, exactly (杭州市).
    #[arg(long, value_name = "C")]
    pub city: Option<String>,
    /// District, exactly (西湖区).
    #[arg(long, value_name = "D")]
    pub district: Option<String>,
    /// Also matching this quick search (see `crm search --help`).
    #[arg(long, value_name = "TEXT")]
    pub query: Option<String>,
    /// Intent level, pipeline status, intended vehicle, budget, trade-in, lost reason,
    /// order and delivery dates.
    #[command(flatten)]
    pub deal: DealFilterArgs,
}

/// The order of a list.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("direction").args(["asc", "desc"])))]
pub struct SortArgs {
    /// Sort by this key (default: created).
    #[arg(long, value_enum, value_name = "KEY")]
    pub sort: Option<SortBy>,
    /// Smallest first (the default for `--sort name` and `--sort next-follow-up`).
    #[arg(long)]
    pub asc: bool,
    /// Largest first: newest, most recently contacted, most important (the default, except
    /// for `--sort name`).
    #[arg(long)]
    pub desc: bool,
}

/// What a list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortBy {
    /// Creation time.
    Created,
    /// Last contact (never contacted counts as oldest).
    LastContact,
    /// Importance, then creation time.
    Importance,
    /// Name, Chinese names in pinyin order.
    Name,
    /// When the pending plan is due, soonest first (customers without one last).
    NextFollowUp,
}

/// When the next follow-up is due, in the dealership's local days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NextFollowUpArg {
    /// Overdue now.
    Overdue,
    /// Due today.
    Today,
    /// Due this week (Monday to Sunday).
    ThisWeek,
    /// No pending plan.
    NoPlan,
}

/// One page of a list.
#[derive(Debug, Args)]
pub struct PageArgs {
    /// At most this many customers (1 to 10000).
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: u32,
    /// Continue after this cursor: the `next:` line (on stderr) of the previous page, with
    /// the same options.
    #[arg(long, value_name = "CURSOR")]
    pub after: Option<String>,
}

/// `crm view ...`.
#[derive(Debug, Subcommand)]
pub enum ViewCommand {
    /// Save a view: a name, the filter and sort options of `customer list`, and columns.
    Save(Box<SaveViewArgs>),
    /// List the saved views, by name.
    List,
    /// List the customers a view shows, in its order.
    Run {
        /// The view's name (any case) or id.
        view: String,
        /// Which page.
        #[command(flatten)]
        page: PageArgs,
    },
    /// Rename a view.
    Rename {
        /// The view's name (any case) or id.
        view: String,
        /// The new name.
        new_name: String,
    },
    /// Delete a view (the customers stay).
    Delete {
        /// The view's name (any case) or id.
        view: String,
    },
}

/// `crm view save`.
#[derive(Debug, Args)]
pub struct SaveViewArgs {
    /// The view's name (unique, ignoring case; at most 40 characters).
    pub name: String,
    /// Which customers.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// In which order.
    #[command(flatten)]
    pub sort: SortArgs,
    /// A list column an app shows, in order: name, primary-contact, gender, channel, tags,
    /// importance, owner, region, birthday, created, last-contact.
    #[arg(long = "column", value_name = "C")]
    pub columns: Vec<String>,
}

/// The deal options (flattened into the filter options).
#[derive(Debug, Default, Args)]
pub struct DealFilterArgs {
    /// Intent level N, H, A, B, C or O; comma-separated or repeated for any of several
    /// (`--level A,H`).
    #[arg(long = "level", value_name = "L", value_delimiter = ',')]
    pub levels: Vec<String>,
    /// Pipeline status: a stage (new-lead, contacted, invited, visited, test-driven,
    /// negotiating, ordered, delivered), a pending request (lost-requested,
    /// dormant-requested) or lost / dormant; comma-separated or repeated for any of several.
    #[arg(long = "stage", value_name = "S", value_delimiter = ',')]
    pub stages: Vec<String>,
    /// Intended brand (品牌), exactly (ASCII case ignored); repeat for any of several. Any
    /// of the customer's intents counts.
    #[arg(long = "brand", value_name = "NAME")]
    pub brands: Vec<String>,
    /// Intended series (车系), what salespeople call the model (途观L); repeat for any of
    /// several.
    #[arg(long = "series", visible_alias = "model", value_name = "NAME")]
    pub series: Vec<String>,
    /// Intended body type: sedan, suv, mpv, hatchback, wagon, coupe, pickup (the intent's
    /// own, else its catalogue model's); comma-separated or repeated.
    #[arg(long = "body-type", value_name = "T", value_delimiter = ',')]
    pub body_types: Vec<String>,
    /// Intended powertrain: petrol, diesel, hev, phev, bev, erev (the intent's own, else its
    /// catalogue model's); comma-separated or repeated.
    #[arg(long = "powertrain", value_name = "P", value_delimiter = ',')]
    pub powertrains: Vec<String>,
    /// A budget range in yuan that an intent's budget overlaps: `15万-20万`, `150000-`
    /// (from), `-200000` (up to). The same intent must match the vehicle options above.
    #[arg(long, value_name = "MIN-MAX", allow_hyphen_values = true)]
    pub budget: Option<String>,
    /// Some intent offers a car in trade (置换): yes, or no for none.
    #[arg(long = "trade-in", value_enum, value_name = "YES|NO")]
    pub trade_in: Option<YesNo>,
    /// Has an open deal (销售机会进行中): yes, or no for none (won, lost or dormant only).
    #[arg(long = "open-deal", value_enum, value_name = "YES|NO")]
    pub open_deal: Option<YesNo>,
    /// Lost reason of a lost request, pending or approved: price, competitor, elsewhere,
    /// postponed, budget, financing-refused, unreachable, other; comma-separated or repeated.
    #[arg(long = "lost-reason", value_name = "R", value_delimiter = ',')]
    pub lost_reasons: Vec<String>,
    /// Has an order (not cancelled) signed from FROM up to, not including, TO:
    /// `2026-01-01..2026-04-01`; either end may be left out (`2026-01-01..`).
    #[arg(long, value_name = "FROM..TO")]
    pub ordered: Option<String>,
    /// Has an order delivered from FROM up to, not including, TO (dates as for `--ordered`).
    #[arg(long, value_name = "FROM..TO")]
    pub delivered: Option<String>,
}

/// Yes or no.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum YesNo {
    /// Yes.
    Yes,
    /// No.
    No,
}

/// The filter fields the options name otherwise (see `term/flags.rs`), in every command
/// that takes the filter options (`customer list`, `view save`, `report ...`).
pub const FIELD_FLAGS: &[FieldFlag] = &[
    FieldFlag::new("", "last_contact", "--contacted-within/--not-contacted-for"),
    FieldFlag::new("", "ordered_from", "--ordered"),
    FieldFlag::new("", "ordered_to", "--ordered"),
    FieldFlag::new("", "delivered_from", "--delivered"),
    FieldFlag::new("", "delivered_to", "--delivered"),
];
