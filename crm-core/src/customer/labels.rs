//! What the app prints for coded values, in Chinese (as salespeople say it) and English:
//! gender, source channel kind, intent level, follow-up method and kind. The command line
//! prints them, and spreadsheet import reads them back (`spreadsheet::cells`).

use crate::customer::profile::Gender;
use crate::follow_up::{FollowUpKind, FollowUpMethod, IntentLevel};

/// A value's printed name in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Label {
    /// In Chinese: `展厅到店`.
    pub zh: &'static str,
    /// In English: `walk-in`.
    pub en: &'static str,
}

const fn label(zh: &'static str, en: &'static str) -> Label {
    Label { zh, en }
}

impl Gender {
    /// The gender as the app prints it: 男 / male, 女 / female, 未填 / unspecified.
    pub fn label(self) -> Label {
        match self {
            Gender::Male => label("男", "male"),
            Gender::Female => label("女", "female"),
            Gender::Unspecified => label("未填", "unspecified"),
        }
    }
}

/// The source channel kinds (one of [`crate::CHANNEL_KINDS`]) with their printed names.
pub const CHANNEL_LABELS: &[(&str, Label)] = &[
    ("showroom_walk_in", label("展厅到店", "walk-in")),
    ("online_platform", label("网络平台", "online")),
    ("referral", label("转介绍", "referral")),
    ("phone_hotline", label("热线电话", "hotline")),
    ("auto_show", label("车展", "auto show")),
    ("marketing_event", label("市场活动", "event")),
    ("repeat_customer", label("老客户", "repeat")),
    ("other", label("其他", "other")),
];

/// The printed name of a source channel kind (`showroom_walk_in`); `None` for a kind
/// that is not one of [`crate::CHANNEL_KINDS`].
pub fn channel_label(kind: &str) -> Option<Label> {
    CHANNEL_LABELS
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, l)| *l)
}

impl IntentLevel {
    /// The level as the app prints it: `H 7天内` / `H within 7 days`.
    pub fn label(self) -> Label {
        match self {
            IntentLevel::N => label("N 新线索", "N not graded"),
            IntentLevel::H => label("H 7天内", "H within 7 days"),
            IntentLevel::A => label("A 15天内", "A within 15 days"),
            IntentLevel::B => label("B 30天内", "B within 30 days"),
            IntentLevel::C => label("C 2-3个月", "C 2-3 months"),
            IntentLevel::O => label("O 已订车", "O ordered"),
        }
    }
}

impl FollowUpMethod {
    /// The method as the app prints it: 电话 / phone, 面谈 / visit ...
    pub fn label(self) -> Label {
        match self {
            FollowUpMethod::Phone => label("电话", "phone"),
            FollowUpMethod::Wechat => label("微信", "wechat"),
            FollowUpMethod::FaceToFace => label("面谈", "visit"),
            FollowUpMethod::Sms => label("短信", "sms"),
            FollowUpMethod::Email => label("邮件", "email"),
            FollowUpMethod::Video => label("视频", "video"),
            FollowUpMethod::Other => label("其他", "other"),
        }
    }
}

impl FollowUpKind {
    /// The kind as the app prints it: 试驾 / test drive, 邀约到店 / invitation ...
    pub fn label(self) -> Label {
        match self {
            FollowUpKind::FirstContact => label("初次接触", "first contact"),
            FollowUpKind::NeedsDiscovery => label("需求了解", "needs"),
            FollowUpKind::ModelPresentation => label("车型介绍", "presentation"),
            FollowUpKind::StoreVisitInvitation => label("邀约到店", "invitation"),
            FollowUpKind::TestDrive => label("试驾", "test drive"),
            FollowUpKind::PriceNegotiation => label("价格洽谈", "negotiation"),
            FollowUpKind::OrderDelivery => label("订车交车", "order"),
            FollowUpKind::AfterSalesVisit => label("售后回访", "after-sales"),
            FollowUpKind::Other => label("其他", "other"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CHANNEL_KINDS;

    #[test]
    fn every_channel_kind_has_a_label() {
        for kind in CHANNEL_KINDS {
            assert!(channel_label(kind).is_some(), "{kind}");
        }
        assert_eq!(CHANNEL_LABELS.len(), CHANNEL_KINDS.len());
        assert_eq!(channel_label("carrier_pigeon"), None);
    }
}
