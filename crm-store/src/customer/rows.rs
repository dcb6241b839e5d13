//! Customers to rows and back: the one place that knows the layout of `customers` and of
//! their contacts and tags, and the columns derived from the profile (the name's sort key,
//! the list row's primary contact and tags).

use crate::customer::search_index::{index_customer, reindex_customer, IndexedCustomer};
use crate::db::rows::{code, collect};
use crate::db::time::{date_text, from_millis, parse_date, to_millis};
use crate::error::{Result, StoreError};
use chrono::{DateTime, Utc};
use crm_core::search::name_sort_key;
use crm_core::{
    tag_key, Code, Contact, ContactKind, Customer, CustomerId, CustomerProfile, FirstContact,
    Gender, Importance, IntentLevel, Region, SourceChannel,
};
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::sync::LazyLock;

/// The columns of `customers`, in the order [`customer_from_row`] reads them.
pub(crate) const CUSTOMER_COLUMNS: &str = "id, name, gender, birthday, age_band, occupation, province, city, \
     district, notes, source_kind, source_detail, source_referrer_id, first_contact_at, first_contact_place, \
     first_contact_scene, first_contact_reaction, importance, owner, archived_at, created_at, updated_at, version, intent_level, \
     last_contact_at, first_contacted_at";

/// The columns written: [`CUSTOMER_COLUMNS`] but the contact times (which follow the
/// follow-ups, see `follow_up::follow_ups::refresh_contact_times`), and the derived ones of
/// schema v4 (the name's sort key, the list row's primary contact and tags).
const WRITTEN_COLUMNS: &str = "id, name, gender, birthday, age_band, occupation, province, city, \
     district, notes, source_kind, source_detail, source_referrer_id, first_contact_at, first_contact_place, \
     first_contact_scene, first_contact_reaction, importance, owner, archived_at, created_at, updated_at, version, \
     name_sort, list_contact_kind, list_contact_value, list_contact_key, list_contact_label, list_tags, \
     intent_level";

/// Bookkeeping written with a profile.
pub(crate) struct RowMeta<'a> {
    pub id: &'a str,
    pub archived_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    pub version: u64,
    pub intent_level: IntentLevel,
}

fn source_columns(source: &SourceChannel) -> (Option<&str>, Option<&str>) {
    match source {
        SourceChannel::Referral {
            referrer_id,
            referrer_name,
        } => (
            referrer_name.as_deref(),
            referrer_id.as_ref().map(CustomerId::as_str),
        ),
        SourceChannel::OnlinePlatform { platform } => (Some(platform), None),
        SourceChannel::Other { description } => (Some(description), None),
        _ => (None, None),
    }
}

fn source_from_columns(
    kind: &str,
    detail: Option<String>,
    referrer: Option<String>,
) -> Result<SourceChannel> {
    let corrupt = StoreError::Corrupt {
        column: "customers.source_kind",
    };
    Ok(match kind {
        "showroom_walk_in" => SourceChannel::ShowroomWalkIn,
        "referral" => SourceChannel::Referral {
            referrer_id: referrer.map(CustomerId::from),
            referrer_name: detail,
        },
        "online_platform" => SourceChannel::OnlinePlatform {
            platform: detail.ok_or(corrupt)?,
        },
        "phone_hotline" => SourceChannel::PhoneHotline,
        "auto_show" => SourceChannel::AutoShow,
        "marketing_event" => SourceChannel::MarketingEvent,
        "repeat_customer" => SourceChannel::RepeatCustomer,
        "other" => SourceChannel::Other {
            description: detail.ok_or(corrupt)?,
        },
        _ => return Err(corrupt),
    })
}

static INSERT_CUSTOMER: LazyLock<String> = LazyLock::new(|| {
    let count = WRITTEN_COLUMNS.split(", ").count();
    let placeholders: Vec<String> = (1..=count).map(|i| format!("?{i}")).collect();
    format!(
        "INSERT INTO customers ({WRITTEN_COLUMNS}) VALUES ({})",
        placeholders.join(", ")
    )
});

