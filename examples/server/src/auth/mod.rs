//! Users, roles and device tokens.

pub mod token;
pub mod user;

pub use token::{hash_token, new_token};
pub use user::{add_user, authenticate, NewUser, Role, User};
