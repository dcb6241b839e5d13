//! The server's answers, taken in as JSON: downloads ([`DownloadSummary`]), the answer to
//! an upload, the changes it refused ([`SyncRejection`]), and the user it names
//! ([`SyncUser`]).

use crate::custom::Timestamp;
use crate::error::CrmError;
use crate::number::{Signed, Unsigned};
use crate::store::CrmStore;
use serde::de::DeserializeOwned;

/// What applying a download did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct DownloadSummary {
    /// Rows written as the server holds them.
    pub applied: i64,
    /// Rows of which some or all fields kept this device's values: changes not yet
    /// acknowledged by the server (its answer brings them).
    pub kept_local: i64,
    /// Customers that left this user's scope, deleted with all of their data.
    pub evicted: i64,
    /// Where the book's downloads stand now: send it with the next download request.
    pub checkpoint: i64,
}

impl From<crm_store::DownloadSummary> for DownloadSummary {
    fn from(s: crm_store::DownloadSummary) -> Self {
        DownloadSummary {
            applied: s.applied.signed(),
            kept_local: s.kept_local.signed(),
            evicted: s.evicted.signed(),
            checkpoint: s.checkpoint.0.signed(),
        }
    }
}

/// A change of this device the server refused (it was undone), or accepted and then
/// replaced by another device's concurrent change of the same fields: show `reason` to the
/// user, then dismiss it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SyncRejection {
    /// The refused operation.
    pub op_id: i64,
    /// The kind of record, by its wire name (`customers`, `follow_ups` ...).
    pub entity: String,
    /// The record's id (a list's: its owner's id).
    pub id: String,
    /// Why, in the server's words.
    pub reason: String,
    /// When the device learnt of it.
    pub at: Timestamp,
    /// Refused, or overwritten by another device's change.
    pub kind: RejectionKind,
}

/// What a [`SyncRejection`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum RejectionKind {
    /// The server refused the change; the device undid it.
    Refused,
    /// The server accepted the change, then kept another device's concurrent change of
    /// the same fields instead (the last accepted write wins).
    Overwritten,
    /// A record of this device that had synced, set aside later by the server as a
    /// duplicate claim: it left the book; the reason names who keeps the customer.
    SetAside,
}

impl From<crm_store::SyncRejection> for SyncRejection {
    fn from(r: crm_store::SyncRejection) -> Self {
        SyncRejection {
            op_id: r.op_id.signed(),
            entity: r.entity.table().to_string(),
            id: r.id,
            reason: r.reason,
            at: r.at,
            kind: match r.kind {
                crm_store::RejectionKind::Refused => RejectionKind::Refused,
                crm_store::RejectionKind::Overwritten => RejectionKind::Overwritten,
                crm_store::RejectionKind::SetAside => RejectionKind::SetAside,
            },
        }
    }
}

/// What a user may see and do on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum UserRole {
    /// A sales consultant (销售顾问): their own customers.
    Consultant,
    /// A manager (销售经理): their team's customers.
    Manager,
    /// An administrator: every customer.
    Admin,
}

impl From<crm_core::sync::UserRole> for UserRole {
    fn from(r: crm_core::sync::UserRole) -> Self {
        match r {
            crm_core::sync::UserRole::Consultant => UserRole::Consultant,
            crm_core::sync::UserRole::Manager => UserRole::Manager,
            crm_core::sync::UserRole::Admin => UserRole::Admin,
        }
    }
}

impl From<UserRole> for crm_core::sync::UserRole {
    fn from(r: UserRole) -> Self {
        match r {
            UserRole::Consultant => crm_core::sync::UserRole::Consultant,
            UserRole::Manager => crm_core::sync::UserRole::Manager,
            UserRole::Admin => crm_core::sync::UserRole::Admin,
        }
    }
}

/// The user this book syncs as, as the server names them.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SyncUser {
    /// Their id on the server (`c01`): the owner of new customers entered without one.
    pub id: String,
    /// Their name.
    pub name: String,
    /// Their role.
    pub role: UserRole,
    /// Their team, if any.
    pub team: Option<String>,
}

impl From<crm_core::sync::SyncUser> for SyncUser {
    fn from(u: crm_core::sync::SyncUser) -> Self {
        SyncUser {
            id: u.id,
            name: u.name,
            role: u.role.into(),
            team: u.team,
        }
    }
}

/// `json` read as a `T`. A malformed payload is `InvalidInput` naming where it went wrong
/// (`rows[3].entity`, `checkpoint` when it is missing, `json` for text that is not JSON);
/// the reason never quotes the payload (it may hold personal data).
fn parse<T: DeserializeOwned>(json: &str) -> Result<T, CrmError> {
    let mut de = serde_json::Deserializer::from_str(json);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        // `?` stands for a key not yet read (the text ended or broke inside an object).
        let mut path = e.path().to_string();
        while let Some(parent) = path.strip_suffix(".?") {
            path = parent.to_string();
        }
        if path == "?" {
            path = ".".into();
        }
        let inner = e.into_inner();
        let message = inner.to_string();
        // "missing field `checkpoint`": the field is the missing one, inside the path.
        if let Some(field) = message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split('`').next())
        {
            path = if path == "." {
                field.to_string()
            } else {
                format!("{path}.{field}")
            };
        }
        let reason = match inner.classify() {
            serde_json::error::Category::Syntax => "is not well-formed JSON",
            serde_json::error::Category::Eof => "ends before the JSON is complete",
            serde_json::error::Category::Data if message.starts_with("missing field") => {
                "is required"
            }
            _ => "does not have the expected type or value",
        };
        let field = if path == "." {
            "json".to_string()
        } else {
            path
        };
        CrmError::invalid(field, reason)
    })
}

