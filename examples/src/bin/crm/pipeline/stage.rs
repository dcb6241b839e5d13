//! `crm stage`, `lost`, `dormant`, `approve`, `reject`, `reopen`, `requests`: moves of the
//! opportunity pipeline (销售漏斗) and the lost / dormant requests a manager decides.

use crate::cli_pipeline::{
    ApproveArgs, DormantArgs, LostArgs, RejectArgs, ReopenArgs, RequestsArgs, StageArgs,
};
use crate::database::{open_existing, open_for_reading};
use crate::exit::Failure;
use crate::input;
use crate::output::Output;
use crate::pipeline_input;
use crate::pipeline_text;
use chrono::Utc;
use crm_core::{CustomerId, DormantRequest, LostRequest, PipelineState, StageMove, Transition};
use crm_store::Store;
use serde::Serialize;
use std::path::Path;

/// Where a customer stands and how they got there (`crm stage CUSTOMER`).
#[derive(Serialize)]
struct StageReport {
    state: PipelineState,
    history: Vec<StageMove>,
}

/// `crm stage CUSTOMER [STAGE]`: advance, or show the state and moves.
pub fn stage(db: &Path, args: &StageArgs, output: Output) -> Result<(), Failure> {
    let to = args
        .stage
        .as_deref()
        .map(|s| pipeline_input::stage("stage", s))
        .transpose()?;
    let store = open_existing(db)?;
    let id = CustomerId::from(args.customer.as_str());
    match to {
        Some(to) => {
            let t = store.advance_stage(&id, to, args.by.as_deref())?;
            print_transition(&store, output, &t)
        }
        None => {
            let report = StageReport {
                state: store.pipeline_state(&id)?,
                history: store.stage_history(&id)?,
            };
            let zone = store.settings()?.zone;
            output.print(&report, || {
                pipeline_text::state_and_history(&report.state, &report.history, &zone)
            })
        }
    }
}

/// `crm lost CUSTOMER --reason R`: asks a manager to mark the customer lost (战败申请).
pub fn lost(db: &Path, args: &LostArgs, output: Output) -> Result<(), Failure> {
    let request = LostRequest {
        reason: pipeline_input::lost_reason("reason", &args.reason)?,
        competitor: args.competitor.clone(),
        note: args.note.clone(),
    }
    .validate()?;
    let store = open_existing(db)?;
    let id = CustomerId::from(args.customer.as_str());
    let t = store.request_lost(&id, &request, args.by.as_deref())?;
    print_transition(&store, output, &t)
}

/// `crm dormant CUSTOMER --reason R [--wake-on YYYY-MM-DD]`: asks a manager to put the
/// customer to sleep (休眠申请), maybe until a wake-up date (not before the dealership's
/// today).
pub fn dormant(db: &Path, args: &DormantArgs, output: Output) -> Result<(), Failure> {
    let request = DormantRequest {
        reason: pipeline_input::dormant_reason("reason", &args.reason)?,
        note: args.note.clone(),
        wake_on: args
            .wake_on
            .as_deref()
            .map(|d| input::date("wake_on", d))
            .transpose()?
            .flatten(),
    };
    let store = open_existing(db)?;
    let request = request.validate(store.settings()?.zone.local_date(Utc::now()))?;
    let id = CustomerId::from(args.customer.as_str());
    let t = store.request_dormant(&id, &request, args.by.as_deref())?;
    print_transition(&store, output, &t)
}

/// `crm approve CUSTOMER --manager M`.
pub fn approve(db: &Path, args: &ApproveArgs, output: Output) -> Result<(), Failure> {
    let store = open_existing(db)?;
    let id = CustomerId::from(args.customer.as_str());
    let t = store.approve_request(&id, &args.manager)?;
    print_transition(&store, output, &t)
}

/// `crm reject CUSTOMER --manager M [--reassign-to C] [--note N]`.
pub fn reject(db: &Path, args: &RejectArgs, output: Output) -> Result<(), Failure> {
    let store = open_existing(db)?;
    let id = CustomerId::from(args.customer.as_str());
    let t = store.reject_request(
        &id,
        &args.manager,
        args.reassign_to.as_deref(),
        args.note.as_deref(),
    )?;
    print_transition(&store, output, &t)
}

/// `crm reopen CUSTOMER [--to STAGE]`.
pub fn reopen(db: &Path, args: &ReopenArgs, output: Output) -> Result<(), Failure> {
    let to = args
        .to
        .as_deref()
        .map(|s| pipeline_input::stage("to", s))
        .transpose()?;
    let store = open_existing(db)?;
    let id = CustomerId::from(args.customer.as_str());
    let t = store.reopen(&id, to, args.note.as_deref(), args.by.as_deref())?;
    print_transition(&store, output, &t)
}

/// `crm requests [--owner C]`: the requests awaiting a manager, oldest first.
pub fn requests(db: &Path, args: &RequestsArgs, output: Output) -> Result<(), Failure> {
    let store = open_for_reading(db)?;
    let list = store.pending_requests(args.owner.as_deref())?;
    let zone = store.settings()?.zone;
    let rows: Vec<RequestRow<'_>> = list.iter().map(RequestRow::from).collect();
    output.print(&rows, || pipeline_text::requests(&list, &zone))
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

/// A move just made: the transition as JSON, or the move and the new state.
pub fn print_transition(store: &Store, output: Output, t: &Transition) -> Result<(), Failure> {
    let zone = store.settings()?.zone;
    output.print(t, || pipeline_text::transition(t, &zone))
}
