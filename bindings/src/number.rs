//! Numbers at the FFI: Kotlin and Swift apps use signed integers (`Int`, `Long`; Swift
//! `Int32`, `Int64`), so the records and methods never show an unsigned type. Versions,
//! counts, sizes and sequence numbers cross as `i64` (Kotlin `Long`); small quantities (days,
//! minutes, kilometres, basis points, limits, months) as `i32` (Kotlin `Int`).
//!
//! [`Signed`] turns a domain number into its FFI type (total: domain values are far inside
//! the signed range, and a value beyond it would saturate); [`Unsigned`] turns an FFI number
//! back, failing with `InvalidInput` naming the field for a negative or too large one.

use crate::error::CrmError;

/// A domain number (or an optional one, or a list) as the FFI's signed type.
pub(crate) trait Signed<T> {
    /// The value as `T`; saturates at `T`'s maximum (never reached by domain values).
    fn signed(self) -> T;
}

impl Signed<i32> for u32 {
    fn signed(self) -> i32 {
        i32::try_from(self).unwrap_or(i32::MAX)
    }
}

impl Signed<i64> for u32 {
    fn signed(self) -> i64 {
        i64::from(self)
    }
}

impl Signed<i64> for u64 {
    fn signed(self) -> i64 {
        i64::try_from(self).unwrap_or(i64::MAX)
    }
}

impl Signed<i64> for usize {
    fn signed(self) -> i64 {
        i64::try_from(self).unwrap_or(i64::MAX)
    }
}

impl<A: Signed<B>, B> Signed<Option<B>> for Option<A> {
    fn signed(self) -> Option<B> {
        self.map(Signed::signed)
    }
}

impl<A: Signed<B>, B> Signed<Vec<B>> for Vec<A> {
    fn signed(self) -> Vec<B> {
        self.into_iter().map(Signed::signed).collect()
    }
}

/// An FFI number (or an optional one, or a list) as the domain's unsigned type.
pub(crate) trait Unsigned<T> {
    /// The value as `T`, or `InvalidInput` on `field` when it is negative or too large
    /// (`field[i]` for a list's element).
    fn unsigned(self, field: &str) -> Result<T, CrmError>;
}

/// Implements [`Unsigned`] from each signed FFI type to each unsigned domain type.
macro_rules! unsigned_from {
    ($($ffi:ty => $dom:ty),+ $(,)?) => {$(
        impl Unsigned<$dom> for $ffi {
            fn unsigned(self, field: &str) -> Result<$dom, CrmError> {
                if self < 0 {
                    return Err(CrmError::invalid(field, "must not be negative"));
                }
                <$dom>::try_from(self).map_err(|_| {
                    CrmError::invalid(field, format!("must be at most {}", <$dom>::MAX))
                })
            }
        }
    )+};
}

unsigned_from!(i32 => u32, i64 => u32, i64 => u64, i32 => usize, i64 => usize);

impl<A: Unsigned<B>, B> Unsigned<Option<B>> for Option<A> {
    fn unsigned(self, field: &str) -> Result<Option<B>, CrmError> {
        self.map(|n| n.unsigned(field)).transpose()
    }
}

impl<A: Unsigned<B>, B> Unsigned<Vec<B>> for Vec<A> {
    fn unsigned(self, field: &str) -> Result<Vec<B>, CrmError> {
        self.into_iter()
            .enumerate()
            .map(|(i, n)| n.unsigned(&format!("{field}[{i}]")))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_numbers_cross_unchanged_and_saturate_beyond_the_signed_range() {
        assert_eq!(Signed::<i32>::signed(7u32), 7);
        assert_eq!(Signed::<i32>::signed(u32::MAX), i32::MAX);
        assert_eq!(Signed::<i64>::signed(u32::MAX), i64::from(u32::MAX));
        assert_eq!(Signed::<i64>::signed(u64::MAX), i64::MAX);
        assert_eq!(Signed::<i64>::signed(42usize), 42);
        assert_eq!(Signed::<Option<i32>>::signed(Some(3u32)), Some(3));
        assert_eq!(Signed::<Vec<i32>>::signed(vec![1u32, 2]), vec![1, 2]);
    }

    #[test]
    fn a_negative_or_too_large_number_is_invalid_input_naming_the_field() {
        assert_eq!(Unsigned::<u32>::unsigned(5i32, "limit"), Ok(5));
        assert_eq!(Unsigned::<u64>::unsigned(0i64, "expected_version"), Ok(0));
        assert_eq!(
            Unsigned::<u32>::unsigned(-1i32, "limit"),
            Err(CrmError::invalid("limit", "must not be negative"))
        );
        assert_eq!(
            Unsigned::<u32>::unsigned(i64::from(u32::MAX) + 1, "km"),
            Err(CrmError::invalid("km", "must be at most 4294967295"))
        );
        assert_eq!(
            Unsigned::<Option<u32>>::unsigned(None::<i32>, "limit"),
            Ok(None)
        );
        assert_eq!(
            Unsigned::<Vec<u32>>::unsigned(vec![1i32, -2], "birthday_months"),
            Err(CrmError::invalid(
                "birthday_months[1]",
                "must not be negative"
            ))
        );
    }
}
