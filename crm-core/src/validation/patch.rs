//! What every patch (an edit that names only what changes) does with one field.

/// Sets `field` to `value` when the patch names it (`Some`), leaves it as it is otherwise.
/// For an optional field the patch holds `Option<Option<T>>`, so `Some(None)` clears it.
pub(crate) fn set<T>(field: &mut T, value: Option<T>) {
    if let Some(v) = value {
        *field = v;
    }
}

#[cfg(test)]
mod tests {
    use super::set;

    #[test]
    fn only_a_named_field_changes() {
        let mut kept = Some("old");
        set(&mut kept, None);
        assert_eq!(kept, Some("old"));
        let mut cleared = Some("old");
        set(&mut cleared, Some(None));
        assert_eq!(cleared, None);
        let mut changed = 1;
        set(&mut changed, Some(2));
        assert_eq!(changed, 2);
    }
}
