//! Identifiers of vehicle intents, orders, visits and catalogue models.

use crate::record_ids::record_id;

record_id!(
    /// A vehicle intent's id (UUIDv7 string from the store).
    IntentId
);

record_id!(
    /// An order's id (UUIDv7 string from the store).
    OrderId
);

record_id!(
    /// A store visit's or test drive's id (UUIDv7 string from the store).
    VisitId
);

record_id!(
    /// A catalogue model's code, chosen by the dealership when it loads its catalogue
    /// (`VW-TIGUANL-2025-330`); intents and orders point at it.
    CatalogueModelId
);
