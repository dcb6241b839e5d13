//! Property tests of vehicle intents, the catalogue, budgets and the intent level history.
#![cfg(feature = "proptest")]

use crm_core::strategies::{follow_up::*, time::*, vehicle::*};
use crm_core::{
    check_history, choose_primary, diff_intents, level_at, validate_catalogue, AmountRange,
    CatalogueModel, Fen, IntentLevelChange, NewVehicleIntent, VehicleIntentPatch,
    VehicleIntentRecord,
};
use proptest::prelude::*;

proptest! {
    #[test]
    fn validating_a_valid_intent_twice_changes_nothing(i in new_vehicle_intent("c001".into())) {
        let valid = i.validate(reference_today()).unwrap();
        prop_assert_eq!(NewVehicleIntent::from(&valid).validate(reference_today()).unwrap(), valid.clone());
        if let (Some(lo), Some(hi)) = (valid.budget.min, valid.budget.max) {
            prop_assert!(lo <= hi);
        }
    }

    #[test]
    fn a_near_valid_intent_is_rejected_naming_its_field((i, field) in near_valid_vehicle_intent("c001".into(), reference_today())) {
        prop_assert_eq!(i.validate(reference_today()).unwrap_err().field, field);
    }

    #[test]
    fn intents_round_trip_through_serde(i in new_vehicle_intent("c001".into()), version in 1u64..50) {
        let record = VehicleIntentRecord {
            id: "0190c3a4-0000-7000-8000-000000000001".into(),
            intent: i.validate(reference_today()).unwrap(),
            created_at: reference_now(),
            updated_at: reference_now(),
            version,
        };
        let json = serde_json::to_string(&record).unwrap();
        prop_assert_eq!(serde_json::from_str::<VehicleIntentRecord>(&json).unwrap(), record);
        let input = serde_json::to_string(&i).unwrap();
        prop_assert_eq!(serde_json::from_str::<NewVehicleIntent>(&input).unwrap(), i);
    }

    #[test]
    fn a_patch_changes_only_the_fields_it_names(i in new_vehicle_intent("c001".into()), patch in vehicle_intent_patch()) {
        let old = i.validate(reference_today()).unwrap();
        let new = patch.apply(&old, reference_today()).unwrap();
        let named = |field: &str| match field {
            "brand" => patch.brand.is_some(),
            "body_type" => patch.body_type.is_some(),
            "powertrain" => patch.powertrain.is_some(),
            "budget" => patch.budget.is_some(),
            "timeframe" => patch.timeframe.is_some(),
            "trade_in" => patch.trade_in.is_some(),
            "competitors" => patch.competitors.is_some(),
            "primary" => patch.primary.is_some(),
            _ => false,
        };
        for change in diff_intents(&old, &new) {
            let root = change.field.split('.').next().unwrap();
            prop_assert!(named(root), "{} changed but the patch did not name it", change.field);
        }
        prop_assert_eq!(diff_intents(&old, &new).is_empty(), old == new);
        prop_assert_eq!(VehicleIntentPatch::default().apply(&old, reference_today()).unwrap(), old);
    }

    #[test]
    fn exactly_one_existing_intent_is_chosen_primary(
        flags in prop::collection::vec((any::<bool>(), 0i64..5), 0..6),
        wanted in prop::option::of(0usize..8),
        i in new_vehicle_intent("c001".into()),
    ) {
        let intent = i.validate(reference_today()).unwrap();
        let records: Vec<VehicleIntentRecord> = flags
            .iter()
            .enumerate()
            .map(|(n, (primary, minutes))| VehicleIntentRecord {
                id: format!("i{n}").into(),
                intent: crm_core::VehicleIntent { primary: *primary, ..intent.clone() },
                created_at: reference_now() + chrono::Duration::minutes(*minutes),
                updated_at: reference_now(),
                version: 1,
            })
            .collect();
        let wanted_id = wanted.map(|n| format!("i{n}").into());
        let chosen = choose_primary(&records, wanted_id.as_ref());
        prop_assert_eq!(chosen.is_some(), !records.is_empty());
        if let Some(id) = chosen {
            let rec = records.iter().find(|r| r.id == id).unwrap();
            match wanted {
                Some(n) if n < records.len() => prop_assert_eq!(id.as_str(), format!("i{n}")),
                _ if records.iter().any(|r| r.intent.primary) => prop_assert!(rec.intent.primary),
                _ => prop_assert!(records.iter().all(|r| r.created_at >= rec.created_at)),
            }
        }
    }

    #[test]
    fn budget_overlap_agrees_with_brute_force(
        a in (prop::option::of(0i64..20), prop::option::of(0i64..20)),
        b in (prop::option::of(0i64..20), prop::option::of(0i64..20)),
    ) {
        let range = |(lo, hi): (Option<i64>, Option<i64>)| AmountRange { min: lo.map(Fen), max: hi.map(Fen) };
        let (ra, rb) = (range(a), range(b));
        // Every end lies in 0..20, so an amount both contain, if any, lies in -1..=20.
        let brute = (-1..=20).any(|x| ra.contains(Fen(x)) && rb.contains(Fen(x)));
        prop_assert_eq!(ra.overlaps(&rb), brute);
        prop_assert_eq!(ra.overlaps(&rb), rb.overlaps(&ra));
    }

    #[test]
    fn catalogue_models_validate_and_round_trip(models in prop::collection::vec(catalogue_model(), 0..8)) {
        let mut seen = std::collections::HashSet::new();
        let duplicate = models.iter().position(|m| !seen.insert(m.id.clone()));
        match (validate_catalogue(&models), duplicate) {
            (Ok(valid), None) => {
                prop_assert_eq!(&valid, &models);
                let json = serde_json::to_string(&valid).unwrap();
                prop_assert_eq!(serde_json::from_str::<Vec<CatalogueModel>>(&json).unwrap(), valid);
            }
            (Err(e), Some(i)) => prop_assert_eq!(e.field, format!("catalogue[{i}].id")),
            (result, duplicate) => prop_assert!(false, "{:?} with duplicate {:?}", result, duplicate),
        }
    }

    #[test]
    fn an_intent_from_a_catalogue_model_is_valid_and_points_at_it(m in catalogue_model()) {
        let v = NewVehicleIntent::from_catalogue("c001".into(), &m).validate(reference_today()).unwrap();
        prop_assert_eq!(v.catalogue_model, Some(m.id));
        prop_assert_eq!(v.body_type, Some(m.body_type));
        prop_assert_eq!(v.powertrain, Some(m.powertrain));
    }

    #[test]
    fn a_level_history_is_a_chain_and_tells_the_level_at_any_time(
        levels in prop::collection::vec(intent_level(), 1..12),
        gaps in prop::collection::vec(0i64..1000, 12),
    ) {
        let mut history: Vec<IntentLevelChange> = Vec::new();
        let mut at = reference_now();
        for (level, gap) in levels.iter().zip(&gaps) {
            at += chrono::Duration::minutes(*gap);
            let from = history.last().map(|c| c.to);
            if let Some(change) = IntentLevelChange::new("c001", at, from, *level).unwrap() {
                history.push(change);
            }
        }
        prop_assert!(check_history(&history).is_ok());
        prop_assert!(history.iter().all(|c| c.from != Some(c.to)));
        prop_assert_eq!(level_at(&history, reference_now() - chrono::Duration::seconds(1)), None);
        prop_assert_eq!(level_at(&history, at), history.last().map(|c| c.to));
        for (n, c) in history.iter().enumerate() {
            // At a change's instant its level holds, unless a later one shares the instant.
            let last_at_instant = history.iter().rposition(|d| d.at == c.at).unwrap();
            prop_assert!(last_at_instant >= n);
            prop_assert_eq!(level_at(&history, c.at), Some(history[last_at_instant].to));
        }
    }
}
