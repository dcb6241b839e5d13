//! How a care task reaches the customer: the channels in order of preference, and the
//! message template to suggest.

use crate::care::consent::ConsentChannel;
use crate::validation::{required_text, Rule, ValidationError};

/// The longest template key, in characters.
pub const MAX_TEMPLATE_KEY: usize = 64;

/// The channels a rule's tasks use, in order of preference (the first one the customer's
/// consent allows is suggested), and the key of the template to suggest (a starter
/// template's key such as `care.maintenance`, or the store's id of the user's own).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Outreach {
    /// 1 to 4 channels, no repeats.
    pub channels: Vec<ConsentChannel>,
    /// The template to suggest (required, up to 64 characters).
    pub template_key: String,
}

impl Outreach {
    /// An outreach on `channels` with `template_key`.
    pub fn new(channels: &[ConsentChannel], template_key: &str) -> Outreach {
        Outreach {
            channels: channels.to_vec(),
            template_key: template_key.into(),
        }
    }

    /// Checks the channels and the template key; errors name `{field}.channels` or
    /// `{field}.template_key`.
    pub(crate) fn validate(&self, field: &str) -> Result<Outreach, ValidationError> {
        let channels_field = format!("{field}.channels");
        if self.channels.is_empty() {
            return Err(ValidationError::new(channels_field, Rule::Required));
        }
        for (i, c) in self.channels.iter().enumerate() {
            if self.channels[..i].contains(c) {
                return Err(ValidationError::new(
                    format!("{channels_field}[{i}]"),
                    Rule::Taken,
                ));
            }
        }
        Ok(Outreach {
            channels: self.channels.clone(),
            template_key: required_text(
                &format!("{field}.template_key"),
                &self.template_key,
                MAX_TEMPLATE_KEY,
            )?,
        })
    }
}
