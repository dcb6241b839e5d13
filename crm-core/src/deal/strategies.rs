//! Proptest strategies for deals (feature `proptest`).

use super::record::NewDeal;
use super::rules::DealRules;
use super::source::DealSource;
use crate::pipeline::strategies::CONSULTANTS;
use crate::validation::Code;
use proptest::prelude::*;
use proptest::sample::select;

/// Any deal source.
pub fn deal_source() -> impl Strategy<Value = DealSource> {
    select(DealSource::ALL)
}

/// A valid new deal: any source, an owner from [`CONSULTANTS`] (typed with spaces at the
/// edges now and then) or none.
pub fn new_deal() -> impl Strategy<Value = NewDeal> {
    (
        deal_source(),
        prop::option::weighted(0.9, select(CONSULTANTS)),
        any::<bool>(),
    )
        .prop_map(|(source, owner, padded)| NewDeal {
            source,
            owner: owner.map(|o| {
                if padded {
                    format!(" {o} ")
                } else {
                    o.to_owned()
                }
            }),
        })
}

/// A new deal that breaks exactly one rule, with the field the refusal names: an owner with
/// a control character, or longer than the limit.
pub fn near_valid_new_deal() -> impl Strategy<Value = (NewDeal, &'static str)> {
    (
        deal_source(),
        prop_oneof![Just("c0\u{1}01".to_owned()), Just("c".repeat(65))],
    )
        .prop_map(|(source, owner)| {
            (
                NewDeal {
                    source,
                    owner: Some(owner),
                },
                "owner",
            )
        })
}

/// The team's deal rules, either way.
pub fn deal_rules() -> impl Strategy<Value = DealRules> {
    any::<bool>().prop_map(|several_open_per_owner| DealRules {
        several_open_per_owner,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest! {
        #[test]
        fn generated_deals_are_valid_and_near_valid_ones_name_their_field(
            new in new_deal(),
            (bad, field) in near_valid_new_deal(),
        ) {
            let valid = new.validate().unwrap();
            prop_assert_eq!(valid.owner.as_deref(), new.owner.as_deref().map(str::trim));
            prop_assert_eq!(bad.validate().unwrap_err().field, field);
        }
    }
}
