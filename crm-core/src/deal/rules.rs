//! The team's deal rule, and which deal a call that names only the customer acts on.

use super::error::DealError;
use super::id::DealId;

/// The team's deal rules, set by a manager (a settings row on the device).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DealRules {
    /// Whether an owner may hold several open deals with one customer (a family buying two
    /// cars through one consultant). Off by default: one open deal per owner and customer,
    /// so that a second deal by mistake is refused.
    #[serde(default)]
    pub several_open_per_owner: bool,
}

/// Whether `owner` may open a deal with a customer whose open deals are `open` (id and
/// owner each): always when the rules allow several, else only when none of them is
/// `owner`'s (no owner counts as an owner: the pool holds one open deal per customer).
pub fn check_can_open(
    rules: &DealRules,
    owner: Option<&str>,
    open: &[(DealId, Option<String>)],
) -> Result<(), DealError> {
    if rules.several_open_per_owner {
        return Ok(());
    }
    match open.iter().find(|(_, o)| o.as_deref() == owner) {
        Some((deal_id, _)) => Err(DealError::OwnerHasOpenDeal {
            deal_id: deal_id.clone(),
        }),
        None => Ok(()),
    }
}

/// The deal a call naming only the customer acts on: their one open deal; with none open,
/// `current` (the deal the customer's row shows: the last one closed, so that a lost deal
/// can be reopened and a delivered one refuses as ended); with several open, none: the call
/// must name its `deal_id`.
pub fn deal_for_customer_call(open: &[DealId], current: &DealId) -> Result<DealId, DealError> {
    match open {
        [] => Ok(current.clone()),
        [one] => Ok(one.clone()),
        several => Err(DealError::SeveralOpen {
            deal_ids: several.to_vec(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(list: &[(&str, Option<&str>)]) -> Vec<(DealId, Option<String>)> {
        list.iter()
            .map(|(id, o)| (DealId::from(*id), o.map(str::to_owned)))
            .collect()
    }

    #[test]
    fn one_open_deal_per_owner_unless_allowed() {
        let strict = DealRules::default();
        let held = open(&[("d1", Some("c001"))]);
        assert_eq!(
            check_can_open(&strict, Some("c001"), &held),
            Err(DealError::OwnerHasOpenDeal {
                deal_id: "d1".into()
            })
        );
        assert_eq!(check_can_open(&strict, Some("c002"), &held), Ok(()));
        assert_eq!(check_can_open(&strict, None, &held), Ok(()));
        assert_eq!(check_can_open(&strict, Some("c001"), &[]), Ok(()));
        let pool = open(&[("d2", None)]);
        assert!(check_can_open(&strict, None, &pool).is_err());
        let lenient = DealRules {
            several_open_per_owner: true,
        };
        assert_eq!(check_can_open(&lenient, Some("c001"), &held), Ok(()));
    }

    #[test]
    fn a_customer_call_acts_on_the_one_open_deal() {
        let current = DealId::from("last");
        assert_eq!(deal_for_customer_call(&[], &current), Ok(current.clone()));
        assert_eq!(
            deal_for_customer_call(&["d1".into()], &current),
            Ok("d1".into())
        );
        let err = deal_for_customer_call(&["d1".into(), "d2".into()], &current).unwrap_err();
        assert_eq!(err.field(), "deal_id");
        assert_eq!(
            err,
            DealError::SeveralOpen {
                deal_ids: vec!["d1".into(), "d2".into()]
            }
        );
    }

    #[test]
    fn rules_json_refuses_unknown_fields_and_defaults_to_strict() {
        let rules: DealRules = serde_json::from_str("{}").unwrap();
        assert!(!rules.several_open_per_owner);
        assert!(serde_json::from_str::<DealRules>(r#"{"several_open": true}"#).is_err());
    }
}