static UPDATE_CUSTOMER: LazyLock<String> = LazyLock::new(|| {
    let sets: Vec<String> = WRITTEN_COLUMNS
        .split(", ")
        .enumerate()
        .skip(1)
        .map(|(i, column)| format!("{column} = ?{}", i + 1))
        .collect();
    format!("UPDATE customers SET {} WHERE id = ?1", sets.join(", "))
});

/// Binds the profile and bookkeeping in [`WRITTEN_COLUMNS`] order and runs `sql`.
fn write_row(
    conn: &Connection,
    sql: &str,
    p: &CustomerProfile,
    meta: &RowMeta<'_>,
) -> Result<usize> {
    let (detail, referrer) = source_columns(&p.source);
    let fc = p.first_contact.as_ref();
    let d = DerivedColumns::of(p);
    let mut stmt = conn.prepare_cached(sql)?;
    Ok(stmt.execute(params![
        meta.id,
        p.name,
        p.gender.code(),
        p.birthday.map(date_text),
        p.age_band.map(Code::code),
        p.occupation,
        p.region.province,
        p.region.city,
        p.region.district,
        p.notes,
        p.source.kind_name(),
        detail,
        referrer,
        fc.map(|f| to_millis(f.at)),
        fc.and_then(|f| f.place.as_deref()),
        fc.and_then(|f| f.scene.as_deref()),
        fc.and_then(|f| f.reaction.as_deref()),
        p.importance.rank(),
        p.owner,
        meta.archived_at,
        meta.created_at,
        meta.updated_at,
        meta.version,
        d.name_sort,
        d.contact_kind,
        d.contact_value,
        d.contact_key,
        d.contact_label,
        d.tags,
        meta.intent_level.code(),
    ])?)
}

/// The columns of a customer's row derived from the profile: the name's sort key and
/// what a list row shows (the primary contact, the tags joined by U+001F).
struct DerivedColumns<'a> {
    name_sort: String,
    contact_kind: Option<&'static str>,
    contact_value: Option<&'a str>,
    contact_key: Option<&'a str>,
    contact_label: Option<&'a str>,
    tags: String,
}

impl<'a> DerivedColumns<'a> {
    fn of(p: &'a CustomerProfile) -> Self {
        let primary = p.primary_contact();
        DerivedColumns {
            name_sort: name_sort_key(&p.name),
            contact_kind: primary.map(|c| c.kind.code()),
            contact_value: primary.map(|c| c.value.as_str()),
            contact_key: primary.map(|c| c.key.as_str()),
            contact_label: primary.and_then(|c| c.label.as_deref()),
            tags: p.tags.join("\u{1f}"),
        }
    }
}

/// Recomputes what the device derives for customer `id` from their stored profile, as
/// every write of the profile does: the name's sort key, the list row's contact and tags,
/// the search index. For rows written column by column (a download); `false` when there
/// is no such customer.
pub(crate) fn refresh_derived(conn: &Connection, id: &str) -> Result<bool> {
    let Some(c) = read_customer(conn, id)? else {
        return Ok(false);
    };
    let d = DerivedColumns::of(&c.profile);
    conn.prepare_cached(
        "UPDATE customers SET name_sort = ?2, list_contact_kind = ?3, list_contact_value = ?4, \
         list_contact_key = ?5, list_contact_label = ?6, list_tags = ?7 WHERE id = ?1",
    )?
    .execute(params![
        id,
        d.name_sort,
        d.contact_kind,
        d.contact_value,
        d.contact_key,
        d.contact_label,
        d.tags
    ])?;
    reindex_stored(conn, id, &c.profile, c.archived_at.is_some())?;
    Ok(true)
}

