//! Vehicle option values to domain values: body types, powertrains, timeframes, payments,
//! order cancel reasons, amounts in yuan (to fen), Chinese names too. Errors name the
//! field; all of this runs before the database is opened.

use crate::term::input::{coded, malformed};
use crm_core::{
    BodyType, CancelReason, Fen, PaymentMethod, Powertrain, PurchaseTimeframe, ValidationError,
};

/// Why an order is cancelled: `changed-mind`, `competitor`, `elsewhere`, `price`,
/// `financing-refused`, `no-stock`, `delivery-delay`, `changed-model`, `other`.
pub fn cancel_reason(field: &str, text: &str) -> Result<CancelReason, ValidationError> {
    use CancelReason::*;
    coded(
        field,
        text,
        &[
            ("反悔", ChangedMind),
            ("competitor", BoughtCompetitor),
            ("竞品", BoughtCompetitor),
            ("elsewhere", BoughtElsewhere),
            ("他店", BoughtElsewhere),
            ("价格", Price),
            ("financing", FinancingRefused),
            ("贷款未通过", FinancingRefused),
            ("缺货", NoStock),
            ("交车延误", DeliveryDelay),
            ("换车型", ChangedModel),
            ("其他", Other),
        ],
        "a cancel reason: changed-mind, competitor, elsewhere, price, financing-refused, \
         no-stock, delivery-delay, changed-model or other",
    )
}

/// A body type: `sedan` (轿车), `suv`, `mpv`, `hatchback` (两厢), `wagon` (旅行车),
/// `coupe` (跑车), `pickup` (皮卡).
pub fn body_type(field: &str, text: &str) -> Result<BodyType, ValidationError> {
    use BodyType::*;
    coded(
        field,
        text,
        &[
            ("轿车", Sedan),
            ("两厢", Hatchback),
            ("旅行车", Wagon),
            ("跑车", Coupe),
            ("皮卡", Pickup),
        ],
        "a body type: sedan, suv, mpv, hatchback, wagon, coupe or pickup",
    )
}

/// A powertrain: `petrol` (燃油), `diesel` (柴油), `hev` (混动), `phev` (插混), `bev`
/// (纯电), `erev` (增程).
pub fn powertrain(field: &str, text: &str) -> Result<Powertrain, ValidationError> {
    use Powertrain::*;
    coded(
        field,
        text,
        &[
            ("汽油", Petrol),
            ("燃油", Petrol),
            ("柴油", Diesel),
            ("混动", Hev),
            ("油电混动", Hev),
            ("插混", Phev),
            ("electric", Bev),
            ("ev", Bev),
            ("纯电", Bev),
            ("增程", Erev),
        ],
        "a powertrain: petrol, diesel, hev, phev, bev or erev",
    )
}

/// When the customer means to buy: `week`, `month`, `3-months`, `6-months`, `later`,
/// `undecided` (or the stored codes `within_week` ..., 一周内, 一个月内, 三个月内, 半年内).
pub fn timeframe(field: &str, text: &str) -> Result<PurchaseTimeframe, ValidationError> {
    use PurchaseTimeframe::*;
    coded(
        field,
        text,
        &[
            ("week", WithinWeek),
            ("一周内", WithinWeek),
            ("month", WithinMonth),
            ("一个月内", WithinMonth),
            ("3_months", Within3Months),
            ("三个月内", Within3Months),
            ("6_months", Within6Months),
            ("半年内", Within6Months),
            ("以后", Later),
            ("未定", Undecided),
        ],
        "a timeframe: week, month, 3-months, 6-months, later or undecided",
    )
}

/// How the customer pays: `full` (全款), `loan` (贷款), `lease` (租赁).
pub fn payment(field: &str, text: &str) -> Result<PaymentMethod, ValidationError> {
    use PaymentMethod::*;
    coded(
        field,
        text,
        &[
            ("全款", Full),
            ("贷款", Loan),
            ("分期", Loan),
            ("租赁", Lease),
        ],
        "a payment: full, loan or lease (全款, 贷款, 租赁)",
    )
}

/// An amount in yuan as people type it (`158000`, `158,000`, `15.8万`, `1999.50`) in fen.
pub fn yuan(field: &str, text: &str) -> Result<Fen, ValidationError> {
    const EXPECTED: &str = "an amount in yuan: 158000, 158000.50 or 15.8万";
    let bad = || malformed(field, EXPECTED);
    let t = text.trim().replace([',', '，', ' '], "");
    let (number, unit) = match t.strip_suffix('万') {
        Some(n) => (n, 10_000_i64),
        None => (t.as_str(), 1),
    };
    let (whole, part) = number.split_once('.').unwrap_or((number, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || (!part.is_empty() && !digits(part)) {
        return Err(bad());
    }
    // Fen per unit of the number: 100 for yuan, 1,000,000 for 万; decimals beyond fen fail.
    let scale = unit * 100;
    let places = u32::try_from(part.len()).map_err(|_| bad())?;
    let divisor = 10_i64.checked_pow(places).ok_or_else(bad)?;
    if scale % divisor != 0 {
        return Err(bad());
    }
    let whole: i64 = whole.parse().map_err(|_| bad())?;
    let part: i64 = if part.is_empty() {
        0
    } else {
        part.parse().map_err(|_| bad())?
    };
    whole
        .checked_mul(scale)
        .and_then(|w| w.checked_add(part * (scale / divisor)))
        .map(Fen)
        .ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_become_fen() {
        assert_eq!(yuan("price", "158000").unwrap(), Fen(15_800_000));
        assert_eq!(yuan("price", "158,000.5").unwrap(), Fen(15_800_050));
        assert_eq!(yuan("price", "15.8万").unwrap(), Fen(15_800_000));
        assert_eq!(yuan("price", "0.01").unwrap(), Fen(1));
        for bad in ["", "-5", "1.234", "abc", "1e5", "99999999999999999999"] {
            let e = yuan("price", bad).unwrap_err();
            assert_eq!(e.field, "price", "{bad}");
        }
    }

    #[test]
    fn chinese_aliases_and_codes_are_read() {
        assert_eq!(
            timeframe("timeframe", "3-months").unwrap(),
            PurchaseTimeframe::Within3Months
        );
        assert_eq!(powertrain("powertrain", "纯电").unwrap(), Powertrain::Bev);
    }
}
