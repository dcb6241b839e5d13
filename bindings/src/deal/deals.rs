//! A customer's deals: opening one, reading them, moving one by its id, the team's rules.

use crate::custom::Timestamp;
use crate::deal::source::{DealSource, DealStatus};
use crate::error::CrmError;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::number::Signed;
use crate::pipeline::moves::Moved;
use crate::pipeline::request::{DormantRequest, LostRequest};
use crate::pipeline::stage::Stage;
use crate::pipeline::state::PipelineStatus;
use crate::store::CrmStore;
use crm_core::{CustomerId, DealId};

/// One deal (销售机会) of a customer: the pipeline of one sale.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Deal {
    /// The deal's id (a customer's first deal has the customer's id).
    pub id: DealId,
    /// Whose deal it is.
    pub customer_id: CustomerId,
    /// The consultant working it; null in the pool.
    pub owner: Option<String>,
    /// Why it began.
    pub source: DealSource,
    /// The funnel stage (while set aside or pending, the stage it was at).
    pub stage: Stage,
    /// Where it stands in the pipeline.
    pub pipeline_status: PipelineStatus,
    /// Open, won, lost or dormant.
    pub status: DealStatus,
    /// When the current pipeline status began.
    pub since: Timestamp,
    /// When it was opened.
    pub created_at: Timestamp,
    /// When it was won, lost or put to sleep; null while open.
    pub closed_at: Option<Timestamp>,
    /// Its version.
    pub version: i64,
}

impl From<crm_core::Deal> for Deal {
    fn from(d: crm_core::Deal) -> Self {
        Deal {
            id: d.id,
            customer_id: d.customer_id,
            owner: d.owner,
            source: d.source.into(),
            stage: d.stage.into(),
            pipeline_status: d.pipeline_status.into(),
            status: d.status.into(),
            since: d.since,
            created_at: d.created_at,
            closed_at: d.closed_at,
            version: d.version.signed(),
        }
    }
}

/// A new deal for a customer already in the book.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NewDeal {
    /// Why it begins.
    pub source: DealSource,
    /// The consultant who works it; null: the customer's owner.
    #[uniffi(default = None)]
    pub owner: Option<String>,
}

/// The team's deal rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct DealRules {
    /// Whether an owner may hold several open deals with one customer.
    pub several_open_per_owner: bool,
}

/// A move of one deal along the pipeline, as `move_deal` takes it: the same moves as the
/// customer-based calls (`advance_stage`, `request_lost`, `approve_request` ...).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum DealMove {
    /// Forward to a later stage.
    Advance {
        /// The stage.
        to: Stage,
    },
    /// Back to an earlier stage, correcting a mistake (a note required).
    StepBack {
        /// The stage.
        to: Stage,
        /// Why.
        note: String,
    },
    /// Ask a manager to mark the deal lost.
    RequestLost {
        /// The request.
        request: LostRequest,
    },
    /// Ask a manager to put the deal to sleep.
    RequestDormant {
        /// The request.
        request: DormantRequest,
    },
    /// Take back the pending request.
    Withdraw,
    /// A manager approves the pending request.
    Approve {
        /// The manager.
        manager: String,
    },
    /// A manager rejects the pending request, maybe handing the customer over.
    Reject {
        /// The manager.
        manager: String,
        /// The consultant who takes the customer over.
        reassign_to: Option<String>,
        /// The manager's note.
        note: Option<String>,
    },
    /// Bring a lost or dormant deal back into the funnel.
    Reopen {
        /// The stage (default contacted).
        to: Option<Stage>,
        /// Why.
        note: Option<String>,
    },
}

impl TryFrom<DealMove> for crm_core::Move {
    type Error = CrmError;

