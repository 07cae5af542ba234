//! `mahdar`: every Mahdar use case from the command line, over the same facade as the app.
//!
//! Exit codes: 0 success; 1 the machine failed (disk, damaged data, folder in use) or `verify`
//! found problems; 2 bad input (unknown id, invalid value, usage) — always one line on stderr,
//! and nothing changed.

mod commands;
mod render;

use clap::{Parser, Subcommand};
use mahdar::{
    Error,
    model::{Lang, MeetingStatus},
};
use std::{io::IsTerminal, path::PathBuf, process::ExitCode};

/// Mahdar (محضر): minutes of regional meetings and follow-up of their commitments.
#[derive(Debug, Parser)]
#[command(name = "mahdar", version, about, max_term_width = 100)]
struct Cli {
    /// The data folder [default: the per-user data folder, e.g. ~/.local/share/mahdar]
    #[arg(long, global = true, env = mahdar::DATA_DIR_ENV, value_name = "DIR")]
    data_dir: Option<PathBuf>,

    /// A file whose first line is the passphrase of encrypted data [or MAHDAR_PASSPHRASE; else
    /// asked on the terminal]
    #[arg(long, global = true, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,

    /// Language of the output: ar, fr or en
    #[arg(long, global = true, default_value = "ar", value_parser = parse_lang)]
    lang: Lang,

    #[command(subcommand)]
    command: Command,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse()
        .map_err(|e: mahdar::model::ModelError| e.to_string())
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create the data folder (if needed) and say where it is; --encrypt encrypts it
    Init(commands::init::Args),
    /// Change the passphrase of encrypted data: `passphrase change`
    Passphrase(commands::init::PassphraseArgs),
    /// Load the seed meeting (the 9th regional meeting, Fès-Meknès); running it again changes nothing
    Demo(commands::demo::Args),
    /// List meetings: undated drafts first, then the newest
    Meetings(commands::meetings::Args),
    /// Show a meeting's whole record
    Show(commands::show::Args),
    /// List follow-up actions: overdue first (or write them to a PDF report or a CSV file)
    Actions(commands::actions::Args),
    /// Move one follow-up action along: its due date, or a new status with a note
    Action(commands::action::Args),
    /// List the registry of people and groups, or find someone by name
    People(commands::people::Args),
    /// Search everything, in any spelling: meetings, statements, decisions, actions, people
    Search(commands::search::Args),
    /// Export a meeting: the formal minutes (pdf, docx), Akoma Ntoso, csv, ics or json
    Export(commands::export::Args),
    /// Import a meeting exported as JSON
    Import(commands::import::Args),
    /// Draft a meeting from a press report (FILE, or - for standard input); prints its id
    ImportReport(commands::report::ImportArgs),
    /// Review a report's draft: list its proposals, --accept N,… --reject N,… --reopen N,… --accept-all
    Proposals(commands::report::ProposalsArgs),
    /// Attach a file (a photo, a PDF, an office document) to a meeting, a site visit, a statement or a progress entry
    Attach(commands::attach::AttachArgs),
    /// List the files attached to a meeting (with its visits, statements and progress entries) or to one document
    Attachments(commands::attach::ListArgs),
    /// Write an attached file out, byte for byte (--strip-gps removes where a photo was taken)
    Extract(commands::attach::ExtractArgs),
    /// Write a backup of everything to FILE
    Backup(commands::backup::Args),
    /// Restore a backup into an empty data folder (or merge it with --merge)
    Restore(commands::restore::Args),
    /// Check the integrity of the whole store
    Verify(commands::verify::Args),
    /// List the backups kept in the data folder (daily, and before every migration)
    Backups(commands::backup::ListArgs),
    /// After damaged data is reported: restore the newest good backup, keeping the damaged files
    Recover(commands::backup::ListArgs),
    /// Rebuild the indexes and the search index from the documents
    Reindex,
    /// Show the version, the data folder and its size, backups and last sync (--bundle FILE
    /// writes a diagnostics bundle for support, with no user content unless --with-content)
    About(commands::about::Args),
    /// Sync with a CouchDB-protocol server: push then pull once (or --push, --pull, --continuous)
    Sync(commands::sync::Args),
    /// Write a sync file for a laptop with no network (everything, or what --peer lacks)
    SyncExport(commands::sync::ExportArgs),
    /// Import a sync file: the same merge as a sync with a server
    SyncImport(commands::sync::ImportArgs),
    /// List the documents whose versions conflict, side by side
    Conflicts(commands::conflicts::Args),
    /// Resolve a conflict: keep one version (--keep REV) or a merged one (--merged FILE.json)
    Resolve(commands::conflicts::ResolveArgs),
    /// Show or set who uses this laptop: `user set NAME --role secretary|reviewer|approver`
    User(commands::workflow::UserArgs),
    /// Send a meeting's minutes to review
    Review(commands::workflow::MoveArgs),
    /// Approve a meeting's minutes (approvers only): freezes them and prints their SHA-256
    Approve(commands::workflow::MoveArgs),
    /// Publish approved minutes
    Publish(commands::workflow::MoveArgs),
    /// Start an amendment of approved minutes (back to draft; the approved version is kept)
    Amend(commands::workflow::MoveArgs),
    /// Check a PDF of approved minutes, or a meeting, against its approved version
    VerifyMinutes(commands::workflow::VerifyArgs),
    /// Follow-up totals: committed and delivered, by region and by owner, and what is overdue
    Dashboard(commands::workflow::DashboardArgs),
    /// The audit trail of a document or a whole meeting: who changed what, when, on which laptop
    History(commands::history::Args),
}

