//! Uploads: a device's changes applied to the store of record, in one transaction.
//!
//! The rules, in the order they are checked for each change (oldest operation first):
//!
//! 1. **Idempotence.** An operation already settled for this device (`applied_ops`) is
//!    skipped; if it was refused, the same reason is answered again (with the row as the
//!    server holds it now). `acknowledged_through` is the highest operation id of the upload.
//! 2. **Delete wins.** A put on a deleted row, or on a row of a deleted customer or parent,
//!    is refused with the reason `deleted` (no `current`). A customer's delete is an
//!    erasure: what the server holds of them is blanked ([`super::erase`]), so an edit
//!    made elsewhere before it and uploaded after it brings nothing back.
//! 3. **Team rules.** What the user's role may not do ([`super::team`]): deciding a lost or
//!    dormant request (a consultant), or in another user's name.
//! 4. **Scope.** A row's customer must be in the user's full scope ([`super::scope`]). A
//!    consultant creates customers they own (a missing or null `owner` becomes theirs; another
//!    owner is refused); a manager creates them for their team's members or the pool; an admin
//!    for any user or the pool. Changing `owner` reassigns: a manager within their team and
//!    the pool, an admin anywhere; a consultant claims a pool customer for themselves
//!    (first come, first served, under the team's pool rules: `crate::pool::claim`) and
//!    releases their own to the pool. Every owner change is recorded (`pool_events`).
//! 5. **Merge.** Records merge field by field into the stored row: the last write the server
//!    accepted wins per field, whatever version the write was based on (`base_version` is
//!    not compared: a write based on an old version is applied field by field, never
//!    whole-row). Lists (`{"items": [...]}`) are replaced whole; a list's delete empties it.
//!    Append-only rows are inserted once: the same id again is accepted and changes nothing;
//!    they are never changed or deleted by a sync.
//!
//! A refused change is answered as a [`Rejection`] whose reason starts with a code —
//! `deleted`, `forbidden: ...`, `unknown: ...` (a parent the server does not have),
//! `invalid: ...` — and carries the server's row when the user may see it; the other changes
//! of the upload still apply.

use super::contact_keys;
use super::links::{anchor, movable, Anchor};
use super::row_cache::RowCache;
use super::rows::{self, StoredRow, Writer};
use super::scope::{Level, Viewer};
use super::WRITE_LOCK;
use crate::auth::{Role, User};
use crate::error::ApiError;
use crate::pool::claim::claim_refusal;
use crate::pool::events::{self, EventKind, OwnerChange};
use chrono::{DateTime, Utc};
use crm_core::sync::{
    Change, ChangeOp, EntityShape, Rejection, ServerRow, SyncEntity, Upload, UploadResult,
};
use deadpool_postgres::Pool;
use serde_json::{Map, Value};
use std::collections::HashMap;
use tokio_postgres::types::Type;
use tokio_postgres::GenericClient;

/// The newest book schema a device may upload from: the device library this server was
/// built with.
pub const BOOK_SCHEMA_VERSION: u32 = crm_store::schema::SCHEMA_VERSION;

/// The longest device id accepted.
const MAX_DEVICE_ID: usize = 200;

/// Why one change was refused (the rejection's reason).
type Refusal = String;

