//! The columns of a customer spreadsheet and their headers: the one table both directions
//! share. The Chinese header of each column is the first name a spreadsheet importer
//! recognises for its field, so an exported file reads back to the same customers.

use crate::export::labels::{Label, Language};
use crate::ListColumn;

/// A column of an exported customer list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportColumn {
    /// 姓名.
    Name,
    /// 手机: the first mobile or landline, the primary one first.
    Mobile,
    /// 微信: the first WeChat ID.
    Wechat,
    /// 邮箱: the first e-mail address.
    Email,
    /// 性别.
    Gender,
    /// 生日.
    Birthday,
    /// 来源: the source channel's kind.
    Source,
    /// 意向车型: the primary vehicle intent's brand, series and model.
    IntendedModel,
    /// 意向级别.
    IntentLevel,
    /// 标签, joined by [`TAG_SEPARATOR`].
    Tags,
    /// 备注.
    Notes,
    /// 所属顾问: the owning consultant's id.
    Owner,
    /// 登记日期: the local day the customer was created.
    Created,
    /// 最近联系: the local day of the last contact.
    LastContact,
    /// 下次跟进: the local day the pending plan falls on.
    NextFollowUp,
    /// 阶段: the pipeline stage or side state.
    Stage,
    /// 重要程度.
    Importance,
    /// 地区: province, city and district.
    Region,
}

/// Between two tags in one cell.
pub const TAG_SEPARATOR: &str = "、";

/// The columns of an export without a view: everything an importer reads, then the
/// list's own columns.
pub const DEFAULT_COLUMNS: &[ExportColumn] = &[
    ExportColumn::Name,
    ExportColumn::Mobile,
    ExportColumn::Wechat,
    ExportColumn::Email,
    ExportColumn::Gender,
    ExportColumn::Birthday,
    ExportColumn::Source,
    ExportColumn::IntendedModel,
    ExportColumn::IntentLevel,
    ExportColumn::Tags,
    ExportColumn::Notes,
    ExportColumn::Owner,
    ExportColumn::Created,
    ExportColumn::LastContact,
    ExportColumn::NextFollowUp,
    ExportColumn::Stage,
];

/// The columns a view may show that the default export leaves out.
pub const OTHER_COLUMNS: &[ExportColumn] = &[ExportColumn::Importance, ExportColumn::Region];

impl ExportColumn {
    /// Every column: [`DEFAULT_COLUMNS`], then [`OTHER_COLUMNS`].
    pub fn all() -> impl Iterator<Item = ExportColumn> {
        DEFAULT_COLUMNS.iter().chain(OTHER_COLUMNS).copied()
    }

    /// The header in both languages.
    pub fn header_label(self) -> Label {
        let (zh, en) = match self {
            ExportColumn::Name => ("姓名", "name"),
            ExportColumn::Mobile => ("手机", "mobile"),
            ExportColumn::Wechat => ("微信", "wechat"),
            ExportColumn::Email => ("邮箱", "email"),
            ExportColumn::Gender => ("性别", "gender"),
            ExportColumn::Birthday => ("生日", "birthday"),
            ExportColumn::Source => ("来源", "source"),
            ExportColumn::IntendedModel => ("意向车型", "vehicle"),
            ExportColumn::IntentLevel => ("意向级别", "level"),
            ExportColumn::Tags => ("标签", "tags"),
            ExportColumn::Notes => ("备注", "notes"),
            ExportColumn::Owner => ("所属顾问", "owner"),
            ExportColumn::Created => ("登记日期", "created"),
            ExportColumn::LastContact => ("最近联系", "last contact"),
            ExportColumn::NextFollowUp => ("下次跟进", "next follow-up"),
            ExportColumn::Stage => ("阶段", "stage"),
            ExportColumn::Importance => ("重要程度", "importance"),
            ExportColumn::Region => ("地区", "region"),
        };
        Label { zh, en }
    }

    /// The header in `language`.
    pub fn header(self, language: Language) -> &'static str {
        self.header_label().get(language)
    }

    /// `true` for the columns holding a calendar date.
    pub fn is_date(self) -> bool {
        matches!(
            self,
            ExportColumn::Birthday
                | ExportColumn::Created
                | ExportColumn::LastContact
                | ExportColumn::NextFollowUp
        )
    }
}

/// The export columns of a saved view's list columns, in the view's order; the primary
/// contact becomes the three contact columns an importer reads. An empty list (the app's
/// default) gives [`DEFAULT_COLUMNS`].
pub fn view_columns(columns: &[ListColumn]) -> Vec<ExportColumn> {
    if columns.is_empty() {
        return DEFAULT_COLUMNS.to_vec();
    }
    let mut out = Vec::with_capacity(columns.len() + 2);
    for column in columns {
        let mapped: &[ExportColumn] = match column {
            ListColumn::Name => &[ExportColumn::Name],
            ListColumn::PrimaryContact => &[
                ExportColumn::Mobile,
                ExportColumn::Wechat,
                ExportColumn::Email,
            ],
            ListColumn::Gender => &[ExportColumn::Gender],
            ListColumn::Channel => &[ExportColumn::Source],
            ListColumn::Tags => &[ExportColumn::Tags],
            ListColumn::Importance => &[ExportColumn::Importance],
            ListColumn::Owner => &[ExportColumn::Owner],
            ListColumn::Region => &[ExportColumn::Region],
            ListColumn::Birthday => &[ExportColumn::Birthday],
            ListColumn::Created => &[ExportColumn::Created],
            ListColumn::LastContact => &[ExportColumn::LastContact],
        };
        for c in mapped {
            if !out.contains(c) {
                out.push(*c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_unique_in_each_language() {
        for language in [Language::Zh, Language::En] {
            let mut headers: Vec<_> = ExportColumn::all().map(|c| c.header(language)).collect();
            headers.sort_unstable();
            headers.dedup();
            assert_eq!(headers.len(), ExportColumn::all().count());
        }
        assert_eq!(ExportColumn::Mobile.header(Language::Zh), "手机");
        assert_eq!(ExportColumn::Created.header(Language::En), "created");
    }

    #[test]
    fn every_column_is_listed_once() {
        let all: Vec<_> = ExportColumn::all().collect();
        assert_eq!(all.len(), 18);
        for c in &all {
            assert_eq!(all.iter().filter(|x| *x == c).count(), 1, "{c:?}");
        }
    }

    #[test]
    fn a_view_keeps_its_order_and_expands_the_contact() {
        let columns = view_columns(&[
            ListColumn::LastContact,
            ListColumn::Name,
            ListColumn::PrimaryContact,
            ListColumn::Channel,
        ]);
        assert_eq!(
            columns,
            [
                ExportColumn::LastContact,
                ExportColumn::Name,
                ExportColumn::Mobile,
                ExportColumn::Wechat,
                ExportColumn::Email,
                ExportColumn::Source,
            ]
        );
        assert_eq!(view_columns(&[]), DEFAULT_COLUMNS);
    }

    #[test]
    fn only_the_day_columns_are_dates() {
        let dates: Vec<_> = ExportColumn::all().filter(|c| c.is_date()).collect();
        assert_eq!(dates.len(), 4);
        assert!(ExportColumn::Birthday.is_date() && !ExportColumn::Name.is_date());
    }
}
