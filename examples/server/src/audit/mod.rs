//! What the server keeps of who did what beyond the synced rows: the team's deletions log
//! (`deletions`).

pub mod deletions;
