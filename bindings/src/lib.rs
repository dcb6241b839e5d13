//! # crm-bindings: dealer-crm for Kotlin, Swift and Python
//!
//! The only crate that knows uniffi. It holds no business rule: it declares FFI-only
//! records and enums that mirror the `crm-core` types, converts them with `From` / `TryFrom`,
//! and exports one object, [`CrmStore`], whose methods forward to [`crm_store::Store`].
//!
//! | Rust here          | Kotlin                      | Swift              | Python              |
//! |--------------------|-----------------------------|--------------------|---------------------|
//! | [`CrmStore`]       | `CrmStore` (`AutoCloseable`)| `CrmStore`         | `CrmStore`          |
//! | [`CrmError`]       | `CrmException.*`            | `CrmError.*`       | `CrmError.*`        |
//! | [`Timestamp`]      | `java.time.Instant`         | `Date`             | aware `datetime`    |
//! | [`CalendarDate`]   | `java.time.LocalDate`       | `DateComponents`   | `datetime.date`     |
//! | `CustomerId`       | `String`                    | `String`           | `str`               |
//!
//! Every `CrmStore` method is async (Kotlin `suspend`, Swift `async`): its SQLite work runs on
//! the library's own threads ([`store::CrmStore`]), never on the caller's.
//!
//! Layout: [`store`] (the exported object, its constructors, the backup, `library_version`),
//! [`error`] (the one error), [`custom`] (instants, calendar dates, ids, the sync token) and
//! `convert` (the macros and helpers the conversions share), then one folder per feature, the
//! same folders as in `crm-core`, `crm-store` and the CLI. A feature file holds its FFI types,
//! their conversions and its `CrmStore` methods (a `#[uniffi::export] impl CrmStore` block of
//! its own; uniffi merges them into one class); each folder's `mod.rs` says which file holds
//! what:
//!
//! - [`customer`]: customers (客户信息管理): the record, contacts, source channels, edits,
//!   duplicates (撞单) and merging, import.
//! - [`find`]: quick search (快速查找), filters (高级筛选), sorts, facets, saved views, list
//!   pages.
//! - [`follow_up`]: follow-ups (跟进记录), plans (下次跟进计划), intent levels (意向级别),
//!   reminders, the agenda (今日待办), templates (话术模板), the timeline (客户历史), import.
//! - [`vehicle`]: vehicle intents (购车意向), the catalogue (车型库), orders and deliveries
//!   (订单, 交车), visits and test drives (到店 / 试驾), money in fen.
//! - [`pipeline`]: the sales pipeline (销售漏斗): stages, moves, lost and dormant requests.
//! - [`pool`]: the public pool (公海): its customers, claims, releases, assignments, a
//!   manager's transfers.
//! - [`report`]: the managers' reports (报表).
//! - [`care`]: care after the sale (客户关怀): cars, odometer, consent, care rules and tasks.
//! - [`import`]: spreadsheet import (导入): customer and follow-up sheets from a path or
//!   bytes, with a progress listener and a row-by-row report; imports listed and undone.
//! - [`live`]: live queries: a change listener told what each committed write changed.
//! - [`privacy`]: personal data on request (PIPL): a customer's data as one JSON document.
//! - [`settings`]: the dealership's settings (门店设置).
//! - [`audit`]: who did what (操作记录): the deletions log (the timeline's records carry
//!   each change's author and device).
//! - [`sync`]: sync with the dealership's server (同步): `sync` over HTTP, or the upload queue
//!   and the server's answers as JSON for apps with their own transport.
//!
//! Every public type is also reachable at the crate's root (`crm_ffi::Customer`).

uniffi::setup_scaffolding!();

pub mod audit;
pub mod care;
mod convert;
pub mod custom;
pub mod customer;
pub mod deal;
pub mod error;
pub mod export;
pub mod find;
pub mod follow_up;
pub mod import;
pub mod live;
mod number;
pub mod pipeline;
pub mod pool;
pub mod privacy;
pub mod report;
mod runtime;
pub mod settings;
pub mod store;
pub mod sync;
pub mod vehicle;

