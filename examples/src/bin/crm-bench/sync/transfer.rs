//! A manager's transfer of a consultant's whole book (`POST /v1/transfer` with `all_of`:
//! every customer re-owned, logged for evictions and recorded, and every row of theirs
//! restamped so the new owner's phones download it), beside the floor: one `UPDATE` of the
//! same customers' `owner` column, in one transaction, and nothing else.

use super::server::connect;
use super::Result;
use crate::measure::Samples;
use crm_core::pool::{TransferRequest, TransferResult};
use std::time::Instant;
use tokio::runtime::Runtime;

/// What was measured.
pub struct Transfers {
    /// Our transfers (alternately one way and back).
    pub ours: Samples,
    /// The floor's updates.
    pub floor: Samples,
    /// Customers moved by each.
    pub customers: u64,
    /// Rows the customers hold on the server (all restamped by a transfer).
    pub rows: i64,
}

/// Transfers every customer of `a` to `b` and back, `runs` times each way in all, as the
/// manager of `token`; then as many floor updates.
pub fn measure(
    rt: &Runtime,
    server: &str,
    token: &str,
    database_url: &str,
    (a, b): (&str, &str),
    runs: usize,
) -> Result<Transfers> {
    let agent = ureq::Agent::new_with_defaults();
    let authorization = format!("Bearer {token}");
    let mut ours = Samples::default();
    let mut customers = 0;
    for run in 0..runs.max(1) {
        let (from, to) = if run % 2 == 0 { (a, b) } else { (b, a) };
        let request = TransferRequest {
            to: to.to_owned(),
            customers: Vec::new(),
            all_of: Some(from.to_owned()),
        };
        let result: TransferResult = ours.time(|| {
            agent
                .post(format!("{server}/v1/transfer"))
                .header("Authorization", &authorization)
                .send_json(&request)?
                .body_mut()
                .read_json()
        })?;
        if !result.refused.is_empty() {
            return Err(format!("the transfer refused {} customers", result.refused.len()).into());
        }
        customers = result.transferred;
    }
    let (floor, rows) = rt.block_on(async {
        let mut client = connect(database_url).await?;
        let rows: i64 = client
            .query_one(
                "SELECT count(*) FROM sync_rows r JOIN sync_rows c
                   ON c.entity = 'customers' AND c.id = r.customer_id
                 WHERE c.owner = ANY($1)",
                &[&vec![a, b]],
            )
            .await?
            .get(0);
        let mut floor = Samples::default();
        // The book sits with `a` or `b` after an odd or even number of transfers.
        let holder = if runs.max(1) % 2 == 0 { a } else { b };
        for run in 0..runs.max(1) {
            let (from, to) = if run % 2 == 0 {
                (holder, if holder == a { b } else { a })
            } else {
                (if holder == a { b } else { a }, holder)
            };
            let started = Instant::now();
            let tx = client.transaction().await?;
            tx.execute(
                "UPDATE sync_rows SET owner = $2 WHERE entity = 'customers' AND owner = $1",
                &[&from, &to],
            )
            .await?;
            tx.commit().await?;
            floor.push_per(started.elapsed(), 1);
        }
        Ok::<_, Box<dyn std::error::Error>>((floor, rows))
    })?;
    Ok(Transfers {
        ours,
        floor,
        customers,
        rows,
    })
}
