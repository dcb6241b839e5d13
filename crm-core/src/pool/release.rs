//! When a held customer goes back to the pool (回收).

use super::rules::PoolRules;
use crate::customer::Importance;
use crate::follow_up::IntentLevel;
use crate::validation::{optional_text, Limits, ValidationError};
use chrono::{DateTime, Duration, Utc};

/// A release's reason, checked (one line of at most 200 characters; blank: none). Errors
/// name `reason`.
pub fn release_reason(reason: Option<&str>) -> Result<Option<String>, ValidationError> {
    optional_text("reason", reason, Limits::PLAN_REASON, false)
}

/// What the release rule reads of a held customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeldCustomer {
    /// Their importance: key customers (重点) are never released.
    pub importance: Importance,
    /// Their intent level (release days may differ by level).
    pub intent_level: IntentLevel,
    /// Whether they have an order that is not cancelled: never released.
    pub has_order: bool,
    /// When the current owner got them (entered, claimed, assigned, transferred).
    pub held_since: DateTime<Utc>,
    /// Their latest follow-up, by anyone, if any.
    pub last_follow_up: Option<DateTime<Utc>>,
}

/// The instant the customer is released at, `None` when never: the later of `held_since`
/// and the last follow-up, plus the release days of their level, but no later than
/// `held_since` plus the protection cap. A follow-up logged before the owner got the
/// customer extends nothing.
pub fn release_at(rules: &PoolRules, customer: &HeldCustomer) -> Option<DateTime<Utc>> {
    if customer.importance == Importance::Key || customer.has_order {
        return None;
    }
    let days = Duration::days(i64::from(rules.days_for(customer.intent_level)));
    let cap = customer.held_since + Duration::days(i64::from(rules.protection_cap_days));
    let last = customer
        .last_follow_up
        .map_or(customer.held_since, |at| at.max(customer.held_since));
    Some((last + days).min(cap))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn day(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap() + Duration::days(i64::from(d))
    }

    fn held(last: Option<u32>) -> HeldCustomer {
        HeldCustomer {
            importance: Importance::Normal,
            intent_level: IntentLevel::B,
            has_order: false,
            held_since: day(0),
            last_follow_up: last.map(day),
        }
    }

    #[test]
    fn protection_runs_from_the_later_of_getting_and_the_last_follow_up() {
        let rules = PoolRules::default();
        assert_eq!(release_at(&rules, &held(None)), Some(day(15)));
        assert_eq!(release_at(&rules, &held(Some(10))), Some(day(25)));
        // A follow-up from before the owner got the customer extends nothing.
        let mut earlier = held(None);
        earlier.held_since = day(5);
        earlier.last_follow_up = Some(day(1));
        assert_eq!(release_at(&rules, &earlier), Some(day(20)));
    }

    #[test]
    fn the_cap_bounds_every_extension() {
        let rules = PoolRules::default();
        assert_eq!(release_at(&rules, &held(Some(80))), Some(day(90)));
        assert_eq!(release_at(&rules, &held(Some(75))), Some(day(90)));
        assert_eq!(release_at(&rules, &held(Some(74))), Some(day(89)));
    }

    #[test]
    fn the_level_chooses_the_days() {
        let rules = PoolRules {
            release_days_by_level: vec![crate::pool::LevelDays {
                level: IntentLevel::B,
                days: 30,
            }],
            ..PoolRules::default()
        };
        assert_eq!(release_at(&rules, &held(None)), Some(day(30)));
        let mut h = held(None);
        h.intent_level = IntentLevel::H;
        assert_eq!(release_at(&rules, &h), Some(day(15)));
    }

    #[test]
    fn a_reason_is_one_line() {
        assert_eq!(
            release_reason(Some(" 外地 ")).unwrap().as_deref(),
            Some("外地")
        );
        assert_eq!(release_reason(Some("  ")).unwrap(), None);
        assert_eq!(release_reason(Some("a\nb")).unwrap_err().field, "reason");
        assert_eq!(
            release_reason(Some(&"长".repeat(201))).unwrap_err().field,
            "reason"
        );
    }

    #[test]
    fn key_customers_and_customers_with_an_order_stay() {
        let rules = PoolRules::default();
        let mut key = held(None);
        key.importance = Importance::Key;
        assert_eq!(release_at(&rules, &key), None);
        let mut important = held(None);
        important.importance = Importance::Important;
        assert_eq!(release_at(&rules, &important), Some(day(15)));
        let mut ordered = held(None);
        ordered.has_order = true;
        assert_eq!(release_at(&rules, &ordered), None);
    }
}
