//! One customer as a spreadsheet row: the values a list export shows, and each column's
//! cell in a named format (dates as dates, codes as their labels).

use crate::export::columns::{ExportColumn, TAG_SEPARATOR};
use crate::export::labels::{
    channel_label, gender_label, importance_label, intent_level_label, status_label, Language,
};
use crate::{Gender, Importance, IntentLevel, PipelineStatus, Region};
use chrono::NaiveDate;

/// What an export shows of one customer. Instants are already the dealership's local days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerRow {
    /// Name.
    pub name: String,
    /// The first phone (mobile or landline), the primary contact first.
    pub mobile: Option<String>,
    /// The first WeChat ID.
    pub wechat: Option<String>,
    /// The first e-mail address.
    pub email: Option<String>,
    /// Gender.
    pub gender: Gender,
    /// Birthday.
    pub birthday: Option<NaiveDate>,
    /// The source channel's kind code (`referral` ...).
    pub channel: String,
    /// The primary vehicle intent's brand, series and model, space-separated.
    pub intended_model: Option<String>,
    /// Intent level.
    pub intent_level: IntentLevel,
    /// Tags, in the customer's order.
    pub tags: Vec<String>,
    /// Notes.
    pub notes: Option<String>,
    /// The owning consultant's id.
    pub owner: Option<String>,
    /// The local day the customer was created.
    pub created_on: NaiveDate,
    /// The local day of the last contact.
    pub last_contact_on: Option<NaiveDate>,
    /// The local day the pending plan falls on.
    pub next_follow_up_on: Option<NaiveDate>,
    /// Where the customer stands in the pipeline.
    pub status: PipelineStatus,
    /// Importance mark.
    pub importance: Importance,
    /// Region.
    pub region: Region,
}

/// A cell's value, typed so that a spreadsheet keeps dates as dates.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text.
    Text(String),
    /// A calendar date.
    Date(NaiveDate),
    /// A count or an amount.
    Number(f64),
    /// A share from 0 to 1, shown as a percentage.
    Percent(f64),
}

/// How a date reads in text (CSV): ISO `yyyy-mm-dd`.
pub const DATE_TEXT: &str = "%Y-%m-%d";
/// The Excel number format of date cells.
pub const EXCEL_DATE_FORMAT: &str = "yyyy-mm-dd";
/// The Excel number format of percentage cells.
pub const EXCEL_PERCENT_FORMAT: &str = "0.0%";

impl Cell {
    /// The cell as text: dates ISO, numbers as written, percentages with one decimal and `%`.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Date(d) => d.format(DATE_TEXT).to_string(),
            Cell::Number(n) => n.to_string(),
            Cell::Percent(p) => format!("{:.1}%", p * 100.0),
        }
    }
}

fn text(value: Option<&str>) -> Cell {
    match value {
        Some(v) if !v.is_empty() => Cell::Text(v.to_owned()),
        _ => Cell::Empty,
    }
}

fn date(value: Option<NaiveDate>) -> Cell {
    value.map_or(Cell::Empty, Cell::Date)
}

