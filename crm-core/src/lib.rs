//! # crm-core: the domain of a car salesperson's customer book
//!
//! Pure Rust: the types a dealership CRM is made of and the rules that keep them valid and
//! comparable. No SQL, no FFI, no I/O, and no clock reads: where a rule needs "now" the
//! caller passes it in (see [`Clock`]). One module per feature, the same folders as in the
//! store, the bindings and the CLI, each holding its feature's types (`crm_core::care::CareRules`);
//! every public item is also re-exported at the root, and [`prelude`] holds the few that
//! nearly every program names (`use crm_core::prelude::*`):
//!
//! - `customer/`: customers (客户): [`NewCustomer`] → [`CustomerProfile`], contacts and
//!   phones ([`normalize_phone`]), tags, source channels, [`CustomerPatch`], merging
//!   duplicates (撞单), list summaries and the form of address.
//! - `find/`: finding them: quick [`search`] (pinyin, phones), the [`CustomerFilter`] and
//!   [`Sort`], saved [`ViewDefinition`]s.
//! - `follow_up/`: following up (跟进): [`FollowUp`] records, [`Plan`]s, [`IntentLevel`]s and
//!   their cadence, [`Reminder`]s, the day's [`agenda`], message [`Template`]s, the
//!   [`TimelineEntry`]s and field diffs.
//! - `vehicle/`: vehicles (车): intents ([`NewVehicleIntent`]), the catalogue, [`Vin`]s,
//!   orders ([`NewOrder`]) and deliveries, store visits and test drives ([`NewVisit`]).
//! - `pipeline/`: the [`pipeline`] state machine (销售机会): stages, lost and dormant with a
//!   manager's approval, [`apply`].
//! - `deal/`: [`deal`]s (销售机会): one customer, many sales; each deal moves through the
//!   pipeline on its own; the team's rule on open deals per owner.
//! - `report/`: the [`report`]s managers read (funnel, channels, losses, consultants,
//!   intent levels), pure over in-memory facts.
//! - `care/`: care after the sale (客户关怀): [`CareRules`] as data, the [`CarePlanner`]
//!   that makes dated [`CareTask`]s, consent per channel (PIPL), a task's status.
//! - `spreadsheet/`: customer sheets read into customers ([`spreadsheet::read_row`]): the
//!   header names recognised, dates, labels and validation per row, refusals by row and column.
//! - `pool/`: the public [`pool`] (公海): the team's rules as data, when a held customer is
//!   released, whether a consultant may claim one.
//! - `sync/`: what a device and the dealership's server exchange: outbox [`sync::Change`]s
//!   going up, checkpointed [`sync::Download`]s coming down, masked contacts.
//! - `team/`: the [`team`] rules: which role may take which action ([`team::allows`]),
//!   checked by the store and again by the server ([`team::Forbidden`]).
//! - `privacy/`: erasing a person's data: the [`privacy::erasure_reason`] rule and the
//!   dealership's [`privacy::RetentionPolicy`].
//! - `export/`: taking the data out: customer spreadsheet columns, headers and labels,
//!   report sheets, calendar events ([`export`]).
//! - `audit/`: who did what: the [`audit::Deletion`]s log of records that left the book
//!   (the timeline keeps each change's author and device).
//! - `time/`: the [`Clock`], the dealership's local day ([`DealershipZone`], DST-safe) and
//!   [`DayStarts`].
//! - `validation/`: [`ValidationError`] naming the field and the [`Rule`], the text rule
//!   ([`single_line_text`]), [`Code`]s, [`Limits`], and what every id type and patch shares.
//!
//! With the `proptest` feature, `strategies` exports proptest strategies for these types,
//! one module per feature, made to be fed to a real store (see its recipe).

#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod audit;
pub mod care;
pub mod customer;
pub mod deal;
pub mod export;
pub mod find;
pub mod follow_up;
pub mod pipeline;
pub mod pool;
pub mod prelude;
pub mod privacy;
pub mod report;
pub mod spreadsheet;
pub mod sync;
pub mod team;
pub mod time;
pub mod validation;
pub mod vehicle;

#[cfg(feature = "proptest")]
#[cfg_attr(docsrs, doc(cfg(feature = "proptest")))]
pub mod strategies;

/// The date and time library in this crate's signatures (instants are
/// `chrono::DateTime<Utc>`, calendar dates `chrono::NaiveDate`), re-exported so that a
/// program uses the same version without depending on it.
pub use chrono;

pub use find::search;