/// What a command can fail with.
#[derive(Debug)]
pub enum Failure {
    /// The user's input: exit code 2.
    Input(String),
    /// The machine or the data: exit code 1.
    System(String),
    /// Already reported (e.g. `verify` printed its problems): exit code 1.
    Reported,
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        if e.is_user_error() {
            Failure::Input(e.to_string())
        } else {
            Failure::System(e.to_string())
        }
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::System(format!("cannot write the output: {e}"))
    }
}

/// Shared context of every command.
#[derive(Debug)]
pub struct Context {
    /// The data folder.
    pub data_dir: PathBuf,
    /// Output language.
    pub lang: Lang,
    /// Where the data's passphrase is, if given.
    pub passphrase_file: Option<PathBuf>,
}

/// The environment variable a script can put the data's passphrase in.
pub const PASSPHRASE_ENV: &str = "MAHDAR_PASSPHRASE";

const PASSPHRASE_PROMPT: [&str; 3] = ["عبارة المرور: ", "Phrase secrète : ", "Passphrase: "];

impl Context {
    /// Opens the data folder, creating it; encrypted data is opened with the passphrase given
    /// (`--passphrase-file`, `MAHDAR_PASSPHRASE`), else asked on the terminal.
    pub fn open(&self) -> Result<mahdar::Mahdar, Failure> {
        if let Some(p) = self.given_passphrase()? {
            return Ok(mahdar::Mahdar::unlock(&self.data_dir, &p)?);
        }
        match mahdar::Mahdar::open(&self.data_dir) {
            Err(e) if e.code() == "store_locked" && std::io::stdin().is_terminal() => {
                let p = self.ask_passphrase(PASSPHRASE_PROMPT)?;
                Ok(mahdar::Mahdar::unlock(&self.data_dir, &p)?)
            }
            other => Ok(other?),
        }
    }

    /// The data's passphrase from `--passphrase-file` or `MAHDAR_PASSPHRASE`, if either is
    /// given.
    pub fn given_passphrase(&self) -> Result<Option<mahdar::Passphrase>, Failure> {
        if let Some(file) = &self.passphrase_file {
            return commands::first_line(file, "passphrase")
                .map(|line| Some(mahdar::Passphrase::new(line)));
        }
        Ok(std::env::var(PASSPHRASE_ENV)
            .ok()
            .filter(|p| !p.is_empty())
            .map(mahdar::Passphrase::new))
    }

    /// The passphrase given, else asked on the terminal; with neither, a one-line error.
    pub fn passphrase(&self) -> Result<mahdar::Passphrase, Failure> {
        match self.given_passphrase()? {
            Some(p) => Ok(p),
            None => self.ask_passphrase(PASSPHRASE_PROMPT),
        }
    }

    /// Asks on the terminal (never echoed), with `prompt` in the output's language; without a
    /// terminal, a one-line error.
    pub fn ask_passphrase(&self, prompt: [&str; 3]) -> Result<mahdar::Passphrase, Failure> {
        if !std::io::stdin().is_terminal() {
            return Err(Failure::Input(format!(
                "a passphrase is needed: give --passphrase-file FILE or set {PASSPHRASE_ENV}"
            )));
        }
        let [ar, fr, en] = prompt;
        rpassword::prompt_password(self.lang.pick(ar, fr, en))
            .map(mahdar::Passphrase::new)
            .map_err(|e| Failure::Input(format!("cannot read the passphrase: {e}")))
    }

