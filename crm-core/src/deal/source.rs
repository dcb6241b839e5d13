//! Why a deal began (机会来源).

use crate::validation::codes;

/// Why a deal began: a new lead's first deal, or a new deal with a customer already known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DealSource {
    /// A new customer's first deal (新线索).
    NewLead,
    /// A customer who bought before buys again (再购).
    RepeatPurchase,
    /// A customer replaces the car they bought (换购).
    Replacement,
    /// A customer came through a referral (转介绍).
    Referral,
    /// A customer adds a car to the household (增购).
    AdditionalCar,
}

codes!(DealSource {
    NewLead => "new_lead",
    RepeatPurchase => "repeat_purchase",
    Replacement => "replacement",
    Referral => "referral",
    AdditionalCar => "additional_car",
});

impl DealSource {
    /// The source of a customer's first deal from their source channel's kind
    /// (`SourceChannel::kind_name`): a repeat customer's is a repeat purchase, a referred
    /// customer's a referral, anyone else's a new lead. Migration 19 and the trigger that
    /// opens a new customer's first deal apply the same mapping in SQL.
    pub fn first_for(channel_kind: &str) -> DealSource {
        match channel_kind {
            "repeat_customer" => DealSource::RepeatPurchase,
            "referral" => DealSource::Referral,
            _ => DealSource::NewLead,
        }
    }
}
