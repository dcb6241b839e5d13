//! The command line of vehicles: vehicle intents, orders and deliveries, visits and test
//! drives, the catalogue (clap derive).

use crate::term::flags::FieldFlag;
use clap::{Args, Subcommand};

/// `crm intent ...`.
#[derive(Debug, Subcommand)]
pub enum IntentCommand {
    /// Add a vehicle intent (购车意向) to a customer: at least a brand, series, model,
    /// catalogue model or body type.
    Add(Box<IntentAddArgs>),
    /// A customer's intents, the primary first.
    List {
        /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
        customer: String,
    },
    /// Change an intent: only the options given change (an empty value clears a text).
    Edit(Box<IntentEditArgs>),
    /// Remove an intent (the earliest remaining one becomes primary).
    Remove {
        /// The intent's id.
        id: String,
        /// Fail with a conflict unless the intent is still at this version.
        #[arg(long, value_name = "V")]
        expect_version: Option<u64>,
    },
}

/// What a vehicle intent names, for `intent add` and `intent edit`.
#[derive(Debug, Args)]
pub struct IntentFields {
    /// Brand (品牌): `比亚迪`, `Toyota`.
    #[arg(long)]
    pub brand: Option<String>,
    /// Series (车系): `宋PLUS`, `RAV4荣放`.
    #[arg(long)]
    pub series: Option<String>,
    /// Model (车型): `DM-i 冠军版 旗舰型`.
    #[arg(long)]
    pub model: Option<String>,
    /// Trim (配置).
    #[arg(long)]
    pub trim: Option<String>,
    /// Body type: sedan, suv, mpv, hatchback, wagon, coupe, pickup (轿车, 两厢, 皮卡 ...).
    #[arg(long, value_name = "TYPE")]
    pub body_type: Option<String>,
    /// Powertrain: petrol, diesel, hev, phev, bev, erev (燃油, 混动, 插混, 纯电, 增程).
    #[arg(long, value_name = "P")]
    pub powertrain: Option<String>,
    /// A preferred colour; repeat for several.
    #[arg(long = "colour", value_name = "C")]
    pub colours: Vec<String>,
    /// A wanted option (选装); repeat for several.
    #[arg(long = "option", value_name = "O")]
    pub options: Vec<String>,
    /// Lowest budget in yuan (`150000`, `15万`).
    #[arg(long, value_name = "YUAN")]
    pub budget_min: Option<String>,
    /// Highest budget in yuan.
    #[arg(long, value_name = "YUAN")]
    pub budget_max: Option<String>,
    /// When: week, month, 3-months, 6-months, later, undecided.
    #[arg(long, value_name = "WHEN")]
    pub timeframe: Option<String>,
    /// Payment: full, loan, lease (全款, 贷款, 租赁).
    #[arg(long, value_name = "P")]
    pub payment: Option<String>,
    /// A competing model considered; repeat for several.
    #[arg(long = "competitor", value_name = "MODEL")]
    pub competitors: Vec<String>,
    /// The catalogue model's id (see `crm catalogue list`).
    #[arg(long, value_name = "ID")]
    pub catalogue: Option<String>,
    /// Notes.
    #[arg(long)]
    pub notes: Option<String>,
    /// The trade-in.
    #[command(flatten)]
    pub trade_in: TradeInArgs,
}

/// The current car a customer trades in (置换).
#[derive(Debug, Args)]
pub struct TradeInArgs {
    /// Its brand (required for a trade-in).
    #[arg(long, value_name = "BRAND")]
    pub trade_in_brand: Option<String>,
    /// Its model.
    #[arg(long, value_name = "MODEL", requires = "trade_in_brand")]
    pub trade_in_model: Option<String>,
    /// Its year.
    #[arg(long, value_name = "YEAR", requires = "trade_in_brand")]
    pub trade_in_year: Option<i32>,
    /// Its mileage in km.
    #[arg(long, value_name = "KM", requires = "trade_in_brand")]
    pub trade_in_mileage: Option<u32>,
    /// Its appraised value in yuan.
    #[arg(long, value_name = "YUAN", requires = "trade_in_brand")]
    pub trade_in_value: Option<String>,
}

