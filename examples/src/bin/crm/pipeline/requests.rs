//! The lost and dormant requests (战败申请, 休眠申请) a consultant makes and a manager
//! decides: `crm lost`, `dormant`, `approve`, `reject`, `requests`.

use crate::customer::resolve::customer_id;
use crate::database::{open_existing, open_for_reading};
use crate::deal::deal_id;
use crate::exit::Failure;
use crate::pipeline::args::{ApproveArgs, DormantArgs, LostArgs, RejectArgs, RequestsArgs};
use crate::pipeline::input::{dormant_reason, lost_reason};
use crate::pipeline::stage::print_transition;
use crate::pipeline::text;
use crate::term::input::date;
use crate::term::output::Output;
use chrono::Utc;
use crm_core::{CustomerId, DormantRequest, LostRequest, Move, PipelineState};
use serde::Serialize;
use std::path::Path;

/// `crm lost CUSTOMER --reason R`: asks a manager to mark the customer lost (战败申请).
pub fn lost(db: &Path, args: &LostArgs, output: Output) -> Result<(), Failure> {
    let request = LostRequest {
        reason: lost_reason("reason", &args.reason)?,
        competitor: args.competitor.clone(),
        note: args.note.clone(),
    }
    .validate()?;
    let store = open_existing(db)?;
    let id = customer_id(&store, &args.customer)?;
    let t = match &args.deal {
        Some(deal) => store.move_deal(
            &deal_id(deal),
            &Move::RequestLost(request),
            args.by.as_deref(),
        )?,
        None => store.request_lost(&id, &request, args.by.as_deref())?,
    };
    print_transition(&store, output, &t)
}

/// `crm dormant CUSTOMER --reason R [--wake-on YYYY-MM-DD]`: asks a manager to put the
/// customer to sleep (休眠申请), maybe until a wake-up date (not before the dealership's
/// today).
pub fn dormant(db: &Path, args: &DormantArgs, output: Output) -> Result<(), Failure> {
    let request = DormantRequest {
        reason: dormant_reason("reason", &args.reason)?,
        note: args.note.clone(),
        wake_on: args
            .wake_on
            .as_deref()
            .map(|d| date("wake_on", d))
            .transpose()?
            .flatten(),
    };
    let store = open_existing(db)?;
    let request = request.validate(store.settings()?.zone.local_date(Utc::now()))?;
    let id = customer_id(&store, &args.customer)?;
    let t = store.request_dormant(&id, &request, args.by.as_deref())?;
    print_transition(&store, output, &t)
}

/// `crm approve CUSTOMER --manager M`.
pub fn approve(db: &Path, args: &ApproveArgs, output: Output) -> Result<(), Failure> {
    let store = open_existing(db)?;
    let id = customer_id(&store, &args.customer)?;
    let t = match &args.deal {
        Some(deal) => {
            let approve = Move::Approve {
                manager: args.manager.clone(),
            };
            store.move_deal(&deal_id(deal), &approve, Some(&args.manager))?
        }
        None => store.approve_request(&id, &args.manager)?,
    };
    print_transition(&store, output, &t)
}

/// `crm reject CUSTOMER --manager M [--reassign-to C] [--note N]`.
pub fn reject(db: &Path, args: &RejectArgs, output: Output) -> Result<(), Failure> {
    let store = open_existing(db)?;
    let id = customer_id(&store, &args.customer)?;
    let t = store.reject_request(
        &id,
        &args.manager,
        args.reassign_to.as_deref(),
        args.note.as_deref(),
    )?;
    print_transition(&store, output, &t)
}

/// `crm requests [--owner C]`: the requests awaiting a manager, oldest first.
pub fn requests(db: &Path, args: &RequestsArgs, output: Output) -> Result<(), Failure> {
    let store = open_for_reading(db)?;
    let list = store.pending_requests(args.owner.as_deref())?;
    let zone = store.settings()?.zone;
    let rows: Vec<RequestRow<'_>> = list.iter().map(RequestRow::from).collect();
    output.list(&rows, None, || text::requests(&list, &zone))
}

/// A pending request as JSON (the store's record is not serde).
#[derive(Serialize)]
struct RequestRow<'a> {
    customer_id: &'a CustomerId,
    name: &'a str,
    owner: Option<&'a str>,
    state: &'a PipelineState,
    requested_by: Option<&'a str>,
}

impl<'a> From<&'a crm_store::PendingRequest> for RequestRow<'a> {
    fn from(r: &'a crm_store::PendingRequest) -> Self {
        RequestRow {
            customer_id: &r.customer_id,
            name: &r.name,
            owner: r.owner.as_deref(),
            state: &r.state,
            requested_by: r.requested_by.as_deref(),
        }
    }
}
