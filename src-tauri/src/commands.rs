//! The commands the UI calls: each a few lines over the `mahdar` facade, run off the main
//! thread, failing with the one serialisable [`AppError`].

use crate::{AppState, menu, syncer::SyncStatus};
use chrono::NaiveDate;
use mahdar::{
    ActionFilter, ActionView, AppError, BackupFile, ConflictView, DemoReport, ExportFormat,
    HistoryEntry, Mahdar, MeetingFilter, MeetingRecord, MeetingSummary, NewAttendance,
    NewStatement, Passphrase, Position, ProgressNote, Recovery, ReportView, Resolution, Rev,
    Review, Settings, Stored, SyncSettings, SyncSettingsInput, TotalsBy, TotalsRow, Verification,
    model::{
        ActionId, ActionStatus, AttachedTo, Attachment, AttachmentId, Attendance, AttendanceId,
        Decision, DecisionId, FollowUpAction, Lang, Meeting, MeetingId, MeetingStatus, Money,
        Organisation, OrganisationId, Person, PersonId, ProgressEntry, ProposalItem, Region,
        Series, SeriesId, SiteVisit, Statement, StatementId, UserProfile, VisitId,
    },
};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, atomic::Ordering};
use tauri::{AppHandle, Manager, State};

type Reply<T> = Result<T, AppError>;

/// Runs a use case on a blocking thread (sled and fsync must never stall the UI thread).
async fn run<T, F>(state: &AppState, use_case: F) -> Reply<T>
where
    T: Send + 'static,
    F: FnOnce(&Mahdar) -> mahdar::Result<T> + Send + 'static,
{
    let app: Arc<Mahdar> = state.mahdar()?;
    blocking(move || use_case(&app)).await
}

/// Runs work that needs no open data folder on a blocking thread.
async fn blocking<T, F>(work: F) -> Reply<T>
where
    T: Send + 'static,
    F: FnOnce() -> mahdar::Result<T> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(move || work().map_err(AppError::from))
        .await
        .map_err(internal)?
}

/// What the UI needs to know at start.
#[derive(Debug, Serialize)]
pub struct AppInfo {
    version: &'static str,
    data_dir: String,
    replica_id: String,
    settings: Settings,
    empty: bool,
    /// Whether the data is encrypted at rest (the UI then offers to lock, and locks when idle).
    encrypted: bool,
    /// Whether the first-run screens are still to be shown on this data folder.
    first_run: bool,
}

impl AppInfo {
    fn of(m: &Mahdar) -> mahdar::Result<AppInfo> {
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION"),
            data_dir: m.data_dir().display().to_string(),
            replica_id: m.replica_id().to_owned(),
            settings: m.settings()?,
            empty: m.is_empty(),
            encrypted: m.is_encrypted(),
            first_run: m.first_run()?,
        })
    }
}

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Reply<AppInfo> {
    run(&state, AppInfo::of).await
}

/// Everything the first screen needs, in one round trip (start-up waits for nothing else).
#[derive(Debug, Serialize)]
pub struct FirstScreen {
    info: AppInfo,
    regions: Vec<RegionInfo>,
    meetings: Vec<MeetingSummary>,
    series: Vec<Stored<Series>>,
}

impl FirstScreen {
    /// Reads what the first screen shows.
    pub fn of(m: &Mahdar) -> mahdar::Result<FirstScreen> {
        Ok(FirstScreen {
            info: AppInfo::of(m)?,
            regions: regions(),
            meetings: m.meetings(&MeetingFilter::default())?,
            series: m.series_list()?,
        })
    }
}

#[tauri::command]
pub async fn first_screen(state: State<'_, AppState>) -> Reply<FirstScreen> {
    run(&state, FirstScreen::of).await
}

#[tauri::command]
pub async fn set_settings(
    handle: AppHandle,
    state: State<'_, AppState>,
    settings: Settings,
) -> Reply<Settings> {
    let saved = run(&state, move |m| m.set_settings(settings)).await?;
    menu::apply_language(&handle, saved.language);
    state.reminders.check_now();
    Ok(saved)
}

/// The UI calls this once its first screen is drawn (for the start-up measurement).
#[tauri::command]
pub fn ui_ready(handle: AppHandle, state: State<'_, AppState>) {
    state.report_ready();
    // The background sync starts once the first screen is drawn, if the settings ask for it.
    if let Ok(app) = state.mahdar() {
        state.syncer.restart(&handle, app);
    }
    // And the due reminders.
    if state.mahdar().is_ok() {
        state.reminders.start(&handle);
    }
    // Today's backup, in the data folder (the last seven are kept).
    if let Ok(app) = state.mahdar() {
        std::thread::spawn(move || {
            if let Err(e) = app.daily_backup() {
                eprintln!("mahdar: today's backup could not be written: {e}");
            }
        });
    }
    // Once the first screen is drawn, the search index catches up with the store in the
    // background, so the first search after a sync or an import answers at once.
    if let Ok(app) = state.mahdar() {
        std::thread::spawn(move || {
            if let Err(e) = app.catch_up_search() {
                eprintln!("mahdar: the search index could not catch up: {e}");
            }
        });
    }
}

