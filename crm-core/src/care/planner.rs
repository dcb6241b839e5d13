//! The care engine: customer facts + rules + a date window → the care tasks due in the
//! window. Pure and deterministic: a task's key and contents depend on the facts and rules
//! only, never on the window, so generating twice gives the same tasks and two windows
//! side by side give exactly the tasks of the window that spans both.
//!
//! Common to every task: nothing is due before the delivery (of the car; for greetings, of
//! the customer's first car); an event before it makes no task, and a lead that would reach
//! back before it is cut to the delivery date. A task is in the window when its due date is.
//! A task goes only on a channel the customer can be reached on and has not refused;
//! greetings and marketing (insurance renewal offers included), and service reminders when
//! the dealership says so, only on one their consent allows. With no channel left, no task
//! is made: it is counted as blocked by consent (see [`ConsentRules::channel_for`]).

use crate::care::calendar::{add_days, add_months, sub_days, yearly_date};
use crate::care::car_id::CarId;
use crate::care::consent::ConsentRules;
use crate::care::facts::{CareCar, CareCustomer, DateWindow};
use crate::care::holiday::HolidayOccurrence;
use crate::care::inspection::inspections_due;
use crate::care::maintenance::services_due;
use crate::care::odometer::{Odometer, OdometerLimits};
use crate::care::outreach::Outreach;
use crate::care::rules::CareRules;
use crate::care::task::{CareAssignee, CareDetail, CareTask, CareTaskKey};
use crate::validation::ValidationError;
use chrono::{Datelike, NaiveDate};

/// Days after a recorded insurance end date within which another recorded date counts as a
/// second policy of the same year, not the next year's renewal.
const SAME_POLICY_YEAR_DAYS: u32 = 180;

/// The care engine for one set of rules and one window; build it once, then ask it for
/// each customer (the holidays' dates are worked out once).
#[derive(Debug, Clone)]
pub struct CarePlanner {
    rules: CareRules,
    window: DateWindow,
    limits: OdometerLimits,
    /// Every enabled holiday's occurrences in the years around the window, with its index
    /// in `rules.holidays.list`.
    holidays: Vec<(usize, HolidayOccurrence)>,
}

/// What the rules make of one customer for a window.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CarePlan {
    /// The tasks due in the window, by due date then key, each key once.
    pub tasks: Vec<CareTask>,
    /// The tasks due in the window that were not made because no channel was left: none the
    /// customer can be reached on, has not refused and (for greetings and marketing) has
    /// consented to. Each key counted once.
    pub blocked_by_consent: u64,
}

/// The tasks made so far, and the keys of those blocked by consent.
#[derive(Default)]
struct Drafted {
    tasks: Vec<CareTask>,
    blocked: Vec<String>,
}

/// One task before the common checks.
struct Draft<'a> {
    key: String,
    car: Option<&'a CarId>,
    event_on: NaiveDate,
    due_on: NaiveDate,
    anchor: NaiveDate,
    assignee: CareAssignee,
    outreach: &'a Outreach,
    detail: CareDetail,
}

impl CarePlanner {
    /// A planner for `rules` (validated here) and `window` (checked as by
    /// [`DateWindow::new`]). Errors name the field.
    pub fn new(rules: &CareRules, window: DateWindow) -> Result<CarePlanner, ValidationError> {
        let rules = rules.validate()?;
        let window = DateWindow::new(window.from, window.to)?;
        let mut holidays = Vec::new();
        if rules.holidays.enabled {
            for (i, h) in rules.holidays.list.iter().enumerate() {
                if !h.enabled {
                    continue;
                }
                // A lead is at most 366 days, so only the neighbouring years can matter.
                for year in window.from.year() - 1..=window.to.year() + 1 {
                    if let Some(o) = h.occurrence(year) {
                        holidays.push((i, o));
                    }
                }
            }
        }
        Ok(CarePlanner {
            rules,
            window,
            limits: OdometerLimits::default(),
            holidays,
        })
    }

    /// The planner with odometer readings sifted, and predictions capped, by `limits`
    /// (checked: field `max_daily_km`) instead of the default.
    pub fn with_odometer_limits(
        mut self,
        limits: OdometerLimits,
    ) -> Result<CarePlanner, ValidationError> {
        self.limits = limits.validate()?;
        Ok(self)
    }

    /// The odometer limits.
    pub fn odometer_limits(&self) -> OdometerLimits {
        self.limits
    }

    /// The rules, as validated.
    pub fn rules(&self) -> &CareRules {
        &self.rules
    }

    /// The window.
    pub fn window(&self) -> DateWindow {
        self.window
    }

    /// The customer's care tasks due in the window, by due date then key, each key once.
    pub fn tasks_for(&self, customer: &CareCustomer) -> Vec<CareTask> {
        self.plan(customer).tasks
    }

