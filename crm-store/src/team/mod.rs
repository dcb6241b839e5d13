//! The team's rules on the device: a write the book's user may not make is refused with
//! [`crate::StoreError::Forbidden`] before anything is written (the rules are
//! [`crm_core::team`]'s; the server checks them again).

pub(crate) mod access;