/// Rebuilds the search index rows of stored customer `id`, whose profile is `profile`.
fn reindex_stored(
    conn: &Connection,
    id: &str,
    profile: &CustomerProfile,
    archived: bool,
) -> Result<()> {
    let (seq, recency): (i64, i64) = conn
        .prepare_cached(
            "SELECT seq, coalesce(last_contact_at, created_at) FROM customers WHERE id = ?1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    reindex_customer(
        conn,
        &IndexedCustomer {
            seq,
            profile,
            recency,
            archived,
        },
    )
}

/// Inserts the customer row, its contacts and tags, and indexes it for search.
pub(crate) fn insert_customer(
    conn: &Connection,
    p: &CustomerProfile,
    meta: &RowMeta<'_>,
) -> Result<()> {
    write_row(conn, &INSERT_CUSTOMER, p, meta)?;
    insert_children(conn, meta.id, p)?;
    index_customer(
        conn,
        &IndexedCustomer {
            seq: conn.last_insert_rowid(),
            profile: p,
            recency: meta.created_at,
            archived: meta.archived_at.is_some(),
        },
    )
}

/// Rewrites customer `after` in place over `before`: the row always, contacts, tags and
/// search terms only where they changed (a trigger copies the archived state onto the
/// search terms).
pub(crate) fn replace_customer(
    conn: &Connection,
    before: &Customer,
    after: &Customer,
) -> Result<()> {
    let (old, new) = (&before.profile, &after.profile);
    let meta = RowMeta {
        id: after.id.as_str(),
        archived_at: after.archived_at.map(to_millis),
        created_at: to_millis(after.created_at),
        updated_at: to_millis(after.updated_at),
        version: after.version,
        intent_level: after.intent_level,
    };
    write_row(conn, &UPDATE_CUSTOMER, new, &meta)?;
    let id = after.id.as_str();
    if old.contacts != new.contacts {
        conn.prepare_cached("DELETE FROM contacts WHERE customer_id = ?1")?
            .execute([id])?;
        insert_contacts(conn, id, new)?;
    }
    if old.tags != new.tags {
        conn.prepare_cached("DELETE FROM customer_tags WHERE customer_id = ?1")?
            .execute([id])?;
        insert_tags(conn, id, new)?;
    }
    if old.name != new.name || old.contacts != new.contacts {
        reindex_stored(conn, id, new, after.archived_at.is_some())?;
    }
    Ok(())
}

fn insert_children(conn: &Connection, id: &str, p: &CustomerProfile) -> Result<()> {
    insert_contacts(conn, id, p)?;
    insert_tags(conn, id, p)
}

fn insert_contacts(conn: &Connection, id: &str, p: &CustomerProfile) -> Result<()> {
    let mut contact = conn.prepare_cached(
        "INSERT INTO contacts (customer_id, position, kind, value, key, label, is_primary) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, c) in p.contacts.iter().enumerate() {
        contact.execute(params![
            id,
            i,
            c.kind.code(),
            c.value,
            c.key,
            c.label,
            c.primary
        ])?;
    }
    Ok(())
}

fn insert_tags(conn: &Connection, id: &str, p: &CustomerProfile) -> Result<()> {
    let mut tag = conn.prepare_cached(
        "INSERT INTO customer_tags (customer_id, position, tag, tag_key) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, t) in p.tags.iter().enumerate() {
        tag.execute(params![id, i, t, tag_key(t)])?;
    }
    Ok(())
}

/// A contact from a row holding `kind, value, key, label, is_primary` from `start`.
pub(crate) fn contact_from_row(row: &Row<'_>, start: usize) -> Result<Contact> {
    Ok(Contact {
        kind: code::<ContactKind>(&row.get::<_, String>(start)?, "contacts.kind")?,
        value: row.get(start + 1)?,
        key: row.get(start + 2)?,
        label: row.get(start + 3)?,
        primary: row.get(start + 4)?,
    })
}

