//! The result table: one row per operation and data size, ours beside the baseline.

use crate::measure::Samples;
use serde::Serialize;

/// One measured operation.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// What was measured.
    pub op: String,
    /// Customers in the database.
    pub size: usize,
    /// Median, microseconds.
    pub p50_us: f64,
    /// 99th percentile, microseconds.
    pub p99_us: f64,
    /// 99th percentile of the runs less the time the thread waited for a CPU (a busy
    /// machine's share), microseconds; `None` where unknown (not Linux, batch timings).
    pub p99_running_us: Option<f64>,
    /// Median CPU time of a run (the thread's, user and system), microseconds: the
    /// operation's own cost on a shared machine; `None` where unknown.
    pub cpu_p50_us: Option<f64>,
    /// 99th percentile of the runs' CPU time, microseconds; `None` where unknown.
    pub cpu_p99_us: Option<f64>,
    /// How many runs were timed.
    pub runs: usize,
    /// What the baseline is ("floor: ...", "naive: ...").
    pub baseline: String,
    /// Baseline median, microseconds.
    pub baseline_p50_us: f64,
    /// Baseline 99th percentile, microseconds.
    pub baseline_p99_us: f64,
    /// How many baseline runs were timed.
    pub baseline_runs: usize,
    /// Our median over the baseline's: below 1 we are faster.
    pub ratio: f64,
}

impl Row {
    /// A row from two sample sets.
    pub fn new(op: &str, size: usize, ours: &Samples, baseline: &str, base: &Samples) -> Row {
        let (p50, b50) = (ours.percentile_us(50), base.percentile_us(50));
        Row {
            op: op.to_owned(),
            size,
            p50_us: p50,
            p99_us: ours.percentile_us(99),
            p99_running_us: ours.running_percentile_us(99),
            cpu_p50_us: ours.cpu_percentile_us(50),
            cpu_p99_us: ours.cpu_percentile_us(99),
            runs: ours.len(),
            baseline: baseline.to_owned(),
            baseline_p50_us: b50,
            baseline_p99_us: base.percentile_us(99),
            baseline_runs: base.len(),
            ratio: if b50 > 0.0 { p50 / b50 } else { 0.0 },
        }
    }
}

fn us(v: f64) -> String {
    if v >= 10_000.0 {
        format!("{:.1} ms", v / 1000.0)
    } else if v >= 100.0 {
        format!("{v:.0} µs")
    } else {
        format!("{v:.1} µs")
    }
}

fn ratio(r: f64) -> String {
    if r > 0.0 && r < 1.0 {
        format!("{r:.2}× ({:.0}× faster)", 1.0 / r)
    } else {
        format!("{r:.2}×")
    }
}

/// The rows as a Markdown table.
pub fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| op | size | runs | p50 | p99 | p99 running | cpu p50 | cpu p99 | baseline | base runs | base p50 | base p99 | ratio |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|\n",
    );
    for r in rows {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            r.op,
            r.size,
            r.runs,
            us(r.p50_us),
            us(r.p99_us),
            r.p99_running_us.map_or_else(|| "-".to_owned(), us),
            r.cpu_p50_us.map_or_else(|| "-".to_owned(), us),
            r.cpu_p99_us.map_or_else(|| "-".to_owned(), us),
            r.baseline,
            r.baseline_runs,
            us(r.baseline_p50_us),
            us(r.baseline_p99_us),
            ratio(r.ratio)
        ));
    }
    out
}

/// How each operation's median grows from the smallest size to the largest.
pub fn growth(rows: &[Row]) -> Option<String> {
    let min = rows.iter().map(|r| r.size).min()?;
    let max = rows.iter().map(|r| r.size).max()?;
    if min == max {
        return None;
    }
    let mut out = format!(
        "| op | p50 at {min} | p50 at {max} | growth (data ×{:.0}) |\n|---|---:|---:|---:|\n",
        max as f64 / min as f64
    );
    for small in rows.iter().filter(|r| r.size == min) {
        if let Some(large) = rows.iter().find(|r| r.size == max && r.op == small.op) {
            let g = if small.p50_us > 0.0 {
                large.p50_us / small.p50_us
            } else {
                0.0
            };
            out.push_str(&format!(
                "| {} | {} | {} | ×{g:.2} |\n",
                small.op,
                us(small.p50_us),
                us(large.p50_us)
            ));
        }
    }
    Some(out)
}
