//! Where a customer came from (来源) and how the first contact went (初次接触).

use crate::customer::id::CustomerId;
use crate::validation::{optional_text, required_text, Limits, Rule, ValidationError};
use chrono::{DateTime, Duration, Utc};

/// How the customer found the store: the dimension by which a dealership judges its marketing.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum SourceChannel {
    /// Walked into the showroom (展厅自然到店).
    ShowroomWalkIn,
    /// Referred by someone (朋友介绍): an existing customer, or a name, or both.
    Referral {
        /// The referring customer, when they are in the book.
        referrer_id: Option<CustomerId>,
        /// The referrer's name as told.
        referrer_name: Option<String>,
    },
    /// An online platform (网络推广): Autohome, Dongchedi, Yiche, the brand's site ...
    OnlinePlatform {
        /// The platform's name.
        platform: String,
    },
    /// Called the store's hotline.
    PhoneHotline,
    /// Met at an auto show (车展).
    AutoShow,
    /// Came through a marketing event.
    MarketingEvent,
    /// Has bought here before.
    RepeatCustomer,
    /// Anything else, described.
    Other {
        /// What the channel was.
        description: String,
    },
}

impl SourceChannel {
    /// The stable name of the channel's kind, used in storage, filters and reports.
    pub fn kind_name(&self) -> &'static str {
        match self {
            SourceChannel::ShowroomWalkIn => "showroom_walk_in",
            SourceChannel::Referral { .. } => "referral",
            SourceChannel::OnlinePlatform { .. } => "online_platform",
            SourceChannel::PhoneHotline => "phone_hotline",
            SourceChannel::AutoShow => "auto_show",
            SourceChannel::MarketingEvent => "marketing_event",
            SourceChannel::RepeatCustomer => "repeat_customer",
            SourceChannel::Other { .. } => "other",
        }
    }

    /// Trims and checks the texts the channel carries. A referral needs a referrer (id or name).
    pub fn validate(&self) -> Result<SourceChannel, ValidationError> {
        let max = Limits::SOURCE_DETAIL;
        Ok(match self {
            SourceChannel::Referral {
                referrer_id,
                referrer_name,
            } => {
                let name =
                    optional_text("source.referrer_name", referrer_name.as_deref(), max, false)?;
                let id = referrer_id
                    .as_ref()
                    .map(|id| id.as_str().trim())
                    .filter(|id| !id.is_empty())
                    .map(CustomerId::from);
                if id.is_none() && name.is_none() {
                    return Err(ValidationError::new("source.referrer_name", Rule::Required));
                }
                SourceChannel::Referral {
                    referrer_id: id,
                    referrer_name: name,
                }
            }
            SourceChannel::OnlinePlatform { platform } => SourceChannel::OnlinePlatform {
                platform: required_text("source.platform", platform, max)?,
            },
            SourceChannel::Other { description } => SourceChannel::Other {
                description: required_text("source.description", description, max)?,
            },
            other => other.clone(),
        })
    }
}

/// The first contact with the customer: when, where, the scene, their first reaction.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FirstContact {
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Where (showroom, auto show booth, on the phone ...).
    pub place: Option<String>,
    /// The scene: what was going on.
    pub scene: Option<String>,
    /// The customer's first reaction.
    pub reaction: Option<String>,
}

impl FirstContact {
    /// Trims and checks the texts; the instant may not lie in the future beyond clock skew.
    pub fn validate(&self, now: DateTime<Utc>) -> Result<FirstContact, ValidationError> {
        if self.at > now + Duration::seconds(Limits::CLOCK_SKEW_SECS) {
            return Err(ValidationError::new("first_contact.at", Rule::InFuture));
        }
        let max = Limits::FIRST_CONTACT_TEXT;
        Ok(FirstContact {
            at: self.at,
            place: optional_text("first_contact.place", self.place.as_deref(), max, false)?,
            scene: optional_text("first_contact.scene", self.scene.as_deref(), max, true)?,
            reaction: optional_text(
                "first_contact.reaction",
                self.reaction.as_deref(),
                max,
                true,
            )?,
        })
    }
}