/// The first-run screens are over (finished or skipped): they are not shown again.
#[tauri::command]
pub async fn finish_first_run(state: State<'_, AppState>) -> Reply<()> {
    run(&state, |m| m.finish_first_run()).await
}

/// The About screen's figures: version, data folder, its size, backups, last sync.
#[tauri::command]
pub async fn diagnostics(state: State<'_, AppState>) -> Reply<mahdar::Diagnostics> {
    run(&state, |m| m.diagnostics()).await
}

/// Saves a diagnostics bundle for support where the person picks in the save dialog (`None`
/// when they cancel): no user content unless `include_content`.
#[tauri::command]
pub async fn save_diagnostics(
    window: tauri::WebviewWindow,
    state: State<'_, AppState>,
    include_content: bool,
) -> Reply<Option<Exported>> {
    let ui = run(&state, |m| Ok(m.settings()?.language)).await?;
    let name = format!(
        "mahdar-diagnostics-{}.zip",
        chrono::Local::now().format("%Y-%m-%d")
    );
    let label = ui.pick("حزمة تشخيص", "Diagnostic", "Diagnostics");
    let Some(path) = pick_save_path(&window, ui, name, label, "zip").await? else {
        return Ok(None);
    };
    let bytes = run(&state, move |m| m.diagnostics_bundle(include_content)).await?;
    write_export(path, bytes).await.map(Some)
}

#[tauri::command]
pub async fn load_demo(state: State<'_, AppState>) -> Reply<DemoReport> {
    run(&state, |m| m.load_demo()).await
}

/// One of the twelve regions, with its names.
#[derive(Debug, Serialize)]
pub struct RegionInfo {
    slug: &'static str,
    number: u8,
    ar: &'static str,
    fr: &'static str,
    en: &'static str,
}

#[tauri::command]
pub fn regions() -> Vec<RegionInfo> {
    Region::ALL
        .iter()
        .map(|r| RegionInfo {
            slug: r.slug(),
            number: r.number(),
            ar: r.name(Lang::Ar),
            fr: r.name(Lang::Fr),
            en: r.name(Lang::En),
        })
        .collect()
}

/// Reads an amount as people type it ("26 مليون", "26.000.000 درهم", "1,5 million DH").
#[tauri::command]
pub fn parse_amount(text: String) -> Reply<Money> {
    Money::parse(&text).map_err(|e| AppError::from(mahdar::Error::from(e)))
}

#[tauri::command]
pub async fn meetings(
    state: State<'_, AppState>,
    filter: MeetingFilter,
) -> Reply<Vec<MeetingSummary>> {
    run(&state, move |m| m.meetings(&filter)).await
}

#[tauri::command]
pub async fn meeting_record(state: State<'_, AppState>, id: MeetingId) -> Reply<MeetingRecord> {
    run(&state, move |m| m.meeting_record(id)).await
}

#[tauri::command]
pub async fn import_report(state: State<'_, AppState>, text: String) -> Reply<ReportView> {
    run(&state, move |m| m.import_report(&text)).await
}

#[tauri::command]
pub async fn report_draft(
    state: State<'_, AppState>,
    meeting: MeetingId,
) -> Reply<Option<ReportView>> {
    run(&state, move |m| m.report_draft(meeting)).await
}

/// What a person decided about one proposal.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalDecision {
    Accept,
    Reject,
    Reopen,
}

#[tauri::command]
pub async fn review_proposal(
    state: State<'_, AppState>,
    meeting: MeetingId,
    no: u32,
    decision: ProposalDecision,
    edit: Option<ProposalItem>,
) -> Reply<ReportView> {
    let review = match decision {
        ProposalDecision::Accept => Review::Accept(edit),
        ProposalDecision::Reject => Review::Reject,
        ProposalDecision::Reopen => Review::Reopen,
    };
    run(&state, move |m| m.review_proposal(meeting, no, review)).await
}

#[tauri::command]
pub async fn accept_all_proposals(
    state: State<'_, AppState>,
    meeting: MeetingId,
) -> Reply<ReportView> {
    run(&state, move |m| m.accept_all_proposals(meeting)).await
}

