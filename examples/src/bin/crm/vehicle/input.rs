//! Option values of the pipeline, intents, orders and visits to domain values: stages,
//! reasons (战败原因 in Chinese too), body types, powertrains, amounts in yuan (to fen).
//! Errors name the field; all of this runs before the database is opened.

use crm_core::{
    BodyType, CancelReason, Code, DormantReason, Fen, LostReason, PaymentMethod, Powertrain,
    PurchaseTimeframe, Rule, Stage, ValidationError,
};

fn malformed(field: &str, expected: &'static str) -> ValidationError {
    ValidationError::new(field, Rule::Malformed { expected })
}

/// The variant of `T` that `text` names: one of `aliases` (English short forms, Chinese
/// names), else a stored code (`-` read as `_`, any case); `expected` lists them for the
/// error.
fn coded<T: Code>(
    field: &str,
    text: &str,
    aliases: &[(&str, T)],
    expected: &'static str,
) -> Result<T, ValidationError> {
    let word = text.trim().to_lowercase().replace('-', "_");
    aliases
        .iter()
        .find(|(alias, _)| *alias == word)
        .map(|(_, v)| *v)
        .or_else(|| T::from_code(&word))
        .ok_or_else(|| malformed(field, expected))
}

/// A pipeline stage: `new-lead`, `contacted`, `invited`, `visited`, `test-driven`,
/// `negotiating`, `ordered`, `delivered` (or 新线索, 已联系, 已邀约, 到店, 试驾, 洽谈, 订车, 交车).
pub fn stage(field: &str, text: &str) -> Result<Stage, ValidationError> {
    use Stage::*;
    coded(
        field,
        text,
        &[
            ("new", NewLead),
            ("lead", NewLead),
            ("新线索", NewLead),
            ("潜客", NewLead),
            ("已联系", Contacted),
            ("已邀约", Invited),
            ("邀约", Invited),
            ("到店", Visited),
            ("已到店", Visited),
            ("test_drive", TestDriven),
            ("试驾", TestDriven),
            ("已试驾", TestDriven),
            ("洽谈", Negotiating),
            ("谈判", Negotiating),
            ("订车", Ordered),
            ("已订车", Ordered),
            ("交车", Delivered),
            ("已交车", Delivered),
            ("won", Delivered),
        ],
        "a stage: new-lead, contacted, invited, visited, test-driven, negotiating, ordered \
         or delivered",
    )
}

/// Why a customer is lost (战败原因): `price` (价格), `competitor` (竞品), `elsewhere`
/// (异地购车 / 他店), `postponed` (延期), `budget` (预算), `financing-refused` (贷款未通过),
/// `unreachable` (联系不上), `other` (其他).
pub fn lost_reason(field: &str, text: &str) -> Result<LostReason, ValidationError> {
    use LostReason::*;
    coded(
        field,
        text,
        &[
            ("价格", Price),
            ("competitor", BoughtCompetitor),
            ("竞品", BoughtCompetitor),
            ("买了竞品", BoughtCompetitor),
            ("elsewhere", BoughtElsewhere),
            ("他店", BoughtElsewhere),
            ("异地购车", BoughtElsewhere),
            ("延期", Postponed),
            ("暂缓", Postponed),
            ("预算", Budget),
            ("financing", FinancingRefused),
            ("贷款未通过", FinancingRefused),
            ("联系不上", Unreachable),
            ("失联", Unreachable),
            ("其他", Other),
        ],
        "a lost reason: price, competitor, elsewhere, postponed, budget, financing-refused, \
         unreachable or other (价格, 竞品, 他店, 延期, 预算, 贷款未通过, 联系不上, 其他)",
    )
}

/// Why a customer goes dormant (休眠原因): `postponed` (延期), `unreachable` (联系不上),
/// `budget` (预算), `other` (其他).
pub fn dormant_reason(field: &str, text: &str) -> Result<DormantReason, ValidationError> {
    use DormantReason::*;
    coded(
        field,
        text,
        &[
            ("延期", Postponed),
            ("暂缓", Postponed),
            ("联系不上", Unreachable),
            ("失联", Unreachable),
            ("预算", Budget),
            ("其他", Other),
        ],
        "a dormant reason: postponed, unreachable, budget or other (延期, 联系不上, 预算, 其他)",
    )
}

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
            lost_reason("reason", "竞品").unwrap(),
            LostReason::BoughtCompetitor
        );
        assert_eq!(lost_reason("reason", "price").unwrap(), LostReason::Price);
        assert_eq!(
            lost_reason("reason", "Financing-Refused").unwrap(),
            LostReason::FinancingRefused
        );
        assert_eq!(stage("stage", "test-driven").unwrap(), Stage::TestDriven);
        assert_eq!(stage("stage", "到店").unwrap(), Stage::Visited);
        assert_eq!(
            timeframe("timeframe", "3-months").unwrap(),
            PurchaseTimeframe::Within3Months
        );
        assert_eq!(powertrain("powertrain", "纯电").unwrap(), Powertrain::Bev);
        assert_eq!(stage("stage", "sold").unwrap_err().field, "stage");
        assert_eq!(
            dormant_reason("reason", "price").unwrap_err().field,
            "reason"
        );
    }
}
