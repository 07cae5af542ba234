//! One module per subcommand, each a thin layer over the `mahdar` facade.

pub mod about;
pub mod action;
pub mod actions;
pub mod attach;
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
pub mod report;
pub mod restore;
pub mod search;
pub mod show;
pub mod sync;
pub mod verify;
pub mod workflow;

use crate::Failure;
use serde::Serialize;
use std::io::Write;

/// The largest files each command reads whole: anything bigger is refused before a byte of it
/// is read (a 2 GB file is one clear line, not an exhausted laptop).
pub mod limits {
    /// A meeting exported as JSON.
    pub const MEETING_FILE: u64 = 64 * 1024 * 1024;
    /// A PDF of minutes to verify.
    pub const PDF: u64 = 200 * 1024 * 1024;
    /// A merged version of one document (twice the store's 4 MB limit for a body: room for
    /// the spaces of a pretty-printed file).
    pub const MERGED_BODY: u64 = 8 * 1024 * 1024;
    /// A password or passphrase file.
    pub const SECRET: u64 = 64 * 1024;
    /// A certificate authority file.
    pub const CERTIFICATE: u64 = 1024 * 1024;
    /// A press report (the facade then allows 100 000 characters: 400 KB of Arabic at most).
    pub const REPORT: u64 = 1024 * 1024;
}

/// The first line of a small secret file (a password, a passphrase); an empty one is an
/// error.
pub fn first_line(path: &std::path::Path, what: &str) -> Result<String, Failure> {
    let text = read_text_limited(path, limits::SECRET, &format!("{what} file"))?;
    // A byte-order mark some editors put first is not part of the secret.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let line = text.lines().next().unwrap_or_default().to_owned();
    if line.is_empty() {
        return Err(Failure::Input(format!(
            "the {what} file {} is empty",
            path.display()
        )));
    }
    Ok(line)
}

/// Reads a whole file of at most `max` bytes; a bigger, missing or unreadable one is a
/// one-line input error naming `what` it should have been.
pub fn read_limited(path: &std::path::Path, max: u64, what: &str) -> Result<Vec<u8>, Failure> {
    use std::io::Read;
    let cannot = |e: std::io::Error| {
        Failure::Input(format!("cannot read the {what} {}: {e}", path.display()))
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    let too_big = |size: u64| {
        Failure::Input(format!(
            "{} is {}; a {what} is at most {}",
            path.display(),
            human_size(size),
            human_size(max)
        ))
    };
    let size = file.metadata().map_err(cannot)?.len();
    if size > max {
        return Err(too_big(size));
    }
    // The size may change under us: never read more than allowed.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(max + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > max {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads a whole text file of at most `max` bytes (see [`read_limited`]).
pub fn read_text_limited(path: &std::path::Path, max: u64, what: &str) -> Result<String, Failure> {
    String::from_utf8(read_limited(path, max, what)?)
        .map_err(|_| Failure::Input(format!("the {what} {} is not UTF-8 text", path.display())))
}

fn human_size(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= 1024 * MB {
        format!("{:.1} GB", bytes as f64 / (1024 * MB) as f64)
    } else if bytes >= MB {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    } else {
        format!("{bytes} bytes")
    }
}

/// Refuses to write over an existing file unless `--force` was given ("-" is standard output).
pub fn refuse_overwrite(output: &std::path::Path, force: bool) -> Result<(), Failure> {
    if output.as_os_str() != "-" && output.exists() && !force {
        return Err(Failure::Input(format!(
            "{} already exists; choose another name or pass --force to replace it",
            output.display()
        )));
    }
    Ok(())
}

/// Writes bytes to `output` whole (written beside, then renamed) and says so, or to standard
/// output for "-".
pub fn write_output(
    lang: mahdar::model::Lang,
    output: &std::path::Path,
    bytes: &[u8],
) -> Result<(), Failure> {
    use mahdar::model::Lang;
    if output.as_os_str() == "-" {
        std::io::stdout().lock().write_all(bytes)?;
        return Ok(());
    }
    mahdar::write_file_whole(output, bytes)
        .map_err(|e| Failure::System(format!("writing {}: {e}", output.display())))?;
    let (file, size) = (output.display(), bytes.len());
    println!(
        "{}",
        match lang {
            Lang::Ar => format!("كُتب {file} ({size} بايت)"),
            Lang::Fr => format!("{file} écrit ({size} octets)"),
            Lang::En => format!("Wrote {file} ({size} bytes)"),
        }
    );
    Ok(())
}

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
