//! Intent levels (意向级别): the consultant's grade of how soon a customer may buy, setting
//! it, and its history (意向级别变化).

use crate::convert::same_variants;
use crate::custom::Timestamp;
use crate::customer::record::Customer;
use crate::error::CrmError;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::number::Unsigned;
use crate::store::CrmStore;
use crm_core::CustomerId;

/// How soon the consultant expects the customer to buy. Each level has its follow-up
/// cadence (see `CadenceConfig`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum IntentLevel {
    /// N: a new lead, not graded yet (every customer starts here).
    N,
    /// H: may order within 7 days.
    H,
    /// A: may order within 15 days.
    A,
    /// B: may order within 30 days.
    B,
    /// C: may order within 2-3 months.
    C,
    /// O: ordered, not yet delivered.
    O,
}

same_variants!(IntentLevel <=> crm_core::IntentLevel { N, H, A, B, C, O });

/// One change of a customer's intent level: who, when, from, to.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct IntentLevelChange {
    /// The consultant who changed it (the actor, else the customer's owner).
    pub who: String,
    /// When.
    pub at: Timestamp,
    /// The level before; `null` for the level a customer was created with.
    pub from: Option<IntentLevel>,
    /// The level after.
    pub to: IntentLevel,
}

impl From<crm_core::IntentLevelChange> for IntentLevelChange {
    fn from(c: crm_core::IntentLevelChange) -> Self {
        IntentLevelChange {
            who: c.who,
            at: c.at,
            from: c.from.map(Into::into),
            to: c.to.into(),
        }
    }
}

#[uniffi::export]
impl CrmStore {
    /// Sets customer `id`'s intent level if the customer is still at `expected_version`, and
    /// returns the customer at its new version; the change is recorded in the timeline.
    /// Setting the level the customer already has changes nothing (same version). The
    /// level's history records consultant `actor` as who changed it (without one, the
    /// customer's owner).
    ///
    /// Fails with `Conflict` or `NotFound` like `update_customer`.
    #[uniffi::method(default(actor = None))]
    pub async fn set_intent_level(
        &self,
        id: CustomerId,
        expected_version: i64,
        level: IntentLevel,
        actor: Option<String>,
    ) -> Result<Customer, CrmError> {
        self.write_touching(
            Touched::kinds(&[DataKind::FollowUps, DataKind::Customers]),
            move |store| {
                Ok(store
                    .set_intent_level(
                        &id,
                        expected_version.unsigned("expected_version")?,
                        level.into(),
                        actor.as_deref(),
                    )?
                    .into())
            },
        )
        .await
    }

    /// Customer `customer_id`'s intent level history, oldest first. Fails with `NotFound`.
    pub async fn intent_level_history(
        &self,
        customer_id: CustomerId,
    ) -> Result<Vec<IntentLevelChange>, CrmError> {
        self.read(move |store| {
            let history = store.intent_level_history(&customer_id)?;
            Ok(history.into_iter().map(Into::into).collect())
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crm_core::Code;

    #[test]
    fn every_level_converts_both_ways() {
        for level in crm_core::IntentLevel::ALL {
            assert_eq!(
                crm_core::IntentLevel::from(IntentLevel::from(*level)),
                *level
            );
        }
    }
}