    fn try_from(m: DealMove) -> Result<Self, CrmError> {
        use crm_core::Move as M;
        Ok(match m {
            DealMove::Advance { to } => M::Advance { to: to.into() },
            DealMove::StepBack { to, note } => M::StepBack {
                to: to.into(),
                note,
            },
            DealMove::RequestLost { request } => M::RequestLost(request.into()),
            DealMove::RequestDormant { request } => M::RequestDormant(request.try_into()?),
            DealMove::Withdraw => M::Withdraw,
            DealMove::Approve { manager } => M::Approve { manager },
            DealMove::Reject {
                manager,
                reassign_to,
                note,
            } => M::Reject {
                manager,
                reassign_to,
                note,
            },
            DealMove::Reopen { to, note } => M::Reopen {
                to: to.map(Into::into),
                note,
            },
        })
    }
}

#[uniffi::export]
impl CrmStore {
    /// Opens a new deal for customer `customer_id` (a repeat purchase, a replacement, a
    /// referral, an additional car): a new lead, worked by `deal.owner` (the customer's owner
    /// when null), shown on the customer's row, so a delivered or lost customer is back in
    /// the sales cadence. `InvalidInput` on `owner` when the owner already holds an open deal
    /// with the customer (unless the team's deal rules allow several) or the text breaks the
    /// text rule; `NotFound`; `Forbidden` for a deal given to another consultant by a user
    /// who may not assign.
    #[uniffi::method(default(actor = None))]
    pub async fn open_deal(
        &self,
        customer_id: CustomerId,
        deal: NewDeal,
        actor: Option<String>,
    ) -> Result<Deal, CrmError> {
        self.write_touching(
            Touched::kinds(&[DataKind::Deals, DataKind::FollowUps]).of(&customer_id),
            move |store| {
                let new = crm_core::NewDeal {
                    source: deal.source.into(),
                    owner: deal.owner,
                };
                Ok(store
                    .open_deal(&customer_id, &new, actor.as_deref())?
                    .into())
            },
        )
        .await
    }

    /// Customer `customer_id`'s deals, oldest first (at least one: their first deal).
    pub async fn deals_of(&self, customer_id: CustomerId) -> Result<Vec<Deal>, CrmError> {
        self.read(move |store| {
            Ok(store
                .deals_of(&customer_id)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
        .await
    }

    /// Deal `deal_id`; `NotFound`.
    pub async fn get_deal(&self, deal_id: DealId) -> Result<Deal, CrmError> {
        self.read(move |store| Ok(store.get_deal(&deal_id)?.into()))
            .await
    }

    /// Makes `deal_move` on deal `deal_id`, by `actor`: the call to use when the customer has
    /// several open deals (the customer-based calls then fail with `InvalidInput` on
    /// `deal_id`). Refusals as for the customer-based calls: `InvalidInput` on `move` for a
    /// move the deal's state refuses, `Forbidden` for a consultant deciding a request.
    #[uniffi::method(default(actor = None))]
    pub async fn move_deal(
        &self,
        deal_id: DealId,
        deal_move: DealMove,
        actor: Option<String>,
    ) -> Moved {
        self.write_touching(
            Touched::kinds(&[DataKind::Deals, DataKind::FollowUps]),
            move |store| {
                let mv = crm_core::Move::try_from(deal_move)?;
                Ok(store.move_deal(&deal_id, &mv, actor.as_deref())?.into())
            },
        )
        .await
    }

    /// The team's deal rules.
    pub async fn deal_rules(&self) -> Result<DealRules, CrmError> {
        self.read(move |store| {
            let rules = store.deal_rules()?;
            Ok(DealRules {
                several_open_per_owner: rules.several_open_per_owner,
            })
        })
        .await
    }

    /// Sets the team's deal rules; `Forbidden` for a consultant.
    pub async fn set_deal_rules(&self, rules: DealRules) -> Result<(), CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Settings]), move |store| {
            Ok(store.set_deal_rules(&crm_core::DealRules {
                several_open_per_owner: rules.several_open_per_owner,
            })?)
        })
        .await
    }
}
