//! Loading many follow-ups at once (导入): one transaction per call, each logged as
//! `log_follow_up` would have at its own time.

use crate::custom::Timestamp;
use crate::error::CrmError;
use crate::follow_up::plan::NewPlan;
use crate::follow_up::record::NewFollowUp;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::store::CrmStore;
use crm_core::{CustomerId, FollowUpId};

/// One follow-up of [`CrmStore::import_follow_ups`].
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FollowUpImport {
    /// Whose follow-up it is.
    pub customer_id: CustomerId,
    /// The follow-up, as `logFollowUp` takes it.
    pub follow_up: NewFollowUp,
    /// The plan it sets, if any.
    pub next: Option<NewPlan>,
    /// When it was logged: the "now" it is checked against (its time not later, the
    /// plan's time not before that day) and that stamps it. Not after now.
    pub logged_at: Timestamp,
}

#[uniffi::export]
impl CrmStore {
    /// Logs `follow_ups`, oldest first, all in one transaction, each exactly as
    /// `logFollowUp` would have at its `logged_at` (the customer's last contact moved, the
    /// pending plan done, the next plan set, the timeline written); returns their ids in
    /// order. A bad field fails the whole call with `InvalidInput` naming it
    /// (`follow_ups[2].content`, `follow_ups[2].next.time`), an unknown customer with
    /// `NotFound`. Nothing is written when it fails.
    pub async fn import_follow_ups(
        &self,
        follow_ups: Vec<FollowUpImport>,
    ) -> Result<Vec<FollowUpId>, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::FollowUps]), move |store| {
            let batch = follow_ups
                .into_iter()
                .enumerate()
                .map(|(i, f)| {
                    let next = f.next.map(|n| n.into_domain(&f.customer_id));
                    Ok(crm_store::FollowUpImport {
                        follow_up: f
                            .follow_up
                            .into_domain(&f.customer_id)
                            .map_err(|e| e.within(&format!("follow_ups[{i}]")))?,
                        next,
                        logged_at: f.logged_at,
                    })
                })
                .collect::<Result<Vec<_>, CrmError>>()?;
            Ok(store.import_follow_ups(&batch)?)
        })
        .await
    }
}
