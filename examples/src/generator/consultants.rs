//! The demo dealership's sales consultants (销售顾问), who own the customers.
//!
//! A consultant carries hundreds to about two thousand active customers, so a big book is
//! not one showroom's: a generated book of more than [`CUSTOMERS_PER_SHOWROOM`] customers
//! is a dealer group (经销商集团) of several showrooms, each with twelve consultants loaded
//! like the demo dealership's, the customers spread over the showrooms evenly.

use super::weighted::pick;
use rand::Rng;

/// A sales consultant of the demo dealership: the id stored as a customer's owner, and a
/// display name for reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Consultant {
    /// The id stored in `owner` (`c01` .. `c12`).
    pub id: &'static str,
    /// The consultant's name, for display.
    pub name: &'static str,
}

/// The twelve consultants of the demo dealership.
pub const CONSULTANTS: &[Consultant] = &[
    Consultant {
        id: "c01",
        name: "王建国",
    },
    Consultant {
        id: "c02",
        name: "李娜",
    },
    Consultant {
        id: "c03",
        name: "张伟",
    },
    Consultant {
        id: "c04",
        name: "刘洋",
    },
    Consultant {
        id: "c05",
        name: "陈静",
    },
    Consultant {
        id: "c06",
        name: "杨帆",
    },
    Consultant {
        id: "c07",
        name: "赵磊",
    },
    Consultant {
        id: "c08",
        name: "黄丽",
    },
    Consultant {
        id: "c09",
        name: "周杰",
    },
    Consultant {
        id: "c10",
        name: "吴敏",
    },
    Consultant {
        id: "c11",
        name: "徐鹏",
    },
    Consultant {
        id: "c12",
        name: "孙悦",
    },
];

/// How many customers each consultant gets, relative to the others (senior consultants hold
/// bigger books), by index into [`CONSULTANTS`]; the index past the end stands for
/// unassigned customers (waiting in the public pool, 公海).
const LOADS: &[(usize, u32)] = &[
    (0, 14),
    (1, 12),
    (2, 11),
    (3, 10),
    (4, 9),
    (5, 9),
    (6, 8),
    (7, 8),
    (8, 7),
    (9, 6),
    (10, 5),
    (11, 4),
    (12, 4),
];

/// Customers per showroom of a generated book. With the loads below, a consultant of a
/// full showroom holds from about 560 (a junior) to 1,960 (the most senior) customers, and
/// about 560 wait unassigned.
pub const CUSTOMERS_PER_SHOWROOM: u64 = 15_000;

/// How many showrooms a book of `size` customers has (at least one).
pub fn showrooms(size: u64) -> u64 {
    size.div_ceil(CUSTOMERS_PER_SHOWROOM).max(1)
}

/// The owner id of consultant `index` (into [`CONSULTANTS`]) of showroom `showroom`: the
/// demo dealership's own ids (`c01` .. `c12`) for showroom 0, `s02-c01` .. for the others.
pub fn consultant_id(showroom: u64, index: usize) -> String {
    let consultant = CONSULTANTS.get(index).map_or("c00", |c| c.id);
    match showroom {
        0 => consultant.to_owned(),
        s => format!("s{:02}-{consultant}", s + 1),
    }
}

/// The display name of consultant `id`, when it is one of [`CONSULTANTS`].
pub fn consultant_name(id: &str) -> Option<&'static str> {
    CONSULTANTS.iter().find(|c| c.id == id).map(|c| c.name)
}

/// The owner of a new customer of showroom `showroom`: a consultant's id, or `None`
/// (unassigned).
pub(crate) fn owner<R: Rng + ?Sized>(rng: &mut R, showroom: u64) -> Option<String> {
    let index = *pick(rng, LOADS);
    (index < CONSULTANTS.len()).then(|| consultant_id(showroom, index))
}
