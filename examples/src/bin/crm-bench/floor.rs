//! The floor: the same work done with hand-written rusqlite statements on the same schema,
//! with every row prepared before the clock starts. Our overhead over it is the ratio to
//! watch.

use chrono::{DateTime, Utc};
use crm_core::search::search_terms;
use crm_core::{Code, CustomerProfile, SourceChannel};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, Result};

/// The customer columns the floor writes, `seq` included.
const CUSTOMER_COLUMNS: &[&str] = &[
    "seq",
    "id",
    "name",
    "gender",
    "birthday",
    "age_band",
    "occupation",
    "province",
    "city",
    "district",
    "notes",
    "source_kind",
    "source_detail",
    "source_referrer_id",
    "first_contact_at",
    "first_contact_place",
    "first_contact_scene",
    "first_contact_reaction",
    "importance",
    "owner",
    "archived_at",
    "created_at",
    "updated_at",
    "version",
];
const CONTACT_COLUMNS: &[&str] = &[
    "customer_id",
    "position",
    "kind",
    "value",
    "key",
    "label",
    "is_primary",
];
const TAG_COLUMNS: &[&str] = &["customer_id", "position", "tag", "tag_key"];
const TERM_COLUMNS: &[&str] = &["field", "term", "seq", "anchored", "recency", "archived"];

/// SQLite's bound-parameter limit in the bundled build is 32,766.
const MAX_PARAMS: usize = 32_000;

/// One customer as rows, ready to insert.
pub struct CustomerRows {
    pub customer: Vec<Value>,
    pub contacts: Vec<Vec<Value>>,
    pub tags: Vec<Vec<Value>>,
    pub terms: Vec<Vec<Value>>,
}

fn text(v: Option<&str>) -> Value {
    v.map_or(Value::Null, |s| Value::Text(s.to_owned()))
}

/// The rows of a validated customer.
pub fn customer_rows(
    seq: i64,
    id: &str,
    p: &CustomerProfile,
    created: DateTime<Utc>,
) -> CustomerRows {
    let ms = created.timestamp_millis();
    let (detail, referrer) = match &p.source {
        SourceChannel::Referral {
            referrer_id,
            referrer_name,
        } => (
            referrer_name.as_deref(),
            referrer_id.as_ref().map(|r| r.as_str()),
        ),
        SourceChannel::OnlinePlatform { platform } => (Some(platform.as_str()), None),
        SourceChannel::Other { description } => (Some(description.as_str()), None),
        _ => (None, None),
    };
    let fc = p.first_contact.as_ref();
    let customer = vec![
        Value::Integer(seq),
        Value::Text(id.to_owned()),
        Value::Text(p.name.clone()),
        Value::Text(p.gender.code().to_owned()),
        text(
            p.birthday
                .map(|d| d.format("%Y-%m-%d").to_string())
                .as_deref(),
        ),
        text(p.age_band.map(Code::code)),
        text(p.occupation.as_deref()),
        text(p.region.province.as_deref()),
        text(p.region.city.as_deref()),
        text(p.region.district.as_deref()),
        text(p.notes.as_deref()),
        Value::Text(p.source.kind_name().to_owned()),
        text(detail),
        text(referrer),
        fc.map_or(Value::Null, |f| Value::Integer(f.at.timestamp_millis())),
        text(fc.and_then(|f| f.place.as_deref())),
        text(fc.and_then(|f| f.scene.as_deref())),
        text(fc.and_then(|f| f.reaction.as_deref())),
        Value::Integer(i64::from(p.importance.rank())),
        text(p.owner.as_deref()),
        Value::Null,
        Value::Integer(ms),
        Value::Integer(ms),
        Value::Integer(1),
    ];
    let contacts = p
        .contacts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            vec![
                Value::Text(id.to_owned()),
                Value::Integer(i as i64),
                Value::Text(c.kind.code().to_owned()),
                Value::Text(c.value.clone()),
                Value::Text(c.key.clone()),
                text(c.label.as_deref()),
                Value::Integer(i64::from(c.primary)),
            ]
        })
        .collect();
    let tags = p
        .tags
        .iter()
        .enumerate()
        .map(|(i, t)| {
            vec![
                Value::Text(id.to_owned()),
                Value::Integer(i as i64),
                Value::Text(t.clone()),
                Value::Text(crm_core::tag_key(t)),
            ]
        })
        .collect();
    let terms = search_terms(p)
        .into_iter()
        .map(|t| {
            vec![
                Value::Integer(i64::from(t.field.code())),
                Value::Text(t.term),
                Value::Integer(seq),
                Value::Integer(i64::from(t.anchored)),
                Value::Integer(ms),
                Value::Integer(0),
            ]
        })
        .collect();
    CustomerRows {
        customer,
        contacts,
        tags,
        terms,
    }
}