/// Applies an upload for `user` in one transaction.
pub async fn apply_upload(
    pool: &Pool,
    user: User,
    upload: Upload,
    now: DateTime<Utc>,
) -> Result<UploadResult, ApiError> {
    if upload.schema_version > BOOK_SCHEMA_VERSION {
        return Err(ApiError::schema_too_new(
            upload.schema_version,
            BOOK_SCHEMA_VERSION,
        ));
    }
    let device = upload.device_id.trim();
    if device.is_empty() || device.len() > MAX_DEVICE_ID {
        return Err(ApiError::invalid_input(
            "device_id",
            format!("device_id must be 1 to {MAX_DEVICE_ID} characters"),
        ));
    }
    for (i, change) in upload.changes.iter().enumerate() {
        if change.id.is_empty() {
            return Err(ApiError::invalid_input(
                format!("changes[{i}].id"),
                "a change names its row's id",
            ));
        }
        if i64::try_from(change.op_id).is_err() {
            return Err(ApiError::invalid_input(
                format!("changes[{i}].op_id"),
                "op_id is at most 2^63 - 1",
            ));
        }
    }
    let mut object = pool.get().await?;
    let client: &mut tokio_postgres::Client = &mut object;
    let tx = client.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])
        .await?;
    bind_device(&tx, device, &user.user_id).await?;
    let viewer = Viewer::load(&tx, user).await?;

    let op_ids: Vec<i64> = upload.changes.iter().map(|c| c.op_id as i64).collect();
    let mut settled: HashMap<i64, Option<String>> = tx
        .query(
            "SELECT op_id, reason FROM applied_ops WHERE device_id = $1 AND op_id = ANY($2)",
            &[&device, &op_ids],
        )
        .await?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();

    let mut changes: Vec<&Change> = upload.changes.iter().collect();
    changes.sort_by_key(|c| c.op_id);
    let unsettled: Vec<&Change> = changes
        .iter()
        .filter(|c| !settled.contains_key(&(c.op_id as i64)))
        .copied()
        .collect();
    let mut cache = RowCache::prefetch(&tx, &unsettled).await?;
    // Each change with its reason if refused, and whether this upload settled it.
    let mut outcomes: Vec<(&Change, Option<String>, bool)> = Vec::new();
    // The customers whose own row or contacts this upload changed: their keys are settled
    // once every change is in (a visit later in the upload counts for the rule).
    let mut touched: Vec<String> = Vec::new();
    for change in changes {
        let op = change.op_id as i64;
        match settled.get(&op) {
            Some(reason) => outcomes.push((change, reason.clone(), false)),
            None => {
                let by = Writer {
                    user: &viewer.user.user_id,
                    device: Some(device),
                };
                let outcome = apply_change(&tx, &mut cache, &viewer, change, by, now).await?;
                let reason = outcome.err();
                if reason.is_none() && moves_keys(change) && !touched.contains(&change.id) {
                    touched.push(change.id.clone());
                }
                settled.insert(op, reason.clone());
                outcomes.push((change, reason, true));
            }
        }
    }
    let by = Writer {
        user: &viewer.user.user_id,
        device: Some(device),
    };
    let aside = contact_keys::settle(&tx, &touched, by).await?;
    let mut newly = Settled::default();
    let mut rejected = Vec::new();
    for (change, mut reason, new) in outcomes {
        if new && reason.is_none() && owns_keys(change.entity) {
            if let Some(why) = aside.get(&change.id) {
                reason = Some(why.clone());
            }
        }
        if new {
            newly.push(change, &reason);
        }
        if let Some(reason) = reason {
            let current = visible_row(&tx, &viewer, change.entity, &change.id).await?;
            rejected.push(Rejection {
                op_id: change.op_id,
                entity: change.entity,
                id: change.id.clone(),
                current: if reason == "deleted" { None } else { current },
                reason,
            });
        }
    }
    newly.record(&tx, device).await?;
    tx.commit().await?;
    Ok(UploadResult {
        acknowledged_through: upload.changes.iter().map(|c| c.op_id).max().unwrap_or(0),
        rejected,
    })
}

/// The operations an upload settled, recorded in `applied_ops` together once their
/// outcomes are final (one statement, not one a change).
#[derive(Debug, Default)]
struct Settled<'a> {
    op_ids: Vec<i64>,
    entities: Vec<&'static str>,
    ids: Vec<&'a str>,
    reasons: Vec<Option<String>>,
}

impl<'a> Settled<'a> {
    /// Adds `change`, refused for `reason` or accepted.
    fn push(&mut self, change: &'a Change, reason: &Option<String>) {
        self.op_ids.push(change.op_id as i64);
        self.entities.push(change.entity.table());
        self.ids.push(&change.id);
        self.reasons.push(reason.clone());
    }

