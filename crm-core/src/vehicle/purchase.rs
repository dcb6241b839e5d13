//! How and when a customer means to buy: purchase timeframe (购车时间) and payment (付款方式).

/// When the customer means to buy, as they say it. The consultant's intent level
/// ([`crate::IntentLevel`]) is their own judgement and is kept apart.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum PurchaseTimeframe {
    /// Within a week (一周内).
    WithinWeek,
    /// Within a month (一个月内).
    WithinMonth,
    /// Within three months (三个月内).
    #[serde(rename = "within_3_months")]
    Within3Months,
    /// Within six months (半年内).
    #[serde(rename = "within_6_months")]
    Within6Months,
    /// Later than six months (半年以上).
    Later,
    /// Not decided or not said (未确定), the default.
    #[default]
    Undecided,
}

crate::validation::codes!(PurchaseTimeframe {
    WithinWeek => "within_week",
    WithinMonth => "within_month",
    Within3Months => "within_3_months",
    Within6Months => "within_6_months",
    Later => "later",
    Undecided => "undecided",
});

impl PurchaseTimeframe {
    /// Within how many days the customer means to buy: 7, 30, 90, 180; `None` for later and
    /// undecided.
    pub fn within_days(self) -> Option<u32> {
        match self {
            PurchaseTimeframe::WithinWeek => Some(7),
            PurchaseTimeframe::WithinMonth => Some(30),
            PurchaseTimeframe::Within3Months => Some(90),
            PurchaseTimeframe::Within6Months => Some(180),
            PurchaseTimeframe::Later | PurchaseTimeframe::Undecided => None,
        }
    }
}

/// How the customer means to pay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    /// In full (全款).
    Full,
    /// With a car loan or instalments (贷款 / 分期).
    Loan,
    /// By lease (融资租赁).
    Lease,
}

crate::validation::codes!(PaymentMethod {
    Full => "full",
    Loan => "loan",
    Lease => "lease",
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::assert_codes_are_serde_names;

    #[test]
    fn codes_are_the_serde_names() {
        assert_codes_are_serde_names::<PurchaseTimeframe>();
        assert_codes_are_serde_names::<PaymentMethod>();
        assert_eq!(PurchaseTimeframe::Within3Months.within_days(), Some(90));
        assert_eq!(PurchaseTimeframe::default(), PurchaseTimeframe::Undecided);
    }
}
