//! Proptest strategies for the domain types (feature `proptest`), one file per feature
//! folder and all re-exported here.
//!
//! Valid values are valid as of any instant after [`REFERENCE_NOW`]; the near-valid ones
//! break exactly one rule and say which field, so harnesses can check the error names it.

pub use crate::care::strategies::*;
pub use crate::customer::strategies::*;
pub use crate::find::strategies::*;
pub use crate::follow_up::strategies::*;
pub use crate::pipeline::strategies::*;
pub use crate::time::strategies::*;
pub use crate::vehicle::strategies::*;