#[tauri::command]
pub async fn create_meeting(
    state: State<'_, AppState>,
    meeting: Meeting,
) -> Reply<Stored<Meeting>> {
    run(&state, move |m| m.create_meeting(meeting)).await
}

#[tauri::command]
pub async fn update_meeting(
    state: State<'_, AppState>,
    id: MeetingId,
    rev: Rev,
    meeting: Meeting,
) -> Reply<Stored<Meeting>> {
    run(&state, move |m| m.update_meeting(id, rev, meeting)).await
}

#[tauri::command]
pub async fn set_meeting_status(
    state: State<'_, AppState>,
    id: MeetingId,
    status: MeetingStatus,
) -> Reply<Stored<Meeting>> {
    run(&state, move |m| m.set_meeting_status(id, status)).await
}

#[tauri::command]
pub async fn delete_meeting(state: State<'_, AppState>, id: MeetingId) -> Reply<()> {
    run(&state, move |m| m.delete_meeting(id)).await
}

#[tauri::command]
pub async fn series_list(state: State<'_, AppState>) -> Reply<Vec<Stored<Series>>> {
    run(&state, |m| m.series_list()).await
}

#[tauri::command]
pub async fn create_series(state: State<'_, AppState>, series: Series) -> Reply<Stored<Series>> {
    run(&state, move |m| m.create_series(series)).await
}

#[tauri::command]
pub async fn next_rank(state: State<'_, AppState>, series: SeriesId) -> Reply<u32> {
    run(&state, move |m| m.next_rank(series)).await
}

#[tauri::command]
pub async fn people(state: State<'_, AppState>) -> Reply<Vec<Stored<Person>>> {
    run(&state, |m| m.people()).await
}

#[tauri::command]
pub async fn find_people(state: State<'_, AppState>, query: String) -> Reply<Vec<Stored<Person>>> {
    run(&state, move |m| m.find_people(&query)).await
}

#[tauri::command]
pub async fn create_person(state: State<'_, AppState>, person: Person) -> Reply<Stored<Person>> {
    run(&state, move |m| m.create_person(person)).await
}

#[tauri::command]
pub async fn update_person(
    state: State<'_, AppState>,
    id: PersonId,
    rev: Rev,
    person: Person,
) -> Reply<Stored<Person>> {
    run(&state, move |m| m.update_person(id, rev, person)).await
}

#[tauri::command]
pub async fn organisations(state: State<'_, AppState>) -> Reply<Vec<Stored<Organisation>>> {
    run(&state, |m| m.organisations()).await
}

#[tauri::command]
pub async fn create_organisation(
    state: State<'_, AppState>,
    organisation: Organisation,
) -> Reply<Stored<Organisation>> {
    run(&state, move |m| m.create_organisation(organisation)).await
}

#[tauri::command]
pub async fn update_organisation(
    state: State<'_, AppState>,
    id: OrganisationId,
    rev: Rev,
    organisation: Organisation,
) -> Reply<Stored<Organisation>> {
    run(&state, move |m| {
        m.update_organisation(id, rev, organisation)
    })
    .await
}

#[tauri::command]
pub async fn add_attendance(
    state: State<'_, AppState>,
    meeting: MeetingId,
    entry: NewAttendance,
) -> Reply<Stored<Attendance>> {
    run(&state, move |m| m.add_attendance(meeting, entry)).await
}

#[tauri::command]
pub async fn update_attendance(
    state: State<'_, AppState>,
    id: AttendanceId,
    rev: Rev,
    entry: Attendance,
) -> Reply<Stored<Attendance>> {
    run(&state, move |m| m.update_attendance(id, rev, entry)).await
}

#[tauri::command]
pub async fn remove_attendance(state: State<'_, AppState>, id: AttendanceId) -> Reply<()> {
    run(&state, move |m| m.remove_attendance(id)).await
}

#[tauri::command]
pub async fn add_statement(
    state: State<'_, AppState>,
    meeting: MeetingId,
    statement: NewStatement,
    position: Position<StatementId>,
) -> Reply<Stored<Statement>> {
    run(&state, move |m| {
        m.add_statement(meeting, statement, position)
    })
    .await
}

#[tauri::command]
pub async fn update_statement(
    state: State<'_, AppState>,
    id: StatementId,
    rev: Rev,
    statement: Statement,
) -> Reply<Stored<Statement>> {
    run(&state, move |m| m.update_statement(id, rev, statement)).await
}

#[tauri::command]
pub async fn move_statement(
    state: State<'_, AppState>,
    id: StatementId,
    position: Position<StatementId>,
) -> Reply<Stored<Statement>> {
    run(&state, move |m| m.move_statement(id, position)).await
}