    /// The customer's care tasks due in the window, and how many were blocked by consent.
    pub fn plan(&self, customer: &CareCustomer) -> CarePlan {
        let mut out = Drafted::default();
        for car in &customer.cars {
            self.car_tasks(customer, car, &mut out);
        }
        self.greetings(customer, &mut out);
        let Drafted {
            tasks: mut out,
            mut blocked,
        } = out;
        // Each key once, the first made (a stable sort keeps it first), then by due date.
        out.sort_by(|a, b| a.key.cmp(&b.key));
        out.dedup_by(|later, first| later.key == first.key);
        // Blocked keys once each, and not those made after all (by another rule's draft).
        blocked.sort_unstable();
        blocked.dedup();
        blocked.retain(|k| {
            out.binary_search_by(|t| t.key.as_str().cmp(k.as_str()))
                .is_err()
        });
        out.sort_unstable_by(|a, b| (a.due_on, &a.key).cmp(&(b.due_on, &b.key)));
        CarePlan {
            tasks: out,
            blocked_by_consent: blocked.len() as u64,
        }
    }

    /// Whether a task for an event on `event_on` due on `due_on` passes the checks of
    /// [`CarePlanner::push`] about dates: asked before building its key and detail, which
    /// most events outside the window would waste.
    fn lands(&self, event_on: NaiveDate, due_on: NaiveDate, anchor: NaiveDate) -> bool {
        event_on >= anchor && self.window.contains(due_on.max(anchor))
    }

    /// The last event date that can make a task in the window with a lead of `lead` days.
    fn through(&self, lead: u32) -> NaiveDate {
        add_days(self.window.to, lead).unwrap_or(NaiveDate::MAX)
    }

    /// Applies the common checks to `d` and adds the task when it passes them (or its key
    /// to the blocked ones when only the channel is missing).
    fn push(&self, customer: &CareCustomer, d: Draft<'_>, out: &mut Drafted) {
        if d.event_on < d.anchor {
            return;
        }
        let due_on = d.due_on.max(d.anchor);
        if !self.window.contains(due_on) {
            return;
        }
        let kind = d.detail.kind();
        let consent: &ConsentRules = &self.rules.consent;
        let needs_consent = !kind.is_service() || consent.service_reminders_need_consent;
        let Some(channel) = consent.channel_for(
            &d.outreach.channels,
            customer.consent,
            customer.reachable,
            needs_consent,
        ) else {
            out.blocked.push(d.key);
            return;
        };
        out.tasks.push(CareTask {
            key: CareTaskKey(d.key),
            customer_id: customer.id.clone(),
            car_id: d.car.cloned(),
            due_on,
            event_on: d.event_on,
            channel,
            assignee: d.assignee,
            template_key: d.outreach.template_key.clone(),
            needs_consent,
            detail: d.detail,
        });
    }

    fn car_tasks(&self, customer: &CareCustomer, car: &CareCar, out: &mut Drafted) {
        let r = &self.rules;
        let anchor = car.delivered_on;
        let draft = |key: String, event_on, due_on, outreach, detail| Draft {
            key,
            car: Some(&car.id),
            event_on,
            due_on,
            anchor,
            assignee: CareAssignee::Consultant,
            outreach,
            detail,
        };

        for call in r.delivery_calls.iter().filter(|c| c.enabled) {
            if let Some(on) = call
                .after
                .after(anchor)
                .filter(|on| self.lands(*on, *on, anchor))
            {
                let d = Draft {
                    assignee: call.by,
                    ..draft(
                        format!("call:{}:{}", car.id, call.key),
                        on,
                        on,
                        &call.outreach,
                        CareDetail::DeliveryCall {
                            call: call.key.clone(),
                        },
                    )
                };
                self.push(customer, d, out);
            }
        }

        let m = &r.maintenance;
        if m.enabled {
            let odometer = Odometer::new(
                anchor,
                car.delivery_km,
                &car.readings,
                m.recent_readings,
                self.limits,
            );
            let through = self.through(m.lead_days);
            for s in services_due(anchor, &odometer, m.intervals(), &car.services, through) {
                let Some(due) = sub_days(s.on, m.lead_days) else {
                    continue;
                };
                if !self.lands(s.on, due, anchor) {
                    continue;
                }
                let detail = CareDetail::Maintenance {
                    service: s.number,
                    trigger: s.trigger,
                    predicted_km: s.predicted_km,
                };
                let key = format!("maint:{}:{}", car.id, s.number);
                self.push(customer, draft(key, s.on, due, &m.outreach, detail), out);
            }
        }

        let ins = &r.insurance;
        if ins.enabled {
            for (end, projected) in
                insurance_ends(car, ins.project_yearly, self.through(ins.lead_days))
            {
                let Some(due) = sub_days(end, ins.lead_days) else {
                    continue;
                };
                if !self.lands(end, due, anchor) {
                    continue;
                }
                let detail = CareDetail::InsuranceRenewal {
                    policy_ends_on: end,
                    projected,
                };
                let key = format!("insurance:{}:{end}", car.id);
                self.push(customer, draft(key, end, due, &ins.outreach, detail), out);
            }
        }

        let insp = &r.inspection;
        if insp.enabled {
            let registered = car.registered_on.unwrap_or(anchor);
            for i in inspections_due(registered, &insp.bands, self.through(insp.lead_days)) {
                let Some(due) = sub_days(i.on, insp.lead_days) else {
                    continue;
                };
                if !self.lands(i.on, due, anchor) {
                    continue;
                }
                let detail = CareDetail::Inspection {
                    number: i.number,
                    on_site: i.on_site,
                    age_months: i.age_months,
                };
                let key = format!("inspection:{}:{}", car.id, i.number);
                self.push(customer, draft(key, i.on, due, &insp.outreach, detail), out);
            }
        }

        let a = &r.anniversary;
        if a.enabled {
            let through = self.through(a.lead_days);
            for years in 1u32.. {
                let Some(on) = add_months(anchor, years.saturating_mul(12)) else {
                    break;
                };
                if on > through {
                    break;
                }
                if on < self.window.from {
                    continue;
                }
                let Some(due) = sub_days(on, a.lead_days) else {
                    continue;
                };
                if !self.lands(on, due, anchor) {
                    continue;
                }
                let key = format!("anniversary:{}:{years}", car.id);
                let detail = CareDetail::PurchaseAnniversary { years };
                self.push(customer, draft(key, on, due, &a.outreach, detail), out);
            }
        }

        let referral = &r.referral;
        if referral.enabled {
            if let Some(on) = referral
                .after
                .after(anchor)
                .filter(|on| self.lands(*on, *on, anchor))
            {
                let key = format!("referral:{}", car.id);
                let d = draft(
                    key,
                    on,
                    on,
                    &referral.outreach,
                    CareDetail::ReferralInvitation,
                );
                self.push(customer, d, out);
            }
        }
    }

