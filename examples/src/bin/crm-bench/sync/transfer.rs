//! A manager's transfer of a consultant's whole book (`POST /v1/transfer` with `all_of`:
//! every customer re-owned, logged for evictions and recorded, and every row of theirs
//! restamped so the new owner's phones download it), beside the floor: one `UPDATE` of the
//! same customers' `owner` column, in one transaction, and nothing else.

use super::server::{connect, Database, Server};
use super::{Result, SyncArgs, CONSULTANT, TEAM};
use crate::measure::Samples;
use crate::results::Row;
use crm_core::pool::{TransferRequest, TransferResult};
use crm_server::auth::Role;
use std::path::Path;
use std::time::Instant;
use tokio::runtime::Runtime;

/// Rows per seeded customer: the customer's own and 39 of its history, about as many as
/// a filled book's customers hold (204,005 rows for 5,000 customers).
const ROWS_PER_CUSTOMER: i32 = 40;

/// The kinds of the seeded history rows, parents first.
const HISTORY: [&str; 3] = ["follow_ups", "plans", "timeline"];

/// `--only-transfer`: a database seeded with `--customers` customers of `c01` and their
/// history rows, a server, and the transfers timed.
pub fn only(rt: &Runtime, bin: &Path, args: &SyncArgs) -> Result<(Vec<Row>, Vec<String>)> {
    let database = Database::create(rt, &args.database_url)?;
    database.consultant(rt, CONSULTANT, TEAM)?;
    let started = Instant::now();
    seed(rt, &database.url, CONSULTANT, args.customers)?;
    let note = format!(
        "setup: {} customers of {CONSULTANT} with {} rows each written into the server's          tables in {:.1} s",
        args.customers,
        ROWS_PER_CUSTOMER,
        started.elapsed().as_secs_f64()
    );
    let server = Server::start(bin, &database.url)?;
    let row = row(rt, &database, &server.url, (CONSULTANT, "c02"), args)?;
    Ok((vec![row], vec![note]))
}

/// Adds the manager `m01` and consultant `to` to the team, times the transfers of every
/// customer of `from` to `to` and back, and returns the row.
pub fn row(
    rt: &Runtime,
    database: &Database,
    server: &str,
    (from, to): (&str, &str),
    args: &SyncArgs,
) -> Result<Row> {
    let manager = database.user(rt, "m01", Role::Manager, TEAM)?;
    database.consultant(rt, to, TEAM)?;
    let moved = measure(
        rt,
        server,
        &manager,
        &database.url,
        (from, to),
        args.transfer_runs,
    )?;
    Ok(Row::new(
        &format!(
            "transfer of a whole book ({} customers, {} rows)",
            moved.customers, moved.rows
        ),
        args.customers,
        &moved.ours,
        "floor: one UPDATE of the owners",
        &moved.floor,
    ))
}

/// Writes `customers` customers of `owner` and their history rows straight into
/// `sync_rows` (and their holds), as uploads would have left them.
fn seed(rt: &Runtime, database_url: &str, owner: &str, customers: usize) -> Result<()> {
    let customers = i32::try_from(customers)?;
    rt.block_on(async {
        let client = connect(database_url).await?;
        client
            .execute(
                "INSERT INTO sync_rows (entity, id, customer_id, owner, fields, version, updated_by)
                 SELECT 'customers', 'c' || n, 'c' || n, $1::text,
                        jsonb_build_object('id', 'c' || n, 'name', '客户' || n,
                                           'owner', $1::text, 'importance', 0, 'version', 1),
                        nextval('change_version'), $1::text
                 FROM generate_series(1, $2::int) AS n",
                &[&owner, &customers],
            )
            .await?;
        client
            .execute(
                "INSERT INTO pool_holds (customer_id, owner, since)
                 SELECT 'c' || n, $1::text, now() FROM generate_series(1, $2::int) AS n",
                &[&owner, &customers],
            )
            .await?;
        client
            .execute(
                "INSERT INTO sync_rows (entity, id, customer_id, fields, version, updated_by)
                 SELECT ($3::text[])[1 + k % 3], 'c' || n || '-' || k, 'c' || n,
                        jsonb_build_object('customer_id', 'c' || n, 'content', '跟进记录'),
                        nextval('change_version'), $1::text
                 FROM generate_series(1, $2::int) AS n, generate_series(1, $4::int) AS k",
                &[
                    &owner,
                    &customers,
                    &HISTORY.to_vec(),
                    &(ROWS_PER_CUSTOMER - 1),
                ],
            )
            .await?;
        client.batch_execute("ANALYZE sync_rows").await?;
        Ok(())
    })
}

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
        // The book sits with `a` after an even number of transfers, with `b` after an odd.
        let (mut from, mut to) = if runs.max(1).is_multiple_of(2) {
            (a, b)
        } else {
            (b, a)
        };
        for _ in 0..runs.max(1) {
            let started = Instant::now();
            let tx = client.transaction().await?;
            tx.execute(
                "UPDATE sync_rows SET owner = $2 WHERE entity = 'customers' AND owner = $1",
                &[&from, &to],
            )
            .await?;
            tx.commit().await?;
            floor.push_per(started.elapsed(), 1);
            std::mem::swap(&mut from, &mut to);
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
