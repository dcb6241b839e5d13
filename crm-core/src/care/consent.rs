//! Consent to contact (个人信息保护法, PIPL): per customer and channel, whether the customer
//! agreed to marketing contact, refused it, or was never asked, with when and how it was said.
//!
//! Greetings and marketing (birthday, holidays, purchase anniversary, referral invitation)
//! are only sent on a channel the customer has not refused; whether "never asked" counts as
//! agreement, and whether service reminders (calls after delivery, maintenance, insurance,
//! inspection) need consent at all, is the dealership's setting ([`ConsentRules`]).

use crate::code::Code;
use crate::error::ValidationError;
use crate::text::optional_text;
use crate::timeline::TimelineEntry;
use chrono::{DateTime, Utc};

/// The longest note on a consent record, in characters.
pub const MAX_CONSENT_NOTE: usize = 200;

/// A way of reaching a customer that consent is given or refused for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ConsentChannel {
    /// Phone calls (电话).
    Phone,
    /// Text messages (短信).
    Sms,
    /// WeChat (微信).
    Wechat,
    /// E-mail (邮件).
    Email,
}

crate::code::codes!(ConsentChannel {
    Phone => "phone",
    Sms => "sms",
    Wechat => "wechat",
    Email => "email",
});

/// Where a customer stands on one channel.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ConsentState {
    /// Never asked, or not recorded (the default).
    #[default]
    Unknown,
    /// Agreed to marketing contact (同意).
    Granted,
    /// Refused or withdrew consent (拒绝 / 撤回).
    Withdrawn,
}

crate::code::codes!(ConsentState {
    Unknown => "unknown",
    Granted => "granted",
    Withdrawn => "withdrawn",
});

/// How a consent or a refusal was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentSource {
    /// Said or signed in person, at the store (当面).
    InPerson,
    /// Said on the phone (电话).
    Phone,
    /// An online form or the app (线上表单).
    OnlineForm,
    /// A paper form, e.g. with the purchase contract (纸质表格).
    PaperForm,
    /// A message: an SMS reply ("回复TD退订"), WeChat (消息).
    Message,
    /// Anything else; say what in the note.
    Other,
}

crate::code::codes!(ConsentSource {
    InPerson => "in_person",
    Phone => "phone",
    OnlineForm => "online_form",
    PaperForm => "paper_form",
    Message => "message",
    Other => "other",
});

/// The latest word of a customer on one channel.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct ConsentRecord {
    /// The channel.
    pub channel: ConsentChannel,
    /// Granted, withdrawn, or reset to unknown.
    pub state: ConsentState,
    /// When it was recorded (UTC).
    pub at: DateTime<Utc>,
    /// How it was given.
    pub source: ConsentSource,
    /// A note (who took it, the form's number …).
    pub note: Option<String>,
}

/// A change of consent as the user enters it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ConsentChange {
    /// The channel.
    pub channel: ConsentChannel,
    /// The new state.
    pub state: ConsentState,
    /// How it was given.
    pub source: ConsentSource,
    /// A note, optional.
    #[serde(default)]
    pub note: Option<String>,
}

/// A customer's consent on every channel: at most one record per channel, in channel
/// order. A channel without a record is [`ConsentState::Unknown`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct CustomerConsent {
    /// The latest record per channel.
    pub records: Vec<ConsentRecord>,
}

/// A customer's consent after a change, and the timeline entry that records it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ConsentUpdate {
    /// The consent as it now is.
    pub consent: CustomerConsent,
    /// What happened, for the customer's timeline.
    pub entry: TimelineEntry,
}

impl CustomerConsent {
    /// The state on `channel`.
    pub fn state(&self, channel: ConsentChannel) -> ConsentState {
        self.record(channel)
            .map_or(ConsentState::Unknown, |r| r.state)
    }

    /// The record on `channel`, when there is one.
    pub fn record(&self, channel: ConsentChannel) -> Option<&ConsentRecord> {
        self.records.iter().rev().find(|r| r.channel == channel)
    }

    /// The consent with `change` recorded at `at` (a reconfirmation of the same state
    /// records the new when and how too). The note is trimmed and capped (field `note`).
    pub fn change(
        &self,
        change: &ConsentChange,
        at: DateTime<Utc>,
    ) -> Result<ConsentUpdate, ValidationError> {
        let note = optional_text("note", change.note.as_deref(), MAX_CONSENT_NOTE, false)?;
        let from = self.state(change.channel);
        let mut records: Vec<ConsentRecord> = ConsentChannel::ALL
            .iter()
            .filter(|c| **c != change.channel)
            .filter_map(|c| self.record(*c).cloned())
            .collect();
        records.push(ConsentRecord {
            channel: change.channel,
            state: change.state,
            at,
            source: change.source,
            note,
        });
        records.sort_by_key(|r| r.channel);
        Ok(ConsentUpdate {
            consent: CustomerConsent { records },
            entry: TimelineEntry::ConsentChanged {
                channel: change.channel,
                from,
                to: change.state,
                source: change.source,
            },
        })
    }
}

