//! The naive way: what a straightforward CRM does. `LIKE '%q%'` scans with no supporting
//! index, a pinyin column stored beside the name.

use crm_core::search::NamePinyin;
use rusqlite::{Connection, Result};

/// A connection to the benchmark database with the naive CRM's pinyin column (a TEMP table,
/// so the database file is not changed).
pub fn connect(path: &std::path::Path) -> Result<Connection> {
    let conn = Connection::open(path)?;
    conn.execute_batch("CREATE TEMP TABLE naive_pinyin (id TEXT NOT NULL, full TEXT NOT NULL, initials TEXT NOT NULL)")?;
    let names: Vec<(String, String)> = conn
        .prepare("SELECT id, name FROM customers")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_>>()?;
    let tx = conn.unchecked_transaction()?;
    {
        let mut insert = tx.prepare("INSERT INTO naive_pinyin VALUES (?1, ?2, ?3)")?;
        for (id, name) in names {
            let p = NamePinyin::of(&name);
            insert.execute((id, p.full(), p.initials()))?;
        }
    }
    tx.commit()?;
    Ok(conn)
}

/// Which naive scan answers a query kind.
#[derive(Debug, Clone, Copy)]
pub enum Scan {
    /// `customers.name LIKE '%q%'`.
    Name,
    /// `naive_pinyin.full LIKE '%q%' OR initials LIKE '%q%'`.
    Pinyin,
    /// `contacts.key LIKE '%q%'`.
    Contact,
}

impl Scan {
    fn sql(self) -> &'static str {
        match self {
            Scan::Name => {
                "SELECT id FROM customers WHERE archived_at IS NULL AND name LIKE '%' || ?1 || '%' \
                 ORDER BY coalesce(last_contact_at, created_at) DESC LIMIT 20"
            }
            Scan::Pinyin => {
                "SELECT n.id FROM naive_pinyin n JOIN customers c ON c.id = n.id \
                 WHERE n.full LIKE '%' || ?1 || '%' OR n.initials LIKE '%' || ?1 || '%' \
                 ORDER BY coalesce(c.last_contact_at, c.created_at) DESC LIMIT 20"
            }
            Scan::Contact => {
                "SELECT DISTINCT k.customer_id FROM contacts k JOIN customers c ON c.id = k.customer_id \
                 WHERE k.key LIKE '%' || ?1 || '%' ORDER BY coalesce(c.last_contact_at, c.created_at) DESC LIMIT 20"
            }
        }
    }

    /// The ids the scan finds for `query`.
    pub fn run(self, conn: &Connection, query: &str) -> Result<Vec<String>> {
        let mut stmt = conn.prepare_cached(self.sql())?;
        let ids = stmt.query_map([query], |r| r.get(0))?.collect();
        ids
    }
}

/// The naive CRM's filter: every customer read and tested, tags looked up per customer.
const NAIVE_FILTER: &str = "FROM customers c NOT INDEXED WHERE c.archived_at IS NULL \
     AND c.source_kind = 'online_platform' AND c.owner = ?1 \
     AND EXISTS (SELECT 1 FROM customer_tags t WHERE t.customer_id = c.id AND t.tag = '高意向')";

/// The first page of 50 of the benchmark filter, the naive way.
pub fn filter_page(conn: &Connection, owner: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.id {NAIVE_FILTER} ORDER BY c.created_at DESC LIMIT 50"
    ))?;
    let ids = stmt.query_map([owner], |r| r.get(0))?.collect();
    ids
}

/// The count of the benchmark filter, the naive way.
pub fn filter_count(conn: &Connection, owner: &str) -> Result<i64> {
    conn.prepare_cached(&format!("SELECT count(*) {NAIVE_FILTER}"))?
        .query_row([owner], |r| r.get(0))
}
