//! FFI enums, mirroring the domain's (see `convert` for the mapping).

use crm_core::CustomerId;

/// Gender, as the customer gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Gender {
    /// Male (男).
    Male,
    /// Female (女).
    Female,
    /// Not given.
    Unspecified,
}

/// An age band, for when the birthday is not known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum AgeBand {
    /// Younger than 25.
    Under25,
    /// 25 to 34.
    From25To34,
    /// 35 to 44.
    From35To44,
    /// 45 to 54.
    From45To54,
    /// 55 to 64.
    From55To64,
    /// 65 or older.
    From65,
}

/// How much attention a customer deserves (重要程度), from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Importance {
    /// An ordinary customer.
    Normal,
    /// Marked important (重要客户).
    Important,
    /// A key customer (重点客户): top priority.
    Key,
}

/// The kind of a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ContactKind {
    /// A mobile phone (手机).
    Mobile,
    /// A fixed line with its area code (座机).
    Landline,
    /// A WeChat ID (微信号).
    Wechat,
    /// An e-mail address.
    Email,
    /// Anything else (QQ, a Douyin handle ...): kept as text.
    Other,
}

/// How the customer found the store (来源).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum SourceChannel {
    /// Walked into the showroom (展厅自然到店).
    ShowroomWalkIn,
    /// Referred by someone (朋友介绍): an existing customer, a name, or both (one is required).
    Referral {
        /// The referring customer, when they are in the book.
        #[uniffi(default = None)]
        referrer_id: Option<CustomerId>,
        /// The referrer's name as told.
        #[uniffi(default = None)]
        referrer_name: Option<String>,
    },
    /// An online platform (网络推广): Autohome, Dongchedi, Yiche, the brand's site ...
    OnlinePlatform {
        /// The platform's name.
        platform: String,
    },
    /// Called the store's hotline.
    PhoneHotline,
    /// Met at an auto show (车展).
    AutoShow,
    /// Came through a marketing event.
    MarketingEvent,
    /// Has bought here before.
    RepeatCustomer,
    /// Anything else, described.
    Other {
        /// What the channel was.
        description: String,
    },
}

/// An optional field of a customer that a [`crate::CustomerPatch`] can clear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum CustomerField {
    /// The birthday.
    Birthday,
    /// The age band.
    AgeBand,
    /// The occupation.
    Occupation,
    /// The notes.
    Notes,
    /// The first contact.
    FirstContact,
    /// The owning consultant.
    Owner,
}

impl CustomerField {
    /// The field's name as errors report it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            CustomerField::Birthday => "birthday",
            CustomerField::AgeBand => "age_band",
            CustomerField::Occupation => "occupation",
            CustomerField::Notes => "notes",
            CustomerField::FirstContact => "first_contact",
            CustomerField::Owner => "owner",
        }
    }
}
