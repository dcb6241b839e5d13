//! Care and consent's plain enums (客户关怀, 营销同意), as the timeline and (later) the care
//! calls carry them, and the care task's key.

use crate::convert::same_variants;
use crm_core::CareTaskKey;

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
