//! Store visits and test drives (到店 / 试驾): scheduled, moved, done with the customer's
//! feedback, or a no-show. A visit done moves an open customer forward to visited (a test
//! drive: test-driven) when they are not there yet.

use crate::convert::same_variants;
use crate::custom::Timestamp;
use crate::error::CrmError;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::number::{Signed, Unsigned};
use crate::store::CrmStore;
use crm_core::{CatalogueModelId, CustomerId, VisitId};

/// A store visit or a test drive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum VisitKind {
    /// The customer comes to the store (到店).
    StoreVisit,
    /// The customer test-drives a car (试驾); the model is required.
    TestDrive,
}

same_variants!(VisitKind <=> crm_core::VisitKind { StoreVisit, TestDrive });

/// A visit as the consultant schedules it, for `schedule_visit`; the customer is the call's.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NewVisit {
    /// A store visit or a test drive.
    pub kind: VisitKind,
    /// When the customer is expected: within a year from now.
    pub scheduled_at: Timestamp,
    /// The model to show or drive (车型); a test drive names it here or in
    /// `catalogue_model`.
    #[uniffi(default = None)]
    pub model: Option<String>,
    /// The catalogue model; it must be in the loaded catalogue.
    #[uniffi(default = None)]
    pub catalogue_model: Option<CatalogueModelId>,
    /// The consultant who receives the customer.
    #[uniffi(default = None)]
    pub consultant: Option<String>,
    /// Notes.
    #[uniffi(default = None)]
    pub notes: Option<String>,
}

impl NewVisit {
    /// The domain's visit for `customer`.
    fn into_domain(self, customer: CustomerId) -> crm_core::NewVisit {
        crm_core::NewVisit {
            customer_id: customer,
            kind: self.kind.into(),
            model: self.model,
            catalogue_model: self.catalogue_model,
            scheduled_at: self.scheduled_at,
            consultant: self.consultant,
            notes: self.notes,
        }
    }
}

/// Where a visit stands.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum VisitStatus {
    /// Expected, not yet closed.
    Scheduled,
    /// The customer came (已到店 / 已试驾).
    Done {
        /// When the visit took place.
        at: Timestamp,
        /// The customer's feedback (客户反馈).
        feedback: Option<String>,
    },
    /// The customer did not come (爽约).
    NoShow {
        /// When it was recorded.
        at: Timestamp,
    },
}

impl From<crm_core::VisitStatus> for VisitStatus {
    fn from(s: crm_core::VisitStatus) -> Self {
        use crm_core::VisitStatus as D;
        match s {
            D::Scheduled => VisitStatus::Scheduled,
            D::Done { at, feedback } => VisitStatus::Done { at, feedback },
            D::NoShow { at } => VisitStatus::NoShow { at },
        }
    }
}

/// A stored visit or test drive.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Visit {
    /// Its id.
    pub id: VisitId,
    /// The customer.
    pub customer_id: CustomerId,
    /// A store visit or a test drive.
    pub kind: VisitKind,
    /// The model shown or driven.
    pub model: Option<String>,
    /// The catalogue model.
    pub catalogue_model: Option<CatalogueModelId>,
    /// When the customer is (or was) expected.
    pub scheduled_at: Timestamp,
    /// The consultant who receives the customer.
    pub consultant: Option<String>,
    /// Notes.
    pub notes: Option<String>,
    /// Where it stands.
    pub status: VisitStatus,
    /// When it was entered.
    pub created_at: Timestamp,
    /// When it last changed.
    pub updated_at: Timestamp,
    /// Optimistic-concurrency version: 1 when scheduled, +1 on every change.
    pub version: i64,
}

