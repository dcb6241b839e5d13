//! TODO
pub(crate) mod cars;
pub(crate) mod consent;
pub(crate) mod facts;
pub(crate) mod odometer;
pub(crate) mod rules;
pub(crate) mod run;
pub(crate) mod schedule;
pub(crate) mod services;
pub(crate) mod summary;
pub(crate) mod tasks;
pub(crate) mod tasks_v9;