    fn greetings(&self, customer: &CareCustomer, out: &mut Drafted) {
        let Some(anchor) = customer.first_delivery() else {
            return;
        };
        let r = &self.rules;
        let greeting = |key: String, event_on, due_on, outreach, detail| Draft {
            key,
            car: None,
            event_on,
            due_on,
            anchor,
            assignee: CareAssignee::Consultant,
            outreach,
            detail,
        };

        if let (true, Some(birthday)) = (r.birthday.enabled, customer.birthday) {
            for year in self.window.from.year() - 1..=self.window.to.year() + 1 {
                let Some(on) = yearly_date(year, birthday.month(), birthday.day()) else {
                    continue;
                };
                let Some(due) = sub_days(on, r.birthday.lead_days) else {
                    continue;
                };
                if !self.lands(on, due, anchor) {
                    continue;
                }
                let key = format!("birthday:{}:{year}", customer.id);
                let detail = CareDetail::Birthday { year };
                self.push(
                    customer,
                    greeting(key, on, due, &r.birthday.outreach, detail),
                    out,
                );
            }
        }

        for (i, o) in &self.holidays {
            let Some(h) = r.holidays.list.get(*i) else {
                continue;
            };
            if !self.lands(o.on, o.due_on, anchor) {
                continue;
            }
            let key = format!("holiday:{}:{}:{}", h.key, o.year, customer.id);
            let detail = CareDetail::Holiday {
                holiday: h.key.clone(),
                name: h.name.clone(),
                year: o.year,
            };
            let d = greeting(key, o.on, o.due_on, &r.holidays.outreach, detail);
            self.push(customer, d, out);
        }
    }
}

/// The insurance end dates to remind of, up to `through`, each with whether it is
/// projected. Every recorded date counts; with `project_yearly`, it also stands for the same
/// date in the following years, until the next recorded date more than
/// [`SAME_POLICY_YEAR_DAYS`] later (the renewal) is within that many days.
fn insurance_ends(
    car: &CareCar,
    project_yearly: bool,
    through: NaiveDate,
) -> Vec<(NaiveDate, bool)> {
    let mut recorded = car.insurance_ends_on.clone();
    recorded.sort();
    recorded.dedup();
    let mut out = Vec::new();
    for (i, &end) in recorded.iter().enumerate() {
        let same_year = add_days(end, SAME_POLICY_YEAR_DAYS).unwrap_or(NaiveDate::MAX);
        let renewal = recorded[i + 1..].iter().find(|d| **d > same_year).copied();
        for years in 0u32.. {
            if years > 0 && !project_yearly {
                break;
            }
            let Some(on) = add_months(end, years.saturating_mul(12)) else {
                break;
            };
            let covered = renewal.is_some_and(|r| {
                add_days(on, SAME_POLICY_YEAR_DAYS).is_none_or(|limit| limit >= r)
            });
            if on > through || covered {
                break;
            }
            out.push((on, years > 0));
        }
    }
    out
}

/// The care tasks of `customer` due in `window` under `rules` (see [`CarePlanner`]; build
/// one planner to ask about many customers).
pub fn care_tasks(
    customer: &CareCustomer,
    rules: &CareRules,
    window: DateWindow,
) -> Result<Vec<CareTask>, ValidationError> {
    Ok(CarePlanner::new(rules, window)?.tasks_for(customer))
}
