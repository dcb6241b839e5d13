//! Follow-up records (跟进记录): one contact with a customer, what was said and how it went;
//! logging one closes the pending plan and may set the next.

use crate::convert::{checked_each, same_variants};
use crate::custom::Timestamp;
use crate::error::CrmError;
use crate::follow_up::attachment::Attachment;
use crate::follow_up::plan::{NewPlan, Plan};
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::number::Signed;
use crate::store::CrmStore;
use crm_core::{CustomerId, FollowUpId};

/// How the consultant reached the customer (跟进方式); also how a plan means to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum FollowUpMethod {
    /// A phone call (电话).
    Phone,
    /// WeChat messages or a WeChat call (微信).
    Wechat,
    /// Face to face (面谈).
    FaceToFace,
    /// A text message (短信).
    Sms,
    /// E-mail (邮件).
    Email,
    /// A video call (视频).
    Video,
    /// Anything else.
    Other,
}

same_variants!(FollowUpMethod <=> crm_core::FollowUpMethod {
    Phone, Wechat, FaceToFace, Sms, Email, Video, Other
});

/// What a follow-up was about (跟进类型).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum FollowUpKind {
    /// First contact (初次接触).
    FirstContact,
    /// Needs discovery (需求了解).
    NeedsDiscovery,
    /// Model presentation (车型介绍).
    ModelPresentation,
    /// Store-visit invitation (邀约到店).
    StoreVisitInvitation,
    /// Test drive (试驾).
    TestDrive,
    /// Price negotiation (价格洽谈).
    PriceNegotiation,
    /// Order or delivery (订车 / 交车).
    OrderDelivery,
    /// After-sales visit (售后回访).
    AfterSalesVisit,
    /// Anything else.
    Other,
}

same_variants!(FollowUpKind <=> crm_core::FollowUpKind {
    FirstContact, NeedsDiscovery, ModelPresentation, StoreVisitInvitation, TestDrive,
    PriceNegotiation, OrderDelivery, AfterSalesVisit, Other
});

/// A follow-up as the consultant enters it, for `log_follow_up`. The customer is the
/// call's.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NewFollowUp {
    /// How.
    pub method: FollowUpMethod,
    /// What about.
    pub kind: FollowUpKind,
    /// When it happened: not in the future (beyond a small clock skew), not before 2000.
    pub at: Timestamp,
    /// What was said (主要沟通内容). Required.
    pub content: String,
    /// The customer's feedback (客户反馈).
    #[uniffi(default = None)]
    pub feedback: Option<String>,
    /// Problems met (遇到的问题).
    #[uniffi(default = None)]
    pub problems: Option<String>,
    /// Questions the customer asked (客户疑问).
    #[uniffi(default = None)]
    pub questions: Option<String>,
    /// Files shown or sent (at most 20).
    #[uniffi(default = [])]
    pub attachments: Vec<Attachment>,
    /// The consultant who followed up, as the app knows them.
    #[uniffi(default = None)]
    pub consultant: Option<String>,
}

impl NewFollowUp {
    pub(crate) fn into_domain(
        self,
        customer: &CustomerId,
    ) -> Result<crm_core::NewFollowUp, CrmError> {
        Ok(crm_core::NewFollowUp {
            customer_id: customer.clone(),
            method: self.method.into(),
            kind: self.kind.into(),
            at: self.at,
            content: self.content,
            feedback: self.feedback,
            problems: self.problems,
            questions: self.questions,
            attachments: checked_each(self.attachments, "attachments")?,
            consultant: self.consultant,
        })
    }
}

