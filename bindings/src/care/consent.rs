//! The customer's consent to be contacted on each channel (营销同意): [`ConsentRecord`],
//! [`ConsentChange`], `consent_of` and `set_consent`.

use crate::convert::{each, same_variants};
use crate::custom::Timestamp;
use crate::error::CrmError;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::store::CrmStore;
use crm_core::CustomerId;

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

#[uniffi::export]
impl CrmStore {
    /// Customer `customer_id`'s consent: the latest record per channel, in channel order
    /// (a channel without one is `Unknown`). Fails with `NotFound`.
    pub async fn consent_of(
        &self,
        customer_id: CustomerId,
    ) -> Result<Vec<ConsentRecord>, CrmError> {
        self.read(move |store| Ok(each(store.consent_of(&customer_id)?.records)))
            .await
    }

    /// Records a change of customer `customer_id`'s consent on one channel, with a
    /// `ConsentChanged` timeline entry, and returns the consent as it now is. Tasks that
    /// needed the consent are dropped at the next `generate_care` once it is withdrawn.
    ///
    /// Fails with `InvalidInput` on `note`, and with `NotFound`.
    pub async fn set_consent(
        &self,
        customer_id: CustomerId,
        change: ConsentChange,
    ) -> Result<Vec<ConsentRecord>, CrmError> {
        self.write_touching(
            Touched::kinds(&[DataKind::Care]).of(&customer_id),
            move |store| {
                Ok(each(
                    store.set_consent(&customer_id, &change.into())?.records,
                ))
            },
        )
        .await
    }
}