pub use audit::deletions::{DeletedEntity, Deletion, DeletionKind, DeletionPage};
pub use care::car::{Car, NewCar};
pub use care::consent::{
    ConsentChange, ConsentChannel, ConsentRecord, ConsentSource, ConsentState,
};
pub use care::detail::{CareDetail, MaintenanceTrigger};
pub use care::odometer::{OdometerRecord, OdometerSource};
pub use care::rules::{
    CareOffset, CareRules, ConsentRules, DeliveryCallRule, GreetingRule, Holiday, HolidayDate,
    HolidayRules, InspectionBand, InspectionRule, InsuranceRule, MaintenanceRule, Outreach,
    ReferralRule,
};
pub use care::run::CareRunSummary;
pub use care::status::{CareTaskStatus, CareTaskStatusKind};
pub use care::task::{CareAssignee, CareTask, CareTaskKind, CareTaskQuery};
pub use custom::{CalendarDate, SyncToken, Timestamp};
pub use customer::contact::{Contact, ContactInput, ContactKind};
pub use customer::duplicates::{DuplicateContact, WriteOptions};
pub use customer::import::CustomerImport;
pub use customer::patch::{CustomerField, CustomerPatch};
pub use customer::record::{
    AgeBand, Customer, FirstContact, Gender, Importance, NewCustomer, Region,
};
pub use customer::source::SourceChannel;
pub use customer::summary::CustomerSummary;
pub use error::CrmError;
pub use export::customers::SpreadsheetFormat;
pub use export::ExportLanguage;
pub use find::facets::{ChannelCount, FacetCount, Facets, ImportanceCount};
pub use find::filter::{ArchivedFilter, CustomerFilter, LastContactFilter, NextFollowUpFilter};
pub use find::list::{CustomerPage, ListQuery};
pub use find::query::{CustomerQuery, Sort, SortKey};
pub use find::search::{MatchTier, SearchHit, SearchOptions};
pub use find::source_kind::SourceKind;
pub use find::views::{ListColumn, SavedView, ViewDefinition};
pub use follow_up::agenda::{AgendaItem, AgendaReason};
pub use follow_up::attachment::Attachment;
pub use follow_up::field_change::{FieldChange, FieldValue};
pub use follow_up::import::FollowUpImport;
pub use follow_up::intent_level::{IntentLevel, IntentLevelChange};
pub use follow_up::patch::{FollowUpField, FollowUpPatch};
pub use follow_up::plan::{NewPlan, Plan, PlanPatch, PlanStatus, PlanTime};
pub use follow_up::record::{FollowUp, FollowUpKind, FollowUpMethod, LoggedFollowUp, NewFollowUp};
pub use follow_up::reminder::{Reminder, ReminderChanges, ReminderChannel};
pub use follow_up::template::{MessageTemplate, NewTemplate, TemplateLanguage, TemplatePurpose};
pub use follow_up::timeline::{TimelineEntry, TimelinePage, TimelineRecord};
pub use live::change::{ChangeSource, DataChange, DataKind};
pub use live::listener::ChangeListener;
pub use pipeline::moves::{MoveKind, StageMove, StageTransition};
pub use pipeline::reason::{DormantReason, LostReason};
pub use pipeline::request::{DormantRequest, LostRequest, PendingRequest};
pub use pipeline::stage::{AsideKind, Stage};
pub use pipeline::state::{PipelineState, PipelineStatus};
pub use pool::rules::{LevelDays, PoolRules, PoolStatus, RecentRelease};
pub use pool::transfer::{TransferRefusal, TransferResult};
pub use report::channels::{ChannelReport, ChannelRow};
pub use report::consultants::ConsultantRow;
pub use report::funnel::{FunnelReport, FunnelRow};
pub use report::intent_levels::{IntentLevelRow, IntentMoveRow, IntentReport};
pub use report::lost::{CompetitorRow, LostReasonRow, LostReport};
pub use report::period::ReportPeriod;
pub use settings::cadence::CadenceConfig;
pub use settings::dealership::Settings;
pub use settings::odometer_limits::OdometerLimits;
pub use settings::reminder_config::{ReminderConfig, TimeOfDay};
pub use settings::store_info::StoreInfo;
pub use store::{library_version, CrmStore};
pub use sync::download::{DownloadSummary, RejectionKind, SyncRejection, SyncUser, UserRole};
pub use sync::transport::{SyncRefusal, SyncSummary};
pub use vehicle::catalogue::CatalogueModel;
pub use vehicle::delivery::{Delivery, NewDelivery};
pub use vehicle::intent::{NewVehicleIntent, VehicleIntent};
pub use vehicle::intent_patch::{IntentField, VehicleIntentPatch};
pub use vehicle::money::AmountRange;
pub use vehicle::order::{CancelReason, NewOrder, Order, OrderStatus, OrderedVehicle};
pub use vehicle::order_patch::{OrderField, OrderPatch};
pub use vehicle::purchase::{PaymentMethod, PurchaseTimeframe, TradeIn};
pub use vehicle::spec::{BodyType, Powertrain};
pub use vehicle::visit::{NewVisit, Visit, VisitKind, VisitStatus};
