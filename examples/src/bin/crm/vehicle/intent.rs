//! `crm intent ...`: a customer's vehicle intents (购车意向): add, list, edit, remove.
//! Option values are read (amounts in yuan to fen, body types, powertrains ...) before the
//! database is opened; the store validates the whole intent in its transaction.

use crate::customer::resolve::customer_id;
use crate::database::{open_existing, open_for_reading};
use crate::exit::Failure;
use crate::term::input::clearable;
use crate::term::lang::say;
use crate::term::output::Output;
use crate::vehicle::args::{IntentCommand, IntentFields, TradeInArgs};
use crate::vehicle::{input, text};
use crm_core::{
    AmountRange, BodyType, CatalogueModelId, CustomerId, Fen, IntentId, NewVehicleIntent,
    PaymentMethod, Powertrain, PurchaseTimeframe, TradeIn, ValidationError, VehicleIntentPatch,
};
use serde_json::json;
use std::path::Path;

/// Runs one `crm intent` command.
pub fn intent(db: &Path, command: &IntentCommand, output: Output) -> Result<(), Failure> {
    match command {
        IntentCommand::Add(args) => {
            let read = ReadFields::parse(&args.fields)?;
            let mut new = NewVehicleIntent::new(CustomerId::from(""));
            let f = &args.fields;
            new.brand = f.brand.clone();
            new.series = f.series.clone();
            new.model = f.model.clone();
            new.trim = f.trim.clone();
            new.body_type = read.body_type;
            new.powertrain = read.powertrain;
            new.colours = f.colours.clone();
            new.options = f.options.clone();
            new.budget = AmountRange {
                min: read.budget_min.flatten(),
                max: read.budget_max.flatten(),
            };
            new.timeframe = read.timeframe.unwrap_or_default();
            new.payment = read.payment;
            new.trade_in = read.trade_in;
            new.competitors = f.competitors.clone();
            new.catalogue_model = f.catalogue.as_deref().map(CatalogueModelId::from);
            new.primary = args.primary;
            new.notes = f.notes.clone();
            let store = open_existing(db)?;
            new.customer_id = customer_id(&store, &args.customer)?;
            let record = store.add_intent(&new, args.by.as_deref())?;
            output.print(&record, || text::intent_card(&record))
        }
        IntentCommand::List { customer } => {
            let store = open_for_reading(db)?;
            let list = store.intents_of(&customer_id(&store, customer)?)?;
            output.list(&list, None, || text::intents(&list))
        }
        IntentCommand::Edit(args) => {
            let read = ReadFields::parse(&args.fields)?;
            let store = open_existing(db)?;
            let id = IntentId::from(args.id.as_str());
            let current = store.get_intent(&id)?;
            let patch = read.patch(
                &args.fields,
                current.intent.budget,
                args.primary,
                args.no_trade_in,
            );
            if patch.is_empty() {
                return Err(Failure::NothingToChange);
            }
            let version = args.expect_version.unwrap_or(current.version);
            let record = store.update_intent(&id, version, &patch, args.by.as_deref())?;
            output.print(&record, || text::intent_card(&record))
        }
        IntentCommand::Remove { id, expect_version } => {
            let store = open_existing(db)?;
            let id = IntentId::from(id.as_str());
            let current = store.get_intent(&id)?;
            let version = expect_version.unwrap_or(current.version);
            store.remove_intent(&id, version, None)?;
            let removed = json!({ "removed": id.to_string() });
            output.print(&removed, || {
                say!("已删除购车意向 {}\n", "removed intent {}\n", id)
            })
        }
    }
}

/// The option values that need reading, read before the database is opened. A budget end
/// given as `""` is `Some(None)` (cleared by an edit).
struct ReadFields {
    body_type: Option<BodyType>,
    powertrain: Option<Powertrain>,
    budget_min: Option<Option<Fen>>,
    budget_max: Option<Option<Fen>>,
    timeframe: Option<PurchaseTimeframe>,
    payment: Option<PaymentMethod>,
    trade_in: Option<TradeIn>,
}

/// An optional amount in yuan for `field`: `""` clears it.
fn amount(field: &str, text: Option<&str>) -> Result<Option<Option<Fen>>, ValidationError> {
    text.map(|t| {
        if t.trim().is_empty() {
            Ok(None)
        } else {
            input::yuan(field, t).map(Some)
        }
    })
    .transpose()
}

/// A list option: unchanged when not given, else the non-empty values (`--colour ""`
/// clears the list).
fn list(values: &[String]) -> Option<Vec<String>> {
    (!values.is_empty()).then(|| {
        values
            .iter()
            .filter(|v| !v.trim().is_empty())
            .cloned()
            .collect()
    })
}

fn trade_in(args: &TradeInArgs) -> Result<Option<TradeIn>, ValidationError> {
    let Some(brand) = &args.trade_in_brand else {
        return Ok(None);
    };
    Ok(Some(TradeIn {
        brand: brand.clone(),
        model: args.trade_in_model.clone(),
        year: args.trade_in_year,
        mileage_km: args.trade_in_mileage,
        appraised_value: amount(
            "intent.trade_in.appraised_value",
            args.trade_in_value.as_deref(),
        )?
        .flatten(),
    }))
}

impl ReadFields {
    fn parse(f: &IntentFields) -> Result<ReadFields, ValidationError> {
        Ok(ReadFields {
            body_type: f
                .body_type
                .as_deref()
                .map(|t| input::body_type("intent.body_type", t))
                .transpose()?,
            powertrain: f
                .powertrain
                .as_deref()
                .map(|t| input::powertrain("intent.powertrain", t))
                .transpose()?,
            budget_min: amount("intent.budget.min", f.budget_min.as_deref())?,
            budget_max: amount("intent.budget.max", f.budget_max.as_deref())?,
            timeframe: f
                .timeframe
                .as_deref()
                .map(|t| input::timeframe("intent.timeframe", t))
                .transpose()?,
            payment: f
                .payment
                .as_deref()
                .map(|t| input::payment("intent.payment", t))
                .transpose()?,
            trade_in: trade_in(&f.trade_in)?,
        })
    }

    /// The patch an edit makes: only what the options name; a budget end given alone keeps
    /// the other end of `budget`.
    fn patch(
        self,
        f: &IntentFields,
        budget: AmountRange,
        primary: bool,
        no_trade_in: bool,
    ) -> VehicleIntentPatch {
        let budget_changed = self.budget_min.is_some() || self.budget_max.is_some();
        VehicleIntentPatch {
            brand: clearable(&f.brand),
            series: clearable(&f.series),
            model: clearable(&f.model),
            trim: clearable(&f.trim),
            body_type: self.body_type.map(Some),
            powertrain: self.powertrain.map(Some),
            colours: list(&f.colours),
            options: list(&f.options),
            budget: budget_changed.then_some(AmountRange {
                min: self.budget_min.unwrap_or(budget.min),
                max: self.budget_max.unwrap_or(budget.max),
            }),
            timeframe: self.timeframe,
            payment: self.payment.map(Some),
            trade_in: if no_trade_in {
                Some(None)
            } else {
                self.trade_in.map(Some)
            },
            competitors: list(&f.competitors),
            catalogue_model: clearable(&f.catalogue).map(|c| c.map(CatalogueModelId::from)),
            primary: primary.then_some(true),
            notes: clearable(&f.notes),
        }
    }
}
