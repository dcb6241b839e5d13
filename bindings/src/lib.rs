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
//! | [`CalendarDate`]   | `CalendarDate`              | `CalendarDate`     | `CalendarDate`      |
//! | `CustomerId`       | `String`                    | `String`           | `str`               |
//!
//! Every call blocks on SQLite: call it from a background thread.
//!
//! Files: [`custom`] (custom types), [`records`] and [`enums`] (customers), [`error`],
//! `convert` (the customers' conversions to and from the domain), [`store`] (the exported
//! object and the customer methods). Each later feature keeps its FFI types, their
//! conversions and its `CrmStore` methods (a `#[uniffi::export] impl CrmStore` block of its
//! own) in one file: [`search`] (quick search), [`filter`], [`source_kind`] and [`query`]
//! (filtered lists), [`facets`], [`views`] (saved views), [`duplicates`] (撞单), [`intent`]
//! (intent levels), [`follow_ups`] (跟进记录), [`plans`] (下次跟进计划), [`agenda`]
//! (今日待办), [`reminders`] (and their sync), [`timeline`] (客户历史), [`templates`]
//! (话术模板), [`settings`] (门店设置), [`cars`] (已交车辆, odometer, insurance),
//! [`care`] (客户关怀: care tasks and rules), [`consent`] (营销同意), [`visits`] (到店 /
//! 试驾), [`reports`] (报表: funnel, channels, lost, consultants, intent levels), [`version`].

uniffi::setup_scaffolding!();

pub mod agenda;
pub mod care;
pub mod care_rules;
pub mod cars;
pub mod catalogue;
pub mod consent;
mod convert;
pub mod custom;
pub mod duplicates;
pub mod enums;
pub mod error;
pub mod facets;
pub mod filter;
pub mod follow_ups;
pub mod imports;
pub mod intent;
pub mod intents;
pub mod orders;
pub mod pipeline;
pub mod plans;
pub mod query;
pub mod records;
pub mod reminders;
pub mod reports;
pub mod search;
pub mod settings;
pub mod source_kind;
pub mod stage;
pub mod store;
pub mod templates;
pub mod timeline;
pub mod vehicle;
pub mod version;
pub mod views;
pub mod visits;

pub use agenda::{AgendaItem, AgendaReason};
pub use care::{
    CareDetail, CareRunSummary, CareTask, CareTaskQuery, CareTaskStatus, CareTaskStatusKind,
    MaintenanceTrigger,
};
pub use cars::{Car, NewCar, OdometerRecord, OdometerSource};
pub use catalogue::CatalogueModel;
pub use consent::{
    CareAssignee, CareTaskKind, ConsentChange, ConsentChannel, ConsentRecord, ConsentSource,
    ConsentState,
};

pub use custom::{SyncToken, Timestamp};
pub use duplicates::{DuplicateContact, WriteOptions};
pub use enums::{AgeBand, ContactKind, CustomerField, Gender, Importance, SourceChannel};
pub use error::CrmError;
pub use facets::{ChannelCount, FacetCount, Facets, ImportanceCount};
pub use filter::{ArchivedFilter, CustomerFilter, LastContactFilter, NextFollowUpFilter};
pub use follow_ups::{
    Attachment, FollowUp, FollowUpField, FollowUpKind, FollowUpMethod, FollowUpPatch,
    LoggedFollowUp, NewFollowUp,
};
pub use intent::IntentLevel;
pub use intents::{
    IntentField, IntentLevelChange, NewVehicleIntent, VehicleIntent, VehicleIntentPatch,
};
pub use orders::{
    CancelReason, Delivery, NewDelivery, NewOrder, Order, OrderField, OrderPatch, OrderStatus,
    OrderedVehicle,
};
pub use pipeline::{
    DormantRequest, LostRequest, MoveKind, PendingRequest, PipelineState, PipelineStatus,
    StageMove, StageTransition,
};
pub use plans::{NewPlan, Plan, PlanPatch, PlanStatus, PlanTime};
pub use query::{CustomerQuery, Sort, SortKey};
pub use records::{
    CalendarDate, Contact, ContactInput, Customer, CustomerPage, CustomerPatch, CustomerSummary,
    FirstContact, ListQuery, NewCustomer, Region,
};
pub use reminders::{Reminder, ReminderChanges, ReminderChannel};
pub use reports::{
    ChannelReport, ChannelRow, CompetitorRow, ConsultantRow, FunnelReport, FunnelRow,
    IntentLevelRow, IntentMoveRow, IntentReport, LostReasonRow, LostReport, ReportPeriod,
};
pub use search::{MatchTier, SearchHit, SearchOptions};
pub use settings::{CadenceConfig, ReminderConfig, Settings, StoreInfo, TimeOfDay};
pub use source_kind::SourceKind;
pub use store::CrmStore;
pub use templates::{MessageTemplate, NewTemplate, TemplateLanguage, TemplatePurpose};
pub use timeline::{FieldChange, FieldValue, TimelineEntry, TimelinePage, TimelineRecord};
pub use vehicle::{AmountRange, BodyType, PaymentMethod, Powertrain, PurchaseTimeframe, TradeIn};
pub use version::library_version;
pub use views::{ListColumn, SavedView, ViewDefinition};
pub use visits::{NewVisit, Visit, VisitKind, VisitStatus};
