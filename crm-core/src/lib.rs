//! # crm-core: the domain of a car salesperson's customer book
//!
//! Pure Rust: the types a dealership CRM is made of and the rules that keep them valid and
//! comparable. No SQL, no FFI, no I/O, and no clock reads: where a rule needs "now" the
//! caller passes it in (see [`Clock`]).
//!
//! - Customers (客户): [`NewCustomer`] → [`NewCustomer::validate`] → [`CustomerProfile`] or a
//!   [`ValidationError`] naming the field and the rule; [`CustomerPatch`] for edits; contacts
//!   with normalised keys (phones to E.164, see [`normalize_phone`]); merging duplicates
//!   ([`CustomerProfile::merged_with`]).
//! - Finding them: [`search`] (pinyin with surname readings, match tiers), [`CustomerFilter`]
//!   and [`Sort`], saved [`ViewDefinition`]s.
//! - Following up (跟进): follow-up records, plans with an instant or a local date, intent
//!   levels and their cadence, the dealership's local day (DST-safe), the day's agenda,
//!   reminders with stable ids, message templates, timeline entries and field diffs.
//! - Vehicles (车): intents with budget and trade-in, the dealership's catalogue, VINs,
//!   orders and deliveries, store visits and test drives, the intent level's history
//!   (see [`NewVehicleIntent`], [`Vin`], [`NewOrder`], [`NewVisit`]).
//! - Selling (销售机会): the [`pipeline`] state machine (stages, lost and dormant with a
//!   manager's approval, [`apply`]) and the [`report`]s managers read (funnel, channels,
//!   losses, consultant activity, intent levels), pure over in-memory facts.
//!
//! - Care after the sale (客户关怀): [`CareRules`] as data, the facts of a delivered
//!   customer ([`CareCustomer`], [`CareCar`], odometer readings), the engine
//!   ([`CarePlanner`], [`care_tasks`]) that makes dated tasks with stable keys for
//!   calls after delivery, maintenance, insurance, inspection, birthdays, holidays (lunar
//!   ones too) and anniversaries, consent per channel (PIPL), and a task's status.
//!
//! With the `proptest` feature, `strategies` exports proptest strategies for these types.

mod clock;
mod code;
mod contact;
mod customer;
mod customer_title;
mod error;
mod filter;
mod filter_deal;
mod ids;
mod limits;
mod merge;
mod patch;
mod phone;
pub mod search;
mod source;
mod summary;
mod tag;
mod text;
mod view;

mod agenda;
mod attachment;
mod cadence;
mod day_starts;
mod field_change;
mod followup;
mod followup_patch;
mod intent;
mod local_day;
mod plan;
mod plan_time;
mod record_ids;
mod reminder;
mod starter_templates;
mod template;
mod timeline;
mod vehicle;

pub mod pipeline;
pub mod report;

mod care;

#[cfg(feature = "proptest")]
pub mod strategies;

pub use clock::{Clock, ManualClock};
pub use code::Code;
pub use contact::{Contact, ContactInput, ContactKind};
pub use customer::{AgeBand, Customer, CustomerProfile, Gender, Importance, NewCustomer, Region};
pub use customer_title::customer_title;
pub use error::{Rule, ValidationError};
pub use filter::{
    ArchivedFilter, CustomerFilter, LastContactFilter, NextFollowUpFilter, Sort, SortKey,
    CHANNEL_KINDS,
};
pub use ids::CustomerId;
pub use limits::Limits;
pub use patch::CustomerPatch;
pub use phone::{normalize_phone, PhoneKind};
pub use source::{FirstContact, SourceChannel};
pub use summary::CustomerSummary;
pub use tag::tag_key;
pub use text::{is_bidi_control, is_invisible_format, single_line_text, trim_text};
pub use view::{view_name, ListColumn, SavedView, ViewDefinition, MAX_VIEW_COLUMNS, MAX_VIEW_NAME};

pub use agenda::{
    agenda, urgency, AgendaCareTask, AgendaCustomer, AgendaFacts, AgendaItem, AgendaReason,
    AgendaStanding,
};
pub use attachment::Attachment;
pub use cadence::{
    cadence_due, CadenceConfig, CadenceDue, MAX_CADENCE_DAYS, MAX_FIRST_RESPONSE_MINUTES,
};
pub use day_starts::DayStarts;
pub use field_change::{diff, diff_follow_ups, FieldChange, FieldValue};
pub use followup::{
    earliest_follow_up, FollowUp, FollowUpKind, FollowUpMethod, FollowUpRecord, NewFollowUp,
};
pub use followup_patch::FollowUpPatch;
pub use intent::IntentLevel;
pub use local_day::{DealershipZone, LocalDay, LocalDays};
pub use plan::{NewPlan, Plan, PlanChange, PlanError, PlanPatch, PlanStatus, PlanStatusKind};
pub use plan_time::PlanTime;
pub use record_ids::{FollowUpId, PlanId};
pub use reminder::{
    reminder_for, reminders_between, Reminder, ReminderChannel, ReminderConfig, ReminderId,
    MAX_LEAD_MINUTES,
};
pub use starter_templates::starter_templates;
pub use template::{
    escape, MessageTemplate, NewTemplate, Placeholder, Segment, Template, TemplateError,
    TemplateLanguage, TemplatePurpose, TemplateValues,
};
pub use timeline::{TimelineEntry, TimelineRecord};
pub use vehicle::{
    check_history, choose_primary, diff_intents, diff_orders, is_vin_char, level_at,
    validate_catalogue, vin_check_digit, vin_check_digit_applies, AmountRange, BodyType,
    CancelReason, CatalogueModel, CatalogueModelId, Delivery, Fen, IntentId, IntentLevelChange,
    NewDelivery, NewOrder, NewVehicleIntent, NewVisit, Order, OrderError, OrderId, OrderPatch,
    OrderRecord, OrderStatus, OrderStatusKind, OrderedVehicle, PaymentMethod, Powertrain,
    PurchaseTimeframe, TradeIn, VehicleIntent, VehicleIntentPatch, VehicleIntentRecord, Vin, Visit,
    VisitError, VisitId, VisitKind, VisitRecord, VisitStatus, VisitStatusKind,
};

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
pub use care::{
    check_reading, CarePlan, ChannelSet, ConsentStates, OdometerLimits, ServiceVisit,
    DEFAULT_MAX_DAILY_KM, MAX_DAILY_KM_RANGE,
};
