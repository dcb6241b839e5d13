//! A dealership's own small service, of the kind that links dealer-crm directly: it opens a
//! book (a file given as the first argument, else one in memory), registers the morning's
//! walk-ins, logs the first follow-up of each with a plan for tomorrow, and prints
//! tomorrow's agenda with each customer's name, as a report job would.
//!
//! Run: `cargo run --manifest-path examples/rust/Cargo.toml [BOOK]`.

use crm_store::crm_core::chrono::{Duration, Utc};
use crm_store::crm_core::{
    AgendaReason, ContactInput, ContactKind, FollowUpKind, FollowUpMethod, NewCustomer,
    NewFollowUp, NewPlan, PlanTime, SourceChannel,
};
use crm_store::{Store, StoreError};
use std::process::ExitCode;

/// The morning's walk-ins: name and mobile as the receptionist typed them.
const WALK_INS: &[(&str, &str)] = &[
    ("张伟", "138 0013 8000"),
    ("李娜", "+86 139-1234-5678"),
    ("王芳", "１３７ ００１３ ７０００"),
];

fn main() -> ExitCode {
    match run(std::env::args().nth(1)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            if let Some(kind) = e.storage_failure() {
                eprintln!("storage failure: {kind:?}");
            }
            ExitCode::FAILURE
        }
    }
}

fn run(path: Option<String>) -> Result<(), StoreError> {
    let store = match &path {
        Some(path) => Store::open(path)?,
        None => Store::open_in_memory()?,
    };
    let tomorrow = store
        .today()?
        .succ_opt()
        .expect("a date before the end of time");
    for (name, mobile) in WALK_INS {
        let new = NewCustomer::new(
            *name,
            ContactInput::new(ContactKind::Mobile, *mobile),
            SourceChannel::ShowroomWalkIn,
        );
        let customer = match store.create_customer(&new) {
            Ok(customer) => customer,
            Err(StoreError::Duplicate { existing, .. }) => {
                println!("{name}: already in the book as {existing}");
                continue;
            }
            Err(e) => return Err(e),
        };
        let visit = NewFollowUp::new(
            customer.id.clone(),
            FollowUpMethod::FaceToFace,
            FollowUpKind::FirstContact,
            store.clock_now() - Duration::minutes(5),
            "到店看车，留了电话",
        );
        let next = NewPlan::new(
            customer.id.clone(),
            PlanTime::OnDate(tomorrow),
            FollowUpMethod::Phone,
            "电话回访，邀约试驾",
        );
        store.log_follow_up(&customer.id, &visit, Some(&next))?;
    }
    println!(
        "agenda for {tomorrow} (printed at {}):",
        Utc::now().format("%H:%M")
    );
    for item in store.agenda(None, tomorrow)? {
        let customer = store.get_customer(&item.customer_id)?;
        let why = match item.reason {
            AgendaReason::PlanDue { .. } => "plan due",
            AgendaReason::FirstResponse { .. } => "first response",
            _ => "other",
        };
        println!(
            "  {} ({why}, intent {:?})",
            customer.profile.name, item.intent
        );
    }
    Ok(())
}
