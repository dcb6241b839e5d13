//! The types nearly every program on a customer book names, for one glob import:
//!
//! ```
//! use crm_core::prelude::*;
//!
//! let new = NewCustomer::new(
//!     "张三",
//!     ContactInput::new(ContactKind::Mobile, "138 1234 5678"),
//!     SourceChannel::ShowroomWalkIn,
//! );
//! assert_eq!(new.name, "张三");
//! ```
//!
//! Everything else is in its feature's module (`crm_core::care`, `crm_core::vehicle` ...)
//! and, for compatibility, at the crate's root.

pub use crate::customer::{
    ContactInput, ContactKind, Customer, CustomerId, CustomerPatch, Gender, Importance,
    NewCustomer, SourceChannel,
};
pub use crate::find::{CustomerFilter, Sort, SortKey};
pub use crate::follow_up::{
    AgendaItem, FollowUp, FollowUpId, FollowUpKind, FollowUpMethod, IntentLevel, NewFollowUp,
    NewPlan, Plan, PlanId, PlanTime,
};
pub use crate::pipeline::{PipelineStatus, Stage};
pub use crate::time::{Clock, DealershipZone, ManualClock};
pub use crate::validation::{Rule, ValidationError};
pub use crate::vehicle::{NewOrder, NewVehicleIntent, NewVisit, OrderId, VehicleIntent};
pub use chrono::{DateTime, NaiveDate, Utc};
