//! The intent level's history (意向级别变更记录): who moved a customer from which level to
//! which, and when. The timeline keeps the same move as [`TimelineEntry::IntentChanged`]
//! (with who and when in its [`crate::TimelineRecord`]); this type is the history as one
//! list, for "time at each level" and for a report's level movement over a period.

use crate::follow_up::{IntentLevel, TimelineEntry};
use crate::validation::{required_text, Limits, Rule, ValidationError};
use chrono::{DateTime, Utc};

/// One change of a customer's intent level.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct IntentLevelChange {
    /// Who changed it: the consultant's id as the app knows them.
    pub who: String,
    /// When (UTC).
    pub at: DateTime<Utc>,
    /// The level before (`None` when there was none).
    pub from: Option<IntentLevel>,
    /// The new level.
    pub to: IntentLevel,
}

impl IntentLevelChange {
    /// The change from `from` to `to` made by `who` at `at`; `None` when the level stays
    /// the same (nothing to record). `who` is required and at most [`Limits::OWNER`]
    /// characters (errors name `level_change.who`).
    pub fn new(
        who: &str,
        at: DateTime<Utc>,
        from: Option<IntentLevel>,
        to: IntentLevel,
    ) -> Result<Option<IntentLevelChange>, ValidationError> {
        let who = required_text("level_change.who", who, Limits::OWNER)?;
        if from == Some(to) {
            return Ok(None);
        }
        Ok(Some(IntentLevelChange { who, at, from, to }))
    }

    /// The timeline entry that records this change.
    pub fn entry(&self) -> TimelineEntry {
        TimelineEntry::IntentChanged {
            from: self.from,
            to: self.to,
        }
    }
}

/// The level in force at `at` according to `history` (any order): the `to` of the latest
/// change at or before `at`; `None` before the first change. Of two changes at the same
/// instant, the later in the list wins.
pub fn level_at(history: &[IntentLevelChange], at: DateTime<Utc>) -> Option<IntentLevel> {
    history
        .iter()
        .enumerate()
        .filter(|(_, c)| c.at <= at)
        .max_by_key(|(i, c)| (c.at, *i))
        .map(|(_, c)| c.to)
}

/// Checks that `history`, sorted by time, is a chain: each change starts from the level the
/// previous one ended at (the first from anything). A store's history that fails this lost
/// or reordered a change; the error names `history[i].from`.
pub fn check_history(history: &[IntentLevelChange]) -> Result<(), ValidationError> {
    for (i, pair) in history.windows(2).enumerate() {
        if pair[1].at < pair[0].at {
            return Err(ValidationError::new(
                format!("history[{}].at", i + 1),
                Rule::TooEarly,
            ));
        }
        if pair[1].from != Some(pair[0].to) {
            return Err(ValidationError::new(
                format!("history[{}].from", i + 1),
                Rule::Conflicts {
                    with: "the previous change's level",
                },
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn t0() -> DateTime<Utc> {
        "2026-11-01T02:00:00Z".parse().unwrap()
    }

    #[test]
    fn same_level_records_nothing_and_who_is_required() {
        assert_eq!(
            IntentLevelChange::new("c001", t0(), Some(IntentLevel::A), IntentLevel::A),
            Ok(None)
        );
        let err = IntentLevelChange::new(" ", t0(), None, IntentLevel::A).unwrap_err();
        assert_eq!(err.field, "level_change.who");
        let c = IntentLevelChange::new(" c001 ", t0(), None, IntentLevel::H)
            .unwrap()
            .unwrap();
        assert_eq!(c.who, "c001");
        assert_eq!(
            c.entry(),
            TimelineEntry::IntentChanged {
                from: None,
                to: IntentLevel::H
            }
        );
    }

    #[test]
    fn the_level_at_an_instant_is_the_latest_change_before_it() {
        let change = |h, from, to| IntentLevelChange {
            who: "c001".into(),
            at: t0() + Duration::hours(h),
            from,
            to,
        };
        let history = vec![
            change(0, None, IntentLevel::N),
            change(5, Some(IntentLevel::N), IntentLevel::B),
            change(9, Some(IntentLevel::B), IntentLevel::H),
        ];
        assert!(check_history(&history).is_ok());
        assert_eq!(level_at(&history, t0() - Duration::hours(1)), None);
        assert_eq!(
            level_at(&history, t0() + Duration::hours(5)),
            Some(IntentLevel::B)
        );
        assert_eq!(
            level_at(&history, t0() + Duration::hours(99)),
            Some(IntentLevel::H)
        );
        let mut reversed = history.clone();
        reversed.reverse();
        assert_eq!(
            level_at(&reversed, t0() + Duration::hours(6)),
            Some(IntentLevel::B)
        );
        let broken = vec![history[0].clone(), history[2].clone()];
        assert_eq!(check_history(&broken).unwrap_err().field, "history[1].from");
    }
}
