//! One data row of a customer sheet read into a customer: the cells parsed, then the
//! customer checked by the same validation as every customer ([`NewCustomer::validate`]),
//! each refusal reported with the row, the column, the value as read and the reason.

use crate::customer::{
    normalize_phone, ContactInput, ContactKind, CustomerId, CustomerProfile, Gender, NewCustomer,
    PhoneKind, SourceChannel,
};
use crate::follow_up::IntentLevel;
use crate::spreadsheet::cells::{
    parse_date, parse_gender, parse_intent_level, parse_source, split_tags, EXPECTED_DATE,
    EXPECTED_GENDER, EXPECTED_INTENT_LEVEL, EXPECTED_SOURCE,
};
use crate::spreadsheet::columns::Field;
use crate::spreadsheet::layout::SheetLayout;
use crate::validation::{trim_text, Rule, ValidationError};
use crate::vehicle::NewVehicleIntent;
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// The description of the source channel given to a customer whose row names none: the
/// channel is required, and an import is where they came from as far as the book knows.
pub const IMPORTED_SOURCE: &str = "导入";

/// A row that was refused: where, what was read, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RowError {
    /// The row's number as a spreadsheet shows it: the header is row 1.
    pub row: u64,
    /// The column's header as in the file (or the field, when the sheet has no such
    /// column: `source`).
    pub column: String,
    /// The cell's text as read.
    pub value: String,
    /// Why it was refused.
    pub reason: String,
}

/// A row read into a customer: valid, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedRow {
    /// The row's number (header = 1).
    pub row: u64,
    /// The customer as read, validated as [`ImportedRow::profile`].
    pub customer: NewCustomer,
    /// The validated, normalised customer.
    pub profile: CustomerProfile,
    /// The intent level the row gives.
    pub intent_level: Option<IntentLevel>,
    /// The car wanted (意向车型), as a vehicle intent's model.
    pub vehicle: Option<String>,
    /// When the customer was first recorded, if the row says.
    pub created_on: Option<NaiveDate>,
    /// For each contact of [`ImportedRow::profile`], the header of the column it came from.
    pub contact_columns: Vec<String>,
    /// For each contact, its cell's text as read.
    pub contact_values: Vec<String>,
}

/// One row's cells by field, and the column each contact came from.
struct Cells<'a> {
    layout: &'a SheetLayout,
    cells: Vec<&'a str>,
    row: u64,
}

impl<'a> Cells<'a> {
    fn text(&self, column: usize) -> &'a str {
        self.cells.get(column).copied().unwrap_or("")
    }

    /// The trimmed text of `field`'s column; `None` when the sheet has no such column or
    /// the cell is blank.
    fn of(&self, field: Field) -> Option<(usize, &'a str)> {
        let column = self.layout.column_of(field)?;
        let text = trim_text(self.text(column));
        (!text.is_empty()).then_some((column, text))
    }

    fn error(&self, column: usize, reason: impl Into<String>) -> RowError {
        RowError {
            row: self.row,
            column: self.layout.headers.get(column).cloned().unwrap_or_default(),
            value: self.text(column).to_owned(),
            reason: reason.into(),
        }
    }

    /// `field`'s cell read by `parse`, or an error naming `expected`.
    fn parsed<T>(
        &self,
        field: Field,
        parse: impl Fn(&str) -> Option<T>,
        expected: &str,
    ) -> Result<Option<(usize, T)>, RowError> {
        match self.of(field) {
            None => Ok(None),
            Some((column, text)) => match parse(text) {
                Some(v) => Ok(Some((column, v))),
                None => Err(self.error(column, format!("is not {expected}"))),
            },
        }
    }
}

/// A phone's kind: a mobile when it reads as one, else a landline when it reads as one,
/// else a mobile (whose validation then says what a mobile looks like).
fn phone_kind(text: &str) -> ContactKind {
    if normalize_phone(text, PhoneKind::Mobile).is_err()
        && normalize_phone(text, PhoneKind::Landline).is_ok()
    {
        ContactKind::Landline
    } else {
        ContactKind::Mobile
    }
}

