//! `crm stage` and `crm reopen`: move a customer forward in the pipeline (销售漏斗), show
//! where they stand, bring a lost or dormant customer back.

use crate::customer::resolve::customer_id;
use crate::database::open_existing;
use crate::deal::deal_id;
use crate::exit::Failure;
use crate::pipeline::args::{ReopenArgs, StageArgs};
use crate::pipeline::input;
use crate::pipeline::text;
use crate::term::output::Output;
use crm_core::{Move, PipelineState, StageMove, Transition};
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
        .map(|s| input::stage("stage", s))
        .transpose()?;
    let store = open_existing(db)?;
    let id = customer_id(&store, &args.customer)?;
    match to {
        Some(to) => {
            let t = match &args.deal {
                Some(deal) => {
                    store.move_deal(&deal_id(deal), &Move::Advance { to }, args.by.as_deref())?
                }
                None => store.advance_stage(&id, to, args.by.as_deref())?,
            };
            print_transition(&store, output, &t)
        }
        None => {
            let report = StageReport {
                state: store.pipeline_state(&id)?,
                history: store.stage_history(&id)?,
            };
            let zone = store.settings()?.zone;
            output.print(&report, || {
                text::state_and_history(&report.state, &report.history, &zone)
            })
        }
    }
}

/// `crm reopen CUSTOMER [--to STAGE]`.
pub fn reopen(db: &Path, args: &ReopenArgs, output: Output) -> Result<(), Failure> {
    let to = args
        .to
        .as_deref()
        .map(|s| input::stage("to", s))
        .transpose()?;
    let store = open_existing(db)?;
    let id = customer_id(&store, &args.customer)?;
    let t = store.reopen(&id, to, args.note.as_deref(), args.by.as_deref())?;
    print_transition(&store, output, &t)
}

/// A move just made: the transition as JSON, or the move and the new state.
pub fn print_transition(store: &Store, output: Output, t: &Transition) -> Result<(), Failure> {
    let zone = store.settings()?.zone;
    output.print(t, || text::transition(t, &zone))
}
