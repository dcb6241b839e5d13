//! Identifiers of the records that hang off a customer: follow-ups and plans.

use crate::validation::string_id;

string_id!(
    /// A follow-up record's id (UUIDv7 string from the store).
    FollowUpId
);

string_id!(
    /// A follow-up plan's id (UUIDv7 string from the store). With the plan's version it
    /// makes the id of the plan's reminder.
    PlanId
);
