//! The deal dimensions of a [`CustomerFilter`] as SQL conditions on `customers c`.
//!
//! Intent level, pipeline status and lost reason are columns of the customer's row (kept by
//! the store on every move: the current deal's). Whether a deal is open and the deals'
//! sources are `EXISTS` on `deals`, by customer id through `deals_by_customer`. The intended vehicle, budget and trade-in are `EXISTS` on
//! `vehicle_intents` and the dates `EXISTS` on `orders`, each reached by customer id through
//! `vehicle_intents_by_customer` / `orders_by_customer`: a filtered page checks its
//! candidates one by one and stops after its first rows.

use crate::db::time::date_text;
use crate::find::filter_sql::{placeholders, Conditions};
use crm_core::{Code, CustomerFilter};
use rusqlite::types::Value;

/// An intent's brand, series, body type or powertrain: its own, else its catalogue model's.
const INTENT_VALUE: &str = "coalesce(i.{col}, (SELECT m.{col} FROM catalogue_models m \
     WHERE m.id = i.catalogue_model))";

/// Adds the deal dimensions of `filter` (already validated) to `c`.
pub(crate) fn compile_deal(c: &mut Conditions, filter: &CustomerFilter) {
    c.any_of("c.intent_level", codes(&filter.levels));
    c.any_of(
        "c.pipeline_status",
        filter
            .stages
            .iter()
            .map(|s| Value::Text(s.code().to_owned()))
            .collect(),
    );
    c.any_of("c.lost_reason", codes(&filter.lost_reasons));
    if let Some(yes) = filter.has_open_deal {
        c.push(
            format!(
                "{}EXISTS (SELECT 1 FROM deals d WHERE d.customer_id = c.id \
                 AND d.closed_at IS NULL)",
                if yes { "" } else { "NOT " }
            ),
            [],
        );
    }
    if !filter.deal_sources.is_empty() {
        c.push(
            format!(
                "EXISTS (SELECT 1 FROM deals d WHERE d.customer_id = c.id AND d.source IN ({}))",
                placeholders(filter.deal_sources.len())
            ),
            codes(&filter.deal_sources),
        );
    }
    intents(c, filter);
    if let Some(yes) = filter.has_trade_in {
        c.push(
            format!(
                "{}EXISTS (SELECT 1 FROM vehicle_intents i WHERE i.customer_id = c.id \
                 AND i.trade_in_brand IS NOT NULL)",
                if yes { "" } else { "NOT " }
            ),
            [],
        );
    }
    orders(
        c,
        "o.status <> 'cancelled'",
        "o.order_date",
        filter.ordered_from,
        filter.ordered_to,
    );
    orders(
        c,
        "o.status = 'delivered'",
        "o.delivery_date",
        filter.delivered_from,
        filter.delivered_to,
    );
}

fn codes<T: Code>(values: &[T]) -> Vec<Value> {
    values
        .iter()
        .map(|v| Value::Text(v.code().to_owned()))
        .collect()
}

/// One `EXISTS` on the customer's intents holding every intended-vehicle dimension set: the
/// same intent must match them all.
fn intents(c: &mut Conditions, filter: &CustomerFilter) {
    let mut sql = Vec::new();
    let mut params = Vec::new();
    let names = |values: &[String]| -> Vec<Value> {
        values
            .iter()
            .map(|v| Value::Text(crm_core::trim_text(v).to_owned()))
            .collect()
    };
    for (col, values, collate) in [
        ("brand", names(&filter.brands), " COLLATE NOCASE"),
        ("series", names(&filter.series), " COLLATE NOCASE"),
        ("body_type", codes(&filter.body_types), ""),
        ("powertrain", codes(&filter.powertrains), ""),
    ] {
        if !values.is_empty() {
            sql.push(format!(
                "{}{collate} IN ({})",
                INTENT_VALUE.replace("{col}", col),
                placeholders(values.len())
            ));
            params.extend(values);
        }
    }
    if let Some(budget) = filter.budget {
        sql.push("(i.budget_min IS NOT NULL OR i.budget_max IS NOT NULL)".to_owned());
        if let Some(min) = budget.min {
            sql.push("(i.budget_max IS NULL OR i.budget_max >= ?)".to_owned());
            params.push(Value::Integer(min.fen()));
        }
        if let Some(max) = budget.max {
            sql.push("(i.budget_min IS NULL OR i.budget_min <= ?)".to_owned());
            params.push(Value::Integer(max.fen()));
        }
    }
    if !sql.is_empty() {
        c.push(
            format!(
                "EXISTS (SELECT 1 FROM vehicle_intents i WHERE i.customer_id = c.id AND {})",
                sql.join(" AND ")
            ),
            params,
        );
    }
}