#[tauri::command]
pub async fn delete_statement(state: State<'_, AppState>, id: StatementId) -> Reply<()> {
    run(&state, move |m| m.delete_statement(id)).await
}

#[tauri::command]
pub async fn add_decision(
    state: State<'_, AppState>,
    meeting: MeetingId,
    text: String,
    position: Position<DecisionId>,
) -> Reply<Stored<Decision>> {
    run(&state, move |m| {
        m.add_decision(meeting, &text, None, position)
    })
    .await
}

#[tauri::command]
pub async fn update_decision(
    state: State<'_, AppState>,
    id: DecisionId,
    rev: Rev,
    decision: Decision,
) -> Reply<Stored<Decision>> {
    run(&state, move |m| m.update_decision(id, rev, decision)).await
}

#[tauri::command]
pub async fn move_decision(
    state: State<'_, AppState>,
    id: DecisionId,
    position: Position<DecisionId>,
) -> Reply<Stored<Decision>> {
    run(&state, move |m| m.move_decision(id, position)).await
}

#[tauri::command]
pub async fn delete_decision(state: State<'_, AppState>, id: DecisionId) -> Reply<()> {
    run(&state, move |m| m.delete_decision(id)).await
}

#[tauri::command]
pub async fn suggest_action(
    state: State<'_, AppState>,
    statement: StatementId,
) -> Reply<FollowUpAction> {
    run(&state, move |m| m.suggest_action(statement)).await
}

#[tauri::command]
pub async fn add_action(
    state: State<'_, AppState>,
    action: FollowUpAction,
) -> Reply<Stored<FollowUpAction>> {
    run(&state, move |m| m.add_action(action)).await
}

#[tauri::command]
pub async fn update_action(
    state: State<'_, AppState>,
    id: ActionId,
    rev: Rev,
    action: FollowUpAction,
) -> Reply<Stored<FollowUpAction>> {
    run(&state, move |m| m.update_action(id, rev, action)).await
}

#[tauri::command]
pub async fn set_action_due(
    state: State<'_, AppState>,
    id: ActionId,
    due: Option<NaiveDate>,
) -> Reply<Stored<FollowUpAction>> {
    run(&state, move |m| m.set_action_due(id, due)).await
}

#[tauri::command]
pub async fn change_action_status(
    state: State<'_, AppState>,
    id: ActionId,
    status: ActionStatus,
    note: ProgressNote,
) -> Reply<(Stored<FollowUpAction>, Stored<ProgressEntry>)> {
    run(&state, move |m| m.change_action_status(id, status, note)).await
}

#[tauri::command]
pub async fn add_progress(
    state: State<'_, AppState>,
    action: ActionId,
    note: ProgressNote,
) -> Reply<Stored<ProgressEntry>> {
    run(&state, move |m| m.add_progress(action, note)).await
}

#[tauri::command]
pub async fn delete_action(state: State<'_, AppState>, id: ActionId) -> Reply<()> {
    run(&state, move |m| m.delete_action(id)).await
}

#[tauri::command]
pub async fn actions(state: State<'_, AppState>, filter: ActionFilter) -> Reply<Vec<ActionView>> {
    run(&state, move |m| m.actions(&filter)).await
}

#[tauri::command]
pub async fn totals_by(
    state: State<'_, AppState>,
    by: TotalsBy,
    filter: ActionFilter,
) -> Reply<Vec<TotalsRow>> {
    run(&state, move |m| m.totals_by(by, &filter)).await
}

/// What an export wrote.
#[derive(Debug, Serialize)]
pub struct Exported {
    path: String,
    bytes: usize,
}

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::new("internal", e.to_string())
}

/// Exports a meeting to a file the person picks in the system's save dialog; `None` when they
/// cancel, in the dialog or with [`cancel_export`] while the file is made. The page never names
/// a path itself: the dialog is opened here. While the file is made the window receives
/// `export-progress` events (`rendering`, then `writing`).
#[tauri::command]
pub async fn export_meeting(
    window: tauri::WebviewWindow,
    state: State<'_, AppState>,
    id: MeetingId,
    format: String,
    lang: Lang,
) -> Reply<Option<Exported>> {
    use tauri::Emitter;
    let format: ExportFormat = format.parse().map_err(AppError::from)?;
    let (name, ui) = run(&state, move |m| {
        Ok((
            m.export_file_name(id, format, lang)?,
            m.settings()?.language,
        ))
    })
    .await?;
    let Some(path) = pick_save_path(&window, ui, name, format.label(), format.extension()).await?
    else {
        return Ok(None);
    };
    state.export_cancelled.store(false, Ordering::SeqCst);
    let _ = window.emit("export-progress", "rendering");
    let bytes = run(&state, move |m| m.export(id, format, lang)).await?;
    // The file is written whole in one step: cancelling is possible until then.
    if state.export_cancelled.swap(false, Ordering::SeqCst) {
        return Ok(None);
    }
    let _ = window.emit("export-progress", "writing");
    write_export(path, bytes).await.map(Some)
}