/// Plain multi-row INSERTs of `rows` into `table`, as few statements as the parameter
/// limit allows.
fn insert_many<'a>(
    conn: &Connection,
    table: &str,
    columns: &[&str],
    rows: impl Iterator<Item = &'a Vec<Value>>,
) -> Result<()> {
    let rows: Vec<&Vec<Value>> = rows.collect();
    let per_statement = (MAX_PARAMS / columns.len()).max(1);
    let one = format!("({})", vec!["?"; columns.len()].join(","));
    for chunk in rows.chunks(per_statement) {
        let sql = format!(
            "INSERT INTO {table} ({}) VALUES {}",
            columns.join(","),
            vec![one.as_str(); chunk.len()].join(",")
        );
        conn.prepare_cached(&sql)?
            .execute(params_from_iter(chunk.iter().flat_map(|r| r.iter())))?;
    }
    Ok(())
}

/// Inserts customers with plain multi-row INSERTs in one transaction.
pub fn import(conn: &mut Connection, batch: &[CustomerRows]) -> Result<()> {
    let tx = conn.transaction()?;
    insert_many(
        &tx,
        "customers",
        CUSTOMER_COLUMNS,
        batch.iter().map(|c| &c.customer),
    )?;
    insert_many(
        &tx,
        "contacts",
        CONTACT_COLUMNS,
        batch.iter().flat_map(|c| &c.contacts),
    )?;
    insert_many(
        &tx,
        "customer_tags",
        TAG_COLUMNS,
        batch.iter().flat_map(|c| &c.tags),
    )?;
    insert_many(
        &tx,
        "search_terms",
        TERM_COLUMNS,
        batch.iter().flat_map(|c| &c.terms),
    )?;
    tx.commit()
}

/// One customer as raw values: the row, the contact rows, the tags.
pub type RawCustomer = (Vec<Value>, Vec<Vec<Value>>, Vec<String>);

/// One customer's row, contacts and tags by id, as raw values.
pub fn get(conn: &Connection, id: &str) -> Result<RawCustomer> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, gender, birthday, age_band, occupation, province, city, district, notes, source_kind, \
         source_detail, source_referrer_id, first_contact_at, first_contact_place, first_contact_scene, \
         first_contact_reaction, importance, owner, archived_at, created_at, updated_at, version \
         FROM customers WHERE id = ?1",
    )?;
    let row = stmt.query_row([id], |r| {
        (0..23)
            .map(|i| r.get::<_, Value>(i))
            .collect::<Result<Vec<_>>>()
    })?;
    let mut contacts = conn.prepare_cached(
        "SELECT kind, value, key, label, is_primary FROM contacts WHERE customer_id = ?1 ORDER BY position",
    )?;
    let contacts = contacts
        .query_map([id], |r| {
            (0..5)
                .map(|i| r.get::<_, Value>(i))
                .collect::<Result<Vec<_>>>()
        })?
        .collect::<Result<Vec<_>>>()?;
    let mut tags = conn
        .prepare_cached("SELECT tag FROM customer_tags WHERE customer_id = ?1 ORDER BY position")?;
    let tags = tags
        .query_map([id], |r| r.get(0))?
        .collect::<Result<Vec<_>>>()?;
    Ok((row, contacts, tags))
}

/// Writes one new customer's rows in one transaction.
pub fn create(conn: &mut Connection, rows: &CustomerRows) -> Result<()> {
    import(conn, std::slice::from_ref(rows))
}

/// Changes importance and tags of one customer in one transaction.
pub fn update(
    conn: &mut Connection,
    id: &str,
    importance: u8,
    tags: &[String],
    now_ms: i64,
) -> Result<()> {
    let tx = conn.transaction()?;
    tx.prepare_cached("UPDATE customers SET importance = ?1, updated_at = ?2, version = version + 1 WHERE id = ?3")?
        .execute(params![importance, now_ms, id])?;
    tx.prepare_cached("DELETE FROM customer_tags WHERE customer_id = ?1")?
        .execute([id])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO customer_tags (customer_id, position, tag, tag_key) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, t) in tags.iter().enumerate() {
        insert.execute(params![id, i, t, crm_core::tag_key(t)])?;
    }
    drop(insert);
    tx.commit()
}

/// The newest `limit` active customers with primary contact and tags (the row's list
/// columns), as raw values.
pub fn list(conn: &Connection, limit: u32) -> Result<Vec<Vec<Value>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.name, c.gender, c.importance, c.owner, c.archived_at, c.created_at, c.updated_at, c.version, \
         c.list_contact_kind, c.list_contact_value, c.list_contact_key, c.list_contact_label, c.list_tags \
         FROM customers c WHERE c.archived_at IS NULL ORDER BY c.created_at DESC, c.id DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |r| {
        (0..14)
            .map(|i| r.get::<_, Value>(i))
            .collect::<Result<Vec<_>>>()
    })?;
    rows.collect()
}

/// Opens a connection the way a plain rusqlite program would.
pub fn open(path: &std::path::Path) -> Result<Connection> {
    let conn = Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // The same cache and mmap as the library, so the comparison is of the work, not the tuning.
    conn.pragma_update(None, "cache_size", -32 * 1024)?;
    conn.pragma_update(None, "mmap_size", 256 * 1024 * 1024)?;
    let _version: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    Ok(conn)
}
