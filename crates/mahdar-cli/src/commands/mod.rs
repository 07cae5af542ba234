//! One module per subcommand, each a thin layer over the `mahdar` facade.

pub mod action;
pub mod actions;
pub mod backup;
pub mod conflicts;
pub mod demo;
pub mod export;
pub mod filters;
pub mod history;
pub mod import;
pub mod init;
pub mod meetings;
pub mod people;
pub mod restore;
pub mod search;
pub mod show;
pub mod sync;
pub mod verify;
pub mod workflow;

use crate::Failure;
use serde::Serialize;
use std::io::Write;

/// Prints a value as pretty JSON on standard output.
pub fn print_json<T: Serialize>(value: &T) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Failure::System(e.to_string()))?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}")?;
    Ok(())
}

/// Parses a value the user typed, turning the model's error into an input failure.
pub fn parse<T: std::str::FromStr<Err = mahdar::model::ModelError>>(s: &str) -> Result<T, String> {
    s.parse()
        .map_err(|e: mahdar::model::ModelError| e.to_string())
}