/// `crm intent add`.
#[derive(Debug, Args)]
pub struct IntentAddArgs {
    /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
    pub customer: String,
    /// What the customer wants.
    #[command(flatten)]
    pub fields: IntentFields,
    /// Make it the primary intent (the first intent is primary anyway).
    #[arg(long)]
    pub primary: bool,
    /// The consultant recording it.
    #[arg(long, value_name = "CONSULTANT")]
    pub by: Option<String>,
}

/// `crm intent edit`.
#[derive(Debug, Args)]
pub struct IntentEditArgs {
    /// The intent's id.
    pub id: String,
    /// What changes.
    #[command(flatten)]
    pub fields: IntentFields,
    /// Make it the primary intent.
    #[arg(long)]
    pub primary: bool,
    /// Remove the trade-in.
    #[arg(long, conflicts_with = "trade_in_brand")]
    pub no_trade_in: bool,
    /// Fail with a conflict unless the intent is still at this version.
    #[arg(long, value_name = "V")]
    pub expect_version: Option<u64>,
    /// The consultant changing it.
    #[arg(long, value_name = "CONSULTANT")]
    pub by: Option<String>,
}

/// `crm order ...`.
#[derive(Debug, Subcommand)]
pub enum OrderCommand {
    /// Place an order (订单): the customer moves to ordered.
    Place(Box<OrderPlaceArgs>),
    /// A customer's orders, oldest first.
    List {
        /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
        customer: String,
    },
    /// Cancel an active order; with no other active order the customer goes back to
    /// negotiating.
    Cancel {
        /// The order's id.
        order: String,
        /// Why: changed-mind, competitor, elsewhere, price, financing-refused, no-stock,
        /// delivery-delay, changed-model, other.
        #[arg(long, value_name = "R")]
        reason: String,
        /// A note (required for `other`).
        #[arg(long, value_name = "N")]
        note: Option<String>,
        /// Who cancels.
        #[arg(long, value_name = "CONSULTANT")]
        by: Option<String>,
    },
    /// The orders of erased customers, kept for the accounts without anything personal;
    /// most recently erased first.
    Erased,
    /// Set or correct the VIN (车架号) of an active order.
    Vin {
        /// The order's id.
        order: String,
        /// 17 characters, no I, O or Q; the check digit is verified where it applies.
        vin: String,
        /// Who sets it.
        #[arg(long, value_name = "CONSULTANT")]
        by: Option<String>,
    },
}

/// `crm order place`.
#[derive(Debug, Args)]
pub struct OrderPlaceArgs {
    /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
    pub customer: String,
    /// The model (车型).
    #[arg(long)]
    pub model: String,
    /// Brand.
    #[arg(long)]
    pub brand: Option<String>,
    /// Series.
    #[arg(long)]
    pub series: Option<String>,
    /// Trim.
    #[arg(long)]
    pub trim: Option<String>,
    /// Colour.
    #[arg(long)]
    pub colour: Option<String>,
    /// The catalogue model's id.
    #[arg(long, value_name = "ID")]
    pub catalogue: Option<String>,
    /// The intent it fulfils.
    #[arg(long, value_name = "ID")]
    pub intent: Option<String>,
    /// The list price in yuan.
    #[arg(long, value_name = "YUAN")]
    pub price: String,
    /// The discount in yuan (default 0).
    #[arg(long, value_name = "YUAN")]
    pub discount: Option<String>,
    /// The deposit paid in yuan (default 0).
    #[arg(long, value_name = "YUAN")]
    pub deposit: Option<String>,
    /// The order date, YYYY-MM-DD (default today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// The expected delivery date, YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub expected_delivery: Option<String>,
    /// The VIN, once known.
    #[arg(long)]
    pub vin: Option<String>,
    /// Bought with finance (贷款).
    #[arg(long)]
    pub finance: bool,
    /// Insurance bought through the dealership.
    #[arg(long)]
    pub insurance: bool,
    /// The selling consultant.
    #[arg(long, value_name = "CONSULTANT")]
    pub by: Option<String>,
}

