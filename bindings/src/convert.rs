//! What the features' conversions between the FFI records and the domain types share: the
//! enum macro, and the `clear` list of patches. Domain → FFI conversions are total;
//! FFI → domain fails only on what the FFI shape allows and the domain types cannot hold (an
//! impossible calendar date, a field both set and cleared).

use crate::error::CrmError;

/// Converts a plain enum both ways, variant by variant (also used by the feature files:
/// `filter`, `query`, `search`, `views`).
macro_rules! same_variants {
    ($ffi:ident <=> $dom:path { $($v:ident),+ $(,)? }) => {
        impl From<$ffi> for $dom {
            fn from(v: $ffi) -> Self {
                match v { $($ffi::$v => <$dom>::$v),+ }
            }
        }
        impl From<$dom> for $ffi {
            fn from(v: $dom) -> Self {
                match v { $(<$dom>::$v => $ffi::$v),+ }
            }
        }
    };
}

pub(crate) use same_variants;

/// An optional field a patch can name in its `clear` list (`CustomerField`, `FollowUpField`).
pub(crate) trait ClearableField: Copy + PartialEq {
    /// The field's name as errors report it.
    fn name(self) -> &'static str;
}

/// A clearable field's patch entry: `Some(Some(v))` to set, `Some(None)` to clear, `None` to
/// leave as is. Setting and clearing it at once is `InvalidInput` naming it.
pub(crate) fn set_or_clear<F: ClearableField, T>(
    field: F,
    value: Option<T>,
    clear: &[F],
) -> Result<Option<Option<T>>, CrmError> {
    match (value, clear.contains(&field)) {
        (Some(_), true) => Err(CrmError::invalid(
            field.name(),
            "cannot be set and cleared in one patch",
        )),
        (Some(v), false) => Ok(Some(Some(v))),
        (None, true) => Ok(Some(None)),
        (None, false) => Ok(None),
    }
}
