//! The care rules as JSON text (`care_rules_json`, `set_care_rules_json`), for apps that
//! pass the rules through: the object `crm-core` defines (`CareRules`, snake_case; missing
//! fields take their defaults). The typed records are in `rules`.

use crate::error::CrmError;
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::store::CrmStore;

/// Care rules from JSON text (see `crm_core::CareRules::from_json`): `InvalidInput` on
/// `rules` saying where the text went wrong, or on the path of a field the rules do not
/// have (`inspection.lead_day` "is not a known field").
fn parse_rules(json: &str) -> Result<crm_core::CareRules, CrmError> {
    crm_core::CareRules::from_json(json).map_err(|e| match e {
        crm_core::CareRulesJsonError::UnknownField(v) => v.into(),
        not_rules => CrmError::invalid("rules", not_rules.to_string()),
    })
}

/// `rules` as pretty JSON.
fn rules_json(rules: &crm_core::CareRules) -> Result<String, CrmError> {
    serde_json::to_string_pretty(rules).map_err(|e| CrmError::Storage {
        detail: format!("care rules: {e}"),
    })
}

#[uniffi::export]
impl CrmStore {
    /// The dealership's care rules as JSON (the defaults until set): an object with
    /// `delivery_calls`, `maintenance`, `insurance`, `inspection`, `birthday`, `holidays`,
    /// `anniversary`, `referral` and `consent`.
    pub async fn care_rules_json(&self) -> Result<String, CrmError> {
        self.read(move |store| rules_json(&store.care_rules()?))
            .await
    }

    /// Sets the care rules from `json` (fields left out take their defaults) and returns
    /// them as stored. Open care tasks follow at the next `generate_care`; done and skipped
    /// ones stay as they were.
    ///
    /// Fails with `InvalidInput` on `rules` when `json` is not care rules JSON (the reason
    /// says where), on a field the rules do not have (`inspection.lead_day`: "is not a known
    /// field"), or on the rule broken (`maintenance.every_km` …).
    pub async fn set_care_rules_json(&self, json: String) -> Result<String, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::Care]), move |store| {
            rules_json(&store.set_care_rules(&parse_rules(&json)?)?)
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_json_must_be_an_object_of_rules() {
        for bad in ["[]", "{", "{\"maintenance\": 3}"] {
            let err = parse_rules(bad).unwrap_err();
            assert!(
                matches!(&err, CrmError::InvalidInput { field, .. } if field == "rules"),
                "{bad}: {err:?}"
            );
        }
        assert_eq!(parse_rules("{}").unwrap(), crm_core::CareRules::default());
        assert_eq!(
            parse_rules(r#"{"referal": {}}"#).unwrap_err(),
            CrmError::invalid("referal", "is not a known field")
        );
    }

    #[test]
    fn the_default_rules_survive_a_round_trip() {
        let json = rules_json(&crm_core::CareRules::default()).unwrap();
        let back: crm_core::CareRules = serde_json::from_str(&json).unwrap();
        assert_eq!(back, crm_core::CareRules::default());
    }
}