/// Reads row number `row` (header = 1) of a sheet laid out as `layout`, as of `now`.
/// `Ok(None)` for a blank row (every cell empty), skipped without a report. A row whose
/// cell cannot be read, or whose customer the validation refuses, is a [`RowError`] naming
/// the column the refused field came from.
pub fn read_row<S: AsRef<str>>(
    layout: &SheetLayout,
    row: u64,
    cells: &[S],
    now: DateTime<Utc>,
) -> Result<Option<ImportedRow>, RowError> {
    let cells = Cells {
        layout,
        cells: cells.iter().map(AsRef::as_ref).collect(),
        row,
    };
    if cells.cells.iter().all(|c| trim_text(c).is_empty()) {
        return Ok(None);
    }
    let mut contacts = Vec::new();
    let mut contact_columns = Vec::new();
    for (column, field) in layout.fields.iter().enumerate() {
        let text = trim_text(cells.text(column));
        let kind = match field {
            _ if text.is_empty() => continue,
            Some(Field::Phone) => phone_kind(text),
            Some(Field::Wechat) => ContactKind::Wechat,
            Some(Field::Email) => ContactKind::Email,
            _ => continue,
        };
        let input = ContactInput::new(kind, text);
        contacts.push(if contacts.is_empty() {
            input.primary()
        } else {
            input
        });
        contact_columns.push(column);
    }
    let gender = cells.parsed(Field::Gender, parse_gender, EXPECTED_GENDER)?;
    let birthday = cells.parsed(Field::Birthday, parse_date, EXPECTED_DATE)?;
    let source = cells.parsed(Field::Source, parse_source, EXPECTED_SOURCE)?;
    let intent_level = cells.parsed(
        Field::IntentLevel,
        parse_intent_level,
        EXPECTED_INTENT_LEVEL,
    )?;
    let created = cells.parsed(Field::Created, parse_date, EXPECTED_DATE)?;
    if let Some((column, day)) = created {
        if day > (now + Duration::hours(14)).date_naive() {
            return Err(cells.error(column, Rule::InFuture.to_string()));
        }
    }
    let text = |field| cells.of(field).map(|(_, t)| t.to_owned());
    let customer = NewCustomer {
        name: text(Field::Name).unwrap_or_default(),
        gender: gender.map_or(Gender::Unspecified, |(_, g)| g),
        birthday: birthday.map(|(_, d)| d),
        age_band: None,
        occupation: None,
        region: Default::default(),
        notes: text(Field::Notes),
        contacts,
        source: source.map_or_else(
            || SourceChannel::Other {
                description: IMPORTED_SOURCE.to_owned(),
            },
            |(_, s)| s,
        ),
        first_contact: None,
        tags: cells
            .of(Field::Tags)
            .map(|(_, t)| split_tags(t))
            .unwrap_or_default(),
        importance: Default::default(),
        owner: text(Field::Owner),
    };
    let refused = |e: ValidationError| {
        let column = column_of_field(layout, &e.field, &contact_columns);
        match column {
            Some(column) => cells.error(column, format!("{} {}", e.field, e.rule)),
            None => RowError {
                row,
                column: e.field.clone(),
                value: String::new(),
                reason: format!("{} {}", e.field, e.rule),
            },
        }
    };
    let profile = customer.validate(now).map_err(refused)?;
    let vehicle = text(Field::Vehicle);
    if let Some(model) = &vehicle {
        NewVehicleIntent {
            model: Some(model.clone()),
            ..NewVehicleIntent::new(CustomerId::from("row"))
        }
        .validate(now.date_naive())
        .map_err(|e| {
            let column = layout.column_of(Field::Vehicle).unwrap_or_default();
            cells.error(column, format!("vehicle {}", e.rule))
        })?;
    }
    Ok(Some(ImportedRow {
        row,
        customer,
        profile,
        intent_level: intent_level.map(|(_, l)| l),
        vehicle,
        created_on: created.map(|(_, d)| d),
        contact_values: contact_columns
            .iter()
            .map(|&c| cells.text(c).to_owned())
            .collect(),
        contact_columns: contact_columns
            .iter()
            .map(|&c| layout.headers.get(c).cloned().unwrap_or_default())
            .collect(),
    }))
}