    /// Records them for `device`.
    async fn record(
        &self,
        client: &impl GenericClient,
        device: &str,
    ) -> Result<(), tokio_postgres::Error> {
        if self.op_ids.is_empty() {
            return Ok(());
        }
        client
            .execute_typed(
                "INSERT INTO applied_ops (device_id, op_id, entity, id, reason)
                 SELECT $1, o.op_id, o.entity, o.id, o.reason
                 FROM unnest($2::int8[], $3::text[], $4::text[], $5::text[])
                    AS o(op_id, entity, id, reason)",
                &[
                    (&device, Type::TEXT),
                    (&self.op_ids, Type::INT8_ARRAY),
                    (&self.entities, Type::TEXT_ARRAY),
                    (&self.ids, Type::TEXT_ARRAY),
                    (&self.reasons, Type::TEXT_ARRAY),
                ],
            )
            .await?;
        Ok(())
    }
}

/// Whether a change of `entity` can change which keys its customer holds (the customer's
/// own row, for a delete; its contacts).
fn owns_keys(entity: SyncEntity) -> bool {
    matches!(entity, SyncEntity::Customers | SyncEntity::Contacts)
}

/// Whether an accepted change can change which keys its customer holds or who wins them:
/// its contacts, or its own row deleted, created (a creation carries every field), moved
/// to another owner or given another registration time (the rule compares them). An edit
/// of a customer's other fields (notes, the pipeline) leaves the keys as they were, so the
/// settlement is not run for it.
fn moves_keys(change: &Change) -> bool {
    match change.entity {
        SyncEntity::Contacts => true,
        SyncEntity::Customers => {
            change.op == ChangeOp::Delete
                || change.fields.contains_key("owner")
                || change.fields.contains_key("created_at")
        }
        _ => false,
    }
}

/// Binds a device id to the user on its first upload; refuses another user's device id.
async fn bind_device(
    client: &impl GenericClient,
    device: &str,
    user_id: &str,
) -> Result<(), ApiError> {
    client
        .execute(
            "INSERT INTO devices (device_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            &[&device, &user_id],
        )
        .await?;
    let owner: String = client
        .query_one(
            "SELECT user_id FROM devices WHERE device_id = $1",
            &[&device],
        )
        .await?
        .get(0);
    if owner != user_id {
        return Err(ApiError::forbidden(
            "this device id belongs to another user's device",
        ));
    }
    Ok(())
}

/// The row as the server holds it, if the user may see it (a pool customer's contacts
/// masked for a consultant); `None` for a tombstone or a row of a deleted customer.
pub async fn visible_row(
    client: &impl GenericClient,
    viewer: &Viewer,
    entity: SyncEntity,
    id: &str,
) -> Result<Option<ServerRow>, tokio_postgres::Error> {
    let Some(row) = rows::load(client, entity, id).await? else {
        return Ok(None);
    };
    if row.deleted {
        return Ok(None);
    }
    let customer = if entity == SyncEntity::Customers {
        Some(row.clone())
    } else {
        rows::load(client, SyncEntity::Customers, &row.customer_id).await?
    };
    let Some(customer) = customer.filter(|c| !c.deleted) else {
        return Ok(None);
    };
    if !viewer.sees(entity, customer.owner.as_deref()) {
        return Ok(None);
    }
    let mut server_row = row.to_server_row();
    if viewer.level(customer.owner.as_deref()) == Level::Masked {
        super::download::mask(&mut server_row);
    }
    Ok(Some(server_row))
}

