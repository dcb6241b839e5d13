//! Who did what (操作记录): the author and device every timeline entry and deletion is
//! stamped with, the deletions log, and blanking the values a customer's timeline keeps.
//!
//! - `author.rs`: who is making a change on this book, and on which device.
//! - `deletions.rs`: recording and paging the deletions log (records that left the book).
//! - `team_deletions.rs`: the log sent to the server at sync; the team's, read from it.
//! - `timeline_erasure.rs`: removing the personal data a customer's timeline holds.

pub(crate) mod author;
pub(crate) mod deletions;
#[cfg(feature = "http")]
pub(crate) mod team_deletions;
pub(crate) mod timeline_erasure;
