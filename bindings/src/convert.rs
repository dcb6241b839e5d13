//! What the features' conversions between the FFI records and the domain types share: the
//! macros for an enum or a record whose twin has the same variants or fields, [`each`] for
//! lists, and the `clear` list of patches. Domain → FFI conversions are total;
//! FFI → domain fails only on what the FFI shape allows and the domain types cannot hold (an
//! impossible calendar date, a field both set and cleared).

use crate::error::CrmError;

/// Converts a plain enum both ways, variant by variant.
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

/// Converts a record both ways to and from its twin whose fields have the same names: each
/// field with `From`, and each field listed after `lists` element by element ([`each`]).
///
/// The `checked` form is for a record that holds numbers (listed after `numbers`) or records
/// that do: domain → FFI stays total (numbers through `number::Signed`), FFI → domain is a
/// `TryFrom` whose `InvalidInput` names the field's path (`maintenance.every_km`,
/// `bands[0].every_months`).
macro_rules! same_fields {
    (checked $ffi:ident <=> $dom:path { $($field:ident),* $(,)? }
        $(numbers { $($num:ident),+ $(,)? })? $(lists { $($list:ident),+ $(,)? })?) => {
        impl From<$dom> for $ffi {
            fn from(v: $dom) -> Self {
                Self {
                    $($field: v.$field.into(),)*
                    $($($num: $crate::number::Signed::signed(v.$num),)+)?
                    $($($list: $crate::convert::each(v.$list),)+)?
                }
            }
        }
        impl TryFrom<$ffi> for $dom {
            type Error = $crate::error::CrmError;
            fn try_from(v: $ffi) -> Result<Self, Self::Error> {
                Ok(Self {
                    $($field: $crate::convert::checked(v.$field, stringify!($field))?,)*
                    $($($num: $crate::number::Unsigned::unsigned(v.$num, stringify!($num))?,)+)?
                    $($($list: $crate::convert::checked_each(v.$list, stringify!($list))?,)+)?
                })
            }
        }
    };
    ($ffi:ident <=> $dom:path { $($field:ident),* $(,)? } $(lists { $($list:ident),+ $(,)? })?) => {
        impl From<$dom> for $ffi {
            fn from(v: $dom) -> Self {
                Self {
                    $($field: v.$field.into(),)*
                    $($($list: $crate::convert::each(v.$list),)+)?
                }
            }
        }
        impl From<$ffi> for $dom {
            fn from(v: $ffi) -> Self {
                Self {
                    $($field: v.$field.into(),)*
                    $($($list: $crate::convert::each(v.$list),)+)?
                }
            }
        }
    };
}

pub(crate) use same_fields;

/// Converts every element of a list.
pub(crate) fn each<A, B: From<A>>(list: Vec<A>) -> Vec<B> {
    list.into_iter().map(B::from).collect()
}

/// Converts a field of a `checked` record (see `same_fields!`): a record that holds numbers
/// fails with its own field's path after `field.`; any other value converts as `From` does.
pub(crate) fn checked<A, B>(value: A, field: &str) -> Result<B, CrmError>
where
    B: TryFrom<A>,
    CrmError: From<B::Error>,
{
    B::try_from(value).map_err(|e| CrmError::from(e).within(field))
}

/// [`checked`] for every element of a list: a failure names `field[i].…`.
pub(crate) fn checked_each<A, B>(list: Vec<A>, field: &str) -> Result<Vec<B>, CrmError>
where
    B: TryFrom<A>,
    CrmError: From<B::Error>,
{
    list.into_iter()
        .enumerate()
        .map(|(i, v)| checked(v, &format!("{field}[{i}]")))
        .collect()
}

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