/// Applies one change: `Ok(Err(reason))` when it is refused (nothing written for it).
async fn apply_change(
    tx: &impl GenericClient,
    cache: &mut RowCache,
    viewer: &Viewer,
    change: &Change,
    by: Writer<'_>,
    now: DateTime<Utc>,
) -> Result<Result<(), Refusal>, ApiError> {
    let stored = cache.load(tx, change.entity, &change.id).await?;
    if let Err(refusal) = super::team::check(tx, &viewer.user, change, stored.as_ref()).await? {
        return Ok(Err(refusal));
    }
    match (change.entity.shape(), change.op, stored) {
        (EntityShape::AppendOnly, ChangeOp::Delete, _) => Ok(Err(
            "invalid: append-only records are never deleted by a sync".into(),
        )),
        (EntityShape::AppendOnly, ChangeOp::Put, Some(_)) => Ok(Ok(())),
        (_, ChangeOp::Put, None) => insert(tx, cache, viewer, change, by, now).await,
        (_, ChangeOp::Put, Some(row)) if row.deleted => Ok(Err("deleted".into())),
        (_, ChangeOp::Put, Some(row)) => update(tx, cache, viewer, change, row, by, now).await,
        (_, ChangeOp::Delete, None) => Ok(Ok(())),
        (_, ChangeOp::Delete, Some(row)) if row.deleted => Ok(Ok(())),
        (shape, ChangeOp::Delete, Some(row)) => {
            let customer = match writable_customer(tx, cache, viewer, &row.customer_id).await? {
                Ok(Some(customer)) => customer,
                // The customer is gone: so is the row, on every device.
                Ok(None) => return Ok(Ok(())),
                Err(refusal) => return Ok(Err(refusal)),
            };
            if shape == EntityShape::List {
                let empty = Map::from_iter([("items".to_string(), Value::Array(vec![]))]);
                cache
                    .write(tx, row.entity, &row.id, &row.customer_id, &empty, false, by)
                    .await?;
            } else {
                cache
                    .write(tx, row.entity, &row.id, &customer.id, &row.fields, true, by)
                    .await?;
                cascade_delete(tx, &row, by).await?;
                if row.entity == SyncEntity::Customers {
                    // A book deletes a customer only by erasing them.
                    super::erase::erase_customer(tx, &row.id).await?;
                }
                // Both write rows the cache does not see.
                cache.forget();
            }
            Ok(Ok(()))
        }
    }
}

/// A list's fields are `{"items": [...]}` and nothing else.
fn check_list(change: &Change) -> Result<(), Refusal> {
    if change.entity.shape() != EntityShape::List {
        return Ok(());
    }
    match (change.fields.get("items"), change.fields.len()) {
        (Some(Value::Array(_)), 1) => Ok(()),
        _ => Err(format!(
            "invalid: a {} change's fields are {{\"items\": [...]}}",
            change.entity.table()
        )),
    }
}

/// A row the server does not have yet.
async fn insert(
    tx: &impl GenericClient,
    cache: &mut RowCache,
    viewer: &Viewer,
    change: &Change,
    by: Writer<'_>,
    now: DateTime<Utc>,
) -> Result<Result<(), Refusal>, ApiError> {
    if let Err(refusal) = check_list(change) {
        return Ok(Err(refusal));
    }
    if change.entity == SyncEntity::Customers {
        let mut fields = change.fields.clone();
        match new_customer_owner(tx, viewer, &fields).await? {
            Ok(owner) => {
                if let Some(owner) = &owner {
                    events::hold_new(tx, &change.id, owner, now).await?;
                }
                fields.insert(
                    "owner".into(),
                    owner.map(Value::String).unwrap_or(Value::Null),
                );
            }
            Err(refusal) => return Ok(Err(refusal)),
        }
        cache
            .write(
                tx,
                SyncEntity::Customers,
                &change.id,
                &change.id,
                &fields,
                false,
                by,
            )
            .await?;
        return Ok(Ok(()));
    }
    let customer_id = match anchor(change.entity, &change.id, &change.fields) {
        Err(refusal) => return Ok(Err(refusal)),
        Ok(Anchor::Customer(id)) => id,
        Ok(Anchor::Parent(entity, id)) => match cache.load(tx, entity, &id).await? {
            None => {
                return Ok(Err(format!(
                    "unknown: {} {id} is not on the server",
                    entity.table()
                )))
            }
            Some(parent) if parent.deleted => return Ok(Err("deleted".into())),
            Some(parent) => parent.customer_id,
        },
    };
    match writable_customer(tx, cache, viewer, &customer_id).await? {
        Err(refusal) => Ok(Err(refusal)),
        Ok(None) => Ok(Err(format!(
            "unknown: customer {customer_id} is not on the server"
        ))),
        Ok(Some(_)) => {
            cache
                .write(
                    tx,
                    change.entity,
                    &change.id,
                    &customer_id,
                    &change.fields,
                    false,
                    by,
                )
                .await?;
            Ok(Ok(()))
        }
    }
}