/// `crm deliver`.
#[derive(Debug, Args)]
pub struct DeliverArgs {
    /// The order's id.
    pub order: String,
    /// The delivery date, YYYY-MM-DD (default today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// The odometer reading in km.
    #[arg(long, value_name = "KM")]
    pub odometer: u32,
    /// The VIN (default: the order's).
    #[arg(long)]
    pub vin: Option<String>,
    /// Who hands the car over.
    #[arg(long, value_name = "CONSULTANT")]
    pub by: Option<String>,
}

/// `crm visit ...`.
#[derive(Debug, Subcommand)]
pub enum VisitCommand {
    /// Schedule a store visit or a test drive (到店 / 试驾); a past time records one after
    /// the fact.
    Schedule(Box<VisitScheduleArgs>),
    /// Mark a visit done (the customer advances to visited / test-driven).
    Done {
        /// The visit's id.
        visit: String,
        /// When it happened: `now` (default), RFC 3339, or `YYYY-MM-DD HH:MM`.
        #[arg(long, value_name = "WHEN")]
        at: Option<String>,
        /// The customer's feedback.
        #[arg(long, value_name = "TEXT")]
        feedback: Option<String>,
        /// Who received them.
        #[arg(long, value_name = "CONSULTANT")]
        by: Option<String>,
    },
    /// Mark a visit a no-show.
    NoShow {
        /// The visit's id.
        visit: String,
        /// Who marks it.
        #[arg(long, value_name = "CONSULTANT")]
        by: Option<String>,
    },
    /// A customer's visits, by time.
    List {
        /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
        customer: String,
    },
}

/// `crm visit schedule`.
#[derive(Debug, Args)]
pub struct VisitScheduleArgs {
    /// The customer: an id, an id prefix (6+ characters), or a name or phone that names one.
    pub customer: String,
    /// When: RFC 3339, `YYYY-MM-DD HH:MM` in the dealership's zone, or `now`.
    #[arg(long, value_name = "WHEN")]
    pub at: String,
    /// A test drive (it needs `--model` or `--catalogue`).
    #[arg(long)]
    pub test_drive: bool,
    /// The model seen or driven.
    #[arg(long)]
    pub model: Option<String>,
    /// The catalogue model's id.
    #[arg(long, value_name = "ID")]
    pub catalogue: Option<String>,
    /// The consultant receiving them.
    #[arg(long, value_name = "CONSULTANT")]
    pub consultant: Option<String>,
    /// Notes.
    #[arg(long)]
    pub notes: Option<String>,
}

/// `crm catalogue ...`.
#[derive(Debug, Subcommand)]
pub enum CatalogueCommand {
    /// Replace the catalogue (车型库) with the models in a JSON file: an array of
    /// `{"id", "brand", "series", "model", "body_type", "powertrain", "price": {"min",
    /// "max"}}` (prices in fen).
    Load {
        /// The JSON file.
        file: std::path::PathBuf,
    },
    /// The catalogue's models.
    List,
}

/// The fields of intents, orders and visits the options name otherwise (see
/// `term/flags.rs`).
pub const FIELD_FLAGS: &[FieldFlag] = &[
    FieldFlag::new("intent", "intent.brand", "--brand, --model or --body-type"),
    FieldFlag::new("intent", "intent.budget", "--budget-min/--budget-max"),
    FieldFlag::new("intent", "intent.trade_in", "--trade-in-brand"),
    FieldFlag::new(
        "intent",
        "intent.trade_in.appraised_value",
        "--trade-in-value",
    ),
    FieldFlag::new("intent", "intent.catalogue_id", "--catalogue"),
    FieldFlag::new("intent", "intent_id", "ID"),
    FieldFlag::new("order place", "order.order_date", "--date"),
    FieldFlag::new("order place", "order.intent_id", "--intent"),
    FieldFlag::new("order place", "order.catalogue_id", "--catalogue"),
    FieldFlag::new("order", "order_id", "ORDER"),
    FieldFlag::new("deliver", "order_id", "ORDER"),
    FieldFlag::new("visit schedule", "visit.scheduled_at", "--at"),
    FieldFlag::new("visit schedule", "visit.catalogue_id", "--catalogue"),
    FieldFlag::new("visit done", "visit.done_at", "--at"),
    FieldFlag::new("visit", "visit_id", "VISIT"),
];
