//! A care task (关怀任务): something to do for a delivered customer on a date, made by the
//! rules from the facts. Its key is stable, so generating twice gives the same tasks.

use crate::care::car_id::CarId;
use crate::care::consent::ConsentChannel;
use crate::care::maintenance::MaintenanceTrigger;
use crate::customer::CustomerId;
use crate::follow_up::TemplatePurpose;
use crate::validation::string_id;
use chrono::NaiveDate;

string_id!(
    /// A task's stable key: the same facts and rules give the same key. Formats:
    ///
    /// | kind | key |
    /// | --- | --- |
    /// | call after delivery | `call:<car>:<rule key>` |
    /// | maintenance | `maint:<car>:<service number>` |
    /// | insurance renewal | `insurance:<car>:<policy end date>` |
    /// | inspection | `inspection:<car>:<inspection number>` |
    /// | birthday | `birthday:<customer>:<year>` |
    /// | holiday | `holiday:<holiday key>:<year>:<customer>` (lunar holidays: the lunar year) |
    /// | purchase anniversary | `anniversary:<car>:<years>` |
    /// | referral invitation | `referral:<car>` |
    CareTaskKey
);

impl CareTaskKey {
    /// Whom the task is about, read from the key (see the table above): the car for a
    /// car's tasks, the customer for greetings; `None` when the key is not of a known
    /// shape. The store finds a task's customer this way.
    pub fn subject(&self) -> Option<CareKeySubject<'_>> {
        let mut parts = self.0.split(':');
        let prefix = parts.next()?;
        let last = self.0.rsplit(':').next().filter(|s| !s.is_empty());
        let second = parts.next().filter(|s| !s.is_empty())?;
        match prefix {
            "call" | "maint" | "insurance" | "inspection" | "anniversary" | "referral" => {
                Some(CareKeySubject::Car(second))
            }
            "birthday" => Some(CareKeySubject::Customer(second)),
            "holiday" => last.map(CareKeySubject::Customer),
            _ => None,
        }
    }
}

/// Whom a care task is about, as its key says ([`CareTaskKey::subject`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CareKeySubject<'a> {
    /// A car's task: the car's id.
    Car(&'a str),
    /// A greeting: the customer's id.
    Customer(&'a str),
}

/// What a care task is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CareTaskKind {
    /// A call or visit after delivery (交车回访).
    DeliveryCall,
    /// A service reminder (保养提醒).
    Maintenance,
    /// An insurance renewal reminder (续保提醒).
    InsuranceRenewal,
    /// An annual inspection reminder (年检提醒).
    Inspection,
    /// A birthday greeting (生日祝福).
    Birthday,
    /// A holiday greeting (节日问候).
    Holiday,
    /// A purchase anniversary greeting (购车周年).
    PurchaseAnniversary,
    /// An invitation to refer friends (转介绍邀请).
    ReferralInvitation,
}

crate::validation::codes!(CareTaskKind {
    DeliveryCall => "delivery_call",
    Maintenance => "maintenance",
    InsuranceRenewal => "insurance_renewal",
    Inspection => "inspection",
    Birthday => "birthday",
    Holiday => "holiday",
    PurchaseAnniversary => "purchase_anniversary",
    ReferralInvitation => "referral_invitation",
});

impl CareTaskKind {
    /// `true` for the service the customer bought (calls after delivery, maintenance,
    /// inspection): they need consent only when the dealership says so
    /// ([`crate::ConsentRules::service_reminders_need_consent`]). Greetings and marketing
    /// always need it; an insurance renewal is an offer to sell a policy, so it is
    /// marketing.
    pub fn is_service(self) -> bool {
        matches!(
            self,
            CareTaskKind::DeliveryCall | CareTaskKind::Maintenance | CareTaskKind::Inspection
        )
    }

    /// The purpose of the templates that fit: care, or invitation for the referral.
    pub fn template_purpose(self) -> TemplatePurpose {
        match self {
            CareTaskKind::ReferralInvitation => TemplatePurpose::Invitation,
            _ => TemplatePurpose::Care,
        }
    }
}

