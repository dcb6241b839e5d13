//! Who did what (操作记录): the deletions log. (The author and device of each change are on
//! the timeline's records: `TimelineRecord`.)
//!
//! - [`deletions`]: `Deletion`, `DeletionKind`, `DeletedEntity`, `DeletionPage`;
//!   `deletions`.

pub mod deletions;
