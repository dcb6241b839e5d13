//! Follow-up sheets (跟进记录表): a history of follow-ups from another system, one a row,
//! each naming its customer by phone. The store finds the customer and imports the rows
//! with its batch follow-up import.

use crate::follow_up::{FollowUpKind, FollowUpMethod};
use crate::spreadsheet::cells::{
    parse_date_time, parse_follow_up_kind, parse_method, EXPECTED_DATE,
};
use crate::spreadsheet::columns::header_key;
use crate::spreadsheet::row::RowError;
use crate::validation::{trim_text, Code};
use chrono::NaiveDateTime;

/// What a column of a follow-up sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpColumn {
    /// The customer's phone (手机), by which the customer is found; required.
    Phone,
    /// When it happened (跟进时间): a date, with or without a time; required.
    Time,
    /// How (跟进方式), by its printed name: 电话, 微信, 面谈 ...; a phone call when blank.
    Method,
    /// What about (跟进类型): 初次接触, 试驾 ...; "other" when blank.
    Kind,
    /// What was said (跟进内容); required.
    Content,
    /// Who followed up (跟进人).
    Consultant,
}

crate::validation::codes!(FollowUpColumn {
    Phone => "phone",
    Time => "time",
    Method => "method",
    Kind => "kind",
    Content => "content",
    Consultant => "consultant",
});

/// Every column with the header names it is recognised by, the Chinese name first.
pub const FOLLOW_UP_HEADERS: &[(FollowUpColumn, &[&str])] = &[
    (
        FollowUpColumn::Phone,
        &[
            "手机",
            "手机号",
            "电话",
            "客户手机",
            "联系电话",
            "mobile",
            "phone",
        ],
    ),
    (
        FollowUpColumn::Time,
        &["跟进时间", "时间", "日期", "跟进日期", "time", "date", "at"],
    ),
    (FollowUpColumn::Method, &["跟进方式", "方式", "method"]),
    (FollowUpColumn::Kind, &["跟进类型", "类型", "kind", "type"]),
    (
        FollowUpColumn::Content,
        &["跟进内容", "内容", "沟通内容", "content", "notes"],
    ),
    (
        FollowUpColumn::Consultant,
        &["跟进人", "顾问", "销售顾问", "consultant"],
    ),
];

/// Which column of a follow-up sheet holds what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpLayout {
    /// The header row as read.
    pub headers: Vec<String>,
    /// Each column's meaning (`None`: not read, listed as unknown).
    pub columns: Vec<Option<FollowUpColumn>>,
}

/// Why a follow-up sheet cannot be read at all: a required column is missing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no column holds the follow-ups' {0:?} (e.g. {1})")]
pub struct MissingColumn(pub FollowUpColumn, pub &'static str);

impl FollowUpLayout {
    /// The layout of a header row; the phone, time and content columns are required.
    pub fn from_headers(headers: &[String]) -> Result<FollowUpLayout, MissingColumn> {
        let columns: Vec<Option<FollowUpColumn>> = headers
            .iter()
            .map(|h| {
                let key = header_key(h);
                FOLLOW_UP_HEADERS
                    .iter()
                    .find(|(_, names)| names.iter().any(|n| header_key(n) == key))
                    .map(|(c, _)| *c)
            })
            .collect();
        for (required, example) in [
            (FollowUpColumn::Phone, "手机"),
            (FollowUpColumn::Time, "跟进时间"),
            (FollowUpColumn::Content, "跟进内容"),
        ] {
            if !columns.contains(&Some(required)) {
                return Err(MissingColumn(required, example));
            }
        }
        Ok(FollowUpLayout {
            headers: headers.to_vec(),
            columns,
        })
    }

    /// The headers of the columns that are not read.
    pub fn unknown_columns(&self) -> Vec<String> {
        self.headers
            .iter()
            .zip(&self.columns)
            .filter(|(h, c)| c.is_none() && !header_key(h).is_empty())
            .map(|(h, _)| h.clone())
            .collect()
    }

    /// The column holding `column`.
    pub fn column_of(&self, column: FollowUpColumn) -> Option<usize> {
        self.columns.iter().position(|c| *c == Some(column))
    }
}

/// A follow-up row read: the customer's phone as typed, and the follow-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpRow {
    /// The row's number (header = 1).
    pub row: u64,
    /// The customer's phone, as typed.
    pub phone: String,
    /// When it happened, on the dealership's wall clock.
    pub at: NaiveDateTime,
    /// How.
    pub method: FollowUpMethod,
    /// What about.
    pub kind: FollowUpKind,
    /// What was said.
    pub content: String,
    /// Who followed up.
    pub consultant: Option<String>,
}