/// `EXISTS` an order of the customer in `status` whose `date_column` lies in `[from, to)`.
fn orders(
    c: &mut Conditions,
    status: &str,
    date_column: &str,
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
) {
    if from.is_none() && to.is_none() {
        return;
    }
    let mut sql = format!("EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND {status}");
    let mut params = Vec::new();
    for (bound, op) in [(from, ">="), (to, "<")] {
        if let Some(day) = bound {
            sql.push_str(&format!(" AND {date_column} {op} ?"));
            params.push(Value::Text(date_text(day)));
        }
    }
    sql.push(')');
    c.push(sql, params);
}

#[cfg(test)]
mod tests {
    use crate::find::filter_sql::compile;
    use crate::store::Store;
    use chrono::Utc;
    use crm_core::{
        AmountRange, BodyType, CustomerFilter, DealershipZone, Fen, IntentLevel, LostReason,
        PipelineStatus, Powertrain, Stage,
    };

    fn every_deal_dimension() -> CustomerFilter {
        let day = |s: &str| s.parse().ok();
        CustomerFilter {
            levels: vec![IntentLevel::H],
            stages: vec![PipelineStatus::InStage(Stage::Negotiating)],
            brands: vec!["大众".into()],
            series: vec!["途观L".into()],
            body_types: vec![BodyType::Suv],
            powertrains: vec![Powertrain::Bev],
            budget: Some(AmountRange::between(Fen(1), Fen(2))),
            has_trade_in: Some(false),
            lost_reasons: vec![LostReason::Price],
            ordered_from: day("2026-01-01"),
            ordered_to: day("2026-02-01"),
            delivered_from: day("2026-01-01"),
            delivered_to: None,
            ..Default::default()
        }
    }

    /// The query plan of a customer list under `filter`, one line per step.
    fn plan(filter: &CustomerFilter) -> String {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("crm.sqlite3")).unwrap();
        let c = compile(filter, Utc::now(), &DealershipZone::default());
        let sql = format!(
            "SELECT c.id FROM customers c WHERE {} LIMIT 50",
            c.where_sql()
        );
        crate::db::query_plan::query_plan(&store, &sql, &c.params)
    }

    #[test]
    fn intent_and_order_checks_read_their_rows_by_customer_id() {
        let plan = plan(&every_deal_dimension());
        for index in [
            "SEARCH i USING INDEX vehicle_intents_by_customer (customer_id=?)",
            "SEARCH o USING INDEX orders_by_customer (customer_id=?)",
            "SEARCH m USING INDEX sqlite_autoindex_catalogue_models_1 (id=?)",
        ] {
            assert!(plan.contains(index), "{index} not in\n{plan}");
        }
        for alias in ["i", "o", "m"] {
            assert!(!plan.contains(&format!("SCAN {alias}")), "{plan}");
        }
    }

    #[test]
    fn one_value_per_parameter_and_no_text_in_the_sql() {
        let c = compile(
            &every_deal_dimension(),
            Utc::now(),
            &DealershipZone::default(),
        );
        // level, status, lost reason, brand, series, body, powertrain, budget ×2,
        // ordered ×2, delivered ×1.
        assert_eq!(c.params.len(), 12);
        let sql = c.where_sql();
        for value in [
            "大众",
            "途观L",
            "suv",
            "bev",
            "2026-01-01",
            "negotiating",
            "price",
        ] {
            assert!(!sql.contains(value), "{value} in {sql}");
        }
    }
}