/// The dealership's consent settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ConsentRules {
    /// Whether a channel never asked about ([`ConsentState::Unknown`]) may carry greetings
    /// and marketing. Default `true`: only an explicit refusal stops them (the customer
    /// gave the number to the dealership for the purchase; a refusal is always honoured).
    /// Set `false` for opt-in only.
    pub unknown_allows_marketing: bool,
    /// Whether service reminders (calls after delivery, maintenance, insurance, inspection)
    /// follow consent like marketing does. Default `false`: they are part of the service
    /// the customer bought and are sent anyway, on a channel not refused when there is one.
    pub service_reminders_need_consent: bool,
}

impl Default for ConsentRules {
    fn default() -> Self {
        ConsentRules {
            unknown_allows_marketing: true,
            service_reminders_need_consent: false,
        }
    }
}

impl ConsentRules {
    /// Whether a task that needs consent may use a channel in `state`: granted always,
    /// unknown when [`Self::unknown_allows_marketing`], withdrawn never.
    pub fn permits(&self, state: ConsentState) -> bool {
        match state {
            ConsentState::Granted => true,
            ConsentState::Unknown => self.unknown_allows_marketing,
            ConsentState::Withdrawn => false,
        }
    }

    /// The channel a task should use, from `preferred` in order: the first one the
    /// customer's consent permits. When the task does not need consent and no channel is
    /// permitted, the first one not refused, else the first one. `None` when the task needs
    /// consent and no channel is permitted (then no task is made), or `preferred` is empty.
    pub fn channel_for(
        &self,
        preferred: &[ConsentChannel],
        consent: &CustomerConsent,
        needs_consent: bool,
    ) -> Option<ConsentChannel> {
        let permitted = preferred
            .iter()
            .copied()
            .find(|c| self.permits(consent.state(*c)));
        if needs_consent || permitted.is_some() {
            return permitted;
        }
        preferred
            .iter()
            .copied()
            .find(|c| consent.state(*c) != ConsentState::Withdrawn)
            .or_else(|| preferred.first().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> DateTime<Utc> {
        "2026-03-01T02:00:00Z".parse().unwrap()
    }

    fn change(channel: ConsentChannel, state: ConsentState) -> ConsentChange {
        ConsentChange {
            channel,
            state,
            source: ConsentSource::InPerson,
            note: Some("  购车合同附页  ".into()),
        }
    }

    #[test]
    fn a_change_keeps_one_record_per_channel_and_logs_from_and_to() {
        let c = CustomerConsent::default();
        let u = c
            .change(&change(ConsentChannel::Sms, ConsentState::Granted), at())
            .unwrap();
        assert_eq!(
            u.entry,
            TimelineEntry::ConsentChanged {
                channel: ConsentChannel::Sms,
                from: ConsentState::Unknown,
                to: ConsentState::Granted,
                source: ConsentSource::InPerson,
            }
        );
        let u = u
            .consent
            .change(
                &change(ConsentChannel::Phone, ConsentState::Withdrawn),
                at(),
            )
            .unwrap()
            .consent
            .change(&change(ConsentChannel::Sms, ConsentState::Withdrawn), at())
            .unwrap();
        assert_eq!(u.consent.records.len(), 2);
        assert_eq!(
            u.consent.state(ConsentChannel::Sms),
            ConsentState::Withdrawn
        );
        assert_eq!(
            u.consent.state(ConsentChannel::Wechat),
            ConsentState::Unknown
        );
        assert_eq!(
            u.consent
                .record(ConsentChannel::Sms)
                .unwrap()
                .note
                .as_deref(),
            Some("购车合同附页")
        );
        assert!(matches!(
            u.entry,
            TimelineEntry::ConsentChanged {
                from: ConsentState::Granted,
                ..
            }
        ));
    }

    #[test]
    fn a_note_with_control_characters_is_refused() {
        let mut ch = change(ConsentChannel::Email, ConsentState::Granted);
        ch.note = Some("a\u{7}b".into());
        let err = CustomerConsent::default().change(&ch, at()).unwrap_err();
        assert_eq!(err.field, "note");
    }

    #[test]
    fn channels_follow_the_preference_and_the_consent() {
        let rules = ConsentRules::default();
        let consent = CustomerConsent::default()
            .change(
                &change(ConsentChannel::Wechat, ConsentState::Withdrawn),
                at(),
            )
            .unwrap()
            .consent;
        let wechat_sms = [ConsentChannel::Wechat, ConsentChannel::Sms];
        assert_eq!(
            rules.channel_for(&wechat_sms, &consent, true),
            Some(ConsentChannel::Sms)
        );
        assert_eq!(
            rules.channel_for(&[ConsentChannel::Wechat], &consent, true),
            None
        );
        // A service reminder still goes out, on the refused channel only if it is the
        // only one.
        assert_eq!(
            rules.channel_for(&[ConsentChannel::Wechat], &consent, false),
            Some(ConsentChannel::Wechat)
        );
        let opt_in = ConsentRules {
            unknown_allows_marketing: false,
            ..rules
        };
        assert_eq!(opt_in.channel_for(&wechat_sms, &consent, true), None);
        assert_eq!(
            opt_in.channel_for(&wechat_sms, &consent, false),
            Some(ConsentChannel::Sms)
        );
    }
}
