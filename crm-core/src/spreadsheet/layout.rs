//! A sheet's header row read into a layout: which column holds which field, from the
//! recognised header names or an explicit mapping, and which columns are unknown.

use crate::spreadsheet::columns::{field_of_header, header_key, Field};
use crate::validation::Code;
use std::collections::HashMap;

/// An explicit mapping from header to field, which wins over the recognised names:
/// JSON `{"客户名": "name", "Cell": "phone", "内部编号": "ignore"}` (field codes as in
/// [`Field`]; `ignore` leaves a column out without reporting it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnMapping {
    by_header: HashMap<String, Field>,
}

/// Why a sheet cannot be imported at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LayoutError {
    /// The mapping is not a JSON object of header → field code.
    #[error("the mapping is not a JSON object of header to field: {0}")]
    MappingNotJson(String),
    /// The mapping names a field that does not exist.
    #[error("the mapping gives column {header:?} the unknown field {field:?}")]
    UnknownField {
        /// The mapping's header.
        header: String,
        /// The field code it gave.
        field: String,
    },
    /// No column holds the customer's name.
    #[error("no column holds the name (姓名)")]
    NoNameColumn,
    /// No column holds a phone, WeChat ID or e-mail.
    #[error("no column holds a phone, WeChat ID or e-mail")]
    NoContactColumn,
    /// Two columns hold a field that only one may.
    #[error("columns {first:?} and {second:?} both hold {field:?}")]
    TwoColumns {
        /// The field.
        field: Field,
        /// The first column's header.
        first: String,
        /// The second column's header.
        second: String,
    },
    /// The sheet has no header row.
    #[error("the sheet is empty: no header row")]
    Empty,
}

impl ColumnMapping {
    /// Reads a mapping from its JSON text.
    pub fn from_json(json: &str) -> Result<ColumnMapping, LayoutError> {
        let raw: HashMap<String, String> =
            serde_json::from_str(json).map_err(|e| LayoutError::MappingNotJson(e.to_string()))?;
        let mut by_header = HashMap::new();
        for (header, code) in raw {
            let field = Field::from_code(code.trim()).ok_or_else(|| LayoutError::UnknownField {
                header: header.clone(),
                field: code.clone(),
            })?;
            by_header.insert(header_key(&header), field);
        }
        Ok(ColumnMapping { by_header })
    }

    /// The field the mapping gives `header`, if it names it.
    pub fn field_of(&self, header: &str) -> Option<Field> {
        self.by_header.get(&header_key(header)).copied()
    }
}

/// Which column of the sheet holds which field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetLayout {
    /// The header row as read, one entry per column.
    pub headers: Vec<String>,
    /// For each column, the field it holds (`None`: unknown, left out and reported).
    pub fields: Vec<Option<Field>>,
}

impl SheetLayout {
    /// The layout of a header row: each header's field from `mapping` first, then from the
    /// recognised names. Needs a name column and at least one contact column; a field other
    /// than phone, WeChat or e-mail may not come from two columns.
    pub fn from_headers(
        headers: &[String],
        mapping: &ColumnMapping,
    ) -> Result<SheetLayout, LayoutError> {
        if headers.iter().all(|h| header_key(h).is_empty()) {
            return Err(LayoutError::Empty);
        }
        let fields: Vec<Option<Field>> = headers
            .iter()
            .map(|h| mapping.field_of(h).or_else(|| field_of_header(h)))
            .collect();
        for (i, f) in fields.iter().enumerate() {
            let Some(f) = f.filter(|f| !f.repeats()) else {
                continue;
            };
            if let Some(j) = (i + 1..fields.len()).find(|&j| fields[j] == Some(f)) {
                return Err(LayoutError::TwoColumns {
                    field: f,
                    first: headers[i].clone(),
                    second: headers[j].clone(),
                });
            }
        }
        let has = |wanted: &[Field]| fields.iter().flatten().any(|f| wanted.contains(f));
        if !has(&[Field::Name]) {
            return Err(LayoutError::NoNameColumn);
        }
        if !has(&[Field::Phone, Field::Wechat, Field::Email]) {
            return Err(LayoutError::NoContactColumn);
        }
        Ok(SheetLayout {
            headers: headers.to_vec(),
            fields,
        })
    }

    /// The headers of the columns no field was found for (empty headers of empty columns
    /// are not counted), in sheet order.
    pub fn unknown_columns(&self) -> Vec<String> {
        self.headers
            .iter()
            .zip(&self.fields)
            .filter(|(h, f)| f.is_none() && !header_key(h).is_empty())
            .map(|(h, _)| h.clone())
            .collect()
    }

    /// The column (index) holding `field`, the first one if several do.
    pub fn column_of(&self, field: Field) -> Option<usize> {
        self.fields.iter().position(|f| *f == Some(field))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn a_mapping_wins_over_the_recognised_names_and_unknown_columns_are_listed() {
        let mapping =
            ColumnMapping::from_json(r#"{"客户名": "name", "车型": "ignore", "Cell": "phone"}"#)
                .unwrap();
        let layout = SheetLayout::from_headers(
            &headers(&["客户名", "Cell", "电话", "车型", "身份证号", ""]),
            &mapping,
        )
        .unwrap();
        assert_eq!(
            layout.fields,
            vec![
                Some(Field::Name),
                Some(Field::Phone),
                Some(Field::Phone),
                Some(Field::Ignore),
                None,
                None
            ]
        );
        assert_eq!(layout.unknown_columns(), vec!["身份证号".to_owned()]);
        assert_eq!(layout.column_of(Field::Phone), Some(1));
    }

    #[test]
    fn a_sheet_without_name_or_contact_or_with_two_name_columns_is_refused() {
        let none = ColumnMapping::default();
        assert_eq!(
            SheetLayout::from_headers(&headers(&["手机"]), &none),
            Err(LayoutError::NoNameColumn)
        );
        assert_eq!(
            SheetLayout::from_headers(&headers(&["姓名", "性别"]), &none),
            Err(LayoutError::NoContactColumn)
        );
        assert_eq!(
            SheetLayout::from_headers(&headers(&["姓名", "手机", "name"]), &none),
            Err(LayoutError::TwoColumns {
                field: Field::Name,
                first: "姓名".into(),
                second: "name".into()
            })
        );
        assert_eq!(
            SheetLayout::from_headers(&headers(&["", " "]), &none),
            Err(LayoutError::Empty)
        );
    }

    #[test]
    fn a_mapping_with_an_unknown_field_or_not_json_is_refused() {
        assert!(matches!(
            ColumnMapping::from_json(r#"{"x": "shoe_size"}"#),
            Err(LayoutError::UnknownField { .. })
        ));
        assert!(matches!(
            ColumnMapping::from_json("[1]"),
            Err(LayoutError::MappingNotJson(_))
        ));
    }
}