impl From<crm_core::VisitRecord> for Visit {
    fn from(r: crm_core::VisitRecord) -> Self {
        let v = r.visit;
        Visit {
            id: r.id,
            customer_id: v.customer_id,
            kind: v.kind.into(),
            model: v.model,
            catalogue_model: v.catalogue_model,
            scheduled_at: v.scheduled_at,
            consultant: v.consultant,
            notes: v.notes,
            status: v.status.into(),
            created_at: r.created_at,
            updated_at: r.updated_at,
            version: r.version.signed(),
        }
    }
}

#[uniffi::export]
impl CrmStore {
    /// Schedules `visit` for customer `customer_id` (by `actor`), at version 1. Fails with
    /// `InvalidInput` naming the field under `visit` (`visit.scheduled_at` more than a year
    /// ahead, `visit.model` missing for a test drive, `visit.catalogue_model` not in the
    /// catalogue) and with `NotFound` for an unknown customer.
    #[uniffi::method(default(actor = None))]
    pub async fn schedule_visit(
        &self,
        customer_id: CustomerId,
        visit: NewVisit,
        actor: Option<String>,
    ) -> Result<Visit, CrmError> {
        self.write_touching(
            Touched::kinds(&[DataKind::Deals]).of(&customer_id),
            move |store| {
                let visit = visit.into_domain(customer_id);
                Ok(store.schedule_visit(&visit, actor.as_deref())?.into())
            },
        )
        .await
    }

    /// Moves scheduled visit `id` to `to` if it is still at `expected_version`. Fails with
    /// `InvalidInput` on `visit.scheduled_at`, on `visit_id` when done or a no-show;
    /// `Conflict`; `NotFound`.
    #[uniffi::method(default(actor = None))]
    pub async fn reschedule_visit(
        &self,
        id: VisitId,
        expected_version: i64,
        to: Timestamp,
        actor: Option<String>,
    ) -> Result<Visit, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Deals]), move |store| {
            Ok(store
                .reschedule_visit(
                    &id,
                    expected_version.unsigned("expected_version")?,
                    to,
                    actor.as_deref(),
                )?
                .into())
        })
        .await
    }

    /// Records that scheduled visit `id` took place at `at` (not in the future) with the
    /// customer's `feedback`; an open customer not yet visited (test-driven, for a test
    /// drive) advances there. Fails like `reschedule_visit`.
    #[uniffi::method(default(feedback = None, actor = None))]
    pub async fn complete_visit(
        &self,
        id: VisitId,
        expected_version: i64,
        at: Timestamp,
        feedback: Option<String>,
        actor: Option<String>,
    ) -> Result<Visit, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Deals]), move |store| {
            Ok(store
                .complete_visit(
                    &id,
                    expected_version.unsigned("expected_version")?,
                    at,
                    feedback.as_deref(),
                    actor.as_deref(),
                )?
                .into())
        })
        .await
    }

    /// Records that the customer did not come to scheduled visit `id`, once its time has
    /// passed (before: `InvalidInput` on `visit.scheduled_at`). Fails otherwise like
    /// `reschedule_visit`.
    #[uniffi::method(default(actor = None))]
    pub async fn no_show_visit(
        &self,
        id: VisitId,
        expected_version: i64,
        actor: Option<String>,
    ) -> Result<Visit, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Deals]), move |store| {
            Ok(store
                .no_show_visit(
                    &id,
                    expected_version.unsigned("expected_version")?,
                    actor.as_deref(),
                )?
                .into())
        })
        .await
    }

    /// The visit `id`. Fails with `NotFound`.
    pub async fn get_visit(&self, id: VisitId) -> Result<Visit, CrmError> {
        self.read(move |store| Ok(store.get_visit(&id)?.into()))
            .await
    }

    /// Customer `customer_id`'s visits and test drives, by scheduled time. Fails with
    /// `NotFound` for an unknown customer.
    pub async fn visits_of(&self, customer_id: CustomerId) -> Result<Vec<Visit>, CrmError> {
        self.read(move |store| {
            let visits = store.visits_of(&customer_id)?;
            Ok(visits.into_iter().map(Into::into).collect())
        })
        .await
    }
}