/// A change to a row the server has (not deleted).
async fn update(
    tx: &impl GenericClient,
    cache: &mut RowCache,
    viewer: &Viewer,
    change: &Change,
    row: StoredRow,
    by: Writer<'_>,
    now: DateTime<Utc>,
) -> Result<Result<(), Refusal>, ApiError> {
    if let Err(refusal) = check_list(change) {
        return Ok(Err(refusal));
    }
    if change.entity == SyncEntity::Customers {
        return update_customer(tx, cache, viewer, change, row, by, now).await;
    }
    match writable_customer(tx, cache, viewer, &row.customer_id).await? {
        Err(refusal) => return Ok(Err(refusal)),
        Ok(None) => return Ok(Err("deleted".into())),
        Ok(Some(_)) => {}
    }
    let mut customer_id = row.customer_id.clone();
    if movable(change.entity) {
        if let Some(Value::String(to)) = change.fields.get("customer_id") {
            if *to != row.customer_id {
                match writable_customer(tx, cache, viewer, to).await? {
                    Err(refusal) => return Ok(Err(refusal)),
                    Ok(None) => {
                        return Ok(Err(format!("unknown: customer {to} is not on the server")))
                    }
                    Ok(Some(_)) => customer_id = to.clone(),
                }
            }
        }
    }
    let fields = match change.entity.shape() {
        EntityShape::List => change.fields.clone(),
        _ => merged(&row.fields, &change.fields),
    };
    cache
        .write(
            tx,
            change.entity,
            &change.id,
            &customer_id,
            &fields,
            false,
            by,
        )
        .await?;
    if customer_id != row.customer_id {
        move_dependants(tx, change.entity, &change.id, &customer_id).await?;
        cache.forget();
    }
    Ok(Ok(()))
}

/// The stored fields with the change's laid over them, field by field.
fn merged(stored: &Map<String, Value>, change: &Map<String, Value>) -> Map<String, Value> {
    let mut fields = stored.clone();
    for (name, value) in change {
        fields.insert(name.clone(), value.clone());
    }
    fields
}

/// A change to a customer's own row: a merge, and a reassignment when `owner` changes.
async fn update_customer(
    tx: &impl GenericClient,
    cache: &mut RowCache,
    viewer: &Viewer,
    change: &Change,
    row: StoredRow,
    by: Writer<'_>,
    now: DateTime<Utc>,
) -> Result<Result<(), Refusal>, ApiError> {
    let old = row.owner.clone();
    let new = match change.fields.get("owner") {
        None => old.clone(),
        Some(Value::Null) => None,
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        Some(_) => return Ok(Err("invalid: owner is a user id or null".into())),
    };
    if new != old {
        let kind =
            match may_reassign(tx, viewer, &row.id, old.as_deref(), new.as_deref(), now).await? {
                Ok(kind) => kind,
                Err(refusal) => return Ok(Err(refusal)),
            };
        let change = OwnerChange {
            customer_id: &row.id,
            from: old.as_deref(),
            to: new.as_deref(),
        };
        events::record(tx, kind, &[change], Some(by.user), now).await?;
    } else if let Err(refusal) = may_write(viewer, old.as_deref()) {
        return Ok(Err(refusal));
    }
    let fields = merged(&row.fields, &change.fields);
    if new != old {
        tx.execute(
            "INSERT INTO scope_changes (version, customer_id, old_owner, new_owner)
             VALUES (nextval('change_version'), $1, $2, $3)",
            &[&row.id, &old, &new],
        )
        .await?;
    }
    cache
        .write(
            tx,
            SyncEntity::Customers,
            &row.id,
            &row.id,
            &fields,
            false,
            by,
        )
        .await?;
    if new != old {
        rows::restamp_customer(tx, &row.id).await?;
        cache.forget();
    }
    Ok(Ok(()))
}

