//! Duplicate customers (撞单): `DuplicateContact` and `WriteOptions`.

use crm_core::CustomerId;

/// A contact that already belongs to another customer.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DuplicateContact {
    /// The contact's field path in the list checked (`contacts[1].value`).
    pub field: String,
    /// The contact's normalised key (`+8613812345678`, `zhangsan88`).
    pub key: String,
    /// The customer who has it: offer to open them instead.
    pub existing_id: CustomerId,
}

/// How a write treats contacts that other customers already have.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, uniffi::Record)]
pub struct WriteOptions {
    /// Save even when a phone, WeChat ID or e-mail belongs to another customer (the user
    /// confirmed that these are different people sharing it). Off by default: the write
    /// fails with `DuplicateContact`.
    #[uniffi(default = false)]
    pub allow_duplicates: bool,
}

impl From<WriteOptions> for crm_store::WriteOptions {
    fn from(o: WriteOptions) -> Self {
        crm_store::WriteOptions {
            allow_duplicates: o.allow_duplicates,
        }
    }
}

impl From<crm_store::DuplicateContact> for DuplicateContact {
    fn from(d: crm_store::DuplicateContact) -> Self {
        DuplicateContact {
            field: d.field,
            key: d.key,
            existing_id: d.existing,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_are_strict_unless_told() {
        assert_eq!(
            crm_store::WriteOptions::from(WriteOptions::default()),
            crm_store::WriteOptions::default()
        );
        assert!(
            crm_store::WriteOptions::from(WriteOptions {
                allow_duplicates: true
            })
            .allow_duplicates
        );
    }
}
