//! Timing: run an operation many times, keep every duration, report percentiles.

use std::time::{Duration, Instant};

/// Durations of repeated runs of one operation.
#[derive(Debug, Default, Clone)]
pub struct Samples(Vec<Duration>);

impl Samples {
    /// Runs `f` once, recording how long it took, and returns its value.
    pub fn time<T>(&mut self, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let value = f();
        self.0.push(start.elapsed());
        value
    }

    /// Records a duration measured elsewhere, divided by `per` (a batch of `per` items).
    pub fn push_per(&mut self, total: Duration, per: u32) {
        self.0.push(total / per.max(1));
    }

    /// The `pct` percentile in microseconds (nearest rank).
    pub fn percentile_us(&self, pct: usize) -> f64 {
        if self.0.is_empty() {
            return 0.0;
        }
        let mut sorted = self.0.clone();
        sorted.sort_unstable();
        let rank = (sorted.len() * pct).div_ceil(100).clamp(1, sorted.len());
        sorted[rank - 1].as_secs_f64() * 1e6
    }
}

/// Times `ours` and `baseline` alternately `iterations` times on the same inputs, so that
/// both see the same cache state and machine load.
pub fn side_by_side<I>(
    inputs: &[I],
    iterations: usize,
    ours: impl FnMut(&I),
    baseline: impl FnMut(&I),
) -> (Samples, Samples) {
    side_by_side_thinned(inputs, iterations, iterations, ours, baseline)
}

/// Times `ours` `iterations` times on the inputs in turn and `baseline` `baseline_runs`
/// times (at most `iterations`) spread evenly among them, each after ours on the same
/// input: a slow baseline need not be run as often as a fast operation needs for its p99.
pub fn side_by_side_thinned<I>(
    inputs: &[I],
    iterations: usize,
    baseline_runs: usize,
    mut ours: impl FnMut(&I),
    mut baseline: impl FnMut(&I),
) -> (Samples, Samples) {
    let mut a = Samples::default();
    let mut b = Samples::default();
    let runs = baseline_runs.min(iterations);
    for i in 0..iterations {
        let input = &inputs[i % inputs.len()];
        a.time(|| ours(input));
        // Run the baseline when the count it is owed by now goes up.
        if (i + 1) * runs / iterations > i * runs / iterations {
            b.time(|| baseline(input));
        }
    }
    (a, b)
}