/// A stored follow-up.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FollowUp {
    /// The id.
    pub id: FollowUpId,
    /// The customer followed up.
    pub customer_id: CustomerId,
    /// How.
    pub method: FollowUpMethod,
    /// What about.
    pub kind: FollowUpKind,
    /// When it happened.
    pub at: Timestamp,
    /// What was said, trimmed.
    pub content: String,
    /// The customer's feedback.
    pub feedback: Option<String>,
    /// Problems met.
    pub problems: Option<String>,
    /// Questions asked.
    pub questions: Option<String>,
    /// Attachment references, in order.
    pub attachments: Vec<Attachment>,
    /// The consultant who followed up.
    pub consultant: Option<String>,
    /// When it was logged.
    pub created_at: Timestamp,
    /// When it last changed.
    pub updated_at: Timestamp,
    /// 1 when logged, +1 on every edit: pass it back to `update_follow_up`.
    pub version: i64,
}

impl From<crm_core::FollowUpRecord> for FollowUp {
    fn from(r: crm_core::FollowUpRecord) -> Self {
        let f = r.follow_up;
        FollowUp {
            id: r.id,
            customer_id: f.customer_id,
            method: f.method.into(),
            kind: f.kind.into(),
            at: f.at,
            content: f.content,
            feedback: f.feedback,
            problems: f.problems,
            questions: f.questions,
            attachments: f.attachments.into_iter().map(Into::into).collect(),
            consultant: f.consultant,
            created_at: r.created_at,
            updated_at: r.updated_at,
            version: r.version.signed(),
        }
    }
}

/// What `log_follow_up` stored: the follow-up, and the next plan when one was given.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LoggedFollowUp {
    /// The stored follow-up.
    pub follow_up: FollowUp,
    /// The customer's new pending plan.
    pub next_plan: Option<Plan>,
}

#[uniffi::export]
impl CrmStore {
    /// Logs a follow-up with customer `customer_id`, in one transaction: stores it, moves
    /// the customer's `last_contact_at` (and `first_contacted_at` the first time), marks
    /// their pending plan done by it, and sets `next` as the new pending plan (its reminder
    /// added). Everything is recorded in the timeline.
    ///
    /// Fails with `InvalidInput` naming the field (`at` in the future, `content` blank,
    /// `attachments[0].sha256`; the next plan's as `next.time`, `next.purpose`), and with
    /// `NotFound` for the customer.
    #[uniffi::method(default(next = None))]
    pub async fn log_follow_up(
        &self,
        customer_id: CustomerId,
        follow_up: NewFollowUp,
        next: Option<NewPlan>,
    ) -> Result<LoggedFollowUp, CrmError> {
        self.write_touching(
            Touched::kinds(&[DataKind::Customers, DataKind::FollowUps]).of(&customer_id),
            move |store| {
                let follow_up = follow_up.into_domain(&customer_id)?;
                let next = next.map(|n| n.into_domain(&customer_id));
                let (record, plan) =
                    store.log_follow_up(&customer_id, &follow_up, next.as_ref())?;
                Ok(LoggedFollowUp {
                    follow_up: record.into(),
                    next_plan: plan.map(Into::into),
                })
            },
        )
        .await
    }

    /// The follow-up `id`. Fails with `NotFound`.
    pub async fn get_follow_up(&self, id: FollowUpId) -> Result<FollowUp, CrmError> {
        self.read(move |store| Ok(store.get_follow_up(&id)?.into()))
            .await
    }

    /// Customer `customer_id`'s follow-ups, newest first (by when they happened), with
    /// their attachments.
    pub async fn follow_ups_of(&self, customer_id: CustomerId) -> Result<Vec<FollowUp>, CrmError> {
        self.read(move |store| {
            let list = store.follow_ups_of(&customer_id)?;
            Ok(list.into_iter().map(Into::into).collect())
        })
        .await
    }

    /// Deletes follow-up `id` (recorded in the timeline; the customer's contact times are
    /// recomputed; a plan it carried out stays done). Fails with `NotFound`.
    pub async fn delete_follow_up(&self, id: FollowUpId) -> Result<(), CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::FollowUps]), move |store| {
            Ok(store.delete_follow_up(&id)?)
        })
        .await
    }
}
