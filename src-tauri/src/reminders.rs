//! Due reminders while the app runs: a desktop notification (Tauri's notification plugin) for
//! the actions due within the days the settings say and the overdue ones, at most once a day
//! each. The facade chooses and words them; this worker asks it every half hour, and at once
//! when the settings change.

use mahdar::{AppError, Mahdar, notices};
use std::{
    sync::{
        Arc, Condvar, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};
use tauri::{AppHandle, Manager};
use tauri_plugin_notification::NotificationExt;

/// How often the worker looks again (the day also turns while the app runs).
const EVERY: Duration = Duration::from_secs(30 * 60);
/// The first look, once the first screen is drawn.
const FIRST_AFTER: Duration = Duration::from_secs(2);

/// The reminder worker.
#[derive(Debug, Default)]
pub struct Reminders {
    started: AtomicBool,
    wake: Mutex<bool>,
    woken: Condvar,
}

impl Reminders {
    /// Starts the worker (once). It takes the data from the app's state at each look, so it
    /// never keeps locked data open, and skips the look while the data is locked.
    pub fn start(self: &Arc<Self>, handle: &AppHandle) {
        if self.started.swap(true, Ordering::SeqCst) {
            return;
        }
        let this = Arc::clone(self);
        let handle = handle.clone();
        let spawned = std::thread::Builder::new()
            .name("reminders".into())
            .spawn(move || {
                this.sleep(FIRST_AFTER);
                loop {
                    let app = handle.state::<crate::AppState>().mahdar();
                    // Locked data is skipped quietly: the reminders come after the unlock.
                    if let Err(e) = app.and_then(|app| remind(&handle, &app))
                        && e.code != "store_locked"
                    {
                        eprintln!("mahdar: reminders: {}", e.message);
                    }
                    this.sleep(EVERY);
                }
            });
        if let Err(e) = spawned {
            eprintln!("mahdar: reminders could not start: {e}");
        }
    }

    /// Looks again now (the settings changed).
    pub fn check_now(&self) {
        *self.wake.lock().unwrap_or_else(|p| p.into_inner()) = true;
        self.woken.notify_all();
    }

    fn sleep(&self, how_long: Duration) {
        let guard = self.wake.lock().unwrap_or_else(|p| p.into_inner());
        let (mut woken, _) = self
            .woken
            .wait_timeout_while(guard, how_long, |wake| !*wake)
            .unwrap_or_else(|p| p.into_inner());
        *woken = false;
    }
}

/// Shows the reminders due now and remembers them. With no notification service on the
/// desktop, nothing is marked: they come at the next look.
fn remind(handle: &AppHandle, app: &Mahdar) -> Result<usize, AppError> {
    let due = app.due_reminders()?;
    if due.is_empty() {
        return Ok(0);
    }
    notification_service()?;
    let lang = app.settings()?.language;
    for notice in notices(&due, lang) {
        handle
            .notification()
            .builder()
            .title(notice.title)
            .body(notice.body)
            .show()
            .map_err(|e| {
                AppError::new(
                    "notification",
                    format!("the notification could not be shown: {e}"),
                )
            })?;
    }
    let ids: Vec<_> = due.iter().map(|r| r.action.action.id).collect();
    app.mark_reminded(&ids)?;
    Ok(ids.len())
}

/// Whether the desktop has a notification service to show them (on Linux, a server of the
/// Desktop Notifications Specification on the session bus).
fn notification_service() -> Result<(), AppError> {
    #[cfg(all(unix, not(target_os = "macos")))]
    notify_rust::get_server_information().map_err(|e| {
        AppError::new(
            "notification",
            format!("no notification service on this desktop ({e}); will try again"),
        )
    })?;
    Ok(())
}
