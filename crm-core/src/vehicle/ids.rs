//! Identifiers of vehicle intents, orders, visits and catalogue models.

use crate::validation::string_id;

string_id!(
    /// A vehicle intent's id (UUIDv7 string from the store).
    IntentId
);

string_id!(
    /// An order's id (UUIDv7 string from the store).
    OrderId
);

string_id!(
    /// A store visit's or test drive's id (UUIDv7 string from the store).
    VisitId
);

string_id!(
    /// A catalogue model's code, chosen by the dealership when it loads its catalogue
    /// (`VW-TIGUANL-2025-330`); intents and orders point at it.
    CatalogueModelId
);
