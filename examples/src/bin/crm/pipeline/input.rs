//! A pipeline's option values to domain values: stages, lost and dormant reasons (战败原因,
//! 休眠原因, in Chinese too). Errors name the field; all of this runs before the database
//! is opened.

use crate::term::input::coded;
use crm_core::{DormantReason, LostReason, Stage, ValidationError};

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

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(stage("stage", "sold").unwrap_err().field, "stage");
        assert_eq!(
            dormant_reason("reason", "price").unwrap_err().field,
            "reason"
        );
    }
}