    /// Opens a data folder that must already exist (reading commands never create one).
    pub fn open_existing(&self) -> Result<mahdar::Mahdar, Failure> {
        if !mahdar::Mahdar::exists(&self.data_dir) {
            return Err(Failure::Input(format!(
                "no Mahdar data in {}; run `mahdar init` or `mahdar demo` first, or pass --data-dir",
                self.data_dir.display()
            )));
        }
        self.open()
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    let data_dir = match cli.data_dir {
        Some(dir) => dir,
        None => mahdar::default_data_dir()?,
    };
    let ctx = Context {
        data_dir,
        lang: cli.lang,
        passphrase_file: cli.passphrase_file,
    };
    match cli.command {
        Command::Init(args) => commands::init::run(&ctx, args),
        Command::Passphrase(args) => commands::init::passphrase(&ctx, args),
        Command::Demo(args) => commands::demo::run(&ctx, args),
        Command::Meetings(args) => commands::meetings::run(&ctx, args),
        Command::Show(args) => commands::show::run(&ctx, args),
        Command::Actions(args) => commands::actions::run(&ctx, args),
        Command::Action(args) => commands::action::run(&ctx, args),
        Command::People(args) => commands::people::run(&ctx, args),
        Command::Search(args) => commands::search::run(&ctx, args),
        Command::Export(args) => commands::export::run(&ctx, args),
        Command::Import(args) => commands::import::run(&ctx, args),
        Command::ImportReport(args) => commands::report::import(&ctx, args),
        Command::Proposals(args) => commands::report::proposals(&ctx, args),
        Command::Attach(args) => commands::attach::attach(&ctx, args),
        Command::Attachments(args) => commands::attach::list(&ctx, args),
        Command::Extract(args) => commands::attach::extract(&ctx, args),
        Command::Backup(args) => commands::backup::run(&ctx, args),
        Command::Restore(args) => commands::restore::run(&ctx, args),
        Command::Verify(args) => commands::verify::run(&ctx, args),
        Command::Backups(args) => commands::backup::list(&ctx, args),
        Command::Recover(args) => commands::backup::recover(&ctx, args),
        Command::Reindex => commands::verify::reindex(&ctx),
        Command::About(args) => commands::about::run(&ctx, args),
        Command::Sync(args) => commands::sync::run(&ctx, args),
        Command::SyncExport(args) => commands::sync::export(&ctx, args),
        Command::SyncImport(args) => commands::sync::import(&ctx, args),
        Command::Conflicts(args) => commands::conflicts::run(&ctx, args),
        Command::Resolve(args) => commands::conflicts::resolve(&ctx, args),
        Command::User(args) => commands::workflow::user(&ctx, args),
        Command::Review(args) => commands::workflow::move_to(&ctx, args, MeetingStatus::InReview),
        Command::Approve(args) => commands::workflow::move_to(&ctx, args, MeetingStatus::Approved),
        Command::Publish(args) => commands::workflow::move_to(&ctx, args, MeetingStatus::Published),
        Command::Amend(args) => commands::workflow::move_to(&ctx, args, MeetingStatus::Draft),
        Command::VerifyMinutes(args) => commands::workflow::verify(&ctx, args),
        Command::Dashboard(args) => commands::workflow::dashboard(&ctx, args),
        Command::History(args) => commands::history::run(&ctx, args),
    }
}

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!(
            "mahdar: internal error{place}: {}; please report it",
            what.replace('\n', " ")
        );
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                let _ = e.print();
                return if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                    ExitCode::from(2)
                } else {
                    ExitCode::SUCCESS
                };
            }
            let text = e.render().to_string();
            let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
            let mut first = lines
                .next()
                .unwrap_or("invalid arguments")
                .trim_start_matches("error: ")
                .to_owned();
            if first.ends_with(':')
                && let Some(next) = lines.next()
            {
                first = format!("{first} {next}");
            }
            eprintln!("mahdar: {first} (see `mahdar --help`)");
            return ExitCode::from(2);
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Input(message)) => {
            eprintln!("mahdar: {}", message.replace('\n', " "));
            ExitCode::from(2)
        }
        Err(Failure::System(message)) => {
            eprintln!("mahdar: {}", message.replace('\n', " "));
            ExitCode::from(1)
        }
        Err(Failure::Reported) => ExitCode::from(1),
    }
}