#[uniffi::export]
impl CrmStore {
    /// Applies one batch of a download, given as the server's JSON
    /// (`{"rows": [...], "evicted": [...], "checkpoint": N, "has_more": bool}`), in one
    /// transaction: customers that left this user's scope deleted with all of their data,
    /// the rows written (fields this device changed and the server has not acknowledged
    /// keep their local values), the checkpoint stored. Applying a batch twice changes
    /// nothing; a batch older than the book's checkpoint is ignored. Ask again from the
    /// returned checkpoint while the payload said `has_more`.
    ///
    /// Fails with `InvalidInput` naming the field for malformed JSON (`rows[3].entity`) or
    /// a row the book cannot take (`rows[3].fields.name` for an unknown column,
    /// `rows[3].fields.customer_id` for a record whose customer is not on the device);
    /// nothing is written then.
    pub async fn apply_download(&self, json: String) -> Result<DownloadSummary, CrmError> {
        self.sync_call(move |store| {
            let download: crm_core::sync::Download = parse(&json)?;
            Ok(store.apply_download(&download)?.into())
        })
        .await
    }

    /// Takes in the server's answer to an upload, given as its JSON
    /// (`{"acknowledged_through": N, "rejected": [...]}`), in one transaction: the settled
    /// changes leave the upload queue; each refused one is undone (the server's row put
    /// back, or the local row removed) and kept for `sync_rejections`. Fails with
    /// `InvalidInput` naming the field for malformed JSON or a bad row
    /// (`rejected[0].current.fields.name`); nothing is written then.
    pub async fn acknowledge(&self, json: String) -> Result<(), CrmError> {
        self.sync_call(move |store| {
            let result: crm_core::sync::UploadResult = parse(&json)?;
            Ok(store.acknowledge(&result)?)
        })
        .await
    }

    /// The changes the server refused that the app has not dismissed, oldest first.
    pub async fn sync_rejections(&self) -> Result<Vec<SyncRejection>, CrmError> {
        self.read(move |store| {
            Ok(store
                .sync_rejections()?
                .into_iter()
                .map(Into::into)
                .collect())
        })
        .await
    }

    /// Forgets the refused change `op_id` once the user has seen it. Fails with
    /// `NotFound` when no refused change has that id.
    pub async fn dismiss_rejection(&self, op_id: i64) -> Result<(), CrmError> {
        self.sync_call(move |store| Ok(store.dismiss_rejection(op_id.unsigned("op_id")?)?))
            .await
    }

    /// The user this book syncs as, or `None` on a book that never synced.
    pub async fn sync_user(&self) -> Result<Option<SyncUser>, CrmError> {
        self.read(move |store| Ok(store.sync_user()?.map(Into::into)))
            .await
    }

    /// Records the user the server names for this book (after signing in); new customers
    /// entered without an owner become theirs. Fails with `InvalidInput` on `user_id`,
    /// `name` or `team`.
    pub async fn set_sync_user(
        &self,
        user_id: String,
        name: String,
        role: UserRole,
        team: Option<String>,
    ) -> Result<SyncUser, CrmError> {
        self.sync_call(move |store| {
            Ok(store
                .set_sync_user(&user_id, &name, role.into(), team.as_deref())?
                .into())
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(e: CrmError) -> String {
        match e {
            CrmError::InvalidInput { field, .. } => field,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn malformed_json_names_the_field_and_never_quotes_the_payload() {
        let bad_entity = r#"{"rows": [{"version": 1, "entity": "customers", "id": "a",
            "customer_id": "a", "fields": null}, {"version": 1, "entity": "王芳", "id": "b",
            "customer_id": "b", "fields": null}], "checkpoint": 1, "has_more": false}"#;
        let e = parse::<crm_core::sync::Download>(bad_entity).unwrap_err();
        assert!(!e.to_string().contains("王芳"), "{e}");
        assert_eq!(field(e), "rows[1].entity");
        let missing = r#"{"rows": [], "has_more": false}"#;
        assert_eq!(
            field(parse::<crm_core::sync::Download>(missing).unwrap_err()),
            "checkpoint"
        );
        assert_eq!(
            field(parse::<crm_core::sync::Download>("{\"rows\": [").unwrap_err()),
            "rows"
        );
        assert_eq!(
            field(parse::<crm_core::sync::UploadResult>("not json").unwrap_err()),
            "json"
        );
        assert_eq!(
            field(parse::<crm_core::sync::UploadResult>("{").unwrap_err()),
            "json"
        );
        let nested = r#"{"acknowledged_through": 3, "rejected": [{"op_id": 1,
            "entity": "customers", "id": "a"}]}"#;
        assert_eq!(
            field(parse::<crm_core::sync::UploadResult>(nested).unwrap_err()),
            "rejected[0].reason"
        );
    }
}
