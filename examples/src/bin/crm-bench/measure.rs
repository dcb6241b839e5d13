//! Timing: run an operation many times, keep every duration, report percentiles.

use std::time::{Duration, Instant};

/// Durations of repeated runs of one operation, and for each the time the thread spent
/// waiting for a CPU meanwhile (Linux: the run-queue wait of `/proc/thread-self/schedstat`)
/// and the CPU time it used (`CLOCK_THREAD_CPUTIME_ID`), so that a busy machine's share of
/// a slow run can be told from the operation's.
#[derive(Debug, Default, Clone)]
pub struct Samples {
    wall: Vec<Duration>,
    /// Same length as `wall` when every run's wait could be read, else empty.
    queued: Vec<Duration>,
    /// Same length as `wall` when every run's CPU time could be read, else empty.
    cpu: Vec<Duration>,
}

/// The CPU time this thread has used so far (user and system), if the platform tells it.
/// Unlike the first field of `schedstat`, which the kernel brings up to date only at
/// scheduling events, the clock is exact at every call.
#[cfg(unix)]
pub fn thread_cpu_time() -> Option<Duration> {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid, writable timespec; the call writes only it.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    if rc != 0 {
        return None;
    }
    Some(Duration::new(
        u64::try_from(t.tv_sec).ok()?,
        u32::try_from(t.tv_nsec).ok()?,
    ))
}

#[cfg(not(unix))]
pub fn thread_cpu_time() -> Option<Duration> {
    None
}

/// How long this thread has waited in the run queue since it started (Linux), if known.
fn run_queue_wait() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = text.split_whitespace().nth(1)?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// The `pct` percentile of `values` in microseconds (nearest rank).
fn percentile(values: &[Duration], pct: usize) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let rank = (sorted.len() * pct).div_ceil(100).clamp(1, sorted.len());
    sorted[rank - 1].as_secs_f64() * 1e6
}

impl Samples {
    /// Runs `f` once, recording how long it took (and how long the thread waited for a
    /// CPU meanwhile), and returns its value.
    pub fn time<T>(&mut self, f: impl FnOnce() -> T) -> T {
        let before = run_queue_wait();
        let cpu_before = thread_cpu_time();
        let start = Instant::now();
        let value = f();
        let elapsed = start.elapsed();
        let cpu_after = thread_cpu_time();
        let after = run_queue_wait();
        self.wall.push(elapsed);
        match (before, after) {
            (Some(b), Some(a)) if self.queued.len() + 1 == self.wall.len() => {
                self.queued.push(a.saturating_sub(b).min(elapsed));
            }
            _ => self.queued.clear(),
        }
        match (cpu_before, cpu_after) {
            (Some(b), Some(a)) if self.cpu.len() + 1 == self.wall.len() => {
                self.cpu.push(a.saturating_sub(b));
            }
            _ => self.cpu.clear(),
        }
        value
    }

    /// Records a duration measured elsewhere, divided by `per` (a batch of `per` items).
    pub fn push_per(&mut self, total: Duration, per: u32) {
        self.wall.push(total / per.max(1));
        self.queued.clear();
        self.cpu.clear();
    }

    /// How many runs were recorded.
    pub fn len(&self) -> usize {
        self.wall.len()
    }

    /// The `pct` percentile in microseconds (nearest rank).
    pub fn percentile_us(&self, pct: usize) -> f64 {
        percentile(&self.wall, pct)
    }

    /// The `pct` percentile of the runs less their run-queue waits, in microseconds: what
    /// the operation cost when it had a CPU. `None` when the waits are unknown.
    pub fn running_percentile_us(&self, pct: usize) -> Option<f64> {
        if self.queued.len() != self.wall.len() || self.wall.is_empty() {
            return None;
        }
        let running: Vec<Duration> = self
            .wall
            .iter()
            .zip(&self.queued)
            .map(|(w, q)| w.saturating_sub(*q))
            .collect();
        Some(percentile(&running, pct))
    }

    /// The `pct` percentile of the runs' CPU time (the thread's, user and system), in
    /// microseconds: on a shared machine, what the operation itself cost, without the time
    /// it waited for a CPU or for a page to come from the disk. `None` when unknown.
    pub fn cpu_percentile_us(&self, pct: usize) -> Option<f64> {
        if self.cpu.len() != self.wall.len() || self.wall.is_empty() {
            return None;
        }
        Some(percentile(&self.cpu, pct))
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