/// Who should carry a task out.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum CareAssignee {
    /// The customer's sales consultant (销售顾问).
    #[default]
    Consultant,
    /// The sales manager (销售经理).
    Manager,
}

crate::validation::codes!(CareAssignee {
    Consultant => "consultant",
    Manager => "manager",
});

/// The kind of a task with what is particular to it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum CareDetail {
    /// A call after delivery.
    DeliveryCall {
        /// The rule's key (`d3`).
        call: String,
    },
    /// A service.
    Maintenance {
        /// 1 for the first service after delivery.
        service: u32,
        /// Due by distance or by time.
        trigger: MaintenanceTrigger,
        /// The predicted odometer on the due date, in km.
        predicted_km: u64,
    },
    /// An insurance renewal.
    InsuranceRenewal {
        /// The policy's end date.
        policy_ends_on: NaiveDate,
        /// `true` when the date is a recorded one carried on by whole years.
        projected: bool,
    },
    /// An inspection.
    Inspection {
        /// 1 for the first after registration.
        number: u32,
        /// Whether it is on site, rather than the papers only.
        on_site: bool,
        /// The car's age then, in months.
        age_months: u32,
    },
    /// A birthday.
    Birthday {
        /// The year.
        year: i32,
    },
    /// A holiday.
    Holiday {
        /// The holiday's key (`spring_festival`).
        holiday: String,
        /// Its name (春节).
        name: String,
        /// The year (the lunar year for a lunar holiday).
        year: i32,
    },
    /// A purchase anniversary.
    PurchaseAnniversary {
        /// Years since delivery.
        years: u32,
    },
    /// The referral invitation.
    ReferralInvitation,
}

impl CareDetail {
    /// The kind.
    pub fn kind(&self) -> CareTaskKind {
        match self {
            CareDetail::DeliveryCall { .. } => CareTaskKind::DeliveryCall,
            CareDetail::Maintenance { .. } => CareTaskKind::Maintenance,
            CareDetail::InsuranceRenewal { .. } => CareTaskKind::InsuranceRenewal,
            CareDetail::Inspection { .. } => CareTaskKind::Inspection,
            CareDetail::Birthday { .. } => CareTaskKind::Birthday,
            CareDetail::Holiday { .. } => CareTaskKind::Holiday,
            CareDetail::PurchaseAnniversary { .. } => CareTaskKind::PurchaseAnniversary,
            CareDetail::ReferralInvitation => CareTaskKind::ReferralInvitation,
        }
    }
}

/// A care task as the rules make it (its status is the store's; see
/// [`crate::CareTaskRecord`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct CareTask {
    /// The stable key (see [`CareTaskKey`]).
    pub key: CareTaskKey,
    /// The customer.
    pub customer_id: CustomerId,
    /// The car, for tasks about one car.
    pub car_id: Option<CarId>,
    /// The day to act: the event less the rule's lead, never before the delivery.
    pub due_on: NaiveDate,
    /// The day of the event itself: the service, the policy's end, the holiday ….
    pub event_on: NaiveDate,
    /// The channel to use: the rule's first that the customer can be reached on and that
    /// their consent allows.
    pub channel: ConsentChannel,
    /// Who should do it.
    pub assignee: CareAssignee,
    /// The template to suggest.
    pub template_key: String,
    /// Whether the task was made under the consent rules (greetings and marketing; service
    /// reminders when the dealership says so). When consent on its channel is withdrawn
    /// later, such a task should be dropped.
    pub needs_consent: bool,
    /// The kind and its particulars.
    pub detail: CareDetail,
}

impl CareTask {
    /// The kind.
    pub fn kind(&self) -> CareTaskKind {
        self.detail.kind()
    }

    /// The purpose of the templates that fit.
    pub fn template_purpose(&self) -> TemplatePurpose {
        self.kind().template_purpose()
    }
}
