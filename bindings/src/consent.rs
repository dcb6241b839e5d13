//! Care and consent's plain enums (客户关怀, 营销同意), as the timeline and the care calls
//! carry them, the care task's key, and the customer's consent to be contacted on each
//! channel (`consent_of`, `set_consent`).

use crate::convert::same_variants;
use crate::custom::Timestamp;
use crate::error::CrmError;
use crate::store::CrmStore;
use crm_core::{CareTaskKey, CustomerId};

// A care task's stable key (`maint:<car>:<n>`, `birthday:<customer>:<year>` ...): generating
// the same window twice yields the same keys.
uniffi::custom_type!(CareTaskKey, String, {
    remote,
    lower: |key| key.0,
    try_lift: |text| Ok(CareTaskKey(text)),
});

/// What a care task is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
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

same_variants!(CareTaskKind <=> crm_core::CareTaskKind {
    DeliveryCall, Maintenance, InsuranceRenewal, Inspection, Birthday, Holiday,
    PurchaseAnniversary, ReferralInvitation
});

/// Who should carry a care task out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum CareAssignee {
    /// The customer's sales consultant (销售顾问).
    Consultant,
    /// The sales manager (销售经理).
    Manager,
}

same_variants!(CareAssignee <=> crm_core::CareAssignee { Consultant, Manager });

/// A channel the customer may or may not be contacted on for marketing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ConsentChannel {
    /// Phone calls.
    Phone,
    /// Text messages.
    Sms,
    /// WeChat.
    Wechat,
    /// E-mail.
    Email,
}

same_variants!(ConsentChannel <=> crm_core::ConsentChannel { Phone, Sms, Wechat, Email });

/// The customer's consent on one channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ConsentState {
    /// Never asked, or reset.
    Unknown,
    /// Agreed to be contacted.
    Granted,
    /// Refused or withdrew.
    Withdrawn,
}

same_variants!(ConsentState <=> crm_core::ConsentState { Unknown, Granted, Withdrawn });

/// How a consent or a refusal was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ConsentSource {
    /// Said or signed in person, at the store (当面).
    InPerson,
    /// Said on the phone (电话).
    Phone,
    /// An online form or the app (线上表单).
    OnlineForm,
    /// A paper form, e.g. with the purchase contract (纸质表格).
    PaperForm,
    /// A message: an SMS reply, WeChat (消息).
    Message,
    /// Anything else.
    Other,
}

same_variants!(ConsentSource <=> crm_core::ConsentSource {
    InPerson, Phone, OnlineForm, PaperForm, Message, Other
});

/// A customer's latest word on one channel.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ConsentRecord {
    /// The channel.
    pub channel: ConsentChannel,
    /// Granted, withdrawn, or reset to unknown.
    pub state: ConsentState,
    /// When it was recorded.
    pub at: Timestamp,
    /// How it was given.
    pub source: ConsentSource,
    /// A note (who took it, the form's number …).
    pub note: Option<String>,
}

impl From<crm_core::ConsentRecord> for ConsentRecord {
    fn from(r: crm_core::ConsentRecord) -> Self {
        ConsentRecord {
            channel: r.channel.into(),
            state: r.state.into(),
            at: r.at,
            source: r.source.into(),
            note: r.note,
        }
    }
}

/// A change of consent on one channel, for `set_consent`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ConsentChange {
    /// The channel.
    pub channel: ConsentChannel,
    /// The new state.
    pub state: ConsentState,
    /// How it was given.
    pub source: ConsentSource,
    /// A note, optional.
    #[uniffi(default = None)]
    pub note: Option<String>,
}

impl From<ConsentChange> for crm_core::ConsentChange {
    fn from(c: ConsentChange) -> Self {
        crm_core::ConsentChange {
            channel: c.channel.into(),
            state: c.state.into(),
            source: c.source.into(),
            note: c.note,
        }
    }
}

/// The records of a customer's consent, in channel order.
fn records(consent: crm_core::CustomerConsent) -> Vec<ConsentRecord> {
    consent.records.into_iter().map(Into::into).collect()
}

#[uniffi::export]
impl CrmStore {
    /// Customer `customer_id`'s consent: the latest record per channel, in channel order
    /// (a channel without one is `Unknown`). Fails with `NotFound`.
    pub fn consent_of(&self, customer_id: CustomerId) -> Result<Vec<ConsentRecord>, CrmError> {
        Ok(records(self.store.consent_of(&customer_id)?))
    }

    /// Records a change of customer `customer_id`'s consent on one channel, with a
    /// `ConsentChanged` timeline entry, and returns the consent as it now is. Tasks that
    /// needed the consent are dropped at the next `generate_care` once it is withdrawn.
    ///
    /// Fails with `InvalidInput` on `note`, and with `NotFound`.
    pub fn set_consent(
        &self,
        customer_id: CustomerId,
        change: ConsentChange,
    ) -> Result<Vec<ConsentRecord>, CrmError> {
        Ok(records(
            self.store.set_consent(&customer_id, &change.into())?,
        ))
    }
}
