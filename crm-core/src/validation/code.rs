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

#[cfg(test)]
mod tests {
    use super::Code;
    use crate::{AgeBand, ContactKind, Gender, Importance};

    fn codes_match_serde<T: Code + serde::Serialize>() {
        for v in T::ALL {
            assert_eq!(
                serde_json::to_value(v).unwrap(),
                serde_json::json!(v.code())
            );
            assert_eq!(T::from_code(v.code()).map(|x| x.code()), Some(v.code()));
        }
    }

    #[test]
    fn every_code_is_the_serde_name() {
        codes_match_serde::<Gender>();
        codes_match_serde::<AgeBand>();
        codes_match_serde::<Importance>();
        codes_match_serde::<ContactKind>();
    }
}