/// Asks where to save, in the system's dialog (Documents first); `None` when cancelled.
async fn pick_save_path(
    window: &tauri::WebviewWindow,
    ui: Lang,
    name: String,
    label: &str,
    extension: &str,
) -> Reply<Option<std::path::PathBuf>> {
    use tauri::Manager;
    use tauri_plugin_dialog::DialogExt;
    let mut dialog = window
        .dialog()
        .file()
        .set_parent(window)
        .set_title(ui.pick("حفظ الملف", "Enregistrer le fichier", "Save the file"))
        .set_file_name(name)
        .add_filter(label, &[extension]);
    if let Ok(dir) = window.path().document_dir() {
        dialog = dialog.set_directory(dir);
    }
    let picked = tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file())
        .await
        .map_err(internal)?;
    Ok(picked.and_then(|p| p.into_path().ok()))
}

/// Writes an export whole (or not at all).
async fn write_export(path: std::path::PathBuf, bytes: Vec<u8>) -> Reply<Exported> {
    let size = bytes.len();
    let target = path.clone();
    tauri::async_runtime::spawn_blocking(move || mahdar::write_file_whole(&target, &bytes))
        .await
        .map_err(internal)?
        .map_err(|e| AppError {
            code: "write_failed".into(),
            message: format!("{}: {e}", path.display()),
            details: Some(serde_json::json!({ "path": path.display().to_string() })),
        })?;
    Ok(Exported {
        path: path.display().to_string(),
        bytes: size,
    })
}

/// How the follow-up list leaves: a spreadsheet or a printed report.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ListFormat {
    /// CSV.
    #[default]
    Csv,
    /// A PDF report.
    Pdf,
}

/// Exports the follow-up actions a filter selects as CSV or as a PDF report (in `lang`), to a
/// file picked in the system's save dialog; `None` when cancelled.
#[tauri::command]
pub async fn export_actions(
    window: tauri::WebviewWindow,
    state: State<'_, AppState>,
    filter: ActionFilter,
    lang: Lang,
    format: Option<ListFormat>,
) -> Reply<Option<Exported>> {
    let format = format.unwrap_or_default();
    let ui = run(&state, |m| Ok(m.settings()?.language)).await?;
    let (ext, kind) = match format {
        ListFormat::Csv => ("csv", "CSV"),
        ListFormat::Pdf => ("pdf", "PDF"),
    };
    let name = format!(
        "{}.{ext}",
        lang.pick("إجراءات التتبع", "actions de suivi", "follow-up actions")
    );
    let Some(path) = pick_save_path(&window, ui, name, kind, ext).await? else {
        return Ok(None);
    };
    let bytes = run(&state, move |m| match format {
        ListFormat::Csv => m.actions_csv(&filter, lang),
        ListFormat::Pdf => m.actions_pdf(&filter, lang),
    })
    .await?;
    write_export(path, bytes).await.map(Some)
}

/// The backups in the data folder, newest first. Works when the store could not be opened.
#[tauri::command]
pub async fn backups() -> Reply<Vec<BackupFile>> {
    let dir = crate::data_dir()?;
    blocking(move || Mahdar::backups(&dir)).await
}

/// When the store is damaged: sets it aside, restores the newest good backup, opens the
/// recovered data, and reloads the window on it a moment after answering. Refused while the
/// store opens normally.
#[tauri::command]
pub async fn recover(
    handle: AppHandle,
    state: State<'_, AppState>,
    passphrase: Option<String>,
) -> Reply<Recovery> {
    match state.mahdar() {
        Ok(_) => {
            return Err(AppError::new(
                "invalid_input",
                "the data is not damaged: nothing to recover",
            ));
        }
        // Locked data may be damaged too (it shows once the key opens it): the facade checks
        // again, with the passphrase.
        Err(e) if e.code != "store_corrupt" && e.code != "store_locked" => return Err(e),
        Err(_) => {}
    }
    let dir = crate::data_dir()?;
    let opened_dir = dir.clone();
    let passphrase = passphrase.filter(|p| !p.is_empty()).map(Passphrase::new);
    let given = passphrase.clone();
    let recovery = blocking(move || Mahdar::recover(&dir, given.as_ref())).await?;
    // A passphrase opens the restored data whether it is encrypted or not.
    state.reopen(&opened_dir, passphrase.as_ref())?;
    // The window starts again on the recovered data, once it has shown what was done.
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(1500));
        if let Some(window) = handle.get_webview_window("main") {
            let _ = window.eval("window.location.reload()");
        }
    });
    Ok(recovery)
}