/// Whether the user may write a customer owned by `owner`.
fn may_write(viewer: &Viewer, owner: Option<&str>) -> Result<(), Refusal> {
    match viewer.level(owner) {
        Level::Full => Ok(()),
        Level::Masked => Err("forbidden: a pool customer is claimed before it is changed".into()),
        Level::None => Err("forbidden: the customer belongs to another consultant".into()),
    }
}

/// Whether the user may move customer `id` from `old` to `new` owner at `now`, and what
/// the move is. A consultant claims a pool customer for themselves (under the team's pool
/// rules; a customer someone else holds is refused naming them) and releases their own to
/// the pool; a manager moves customers between their team's members and the pool; an admin
/// anywhere.
async fn may_reassign(
    tx: &impl GenericClient,
    viewer: &Viewer,
    id: &str,
    old: Option<&str>,
    new: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Result<EventKind, Refusal>, ApiError> {
    let me = viewer.user.user_id.as_str();
    Ok(match viewer.user.role {
        Role::Consultant if new == Some(me) => {
            match claim_refusal(tx, viewer, id, old, now).await? {
                None => Ok(EventKind::Claim),
                Some(refusal) => Err(format!("forbidden: {refusal}")),
            }
        }
        Role::Consultant if old == Some(me) && new.is_none() => Ok(EventKind::Release),
        Role::Consultant => {
            Err("forbidden: only a manager or an admin reassigns a customer".into())
        }
        Role::Manager if viewer.level(old) == Level::Full && viewer.level(new) == Level::Full => {
            Ok(EventKind::of(old, new))
        }
        Role::Manager => Err(
            "forbidden: a manager reassigns customers between their team's members and the pool"
                .into(),
        ),
        Role::Admin => known_owner(tx, new)
            .await?
            .map(|()| EventKind::of(old, new)),
    })
}

/// The owner a new customer gets, or why it is refused.
async fn new_customer_owner(
    tx: &impl GenericClient,
    viewer: &Viewer,
    fields: &Map<String, Value>,
) -> Result<Result<Option<String>, Refusal>, ApiError> {
    let asked = match fields.get("owner") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        Some(_) => return Ok(Err("invalid: owner is a user id or null".into())),
    };
    let me = &viewer.user.user_id;
    Ok(match (viewer.user.role, asked) {
        (Role::Consultant, None) => Ok(Some(me.clone())),
        (Role::Consultant, Some(o)) if o == *me => Ok(Some(o)),
        (Role::Consultant, Some(_)) => {
            Err("forbidden: a consultant creates customers they own".into())
        }
        (Role::Manager, asked) if viewer.level(asked.as_deref()) == Level::Full => Ok(asked),
        (Role::Manager, _) => {
            Err("forbidden: a manager gives customers to their team's members or the pool".into())
        }
        (Role::Admin, asked) => known_owner(tx, asked.as_deref()).await?.map(|()| asked),
    })
}

/// An owner must be a user the server knows (or none: the pool).
async fn known_owner(
    tx: &impl GenericClient,
    owner: Option<&str>,
) -> Result<Result<(), Refusal>, ApiError> {
    let Some(owner) = owner else {
        return Ok(Ok(()));
    };
    let known = tx
        .query_opt("SELECT 1 FROM users WHERE id = $1", &[&owner])
        .await?
        .is_some();
    Ok(if known {
        Ok(())
    } else {
        Err(format!(
            "invalid: owner {owner} is not a user of the server"
        ))
    })
}

/// The customer's row if the user may write its rows; `Ok(None)` when the server does not
/// have the customer; a refusal when it is deleted or out of the user's full scope.
async fn writable_customer(
    tx: &impl GenericClient,
    cache: &mut RowCache,
    viewer: &Viewer,
    customer_id: &str,
) -> Result<Result<Option<StoredRow>, Refusal>, ApiError> {
    Ok(
        match cache.load(tx, SyncEntity::Customers, customer_id).await? {
            None => Ok(None),
            // Rows of a record set aside as a duplicate claim go with the claim.
            Some(c) if c.deleted && open_claim(tx, &c.id).await? => {
                may_write(viewer, c.owner.as_deref()).map(|()| Some(c))
            }
            Some(c) if c.deleted => Err("deleted".into()),
            Some(c) => may_write(viewer, c.owner.as_deref()).map(|()| Some(c)),
        },
    )
}

