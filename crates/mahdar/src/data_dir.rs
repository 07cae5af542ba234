//! Where the data lives by default.

use crate::{Error, Result};
use std::path::PathBuf;

/// The environment variable that overrides the data folder.
pub const DATA_DIR_ENV: &str = "MAHDAR_DATA_DIR";

/// The default data folder: the operating system's per-user data folder, then `mahdar`
/// (`~/.local/share/mahdar` on Linux, `%APPDATA%\mahdar` on Windows,
/// `~/Library/Application Support/mahdar` on macOS).
pub fn default_data_dir() -> Result<PathBuf> {
    dirs::data_dir()
        .map(|d| d.join("mahdar"))
        .ok_or_else(|| Error::DataDir {
            path: PathBuf::from("~"),
            reason: format!("no per-user data folder is known on this system; set {DATA_DIR_ENV}"),
        })
}