fn locked() -> AppError {
    AppError::new(
        "store_locked",
        "the data is encrypted and locked: enter the passphrase",
    )
}

fn passphrase_given(text: String) -> Reply<Passphrase> {
    if text.is_empty() {
        return Err(AppError::new("invalid_input", "the passphrase is empty"));
    }
    Ok(Passphrase::new(text))
}

/// Opens encrypted data with its passphrase. A wrong one changes nothing (`wrong_passphrase`).
/// The UI reloads once unlocked.
#[tauri::command]
pub async fn unlock(state: State<'_, AppState>, passphrase: String) -> Reply<()> {
    match state.mahdar() {
        Ok(_) => return Ok(()),
        Err(e) if e.code != "store_locked" => return Err(e),
        Err(_) => {}
    }
    let passphrase = passphrase_given(passphrase)?;
    let dir = crate::data_dir()?;
    let opened =
        tauri::async_runtime::spawn_blocking(move || crate::open_waiting(&dir, Some(&passphrase)))
            .await
            .map_err(internal)?;
    match opened {
        Ok(app) => {
            state.set_opened(Ok(app));
            Ok(())
        }
        // Damage found once the key opened the data: the recovery screen takes over, and
        // `recover` must see it as damaged, not as locked.
        Err(e) if e.code == "store_corrupt" => {
            state.set_opened(Err(e.clone()));
            Err(e)
        }
        Err(e) => Err(e),
    }
}

/// Locks encrypted data: the key leaves memory once the commands under way end, and every
/// command answers `store_locked` until `unlock`. The UI saves what is pending first.
#[tauri::command]
pub async fn lock(state: State<'_, AppState>) -> Reply<()> {
    let app = state.mahdar()?;
    if !app.is_encrypted() {
        return Err(AppError::new(
            "invalid_input",
            "the data is not encrypted: there is nothing to lock",
        ));
    }
    state.syncer.stop();
    state.set_opened(Err(locked()));
    Ok(())
}

/// Encrypts the data in place with a new passphrase (see `Mahdar::encrypt`); the app stays
/// unlocked. Commands wait meanwhile (`store_busy`).
#[tauri::command]
pub async fn encrypt_data(
    handle: AppHandle,
    state: State<'_, AppState>,
    passphrase: String,
) -> Reply<()> {
    let passphrase = passphrase_given(passphrase)?;
    let dir = crate::data_dir()?;
    let app = state.mahdar()?;
    if app.is_encrypted() {
        return Err(AppError::from(mahdar::Error::AlreadyEncrypted));
    }
    if !passphrase.is_strong_enough() {
        return Err(AppError::from(mahdar::Error::WeakPassphrase));
    }
    state.syncer.stop();
    state.set_opened(Err(AppError::new(
        "store_busy",
        "the data is being encrypted; try again in a moment",
    )));
    // The store is handed over whole: wait for the commands under way to let go of it.
    let mut app = app;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let owned = loop {
        match Arc::try_unwrap(app) {
            Ok(owned) => break owned,
            Err(shared) if std::time::Instant::now() < deadline => {
                app = shared;
                let pause = || std::thread::sleep(std::time::Duration::from_millis(50));
                let _ = tauri::async_runtime::spawn_blocking(pause).await;
            }
            Err(shared) => {
                state.set_opened(Ok(shared.clone()));
                state.syncer.restart(&handle, shared);
                return Err(AppError::new(
                    "store_busy",
                    "the data is in use by a long task (a sync, an export); try again when it ends",
                ));
            }
        }
    };
    let given = passphrase.clone();
    let encrypted = blocking(move || owned.encrypt(&given)).await;
    let result = match encrypted {
        Ok(app) => {
            state.set_opened(Ok(Arc::new(app)));
            Ok(())
        }
        Err(e) => {
            // Open the folder again as it now is: in clear if the copy failed, encrypted if it
            // failed after the swap.
            let again = tauri::async_runtime::spawn_blocking(move || {
                crate::open_waiting(&dir, Some(&passphrase))
            })
            .await
            .unwrap_or_else(|j| Err(internal(j)));
            state.set_opened(again);
            Err(e)
        }
    };
    if let Ok(app) = state.mahdar() {
        state.syncer.restart(&handle, app);
    }
    result
}