/// Whether the customer is a record set aside in an open duplicate claim.
async fn open_claim(tx: &impl GenericClient, customer_id: &str) -> Result<bool, ApiError> {
    Ok(tx
        .query_opt(
            "SELECT 1 FROM duplicate_claims WHERE customer_id = $1 AND status = 'open'",
            &[&customer_id],
        )
        .await?
        .is_some())
}

/// What a delete takes with it, as the device's foreign keys do: a follow-up's
/// attachments; a car's service marks, insurance ends and odometer readings; an intent's
/// link from its orders (set to null). A customer's rows stay, out of every download.
async fn cascade_delete(
    tx: &impl GenericClient,
    row: &StoredRow,
    by: Writer<'_>,
) -> Result<(), tokio_postgres::Error> {
    let sql = match row.entity {
        SyncEntity::FollowUps => {
            "SELECT r.entity, r.id FROM sync_rows r
             WHERE r.entity = 'follow_up_attachments' AND r.id = $1 AND NOT r.deleted"
        }
        SyncEntity::Cars => {
            "SELECT r.entity, r.id FROM sync_rows r WHERE NOT r.deleted AND (
                (r.entity IN ('car_services', 'insurance_ends') AND r.id = $1)
                OR (r.entity = 'odometer_readings' AND r.fields->>'car_id' = $1))
             ORDER BY r.entity, r.id"
        }
        SyncEntity::VehicleIntents => {
            "SELECT r.entity, r.id FROM sync_rows r
             WHERE r.entity = 'orders' AND r.fields->>'intent_id' = $1 AND NOT r.deleted
             ORDER BY r.id"
        }
        _ => return Ok(()),
    };
    let dependants = tx.query(sql, &[&row.id]).await?;
    for dependant in dependants {
        let entity = SyncEntity::from_table(dependant.get(0));
        let id: String = dependant.get(1);
        let Some(stored) = rows::load(tx, entity.unwrap_or(SyncEntity::Orders), &id).await? else {
            continue;
        };
        if stored.entity == SyncEntity::Orders {
            let mut fields = stored.fields.clone();
            fields.insert("intent_id".into(), Value::Null);
            rows::write(
                tx,
                stored.entity,
                &id,
                &stored.customer_id,
                &fields,
                false,
                by,
            )
            .await?;
        } else {
            rows::write(
                tx,
                stored.entity,
                &id,
                &stored.customer_id,
                &stored.fields,
                true,
                by,
            )
            .await?;
        }
    }
    Ok(())
}

/// A follow-up or car moved to another customer takes its dependants along (new versions,
/// so that devices of the customer kept receive them).
async fn move_dependants(
    tx: &impl GenericClient,
    entity: SyncEntity,
    id: &str,
    customer_id: &str,
) -> Result<(), tokio_postgres::Error> {
    let filter = match entity {
        SyncEntity::FollowUps => "entity = 'follow_up_attachments' AND id = $1",
        SyncEntity::Cars => {
            "(entity IN ('car_services', 'insurance_ends') AND id = $1)
             OR (entity = 'odometer_readings' AND fields->>'car_id' = $1)"
        }
        _ => return Ok(()),
    };
    let sql = format!(
        "UPDATE sync_rows r SET customer_id = $2, version = s.v FROM (
            SELECT entity, id, nextval('change_version') AS v FROM (
                SELECT entity, id FROM sync_rows WHERE {filter} ORDER BY entity, id
            ) o
         ) s WHERE r.entity = s.entity AND r.id = s.id"
    );
    tx.execute(&sql, &[&id, &customer_id]).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_merge_keeps_the_fields_it_does_not_name() {
        let stored = json!({"name": "王芳", "notes": "old", "importance": 1});
        let change = json!({"notes": "new", "city": "上海"});
        let out = merged(stored.as_object().unwrap(), change.as_object().unwrap());
        assert_eq!(
            Value::Object(out),
            json!({"name": "王芳", "notes": "new", "importance": 1, "city": "上海"})
        );
    }
}
