//! Stable text codes for the domain's plain enums, used by storage, JSON and the CLI.

/// An enum whose every variant has a stable text code (the same as its serde name).
pub trait Code: Sized + Copy + 'static {
    /// Every variant, in display order.
    const ALL: &'static [Self];

    /// The variant's code.
    fn code(self) -> &'static str;

    /// The variant whose code is `code`.
    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.code() == code)
    }
}

/// Implements [`Code`] for an enum from a `Variant => "code"` list.
macro_rules! codes {
    ($t:ty { $($v:ident => $s:literal),+ $(,)? }) => {
        impl $crate::Code for $t {
            const ALL: &'static [Self] = &[$(<$t>::$v),+];
            fn code(self) -> &'static str {
                match self { $(<$t>::$v => $s),+ }
            }
        }
    };
}
pub(crate) use codes;

/// Checks that every variant's code is its serde name and reads back through
/// [`Code::from_code`]: the unit tests of each feature's enums call it.
#[cfg(test)]
pub(crate) fn assert_codes_are_serde_names<T: Code + serde::Serialize + std::fmt::Debug>() {
    for v in T::ALL {
        assert_eq!(
            serde_json::to_value(v).unwrap(),
            serde_json::json!(v.code()),
            "{v:?}"
        );
        assert_eq!(T::from_code(v.code()).map(Code::code), Some(v.code()));
    }
}

#[cfg(test)]
mod tests {
    use super::assert_codes_are_serde_names;
    use crate::{AgeBand, ContactKind, Gender, Importance};

    #[test]
    fn every_code_is_the_serde_name() {
        assert_codes_are_serde_names::<Gender>();
        assert_codes_are_serde_names::<AgeBand>();
        assert_codes_are_serde_names::<Importance>();
        assert_codes_are_serde_names::<ContactKind>();
    }
}