/// Wraps the data key under a new passphrase (`Mahdar::change_passphrase`).
#[tauri::command]
pub async fn change_passphrase(
    state: State<'_, AppState>,
    current: String,
    new: String,
) -> Reply<()> {
    let current = passphrase_given(current)?;
    let new = passphrase_given(new)?;
    run(&state, move |m| m.change_passphrase(&current, &new)).await
}

/// The audit trail of a document, or of a meeting and everything in it (see
/// `Mahdar::history`).
#[tauri::command]
pub async fn history(state: State<'_, AppState>, doc: String) -> Reply<Vec<HistoryEntry>> {
    run(&state, move |m| m.history(&doc)).await
}

/// Matters arising for a meeting: open actions of earlier meetings of its series or region.
#[tauri::command]
pub async fn matters_arising(state: State<'_, AppState>, id: MeetingId) -> Reply<Vec<ActionView>> {
    run(&state, move |m| m.matters_arising(id)).await
}

/// Cancels the export under way: nothing is written (a file already written stays).
#[tauri::command]
pub fn cancel_export(state: State<'_, AppState>) {
    state.export_cancelled.store(true, Ordering::SeqCst);
}

/// Searches everything as the person types (see `Mahdar::search`).
#[tauri::command]
pub async fn search(
    state: State<'_, AppState>,
    query: String,
    filter: mahdar::SearchFilter,
) -> Reply<Vec<mahdar::SearchHit>> {
    run(&state, move |m| m.search(&query, &filter)).await
}

// ----- sync -----

/// The sync settings (the password never comes back: only whether one is stored).
#[tauri::command]
pub async fn sync_settings(state: State<'_, AppState>) -> Reply<SyncSettings> {
    run(&state, |m| m.sync_settings()).await
}

/// Saves the sync settings and restarts the background sync accordingly.
#[tauri::command]
pub async fn set_sync_settings(
    handle: AppHandle,
    state: State<'_, AppState>,
    settings: SyncSettingsInput,
) -> Reply<SyncSettings> {
    let saved = run(&state, move |m| m.set_sync_settings(settings)).await?;
    state.syncer.restart(&handle, state.mahdar()?);
    Ok(saved)
}

/// What the status indicator shows.
#[tauri::command]
pub async fn sync_status(state: State<'_, AppState>) -> Reply<SyncStatus> {
    let app = state.mahdar()?;
    let syncer = state.syncer.clone();
    tauri::async_runtime::spawn_blocking(move || syncer.status(&app))
        .await
        .map_err(internal)
}

/// One push and pull now; `sync-status` events report its progress.
#[tauri::command]
pub async fn sync_now(handle: AppHandle, state: State<'_, AppState>) -> Reply<SyncStatus> {
    let app = state.mahdar()?;
    let syncer = state.syncer.clone();
    tauri::async_runtime::spawn_blocking(move || syncer.sync_now(&handle, &app))
        .await
        .map_err(internal)?
}

/// The documents that need a person, versions side by side.
#[tauri::command]
pub async fn conflicts(state: State<'_, AppState>) -> Reply<Vec<ConflictView>> {
    run(&state, |m| m.conflicts()).await
}

/// Resolves a conflict: keep one version (`keep`) or a merged body (`merged`).
#[tauri::command]
pub async fn resolve_conflict(
    handle: AppHandle,
    state: State<'_, AppState>,
    id: String,
    keep: Option<Rev>,
    merged: Option<serde_json::Value>,
) -> Reply<Rev> {
    let resolution = match (keep, merged) {
        (Some(rev), None) => Resolution::Keep(rev),
        (None, Some(body)) if body.is_object() => Resolution::Merged(body),
        _ => {
            return Err(AppError::new(
                "invalid_input",
                "give either the version to keep or the merged document",
            ));
        }
    };
    let rev = run(&state, move |m| m.resolve_conflict(&id, resolution)).await?;
    let app = state.mahdar()?;
    let syncer = state.syncer.clone();
    tauri::async_runtime::spawn_blocking(move || syncer.refresh(&handle, &app))
        .await
        .map_err(internal)?;
    Ok(rev)
}

// ----- the person using this laptop -----

/// Who uses this laptop, if they said.
#[tauri::command]
pub async fn user_profile(state: State<'_, AppState>) -> Reply<Option<UserProfile>> {
    run(&state, |m| m.user_profile()).await
}

/// Says who uses this laptop (their name and role in the approval workflow).
#[tauri::command]
pub async fn set_user_profile(
    state: State<'_, AppState>,
    profile: UserProfile,
) -> Reply<UserProfile> {
    run(&state, move |m| m.set_user_profile(profile)).await
}

/// Whether a meeting's minutes are still exactly as approved, and what changed since (the
/// amendment being prepared).
#[tauri::command]
pub async fn verify_minutes(state: State<'_, AppState>, id: MeetingId) -> Reply<Verification> {
    run(&state, move |m| m.verify_meeting(id)).await
}