/// The column a validation error's field came from: `contacts[1].value` from the second
/// contact's column, `source.platform` from the source column ...
fn column_of_field(layout: &SheetLayout, field: &str, contact_columns: &[usize]) -> Option<usize> {
    let head = field.split(['.', '[']).next().unwrap_or(field);
    match head {
        "contacts" => {
            let index = field
                .strip_prefix("contacts[")
                .and_then(|rest| rest.split(']').next())
                .and_then(|i| i.parse::<usize>().ok())
                .unwrap_or(0);
            contact_columns.get(index).copied().or_else(|| {
                [Field::Phone, Field::Wechat, Field::Email]
                    .into_iter()
                    .find_map(|f| layout.column_of(f))
            })
        }
        "name" => layout.column_of(Field::Name),
        "birthday" => layout.column_of(Field::Birthday),
        "source" => layout.column_of(Field::Source),
        "tags" => layout.column_of(Field::Tags),
        "notes" => layout.column_of(Field::Notes),
        "owner" => layout.column_of(Field::Owner),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spreadsheet::layout::ColumnMapping;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, 8, 0, 0).unwrap()
    }

    fn layout() -> SheetLayout {
        let headers: Vec<String> = [
            "姓名",
            "手机",
            "微信",
            "性别",
            "生日",
            "来源",
            "意向车型",
            "意向级别",
            "标签",
            "备注",
            "登记日期",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        SheetLayout::from_headers(&headers, &ColumnMapping::default()).unwrap()
    }

    fn row(cells: &[&str]) -> Result<Option<ImportedRow>, RowError> {
        read_row(&layout(), 7, cells, now())
    }

    #[test]
    fn a_full_row_becomes_a_valid_customer() {
        let r = row(&[
            " 张三 ",
            "138 1234 5678",
            "zhang_san88",
            "男",
            "1990/3/5",
            "网络平台: 汽车之家",
            "途观L",
            "H",
            "VIP、置换",
            "周末来",
            "45356",
        ])
        .unwrap()
        .unwrap();
        assert_eq!(r.profile.name, "张三");
        assert_eq!(r.profile.contacts[0].key, "+8613812345678");
        assert!(r.profile.contacts[0].primary);
        assert_eq!(r.profile.contacts[1].kind, ContactKind::Wechat);
        assert_eq!(r.profile.gender, Gender::Male);
        assert_eq!(r.profile.birthday, NaiveDate::from_ymd_opt(1990, 3, 5));
        assert_eq!(
            r.profile.source,
            SourceChannel::OnlinePlatform {
                platform: "汽车之家".into()
            }
        );
        assert_eq!(r.profile.tags, vec!["VIP", "置换"]);
        assert_eq!(r.intent_level, Some(IntentLevel::H));
        assert_eq!(r.vehicle.as_deref(), Some("途观L"));
        assert_eq!(r.created_on, NaiveDate::from_ymd_opt(2024, 3, 5));
        assert_eq!(r.row, 7);
        assert_eq!(r.contact_columns, vec!["手机", "微信"]);
        assert_eq!(r.contact_values, vec!["138 1234 5678", "zhang_san88"]);
    }

    #[test]
    fn a_short_row_reads_missing_cells_as_blank_and_a_blank_row_is_skipped() {
        let r = row(&["李四", "010-6212 3456"]).unwrap().unwrap();
        assert_eq!(r.profile.contacts[0].kind, ContactKind::Landline);
        assert_eq!(
            r.profile.source,
            SourceChannel::Other {
                description: IMPORTED_SOURCE.into()
            }
        );
        assert_eq!(row(&["", " ", "\u{3000}"]), Ok(None));
        assert_eq!(row(&[]), Ok(None));
    }

    #[test]
    fn each_refusal_names_the_column_and_the_value_as_read() {
        let cases: &[(&[&str], &str, &str, &str)] = &[
            (
                &["张三", "138", ""],
                "手机",
                "138",
                "contacts[0].value is not",
            ),
            (&["张三", "", "a"], "微信", "a", "contacts[0].value is not"),
            (&["", "13812345678"], "姓名", "", "name is required"),
            (
                &["张三", "", ""],
                "手机",
                "",
                "contacts needs at least one contact",
            ),
            (
                &["张三", "13812345678", "", "", "3/5/1990"],
                "生日",
                "3/5/1990",
                "is not a date",
            ),
            (
                &["张三", "13812345678", "", "", "2030-01-01"],
                "生日",
                "2030-01-01",
                "birthday lies in the future",
            ),
            (
                &["张三", "13812345678", "", "x"],
                "性别",
                "x",
                "is not a gender",
            ),
            (
                &["张三", "13812345678", "", "", "", "网络平台"],
                "来源",
                "网络平台",
                "source.platform is required",
            ),
            (
                &["张三", "13812345678", "", "", "", "抖音"],
                "来源",
                "抖音",
                "is not a source channel",
            ),
            (
                &["张三", "13812345678", "", "", "", "", "", "Z"],
                "意向级别",
                "Z",
                "is not an intent level",
            ),
            (
                &[
                    "张三",
                    "13812345678",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "2099-1-1",
                ],
                "登记日期",
                "2099-1-1",
                "lies in the future",
            ),
            (
                &["张三", "13812345678", "", "", "", "", &"车".repeat(300)],
                "意向车型",
                &"车".repeat(300),
                "vehicle is longer than",
            ),
        ];
        for (cells, column, value, reason) in cases {
            let err = row(cells).unwrap_err();
            assert_eq!(err.row, 7);
            assert_eq!((err.column.as_str(), err.value.as_str()), (*column, *value));
            assert!(err.reason.starts_with(reason), "{err:?}");
        }
    }

    #[test]
    fn the_second_contact_of_a_row_is_named_by_its_own_column() {
        let err = row(&["张三", "13812345678", "+86 138 1234 5678"]).unwrap_err();
        assert_eq!(err.column, "微信");
        // A WeChat ID that is a phone number is the same key only if it normalises so:
        // here it is taken as a WeChat ID and refused as malformed or taken.
        assert!(err.reason.starts_with("contacts[1].value"), "{err:?}");
    }
}