/// Customer `id`'s contacts, in their order. Reads only columns that exist since schema
/// version 1 (the search index's backfill reads them on any older file).
pub(crate) fn read_contacts(conn: &Connection, id: &str) -> Result<Vec<Contact>> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, value, key, label, is_primary FROM contacts WHERE customer_id = ?1 ORDER BY position",
    )?;
    collect(&mut stmt, [id], |row| contact_from_row(row, 0))
}

fn customer_from_row(row: &Row<'_>) -> Result<Customer> {
    let millis = |i: usize, column| -> Result<Option<DateTime<Utc>>> {
        row.get::<_, Option<i64>>(i)?
            .map(|t| from_millis(t, column))
            .transpose()
    };
    let first_contact = match row.get::<_, Option<i64>>(13)? {
        Some(at) => Some(FirstContact {
            at: from_millis(at, "customers.first_contact_at")?,
            place: row.get(14)?,
            scene: row.get(15)?,
            reaction: row.get(16)?,
        }),
        None => None,
    };
    let profile = CustomerProfile {
        name: row.get(1)?,
        gender: code::<Gender>(&row.get::<_, String>(2)?, "customers.gender")?,
        birthday: row
            .get::<_, Option<String>>(3)?
            .map(|d| parse_date(&d, "customers.birthday"))
            .transpose()?,
        age_band: row
            .get::<_, Option<String>>(4)?
            .map(|a| code(&a, "customers.age_band"))
            .transpose()?,
        occupation: row.get(5)?,
        region: Region {
            province: row.get(6)?,
            city: row.get(7)?,
            district: row.get(8)?,
        },
        notes: row.get(9)?,
        source: source_from_columns(&row.get::<_, String>(10)?, row.get(11)?, row.get(12)?)?,
        first_contact,
        tags: Vec::new(),
        importance: importance(row.get(17)?)?,
        owner: row.get(18)?,
        contacts: Vec::new(),
    };
    Ok(Customer {
        id: CustomerId(row.get(0)?),
        profile,
        archived_at: millis(19, "customers.archived_at")?,
        created_at: from_millis(row.get(20)?, "customers.created_at")?,
        updated_at: from_millis(row.get(21)?, "customers.updated_at")?,
        version: row.get(22)?,
        intent_level: code::<IntentLevel>(&row.get::<_, String>(23)?, "customers.intent_level")?,
        last_contact_at: millis(24, "customers.last_contact_at")?,
        first_contacted_at: millis(25, "customers.first_contacted_at")?,
    })
}

/// The importance stored as `rank`.
pub(crate) fn importance(rank: u8) -> Result<Importance> {
    Importance::from_rank(rank).ok_or_else(|| StoreError::Corrupt {
        column: "customers.importance",
    })
}

/// The customer `id` with contacts and tags, or `None`.
pub(crate) fn read_customer(conn: &Connection, id: &str) -> Result<Option<Customer>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {CUSTOMER_COLUMNS} FROM customers WHERE id = ?1"
    ))?;
    let Some(mut customer) = stmt
        .query_row([id], |row| Ok(customer_from_row(row)))
        .optional()?
        .transpose()?
    else {
        return Ok(None);
    };
    customer.profile.contacts = read_contacts(conn, id)?;
    let mut tags = conn
        .prepare_cached("SELECT tag FROM customer_tags WHERE customer_id = ?1 ORDER BY position")?;
    customer.profile.tags = tags
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(customer))
}

/// Fills `name_sort` for every customer: the backfill of the migration that added it.
pub(crate) fn fill_name_sort(conn: &Connection) -> Result<()> {
    let names: Vec<(i64, String)> = conn
        .prepare("SELECT seq, name FROM customers")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = conn.prepare("UPDATE customers SET name_sort = ?1 WHERE seq = ?2")?;
    for (seq, name) in names {
        update.execute(params![name_sort_key(&name), seq])?;
    }
    Ok(())
}