// ----- site visits and attachments -----

#[tauri::command]
pub async fn add_visit(state: State<'_, AppState>, visit: SiteVisit) -> Reply<Stored<SiteVisit>> {
    run(&state, move |m| m.add_visit(visit)).await
}

#[tauri::command]
pub async fn update_visit(
    state: State<'_, AppState>,
    id: VisitId,
    rev: Rev,
    visit: SiteVisit,
) -> Reply<Stored<SiteVisit>> {
    run(&state, move |m| m.update_visit(id, rev, visit)).await
}

#[tauri::command]
pub async fn delete_visit(state: State<'_, AppState>, id: VisitId) -> Reply<()> {
    run(&state, move |m| m.delete_visit(id)).await
}

/// A header of the raw `attach` call, percent-decoded (header values are ASCII).
fn header_text(request: &tauri::ipc::Request<'_>, name: &str) -> Option<String> {
    let value = request.headers().get(name)?.to_str().ok()?;
    percent_encoding::percent_decode_str(value)
        .decode_utf8()
        .ok()
        .map(|v| v.into_owned())
}

/// Attaches a file: its bytes are the call's raw body (no JSON, no Base64); `x-owner`,
/// `x-name` and `x-caption` say where it goes, what it was called and what it shows.
#[tauri::command]
pub async fn attach(
    state: State<'_, AppState>,
    request: tauri::ipc::Request<'_>,
) -> Reply<Stored<Attachment>> {
    let tauri::ipc::InvokeBody::Raw(bytes) = request.body() else {
        return Err(AppError::new(
            "invalid",
            "the file must be sent as raw bytes",
        ));
    };
    let owner: AttachedTo = header_text(&request, "x-owner")
        .unwrap_or_default()
        .parse()
        .map_err(|e: mahdar::model::ModelError| AppError::from(mahdar::Error::Model(e)))?;
    let name = header_text(&request, "x-name").unwrap_or_default();
    let caption = header_text(&request, "x-caption").filter(|c| !c.trim().is_empty());
    let bytes = bytes.clone();
    run(&state, move |m| m.attach(owner, &name, caption, &bytes)).await
}

#[tauri::command]
pub async fn attachments(
    state: State<'_, AppState>,
    owner: AttachedTo,
) -> Reply<Vec<Stored<Attachment>>> {
    run(&state, move |m| m.attachments(owner)).await
}

/// Which picture of a photo: a thumbnail or a preview.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImageSize {
    Thumb,
    Preview,
}

/// A photo as a `data:image/jpeg;base64,…` URL (upright, without metadata).
#[tauri::command]
pub async fn attachment_image(
    state: State<'_, AppState>,
    id: AttachmentId,
    size: ImageSize,
) -> Reply<String> {
    let side = match size {
        ImageSize::Thumb => mahdar::THUMB_SIDE,
        ImageSize::Preview => mahdar::PREVIEW_SIDE,
    };
    run(&state, move |m| {
        use base64::Engine;
        let jpeg = m.attachment_image(id, side)?;
        Ok(format!(
            "data:image/jpeg;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(jpeg)
        ))
    })
    .await
}

#[tauri::command]
pub async fn update_attachment(
    state: State<'_, AppState>,
    id: AttachmentId,
    rev: Rev,
    caption: Option<String>,
) -> Reply<Stored<Attachment>> {
    run(&state, move |m| m.update_attachment(id, rev, caption)).await
}

#[tauri::command]
pub async fn delete_attachment(state: State<'_, AppState>, id: AttachmentId) -> Reply<()> {
    run(&state, move |m| m.delete_attachment(id)).await
}

/// Saves a copy of an attached file where the user chooses (the system's dialog, the file's
/// own name offered); with `strip_gps`, a photo without where it was taken. `None` when the
/// dialog is cancelled.
#[tauri::command]
pub async fn save_attachment(
    window: tauri::WebviewWindow,
    state: State<'_, AppState>,
    id: AttachmentId,
    strip_gps: bool,
) -> Reply<Option<Exported>> {
    let (record, ui) = run(&state, move |m| {
        Ok((m.attachment(id)?, m.settings()?.language))
    })
    .await?;
    let name = record.value.name.clone();
    let extension = std::path::Path::new(&name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("*")
        .to_owned();
    let Some(path) =
        pick_save_path(&window, ui, name, &record.value.media_type, &extension).await?
    else {
        return Ok(None);
    };
    let (_, bytes) = run(&state, move |m| m.attachment_bytes(id, strip_gps)).await?;
    write_export(path, bytes).await.map(Some)
}
