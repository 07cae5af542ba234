//! Whole-app journeys: the real `mahdar` binary on real data folders, as the README tells a
//! new user to use it.

mod attachments;
mod bad_input;
mod encryption;
mod export;
mod press_report;
mod search;
mod seed_meeting;
mod sync;
mod workflow;
