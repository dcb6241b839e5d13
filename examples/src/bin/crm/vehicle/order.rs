//! `crm order ...` and `crm deliver`: orders (订单) and deliveries (交车). Placing an order
//! moves the customer to ordered, delivering to delivered (won) and records the car for
//! customer care; the store checks the pipeline's rules in the same transaction.

use crate::customer::resolve::customer_id;
use crate::database::{open_existing, open_for_reading};
use crate::exit::Failure;
use crate::term::input::date;
use crate::term::output::Output;
use crate::vehicle::args::{DeliverArgs, OrderCommand, OrderPlaceArgs};
use crate::vehicle::input::{cancel_reason, yuan};
use crate::vehicle::text;
use chrono::{NaiveDate, Utc};
use crm_core::{
    CatalogueModelId, Fen, IntentId, NewDelivery, NewOrder, OrderId, OrderRecord, OrderedVehicle,
    ValidationError,
};
use crm_store::Store;
use std::path::Path;

/// Runs one `crm order` command.
pub fn order(db: &Path, command: &OrderCommand, output: Output) -> Result<(), Failure> {
    match command {
        OrderCommand::Place(args) => place(db, args, output),
        OrderCommand::List { customer } => {
            let store = open_for_reading(db)?;
            let list = store.orders_of(&customer_id(&store, customer)?)?;
            let zone = store.settings()?.zone;
            output.list(&list, None, || text::orders(&list, &zone))
        }
        OrderCommand::Erased => crate::privacy::erased_orders(db, output),
        OrderCommand::Cancel {
            order,
            reason,
            note,
            by,
        } => {
            let reason = cancel_reason("cancel.reason", reason)?;
            let store = open_existing(db)?;
            let id = OrderId::from(order.as_str());
            let version = store.get_order(&id)?.version;
            let record =
                store.cancel_order(&id, version, reason, note.as_deref(), by.as_deref())?;
            print_order(&store, output, &record)
        }
        OrderCommand::Vin { order, vin, by } => {
            let store = open_existing(db)?;
            let id = OrderId::from(order.as_str());
            let version = store.get_order(&id)?.version;
            let record = store.set_order_vin(&id, version, vin, by.as_deref())?;
            print_order(&store, output, &record)
        }
    }
}

/// An optional amount in yuan for `field`, zero when not given.
fn yuan_or_zero(field: &str, text: Option<&str>) -> Result<Fen, ValidationError> {
    text.map(|t| yuan(field, t))
        .transpose()
        .map(Option::unwrap_or_default)
}

/// An optional date for `field`.
fn optional_date(field: &str, text: Option<&str>) -> Result<Option<NaiveDate>, ValidationError> {
    Ok(text.map(|t| date(field, t)).transpose()?.flatten())
}

/// `crm order place`.
fn place(db: &Path, args: &OrderPlaceArgs, output: Output) -> Result<(), Failure> {
    let price = yuan("order.price", &args.price)?;
    let discount = yuan_or_zero("order.discount", args.discount.as_deref())?;
    let deposit = yuan_or_zero("order.deposit", args.deposit.as_deref())?;
    let order_date = optional_date("order.order_date", args.date.as_deref())?;
    let expected_delivery =
        optional_date("order.expected_delivery", args.expected_delivery.as_deref())?;
    let store = open_existing(db)?;
    let today = store.settings()?.zone.local_date(Utc::now());
    let new = NewOrder {
        customer_id: customer_id(&store, &args.customer)?,
        intent_id: args.intent.as_deref().map(IntentId::from),
        vehicle: OrderedVehicle {
            brand: args.brand.clone(),
            series: args.series.clone(),
            model: args.model.clone(),
            trim: args.trim.clone(),
            colour: args.colour.clone(),
            catalogue_model: args.catalogue.as_deref().map(CatalogueModelId::from),
        },
        vin: args.vin.clone(),
        price,
        discount,
        deposit,
        order_date: order_date.unwrap_or(today),
        expected_delivery,
        finance: args.finance,
        insurance: args.insurance,
        consultant: args.by.clone(),
    };
    let record = store.place_order(&new, args.by.as_deref())?;
    print_order(&store, output, &record)
}

/// `crm deliver ORDER --odometer KM [--date D] [--vin V]`.
pub fn deliver(db: &Path, args: &DeliverArgs, output: Output) -> Result<(), Failure> {
    let date = optional_date("delivery.date", args.date.as_deref())?;
    let store = open_existing(db)?;
    let today = store.settings()?.zone.local_date(Utc::now());
    let id = OrderId::from(args.order.as_str());
    let version = store.get_order(&id)?.version;
    let delivery = NewDelivery {
        date: date.unwrap_or(today),
        vin: args.vin.clone(),
        odometer_km: args.odometer,
    };
    let record = store.deliver_order(&id, version, &delivery, args.by.as_deref())?;
    print_order(&store, output, &record)
}

fn print_order(store: &Store, output: Output, record: &OrderRecord) -> Result<(), Failure> {
    let zone = store.settings()?.zone;
    output.print(record, || text::order_card(record, &zone))
}
