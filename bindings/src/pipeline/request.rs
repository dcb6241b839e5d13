//! Lost (战败申请) and dormant (休眠申请) requests, a manager's decision on them, and the
//! list of those awaiting one.

use crate::convert::same_fields;
use crate::custom::CalendarDate;
use crate::error::CrmError;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::pipeline::moves::Moved;
use crate::pipeline::reason::{DormantReason, LostReason};
use crate::pipeline::state::PipelineState;
use crate::store::CrmStore;
use crm_core::CustomerId;

/// A request to mark a customer lost (战败申请).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LostRequest {
    /// The reason category.
    pub reason: LostReason,
    /// The competitor bought (required for `BOUGHT_COMPETITOR`).
    #[uniffi(default = None)]
    pub competitor: Option<String>,
    /// The consultant's note (required for `OTHER`).
    #[uniffi(default = None)]
    pub note: Option<String>,
}

same_fields!(LostRequest <=> crm_core::LostRequest { reason, competitor, note });

/// A request to put a customer to sleep (休眠申请).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DormantRequest {
    /// The reason category.
    pub reason: DormantReason,
    /// The consultant's note (required for `OTHER`).
    #[uniffi(default = None)]
    pub note: Option<String>,
    /// The local date to wake the customer up (唤醒日期): once the sleep is approved, the
    /// customer is back on their owner's agenda from that day (`AgendaReason.WakeUpDue`).
    /// Not before the request's local date, at most 730 days after it. Null: asleep until
    /// reopened.
    #[uniffi(default = None)]
    pub wake_on: Option<CalendarDate>,
}

impl TryFrom<DormantRequest> for crm_core::DormantRequest {
    type Error = CrmError;

    fn try_from(r: DormantRequest) -> Result<Self, CrmError> {
        Ok(crm_core::DormantRequest {
            reason: r.reason.into(),
            note: r.note,
            wake_on: r.wake_on,
        })
    }
}

impl From<crm_core::DormantRequest> for DormantRequest {
    fn from(r: crm_core::DormantRequest) -> Self {
        DormantRequest {
            reason: r.reason.into(),
            note: r.note,
            wake_on: r.wake_on,
        }
    }
}

/// A customer whose lost or dormant request awaits a manager.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PendingRequest {
    /// The customer.
    pub customer_id: CustomerId,
    /// Their name.
    pub name: String,
    /// Their consultant.
    pub owner: Option<String>,
    /// Their state: the request and since when it waits.
    pub state: PipelineState,
    /// Who asked.
    pub requested_by: Option<String>,
}

impl From<crm_store::PendingRequest> for PendingRequest {
    fn from(p: crm_store::PendingRequest) -> Self {
        PendingRequest {
            customer_id: p.customer_id,
            name: p.name,
            owner: p.owner,
            state: p.state.into(),
            requested_by: p.requested_by,
        }
    }
}

#[uniffi::export]
impl CrmStore {
    /// Asks a manager to mark customer `customer_id` lost; pending until approved or
    /// rejected. Fails with `InvalidInput` on `competitor` or `note` (required for some
    /// reasons) or on `move`.
    #[uniffi::method(default(actor = None))]
    pub async fn request_lost(
        &self,
        customer_id: CustomerId,
        request: LostRequest,
        actor: Option<String>,
    ) -> Moved {
        self.write_touching(
            Touched::kinds(&[DataKind::Deals, DataKind::FollowUps]).of(&customer_id),
            move |store| {
                let t = store.request_lost(&customer_id, &request.into(), actor.as_deref())?;
                Ok(t.into())
            },
        )
        .await
    }

    /// Asks a manager to put customer `customer_id` to sleep, maybe until a wake-up date.
    /// Fails like `request_lost`, and with `InvalidInput` on `wake_on` when the date is not
    /// a calendar date, lies before today or more than 730 days ahead.
    #[uniffi::method(default(actor = None))]
    pub async fn request_dormant(
        &self,
        customer_id: CustomerId,
        request: DormantRequest,
        actor: Option<String>,
    ) -> Moved {
        self.write_touching(
            Touched::kinds(&[DataKind::Deals, DataKind::FollowUps]).of(&customer_id),
            move |store| {
                let t =
                    store.request_dormant(&customer_id, &request.try_into()?, actor.as_deref())?;
                Ok(t.into())
            },
        )
        .await
    }

    /// Takes back customer `customer_id`'s pending request. `InvalidInput` on `move` when
    /// none is pending.
    #[uniffi::method(default(actor = None))]
    pub async fn withdraw_request(&self, customer_id: CustomerId, actor: Option<String>) -> Moved {
        self.write_touching(
            Touched::kinds(&[DataKind::Deals, DataKind::FollowUps]).of(&customer_id),
            move |store| {
                let t = store.withdraw_request(&customer_id, actor.as_deref())?;
                Ok(t.into())
            },
        )
        .await
    }

    /// Manager `manager` approves customer `customer_id`'s pending request: the customer
    /// becomes lost or dormant, leaves the agenda (a dormant one comes back on their
    /// wake-up date), and their open plan is cancelled with its reminder (a reopen does not
    /// bring it back). `InvalidInput` on `move` when none is pending.
    pub async fn approve_request(&self, customer_id: CustomerId, manager: String) -> Moved {
        self.write_touching(
            Touched::kinds(&[DataKind::Deals, DataKind::FollowUps]).of(&customer_id),
            move |store| Ok(store.approve_request(&customer_id, &manager)?.into()),
        )
        .await
    }

    /// Manager `manager` rejects customer `customer_id`'s pending request: back to their
    /// stage, handed to consultant `reassign_to` when given (the customer's owner changes).
    #[uniffi::method(default(reassign_to = None, note = None))]
    pub async fn reject_request(
        &self,
        customer_id: CustomerId,
        manager: String,
        reassign_to: Option<String>,
        note: Option<String>,
    ) -> Moved {
        self.write_touching(
            Touched::kinds(&[DataKind::Deals, DataKind::FollowUps]).of(&customer_id),
            move |store| {
                let t = store.reject_request(
                    &customer_id,
                    &manager,
                    reassign_to.as_deref(),
                    note.as_deref(),
                )?;
                Ok(t.into())
            },
        )
        .await
    }

    /// The customers whose lost or dormant request awaits a manager, oldest first; only
    /// consultant `owner`'s when given.
    #[uniffi::method(default(owner = None))]
    pub async fn pending_requests(
        &self,
        owner: Option<String>,
    ) -> Result<Vec<PendingRequest>, CrmError> {
        self.read(move |store| {
            let pending = store.pending_requests(owner.as_deref())?;
            Ok(pending.into_iter().map(Into::into).collect())
        })
        .await
    }
}
