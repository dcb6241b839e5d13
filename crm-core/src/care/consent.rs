//! Consent to contact (个人信息保护法, PIPL): per customer and channel, whether the customer
//! agreed to marketing contact, refused it, or was never asked, with when and how it was said.
//!
//! A care task only ever goes on a channel the customer can be reached on (a mobile number
//! for calls and SMS, a landline for calls, a WeChat id, an e-mail address) and has not
//! refused. Greetings and marketing (birthday, holidays, purchase anniversary, referral
//! invitation, insurance renewal offers) need consent given on their channel: "never asked"
//! is not consent (PIPL; the MIIT rules on commercial SMS and calls), unless the
//! dealership's setting says otherwise for that channel ([`ConsentRules`]). Service
//! reminders (calls after delivery, maintenance, inspection) need no consent unless the
//! dealership says so, but are never moved to a refused channel either.

use crate::follow_up::TimelineEntry;
use crate::validation::{optional_text, Code, ValidationError};
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

crate::validation::codes!(ConsentChannel {
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

crate::validation::codes!(ConsentState {
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

crate::validation::codes!(ConsentSource {
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

/// A customer's state on each channel: what the care engine plans from (the when and how
/// of each record do not change a plan). JSON: `{"sms": "granted", "wechat": "withdrawn"}`,
/// a channel left out is unknown.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(default)]
pub struct ConsentStates {
    /// Phone calls.
    pub phone: ConsentState,
    /// Text messages.
    pub sms: ConsentState,
    /// WeChat.
    pub wechat: ConsentState,
    /// E-mail.
    pub email: ConsentState,
}

impl ConsentStates {
    /// The state on `channel`.
    pub fn state(&self, channel: ConsentChannel) -> ConsentState {
        match channel {
            ConsentChannel::Phone => self.phone,
            ConsentChannel::Sms => self.sms,
            ConsentChannel::Wechat => self.wechat,
            ConsentChannel::Email => self.email,
        }
    }

    /// The states with `channel` in `state`.
    pub fn with(mut self, channel: ConsentChannel, state: ConsentState) -> ConsentStates {
        match channel {
            ConsentChannel::Phone => self.phone = state,
            ConsentChannel::Sms => self.sms = state,
            ConsentChannel::Wechat => self.wechat = state,
            ConsentChannel::Email => self.email = state,
        }
        self
    }
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

    /// The state on every channel.
    pub fn states(&self) -> ConsentStates {
        ConsentChannel::ALL
            .iter()
            .fold(ConsentStates::default(), |s, c| s.with(*c, self.state(*c)))
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

/// A set of channels: one switch per channel (JSON: `{"phone": true, "sms": false, ...}`,
/// a channel left out is off).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(default)]
pub struct ChannelSet {
    /// Phone calls.
    pub phone: bool,
    /// Text messages.
    pub sms: bool,
    /// WeChat.
    pub wechat: bool,
    /// E-mail.
    pub email: bool,
}

impl ChannelSet {
    /// No channel.
    pub const NONE: ChannelSet = ChannelSet {
        phone: false,
        sms: false,
        wechat: false,
        email: false,
    };

    /// Every channel.
    pub const ALL: ChannelSet = ChannelSet {
        phone: true,
        sms: true,
        wechat: true,
        email: true,
    };

    /// The set holding exactly `channels`.
    pub fn of(channels: &[ConsentChannel]) -> ChannelSet {
        channels
            .iter()
            .fold(ChannelSet::NONE, |set, c| set.with(*c))
    }

    /// Whether `channel` is in the set.
    pub fn contains(&self, channel: ConsentChannel) -> bool {
        match channel {
            ConsentChannel::Phone => self.phone,
            ConsentChannel::Sms => self.sms,
            ConsentChannel::Wechat => self.wechat,
            ConsentChannel::Email => self.email,
        }
    }

    /// The set with `channel` added.
    pub fn with(mut self, channel: ConsentChannel) -> ChannelSet {
        match channel {
            ConsentChannel::Phone => self.phone = true,
            ConsentChannel::Sms => self.sms = true,
            ConsentChannel::Wechat => self.wechat = true,
            ConsentChannel::Email => self.email = true,
        }
        self
    }

    /// The channels in either set.
    pub fn union(self, other: ChannelSet) -> ChannelSet {
        ChannelSet {
            phone: self.phone || other.phone,
            sms: self.sms || other.sms,
            wechat: self.wechat || other.wechat,
            email: self.email || other.email,
        }
    }

    /// The channels in the set, in channel order.
    pub fn channels(&self) -> Vec<ConsentChannel> {
        ConsentChannel::ALL
            .iter()
            .copied()
            .filter(|c| self.contains(*c))
            .collect()
    }
}

/// The dealership's consent settings.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(default)]
pub struct ConsentRules {
    /// The channels on which a customer never asked ([`ConsentState::Unknown`]) may get
    /// greetings and marketing. Default: none, since "never asked" is not consent (PIPL;
    /// the MIIT rules on commercial SMS and calls). A dealership may open a channel where
    /// it has the customers' consent by other means.
    pub unknown_allows_marketing: ChannelSet,
    /// Whether service reminders (calls after delivery, maintenance, inspection) follow
    /// consent like marketing does. Default `false`: they are part of the service the
    /// customer bought, and go on a channel the customer can be reached on and has not
    /// refused.
    pub service_reminders_need_consent: bool,
}

impl ConsentRules {
    /// Whether a task that needs consent may use `channel` in `state`: granted always,
    /// unknown when the channel is in [`Self::unknown_allows_marketing`], withdrawn never.
    pub fn permits(&self, channel: ConsentChannel, state: ConsentState) -> bool {
        match state {
            ConsentState::Granted => true,
            ConsentState::Unknown => self.unknown_allows_marketing.contains(channel),
            ConsentState::Withdrawn => false,
        }
    }

    /// The channel a task should use: the first of `preferred` that the customer can be
    /// reached on (`reachable`), has not refused and, when the task needs consent,
    /// [`Self::permits`]. `None` when there is none: then no task is made (it is blocked
    /// by consent). A task is never moved to a channel the customer lacks or refused.
    pub fn channel_for(
        &self,
        preferred: &[ConsentChannel],
        consent: ConsentStates,
        reachable: ChannelSet,
        needs_consent: bool,
    ) -> Option<ConsentChannel> {
        preferred.iter().copied().find(|c| {
            if !reachable.contains(*c) {
                return false;
            }
            let state = consent.state(*c);
            if needs_consent {
                self.permits(*c, state)
            } else {
                state != ConsentState::Withdrawn
            }
        })
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
    fn channels_follow_the_preference_the_consent_and_the_contacts() {
        use ConsentChannel::{Email, Phone, Sms, Wechat};
        let rules = ConsentRules::default();
        let consent = CustomerConsent::default()
            .change(&change(Wechat, ConsentState::Withdrawn), at())
            .unwrap()
            .consent
            .change(&change(Sms, ConsentState::Granted), at())
            .unwrap()
            .consent
            .states();
        let everywhere = ChannelSet::ALL;
        // Marketing: WeChat refused, SMS granted.
        assert_eq!(
            rules.channel_for(&[Wechat, Sms], consent, everywhere, true),
            Some(Sms)
        );
        // Never asked is not consent: no e-mail, no call.
        assert_eq!(
            rules.channel_for(&[Wechat, Email, Phone], consent, everywhere, true),
            None
        );
        // Unless the dealership opens the channel to customers never asked.
        let email_open = ConsentRules {
            unknown_allows_marketing: ChannelSet::of(&[Email]),
            ..rules
        };
        assert_eq!(
            email_open.channel_for(&[Wechat, Phone, Email], consent, everywhere, true),
            Some(Email)
        );
        // ... and never to a customer without an e-mail address.
        let no_email = ChannelSet::of(&[Phone, Sms, Wechat]);
        assert_eq!(
            email_open.channel_for(&[Wechat, Email], consent, no_email, true),
            None
        );
        // A granted channel the customer cannot be reached on is skipped.
        assert_eq!(
            rules.channel_for(&[Sms], consent, ChannelSet::of(&[Phone]), true),
            None
        );
        // A service reminder needs no consent, but never goes on a refused channel.
        assert_eq!(
            rules.channel_for(&[Wechat, Phone], consent, everywhere, false),
            Some(Phone)
        );
        assert_eq!(
            rules.channel_for(&[Wechat], consent, everywhere, false),
            None
        );
        assert_eq!(
            rules.channel_for(&[Phone], consent, ChannelSet::NONE, false),
            None
        );
    }

    #[test]
    fn states_are_the_records_latest_word() {
        let c = CustomerConsent::default()
            .change(&change(ConsentChannel::Sms, ConsentState::Granted), at())
            .unwrap()
            .consent
            .change(
                &change(ConsentChannel::Email, ConsentState::Withdrawn),
                at(),
            )
            .unwrap()
            .consent;
        let states = c.states();
        for ch in ConsentChannel::ALL {
            assert_eq!(states.state(*ch), c.state(*ch));
        }
        assert_eq!(
            serde_json::to_value(states).unwrap(),
            serde_json::json!({"phone": "unknown", "sms": "granted", "wechat": "unknown", "email": "withdrawn"})
        );
    }

    #[test]
    fn a_channel_set_holds_what_it_was_given() {
        for c in ConsentChannel::ALL {
            let one = ChannelSet::of(&[*c]);
            assert_eq!(one.channels(), vec![*c]);
            assert!(ChannelSet::ALL.contains(*c));
            assert!(!ChannelSet::NONE.contains(*c));
        }
        assert_eq!(ChannelSet::ALL.channels(), ConsentChannel::ALL.to_vec());
        let json = serde_json::to_value(ChannelSet::of(&[ConsentChannel::Sms])).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"phone": false, "sms": true, "wechat": false, "email": false})
        );
        let partial: ChannelSet = serde_json::from_str(r#"{"wechat": true}"#).unwrap();
        assert_eq!(partial, ChannelSet::of(&[ConsentChannel::Wechat]));
    }
}
