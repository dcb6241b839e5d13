//! The public pool (公海) on the server: each team's rules (`rules`), who got which customer
//! when and every claim, release, assignment and transfer (`events`), owner changes in bulk
//! (`reassign`), the claim check uploads run (`claim`), the release job (`release`), a
//! manager's transfer (`transfer`) and what a device is told of its user's standing
//! (`standing`). The rules themselves are `crm_core::pool`'s, shared with the devices.

pub mod claim;
pub mod events;
pub mod reassign;
pub mod release;
pub mod rules;
pub mod standing;
pub mod transfer;