impl CustomerRow {
    /// The cell of `column`, labels in `language`.
    pub fn cell(&self, column: ExportColumn, language: Language) -> Cell {
        match column {
            ExportColumn::Name => Cell::Text(self.name.clone()),
            ExportColumn::Mobile => text(self.mobile.as_deref()),
            ExportColumn::Wechat => text(self.wechat.as_deref()),
            ExportColumn::Email => text(self.email.as_deref()),
            ExportColumn::Gender => match self.gender {
                Gender::Unspecified => Cell::Empty,
                g => Cell::Text(gender_label(g).get(language).to_owned()),
            },
            ExportColumn::Birthday => date(self.birthday),
            ExportColumn::Source => Cell::Text(
                channel_label(&self.channel)
                    .map_or(self.channel.as_str(), |l| l.get(language))
                    .to_owned(),
            ),
            ExportColumn::IntendedModel => text(self.intended_model.as_deref()),
            ExportColumn::IntentLevel => Cell::Text(
                intent_level_label(self.intent_level)
                    .get(language)
                    .to_owned(),
            ),
            ExportColumn::Tags => match self.tags.is_empty() {
                true => Cell::Empty,
                false => Cell::Text(self.tags.join(TAG_SEPARATOR)),
            },
            ExportColumn::Notes => text(self.notes.as_deref()),
            ExportColumn::Owner => text(self.owner.as_deref()),
            ExportColumn::Created => Cell::Date(self.created_on),
            ExportColumn::LastContact => date(self.last_contact_on),
            ExportColumn::NextFollowUp => date(self.next_follow_up_on),
            ExportColumn::Stage => Cell::Text(status_label(self.status).get(language).to_owned()),
            ExportColumn::Importance => {
                Cell::Text(importance_label(self.importance).get(language).to_owned())
            }
            ExportColumn::Region => {
                let parts: Vec<&str> = [
                    &self.region.province,
                    &self.region.city,
                    &self.region.district,
                ]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect();
                text(Some(&parts.join(" ")))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Stage;

    fn row() -> CustomerRow {
        CustomerRow {
            name: "王小明".into(),
            mobile: Some("13800138000".into()),
            wechat: None,
            email: Some("".into()),
            gender: Gender::Male,
            birthday: NaiveDate::from_ymd_opt(1990, 3, 5),
            channel: "online_platform".into(),
            intended_model: Some("比亚迪 汉".into()),
            intent_level: IntentLevel::H,
            tags: vec!["首购".into(), "贷款".into()],
            notes: None,
            owner: Some("c01".into()),
            created_on: NaiveDate::from_ymd_opt(2026, 1, 2).unwrap_or_default(),
            last_contact_on: None,
            next_follow_up_on: NaiveDate::from_ymd_opt(2026, 1, 9),
            status: PipelineStatus::InStage(Stage::Visited),
            importance: Importance::Key,
            region: Region {
                province: Some("广东".into()),
                city: None,
                district: Some("天河".into()),
            },
        }
    }

    #[test]
    fn cells_in_chinese() {
        let r = row();
        let zh = |c| r.cell(c, Language::Zh);
        assert_eq!(zh(ExportColumn::Name), Cell::Text("王小明".into()));
        assert_eq!(zh(ExportColumn::Wechat), Cell::Empty);
        assert_eq!(zh(ExportColumn::Email), Cell::Empty);
        assert_eq!(zh(ExportColumn::Gender), Cell::Text("男".into()));
        assert_eq!(zh(ExportColumn::Birthday).text(), "1990-03-05");
        assert_eq!(zh(ExportColumn::Source), Cell::Text("网络平台".into()));
        assert_eq!(zh(ExportColumn::IntentLevel), Cell::Text("H 7天内".into()));
        assert_eq!(zh(ExportColumn::Tags), Cell::Text("首购、贷款".into()));
        assert_eq!(zh(ExportColumn::Created).text(), "2026-01-02");
        assert_eq!(zh(ExportColumn::LastContact), Cell::Empty);
        assert_eq!(
            zh(ExportColumn::NextFollowUp),
            Cell::Date(NaiveDate::from_ymd_opt(2026, 1, 9).unwrap_or_default())
        );
        assert_eq!(zh(ExportColumn::Stage), Cell::Text("已到店".into()));
        assert_eq!(zh(ExportColumn::Importance), Cell::Text("重点".into()));
        assert_eq!(zh(ExportColumn::Region), Cell::Text("广东 天河".into()));
        assert_eq!(zh(ExportColumn::Owner), Cell::Text("c01".into()));
        assert_eq!(
            zh(ExportColumn::IntendedModel),
            Cell::Text("比亚迪 汉".into())
        );
    }

    #[test]
    fn cells_in_english_and_unknown_codes_as_stored() {
        let mut r = row();
        r.gender = Gender::Unspecified;
        r.channel = "fax".into();
        r.tags.clear();
        let en = |c| r.cell(c, Language::En);
        assert_eq!(en(ExportColumn::Gender), Cell::Empty);
        assert_eq!(en(ExportColumn::Source), Cell::Text("fax".into()));
        assert_eq!(en(ExportColumn::Tags), Cell::Empty);
        assert_eq!(en(ExportColumn::Stage), Cell::Text("visited".into()));
        assert_eq!(
            en(ExportColumn::IntentLevel),
            Cell::Text("H within 7 days".into())
        );
        r.region = Region::default();
        assert_eq!(r.cell(ExportColumn::Region, Language::En), Cell::Empty);
    }

    #[test]
    fn cell_texts() {
        assert_eq!(Cell::Empty.text(), "");
        assert_eq!(Cell::Number(12.0).text(), "12");
        assert_eq!(Cell::Number(2.5).text(), "2.5");
        assert_eq!(Cell::Percent(0.125).text(), "12.5%");
    }
}
