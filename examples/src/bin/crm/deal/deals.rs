//! `crm deal new|list|show`.

use crate::customer::resolve::customer_id;
use crate::database::{open_existing, open_for_reading};
use crate::deal::args::DealCommand;
use crate::exit::Failure;
use crate::pipeline::text::stage_label;
use crate::term::input::coded;
use crate::term::lang::pick;
use crate::term::output::Output;
use crm_core::{Code, Deal, DealId, DealSource, NewDeal, StageMove, ValidationError};
use serde::Serialize;
use std::fmt::Write;
use std::path::Path;

/// A deal source: `repeat-purchase`, `replacement`, `referral`, `additional-car`,
/// `new-lead` (or 再购, 换购, 转介绍, 增购, 新线索).
fn source(field: &str, text: &str) -> Result<DealSource, ValidationError> {
    use DealSource::*;
    coded(
        field,
        text,
        &[
            ("再购", RepeatPurchase),
            ("repeat", RepeatPurchase),
            ("换购", Replacement),
            ("转介绍", Referral),
            ("增购", AdditionalCar),
            ("新线索", NewLead),
        ],
        "a deal source: repeat-purchase, replacement, referral, additional-car or new-lead",
    )
}

/// A deal's id as typed (`--deal ID`), for the pipeline commands.
pub fn deal_id(text: &str) -> DealId {
    DealId::from(text.trim())
}

/// A deal in one line: id, source, stage or status, owner, opened.
fn line(d: &Deal) -> String {
    format!(
        "{}  {:<15} {:<10} {:<8} {}  {}",
        d.id,
        d.source.code(),
        stage_label(d.stage),
        d.status.code(),
        d.owner.as_deref().unwrap_or("–"),
        d.created_at.format("%Y-%m-%d"),
    )
}

/// A deal with its moves (`crm deal show`).
#[derive(Serialize)]
struct DealReport {
    deal: Deal,
    moves: Vec<StageMove>,
}

/// `crm deal ...`.
pub fn deal(db: &Path, command: &DealCommand, output: Output) -> Result<(), Failure> {
    match command {
        DealCommand::New {
            customer,
            source: text,
            owner,
            by,
        } => {
            let new = NewDeal {
                source: source("source", text)?,
                owner: owner.clone(),
            }
            .validate()?;
            let store = open_existing(db)?;
            let id = customer_id(&store, customer)?;
            let deal = store.open_deal(&id, &new, by.as_deref())?;
            output.print(&deal, || {
                format!(
                    "{} {}\n",
                    pick("已新建销售机会", "deal opened"),
                    line(&deal)
                )
            })
        }
        DealCommand::List { customer } => {
            let store = open_for_reading(db)?;
            let id = customer_id(&store, customer)?;
            let deals = store.deals_of(&id)?;
            output.print(&deals, || {
                deals.iter().fold(String::new(), |mut out, d| {
                    let _ = writeln!(out, "{}", line(d));
                    out
                })
            })
        }
        DealCommand::Show { deal } => {
            let store = open_for_reading(db)?;
            let id = deal_id(deal);
            let report = DealReport {
                deal: store.get_deal(&id)?,
                moves: store.deal_history(&id)?,
            };
            output.print(&report, || {
                let mut out = format!("{}\n", line(&report.deal));
                for m in &report.moves {
                    let _ = writeln!(
                        out,
                        "  {}  {} → {}",
                        m.at.format("%Y-%m-%d %H:%M"),
                        m.from,
                        m.to
                    );
                }
                out
            })
        }
    }
}
