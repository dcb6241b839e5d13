//! Time in the pipeline, computed from the kept moves: when each stage was first reached, the
//! days between consecutive stages, the time spent in each status. Every function takes the
//! moves oldest first, as [`crate::apply`] produced them.

use super::record::StageMove;
use super::stage::{PipelineStatus, Stage};
use chrono::{DateTime, Utc};

/// Milliseconds in a day.
const DAY_MS: f64 = 86_400_000.0;

/// Days from `from` to `to` (fractional; negative when `to` is earlier).
pub fn days_between(from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
    (to - from).num_milliseconds() as f64 / DAY_MS
}

/// When each stage (indexed by [`Stage::index`]) was first reached. A stage is reached when a
/// record's `stage` is at or past it: a jump from contacted to visited reaches invited at the
/// same instant, and a later step back does not un-reach anything. A new lead is reached at
/// creation.
pub fn first_reached(created_at: DateTime<Utc>, moves: &[StageMove]) -> [Option<DateTime<Utc>>; 8] {
    let mut reached = [None; 8];
    reached[0] = Some(created_at);
    for m in moves {
        for slot in reached.iter_mut().take(m.stage.index() + 1) {
            slot.get_or_insert(m.at);
        }
    }
    reached
}

/// Days between first reaching each stage and first reaching the next one (index `i`: from
/// stage `i` to stage `i + 1`), `None` where the next stage was not reached. 0 for a jump.
pub fn days_between_stages(created_at: DateTime<Utc>, moves: &[StageMove]) -> [Option<f64>; 7] {
    let reached = first_reached(created_at, moves);
    let mut days = [None; 7];
    for (i, slot) in days.iter_mut().enumerate() {
        if let (Some(a), Some(b)) = (reached[i], reached[i + 1]) {
            *slot = Some(days_between(a, b));
        }
    }
    days
}

/// Time spent in one status, summed over every stay in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StatusTime {
    /// The status.
    pub status: PipelineStatus,
    /// Milliseconds spent in it.
    pub millis: i64,
}

impl StatusTime {
    /// The time in days.
    pub fn days(&self) -> f64 {
        self.millis as f64 / DAY_MS
    }
}

/// Time spent in each status a customer has been in, in [`PipelineStatus::ALL`] order: from
/// creation (as a new lead) through every move, the current status counted up to `until`
/// (nothing after the last move when `until` lies before it). Stays in the same status add up.
pub fn time_in_status(
    created_at: DateTime<Utc>,
    moves: &[StageMove],
    until: DateTime<Utc>,
) -> Vec<StatusTime> {
    let mut totals = [None::<i64>; 12];
    let mut add = |status: PipelineStatus, from: DateTime<Utc>, to: DateTime<Utc>| {
        let i = PipelineStatus::ALL
            .iter()
            .position(|s| *s == status)
            .unwrap_or(0);
        let ms = (to - from).num_milliseconds().max(0);
        *totals[i].get_or_insert(0) += ms;
    };
    let mut status = PipelineStatus::InStage(Stage::NewLead);
    let mut since = created_at;
    for m in moves {
        add(status, since, m.at);
        status = m.to;
        since = m.at;
    }
    add(status, since, until.max(since));
    PipelineStatus::ALL
        .iter()
        .zip(totals)
        .filter_map(|(status, ms)| {
            ms.map(|millis| StatusTime {
                status: *status,
                millis,
            })
        })
        .collect()
}
