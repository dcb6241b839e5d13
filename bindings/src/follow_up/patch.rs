//! An edit of a follow-up: [`FollowUpPatch`], the fields it can clear ([`FollowUpField`]),
//! and `update_follow_up`.

use crate::convert::{checked_each, set_or_clear, ClearableField};
use crate::custom::Timestamp;
use crate::error::CrmError;
use crate::follow_up::attachment::Attachment;
use crate::follow_up::record::{FollowUp, FollowUpKind, FollowUpMethod};
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::number::Unsigned;
use crate::store::CrmStore;
use crm_core::FollowUpId;

/// An optional field of a follow-up that a [`FollowUpPatch`] can clear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum FollowUpField {
    /// The customer's feedback.
    Feedback,
    /// The problems met.
    Problems,
    /// The questions asked.
    Questions,
}

impl ClearableField for FollowUpField {
    fn name(self) -> &'static str {
        match self {
            FollowUpField::Feedback => "feedback",
            FollowUpField::Problems => "problems",
            FollowUpField::Questions => "questions",
        }
    }
}

/// A change to a follow-up: only the fields set here change. To empty an optional field,
/// name it in `clear` (setting and clearing one field at once is `InvalidInput`).
/// Attachments are replaced whole (an empty list removes them all). The customer cannot
/// change.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct FollowUpPatch {
    /// New method.
    #[uniffi(default = None)]
    pub method: Option<FollowUpMethod>,
    /// New type.
    #[uniffi(default = None)]
    pub kind: Option<FollowUpKind>,
    /// New time (not in the future either).
    #[uniffi(default = None)]
    pub at: Option<Timestamp>,
    /// New content.
    #[uniffi(default = None)]
    pub content: Option<String>,
    /// New feedback.
    #[uniffi(default = None)]
    pub feedback: Option<String>,
    /// New problems.
    #[uniffi(default = None)]
    pub problems: Option<String>,
    /// New questions.
    #[uniffi(default = None)]
    pub questions: Option<String>,
    /// The new list of attachments.
    #[uniffi(default = None)]
    pub attachments: Option<Vec<Attachment>>,
    /// Optional fields to empty.
    #[uniffi(default = [])]
    pub clear: Vec<FollowUpField>,
}

impl TryFrom<FollowUpPatch> for crm_core::FollowUpPatch {
    type Error = CrmError;

    fn try_from(p: FollowUpPatch) -> Result<Self, CrmError> {
        use FollowUpField as F;
        let clear = p.clear.as_slice();
        Ok(crm_core::FollowUpPatch {
            method: p.method.map(Into::into),
            kind: p.kind.map(Into::into),
            at: p.at,
            content: p.content,
            feedback: set_or_clear(F::Feedback, p.feedback, clear)?,
            problems: set_or_clear(F::Problems, p.problems, clear)?,
            questions: set_or_clear(F::Questions, p.questions, clear)?,
            attachments: p
                .attachments
                .map(|a| checked_each(a, "attachments"))
                .transpose()?,
        })
    }
}

#[uniffi::export]
impl CrmStore {
    /// Applies `patch` to follow-up `id` if it is still at `expected_version`; the change
    /// is recorded in the timeline field by field, and the customer's contact times follow
    /// a new `at`. A patch that changes nothing returns the follow-up as it is.
    ///
    /// Fails with `InvalidInput` naming the field, `Conflict` on a stale version,
    /// `NotFound`.
    pub async fn update_follow_up(
        &self,
        id: FollowUpId,
        expected_version: i64,
        patch: FollowUpPatch,
    ) -> Result<FollowUp, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::FollowUps]), move |store| {
            let patch = crm_core::FollowUpPatch::try_from(patch)?;
            Ok(store
                .update_follow_up(&id, expected_version.unsigned("expected_version")?, &patch)?
                .into())
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_patch_sets_clears_or_leaves_each_field() {
        let patch = FollowUpPatch {
            content: Some("改约周日".into()),
            attachments: Some(vec![]),
            clear: vec![FollowUpField::Questions],
            ..Default::default()
        };
        let p = crm_core::FollowUpPatch::try_from(patch).unwrap();
        assert_eq!(p.content.as_deref(), Some("改约周日"));
        assert_eq!(p.questions, Some(None));
        assert_eq!(p.feedback, None);
        assert_eq!(p.attachments, Some(vec![]));
        assert!(crm_core::FollowUpPatch::try_from(FollowUpPatch::default())
            .unwrap()
            .is_empty());
    }

    #[test]
    fn setting_and_clearing_a_field_names_it() {
        let patch = FollowUpPatch {
            feedback: Some("ok".into()),
            clear: vec![FollowUpField::Feedback],
            ..Default::default()
        };
        assert_eq!(
            crm_core::FollowUpPatch::try_from(patch),
            Err(CrmError::invalid(
                "feedback",
                "cannot be set and cleared in one patch"
            ))
        );
    }
}
