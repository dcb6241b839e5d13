//! The words a person reads for the stored codes, in Chinese (as salespeople say them) and
//! English: the one table the CLI prints, spreadsheets are written with, and an importer
//! reads back.

use crate::{
    CareTaskKind, FollowUpMethod, Gender, Importance, IntentLevel, LostReason, PipelineStatus,
    Stage, VisitKind,
};

/// The language of a spreadsheet's headers and labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// 中文 (the dealership's language, the default).
    #[default]
    Zh,
    /// English.
    En,
}

pub use crate::customer::Label;

impl Label {
    const fn new(zh: &'static str, en: &'static str) -> Label {
        Label { zh, en }
    }

    /// The label in `language`.
    pub fn get(self, language: Language) -> &'static str {
        match language {
            Language::Zh => self.zh,
            Language::En => self.en,
        }
    }
}

/// A gender (性别).
pub fn gender_label(gender: Gender) -> Label {
    gender.label()
}

pub use crate::customer::channel_label;

/// An importance mark (重要程度).
pub fn importance_label(importance: Importance) -> Label {
    match importance {
        Importance::Normal => Label::new("普通", "normal"),
        Importance::Important => Label::new("重要", "important"),
        Importance::Key => Label::new("重点", "key"),
    }
}

/// An intent level (意向级别), with what it promises.
pub fn intent_level_label(level: IntentLevel) -> Label {
    level.label()
}

/// A pipeline stage (阶段).
pub fn stage_label(stage: Stage) -> Label {
    match stage {
        Stage::NewLead => Label::new("新线索", "new lead"),
        Stage::Contacted => Label::new("已联系", "contacted"),
        Stage::Invited => Label::new("已邀约", "invited"),
        Stage::Visited => Label::new("已到店", "visited"),
        Stage::TestDriven => Label::new("已试驾", "test-driven"),
        Stage::Negotiating => Label::new("洽谈中", "negotiating"),
        Stage::Ordered => Label::new("已订车", "ordered"),
        Stage::Delivered => Label::new("已交车", "delivered"),
    }
}

/// Where a customer stands: the stage, or the side state.
pub fn status_label(status: PipelineStatus) -> Label {
    match status {
        PipelineStatus::InStage(stage) => stage_label(stage),
        PipelineStatus::LostRequested => Label::new("战败待审批", "lost requested"),
        PipelineStatus::DormantRequested => Label::new("休眠待审批", "dormant requested"),
        PipelineStatus::Lost => Label::new("战败", "lost"),
        PipelineStatus::Dormant => Label::new("休眠", "dormant"),
    }
}

/// A lost reason (战败原因).
pub fn lost_reason_label(reason: LostReason) -> Label {
    match reason {
        LostReason::Price => Label::new("价格", "price"),
        LostReason::BoughtCompetitor => Label::new("买了竞品", "bought a competitor"),
        LostReason::BoughtElsewhere => Label::new("他店购车", "bought elsewhere"),
        LostReason::Postponed => Label::new("延期", "postponed"),
        LostReason::Budget => Label::new("预算", "budget"),
        LostReason::FinancingRefused => Label::new("贷款未通过", "financing refused"),
        LostReason::Unreachable => Label::new("联系不上", "unreachable"),
        LostReason::Other => Label::new("其他", "other"),
    }
}

/// A care task's kind (关怀).
pub fn care_kind_label(kind: CareTaskKind) -> Label {
    match kind {
        CareTaskKind::DeliveryCall => Label::new("交车回访", "delivery call"),
        CareTaskKind::Maintenance => Label::new("保养提醒", "maintenance"),
        CareTaskKind::InsuranceRenewal => Label::new("续保提醒", "insurance renewal"),
        CareTaskKind::Inspection => Label::new("年检提醒", "inspection"),
        CareTaskKind::Birthday => Label::new("生日祝福", "birthday"),
        CareTaskKind::Holiday => Label::new("节日问候", "holiday"),
        CareTaskKind::PurchaseAnniversary => Label::new("购车周年", "purchase anniversary"),
        CareTaskKind::ReferralInvitation => Label::new("转介绍邀请", "referral invitation"),
    }
}

/// A store visit or a test drive (到店, 试驾).
pub fn visit_kind_label(kind: VisitKind) -> Label {
    match kind {
        VisitKind::StoreVisit => Label::new("到店", "visit"),
        VisitKind::TestDrive => Label::new("试驾", "test drive"),
    }
}

/// How a follow-up is made (跟进方式).
pub fn method_label(method: FollowUpMethod) -> Label {
    method.label()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Code;

    #[test]
    fn every_channel_kind_has_a_label_and_unknown_codes_none() {
        for kind in crate::CHANNEL_KINDS {
            assert!(channel_label(kind).is_some(), "{kind}");
        }
        assert_eq!(channel_label("fax"), None);
        assert_eq!(channel_label("referral").map(|l| l.zh), Some("转介绍"));
    }

    #[test]
    fn labels_differ_within_a_language() {
        let levels: Vec<_> = IntentLevel::ALL
            .iter()
            .map(|l| intent_level_label(*l).zh)
            .collect();
        let mut unique = levels.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), levels.len());
        let statuses: Vec<_> = PipelineStatus::ALL
            .iter()
            .map(|s| status_label(*s).get(Language::En))
            .collect();
        let mut unique = statuses.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), statuses.len());
        assert_eq!(gender_label(Gender::Female).get(Language::Zh), "女");
        assert_eq!(gender_label(Gender::Female).get(Language::En), "female");
    }
}
