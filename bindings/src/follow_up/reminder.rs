//! Reminders: what the app schedules as notifications (Android WorkManager / AlarmManager,
//! iOS UNUserNotificationCenter), and what changed since it last synced its schedule. The
//! library sends nothing itself.

use crate::convert::same_variants;
use crate::custom::{SyncToken, Timestamp};
use crate::error::CrmError;
use crate::follow_up::plan::PlanTime;
use crate::follow_up::record::FollowUpMethod;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::store::CrmStore;
use crm_core::{CustomerId, PlanId, ReminderId};
use crm_store::StoreError;

/// How a reminder reaches the consultant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ReminderChannel {
    /// A notification in the app (系统消息).
    InApp,
    /// An e-mail.
    Email,
    /// Another way the app offers (SMS, enterprise WeChat …).
    Other,
}

same_variants!(ReminderChannel <=> crm_core::ReminderChannel { InApp, Email, Other });

/// One reminder to schedule.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Reminder {
    /// Stable id (`<plan id>@<version>`): scheduling the same id twice is harmless; a
    /// rescheduled plan's reminder has a new id.
    pub id: ReminderId,
    /// The plan it is for.
    pub plan_id: PlanId,
    /// The customer to follow up.
    pub customer_id: CustomerId,
    /// When to fire: the lead time before a timed plan, or `ReminderConfig.date_only_at`
    /// local time on a date-only plan's day.
    pub fire_at: Timestamp,
    /// When the plan is due.
    pub due: PlanTime,
    /// How the plan means to follow up, for the notification's text.
    pub method: FollowUpMethod,
    /// The plan's purpose, for the notification's text.
    pub purpose: String,
    /// How to deliver it.
    pub channel: ReminderChannel,
}

impl From<crm_core::Reminder> for Reminder {
    fn from(r: crm_core::Reminder) -> Self {
        Reminder {
            id: r.id,
            plan_id: r.plan_id,
            customer_id: r.customer_id,
            fire_at: r.fire_at,
            due: r.due.into(),
            method: r.method.into(),
            purpose: r.purpose,
            channel: r.channel.into(),
        }
    }
}

/// What changed in the reminders since a sync token.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReminderChanges {
    /// Reminders that exist now and did not at the token: schedule them (their times come
    /// from `reminders`).
    pub added: Vec<ReminderId>,
    /// Reminders that existed at the token and no longer do: cancel them.
    pub cancelled: Vec<ReminderId>,
    /// `true` when every reminder's time may have moved (first sync, an unknown token, the
    /// time zone or reminder settings changed): cancel everything scheduled and fetch the
    /// window again with `reminders`. `added` and `cancelled` are then empty.
    pub full_refresh: bool,
    /// Pass it to the next call.
    pub token: SyncToken,
}

impl From<crm_store::ReminderChanges> for ReminderChanges {
    fn from(c: crm_store::ReminderChanges) -> Self {
        ReminderChanges {
            added: c.added,
            cancelled: c.cancelled,
            full_refresh: c.full_refresh,
            token: SyncToken(c.token),
        }
    }
}

#[uniffi::export]
impl CrmStore {
    /// The reminders that fire in `[from, to)`, by fire time: one per pending plan of an
    /// active customer. Ask for the next window (say 24 hours), schedule what comes back,
    /// and cancel ids scheduled before that no longer come. With `owner`, only the
    /// reminders of that consultant's customers (what the app on their phone schedules);
    /// without, the whole store's.
    #[uniffi::method(default(owner = None))]
    pub async fn reminders(
        &self,
        from: Timestamp,
        to: Timestamp,
        owner: Option<String>,
    ) -> Result<Vec<Reminder>, CrmError> {
        self.read(move |store| {
            let list = store.reminders(from, to, owner.as_deref())?;
            Ok(list.into_iter().map(Into::into).collect())
        })
        .await
    }

    /// The reminder ids added and cancelled since `token` (the previous call's; absent the
    /// first time, which asks for a full refresh). A token from another database (a
    /// restored backup) also asks for a full refresh.
    ///
    /// Fails with `InvalidInput` on `token` when it is not a token this store hands out.
    #[uniffi::method(default(token = None))]
    pub async fn reminder_changes_since(
        &self,
        token: Option<SyncToken>,
    ) -> Result<ReminderChanges, CrmError> {
        self.write_touching(
            Touched::kinds(&[DataKind::FollowUps]),
            move |store| match store.reminder_changes_since(token.as_ref().map(|t| t.0.as_str())) {
                Ok(changes) => Ok(changes.into()),
                Err(StoreError::InvalidCursor) => Err(CrmError::invalid(
                    "token",
                    "is not a sync token this store handed out",
                )),
                Err(e) => Err(e.into()),
            },
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crm_core::ReminderId;

    #[test]
    fn changes_carry_their_token() {
        let changes = ReminderChanges::from(crm_store::ReminderChanges {
            added: vec![ReminderId("p1@2".into())],
            cancelled: vec![ReminderId("p1@1".into())],
            full_refresh: false,
            token: "17".into(),
        });
        assert_eq!(changes.token, SyncToken("17".into()));
        assert_eq!(changes.added, vec![ReminderId("p1@2".into())]);
    }
}