pub use customer::{
    channel_label, contact_key, customer_title, normalize_phone, tag_key, AgeBand, Contact,
    ContactInput, ContactKind, Customer, CustomerId, CustomerPatch, CustomerProfile,
    CustomerSummary, FirstContact, Gender, Importance, Label, NewCustomer, PhoneKind, Region,
    SourceChannel, CHANNEL_LABELS,
};
pub use find::{
    view_name, ArchivedFilter, CustomerFilter, LastContactFilter, ListColumn, NextFollowUpFilter,
    SavedView, Sort, SortKey, ViewDefinition, CHANNEL_KINDS, MAX_VIEW_COLUMNS, MAX_VIEW_NAME,
};
pub use follow_up::{
    agenda, cadence_due, diff, diff_follow_ups, earliest_follow_up, escape, reminder_for,
    reminders_between, starter_templates, urgency, AgendaCareTask, AgendaCustomer, AgendaFacts,
    AgendaItem, AgendaReason, AgendaStanding, Attachment, CadenceConfig, CadenceDue, FieldChange,
    FieldValue, FollowUp, FollowUpId, FollowUpKind, FollowUpMethod, FollowUpPatch, FollowUpRecord,
    IntentLevel, MessageTemplate, NewFollowUp, NewPlan, NewTemplate, Placeholder, Plan, PlanChange,
    PlanError, PlanId, PlanPatch, PlanStatus, PlanStatusKind, PlanTime, Reminder, ReminderChannel,
    ReminderConfig, ReminderId, Segment, Template, TemplateError, TemplateLanguage,
    TemplatePurpose, TemplateValues, TimelineEntry, TimelineRecord, MAX_CADENCE_DAYS,
    MAX_CHANGE_VALUE_CHARS, MAX_FIRST_RESPONSE_MINUTES, MAX_LEAD_MINUTES,
};
pub use time::{Clock, DayStarts, DealershipZone, LocalDay, LocalDays, ManualClock};
pub use validation::{
    is_bidi_control, is_invisible_format, single_line_text, trim_text, Code, Limits, Rule,
    ValidationError,
};
pub use vehicle::{
    check_history, choose_primary, diff_intents, diff_orders, is_vin_char, level_at,
    validate_catalogue, vin_check_digit, vin_check_digit_applies, AmountRange, BodyType,
    CancelReason, CatalogueModel, CatalogueModelId, Delivery, Fen, IntentId, IntentLevelChange,
    NewDelivery, NewOrder, NewVehicleIntent, NewVisit, Order, OrderError, OrderId, OrderPatch,
    OrderRecord, OrderStatus, OrderStatusKind, OrderedVehicle, PaymentMethod, Powertrain,
    PurchaseTimeframe, TradeIn, VehicleIntent, VehicleIntentPatch, VehicleIntentRecord, Vin, Visit,
    VisitError, VisitId, VisitKind, VisitRecord, VisitStatus, VisitStatusKind,
};

pub use deal::{Deal, DealError, DealId, DealRules, DealSource, DealStatus, NewDeal};
pub use pipeline::{
    apply, replay, status_at, AsideKind, DormantReason, DormantRequest, HistoryError, LostReason,
    LostRequest, Move, MoveKind, PipelineError, PipelineFacts, PipelineState, PipelineStatus,
    SideState, Stage, StageMove, Transition,
};
pub use report::{
    channel_report, consultant_report, funnel_report, intent_report, lost_report, ChannelReport,
    ChannelRow, CompetitorRow, ConsultantRow, CustomerFacts, FollowUpFact, FunnelReport, FunnelRow,
    IntentChangeFact, IntentLevelRow, IntentMoveRow, IntentReport, LostReasonRow, LostReport,
    OrderFact, ReportPeriod, VisitFact,
};

pub use care::{
    apply_moves, check_reading, settled_status, CarePlan, CareTaskMove, ChannelSet, ConsentStates,
    OdometerLimits, ServiceVisit, DEFAULT_MAX_DAILY_KM, MAX_DAILY_KM_RANGE,
};
pub use care::{
    care_tasks, default_holidays, default_inspection_bands, due_in, inspections_due, is_pending,
    lunar_date, reconcile, services_due, sort_schedule, validate_insurance_ends, yearly_date, Car,
    CarId, CareAssignee, CareCar, CareCustomer, CareDetail, CareKeySubject, CarePlanner, CareRules,
    CareRulesJsonError, CareTask, CareTaskChange, CareTaskError, CareTaskKey, CareTaskKind,
    CareTaskRecord, CareTaskStatus, CareTaskStatusKind, ConsentChange, ConsentChannel,
    ConsentRecord, ConsentRules, ConsentSource, ConsentState, ConsentUpdate, CustomerConsent,
    DateWindow, DeliveryCallRule, GreetingRule, Holiday, HolidayDate, HolidayOccurrence,
    HolidayRules, InspectionBand, InspectionDue, InspectionRule, InsuranceRule, MaintenanceRule,
    MaintenanceTrigger, NewCar, Odometer, OdometerReading, OdometerSource, Offset, Outreach,
    ReconcileTally, ReferralRule, ServiceDue, ServiceIntervals, FIRST_LUNAR_YEAR, LAST_LUNAR_YEAR,
    MAX_CARE_OUTCOME, MAX_CARE_REASON, MAX_CAR_NAME, MAX_CAR_ORDER_ID, MAX_CONSENT_NOTE,
    MAX_DELIVERY_CALLS, MAX_HOLIDAYS, MAX_HOLIDAY_NAME, MAX_INSPECTION_BANDS, MAX_INSURANCE_ENDS,
    MAX_ODOMETER_KM, MAX_OFFSET_DAYS, MAX_OFFSET_MONTHS, MAX_RULE_KEY, MAX_SNOOZE_DAYS,
    MAX_TEMPLATE_KEY, MAX_WINDOW_DAYS, MAX_WINDOW_YEAR, MIN_WINDOW_YEAR,
};
