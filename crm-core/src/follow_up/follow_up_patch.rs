//! Editing a follow-up: a patch names only what changes.

use crate::follow_up::attachment::Attachment;
use crate::follow_up::record::{FollowUp, FollowUpKind, FollowUpMethod, NewFollowUp};
use crate::validation::{set, ValidationError};
use chrono::{DateTime, Utc};

/// A change to a follow-up. `None` leaves a field as it is; for optional fields `Some(None)`
/// clears it. Attachments are replaced whole. The customer cannot change: a follow-up
/// moves only when customers are merged.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct FollowUpPatch {
    /// New method.
    pub method: Option<FollowUpMethod>,
    /// New type.
    pub kind: Option<FollowUpKind>,
    /// New time.
    pub at: Option<DateTime<Utc>>,
    /// New content.
    pub content: Option<String>,
    /// New feedback, or `Some(None)` to clear it.
    pub feedback: Option<Option<String>>,
    /// New problems, or `Some(None)` to clear them.
    pub problems: Option<Option<String>>,
    /// New questions, or `Some(None)` to clear them.
    pub questions: Option<Option<String>>,
    /// The new list of attachments.
    pub attachments: Option<Vec<Attachment>>,
}

impl FollowUpPatch {
    /// `true` when the patch changes nothing.
    pub fn is_empty(&self) -> bool {
        self == &FollowUpPatch::default()
    }

    /// The follow-up after this patch, validated as a whole as of `now` (so a new `at` may not
    /// lie in the future either). The store records what changed with
    /// [`crate::diff_follow_ups`].
    pub fn apply(
        &self,
        current: &FollowUp,
        now: DateTime<Utc>,
    ) -> Result<FollowUp, ValidationError> {
        let mut next = NewFollowUp::from(current);
        let p = self.clone();
        set(&mut next.method, p.method);
        set(&mut next.kind, p.kind);
        set(&mut next.at, p.at);
        set(&mut next.content, p.content);
        set(&mut next.feedback, p.feedback);
        set(&mut next.problems, p.problems);
        set(&mut next.questions, p.questions);
        set(&mut next.attachments, p.attachments);
        next.validate(now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff_follow_ups;
    use chrono::{Duration, TimeZone};

    #[test]
    fn a_patch_changes_what_it_names_and_the_diff_says_so() {
        let now = Utc.with_ymd_and_hms(2026, 11, 27, 8, 0, 0).unwrap();
        let mut f = NewFollowUp::new(
            "c1".into(),
            FollowUpMethod::Wechat,
            FollowUpKind::PriceNegotiation,
            now - Duration::hours(1),
            "报价 18.5 万落地",
        );
        f.feedback = Some("觉得贵".into());
        let f = f.validate(now).unwrap();
        let patch = FollowUpPatch {
            method: Some(FollowUpMethod::Phone),
            feedback: Some(None),
            ..Default::default()
        };
        let next = patch.apply(&f, now).unwrap();
        assert_eq!(next.method, FollowUpMethod::Phone);
        assert_eq!(next.feedback, None);
        assert_eq!(next.content, f.content);
        let fields: Vec<String> = diff_follow_ups(&f, &next)
            .into_iter()
            .map(|c| c.field)
            .collect();
        assert_eq!(fields, ["method", "feedback"]);
        let future = FollowUpPatch {
            at: Some(now + Duration::hours(1)),
            ..Default::default()
        };
        assert_eq!(future.apply(&f, now).unwrap_err().field, "at");
        assert!(FollowUpPatch::default().is_empty());
    }
}