/// Reads row `row` of a follow-up sheet; `Ok(None)` for a blank row. The content's own
/// rules (length ...) are checked by the follow-up's validation when it is imported.
pub fn read_follow_up_row<S: AsRef<str>>(
    layout: &FollowUpLayout,
    row: u64,
    cells: &[S],
) -> Result<Option<FollowUpRow>, RowError> {
    let text = |c: usize| cells.get(c).map_or("", AsRef::as_ref);
    if cells.iter().all(|c| trim_text(c.as_ref()).is_empty()) {
        return Ok(None);
    }
    let cell = |column: FollowUpColumn| {
        layout
            .column_of(column)
            .map(|c| (c, trim_text(text(c))))
            .filter(|(_, t)| !t.is_empty())
    };
    let error = |c: usize, reason: String| RowError {
        row,
        column: layout.headers.get(c).cloned().unwrap_or_default(),
        value: text(c).to_owned(),
        reason,
    };
    let required = |column: FollowUpColumn| {
        cell(column).ok_or_else(|| {
            error(
                layout.column_of(column).unwrap_or_default(),
                format!("{} is required", column.code()),
            )
        })
    };
    let (_, phone) = required(FollowUpColumn::Phone)?;
    let (time_column, time) = required(FollowUpColumn::Time)?;
    let at = parse_date_time(time)
        .ok_or_else(|| error(time_column, format!("is not {EXPECTED_DATE}")))?;
    let (_, content) = required(FollowUpColumn::Content)?;
    let method = match cell(FollowUpColumn::Method) {
        None => FollowUpMethod::Phone,
        Some((c, t)) => parse_method(t).ok_or_else(|| {
            error(
                c,
                "is not a follow-up method: 电话, 微信, 面谈, 短信, 邮件, 视频, 其他".into(),
            )
        })?,
    };
    let kind = match cell(FollowUpColumn::Kind) {
        None => FollowUpKind::Other,
        Some((c, t)) => parse_follow_up_kind(t).ok_or_else(|| {
            error(
                c,
                "is not a follow-up kind: 初次接触, 需求了解, 试驾, 其他 ...".into(),
            )
        })?,
    };
    Ok(Some(FollowUpRow {
        row,
        phone: phone.to_owned(),
        at,
        method,
        kind,
        content: content.to_owned(),
        consultant: cell(FollowUpColumn::Consultant).map(|(_, t)| t.to_owned()),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> FollowUpLayout {
        let headers: Vec<String> = [
            "手机",
            "跟进时间",
            "方式",
            "类型",
            "跟进内容",
            "跟进人",
            "备用",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        FollowUpLayout::from_headers(&headers).unwrap()
    }

    #[test]
    fn a_row_is_read_with_defaults_for_method_and_kind() {
        let r = read_follow_up_row(
            &layout(),
            2,
            &["138 1234 5678", "2024/3/5 14:30", "", "", "来电问价", ""],
        )
        .unwrap()
        .unwrap();
        assert_eq!(r.phone, "138 1234 5678");
        assert_eq!(r.at.to_string(), "2024-03-05 14:30:00");
        assert_eq!(
            (r.method, r.kind),
            (FollowUpMethod::Phone, FollowUpKind::Other)
        );
        assert_eq!(r.consultant, None);
        assert_eq!(layout().unknown_columns(), vec!["备用".to_owned()]);
        assert_eq!(read_follow_up_row(&layout(), 3, &["", " "]), Ok(None));
    }

    #[test]
    fn bad_cells_are_refused_naming_the_column() {
        let cases: &[(&[&str], &str, &str)] = &[
            (
                &["13812345678", "", "", "", "x"],
                "跟进时间",
                "time is required",
            ),
            (
                &["13812345678", "昨天", "", "", "x"],
                "跟进时间",
                "is not a date",
            ),
            (
                &["13812345678", "2024-3-5", "飞鸽", "", "x"],
                "方式",
                "is not a follow-up method",
            ),
            (
                &["13812345678", "2024-3-5", "", "吃饭", "x"],
                "类型",
                "is not a follow-up kind",
            ),
            (
                &["13812345678", "2024-3-5", "", "", ""],
                "跟进内容",
                "content is required",
            ),
            (&["", "2024-3-5", "", "", "x"], "手机", "phone is required"),
        ];
        for (cells, column, reason) in cases {
            let e = read_follow_up_row(&layout(), 4, cells).unwrap_err();
            assert_eq!(e.column, *column);
            assert!(e.reason.starts_with(reason), "{e:?}");
        }
    }

    #[test]
    fn a_sheet_without_phone_time_or_content_is_refused() {
        let h = |h: &[&str]| h.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            FollowUpLayout::from_headers(&h(&["跟进时间", "内容"])),
            Err(MissingColumn(FollowUpColumn::Phone, "手机"))
        );
        assert_eq!(
            FollowUpLayout::from_headers(&h(&["手机", "内容"])),
            Err(MissingColumn(FollowUpColumn::Time, "跟进时间"))
        );
    }
}
