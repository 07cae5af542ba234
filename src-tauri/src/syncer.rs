//! The app's sync: the continuous sync in the background when the settings ask for it, a
//! one-off "sync now", and the status the window shows (sent as `sync-status` events).

use mahdar::{
    AppError, Mahdar,
    sync::{Progress, Status},
};
use serde::Serialize;
use std::{
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    thread::JoinHandle,
};
use tauri::{AppHandle, Emitter};

/// What the status indicator shows.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SyncStatus {
    /// `off` (no server set), `offline`, `syncing`, `up_to_date` or `failed`.
    pub state: &'static str,
    /// Documents that need a person.
    pub conflicts: usize,
    /// When this laptop last synced (RFC 3339), if ever.
    pub last_sync: Option<String>,
    /// Why it is offline or failed.
    pub detail: Option<String>,
    /// How far the sync under way has got.
    pub progress: Option<Progress>,
}

/// The sync worker and the latest status.
#[derive(Debug, Default)]
pub struct Syncer {
    status: Mutex<Option<SyncStatus>>,
    worker: Mutex<Option<(Arc<AtomicBool>, JoinHandle<()>)>>,
}

impl Syncer {
    /// The current status (computed from the settings the first time).
    pub fn status(&self, app: &Mahdar) -> SyncStatus {
        if let Some(s) = self
            .status
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
        {
            return s;
        }
        idle(app)
    }

    fn set(&self, handle: &AppHandle, status: SyncStatus) {
        *self.status.lock().unwrap_or_else(|p| p.into_inner()) = Some(status.clone());
        let _ = handle.emit("sync-status", status);
    }

    /// Refreshes the conflict count (after a resolution) and tells the window.
    pub fn refresh(&self, handle: &AppHandle, app: &Mahdar) {
        let mut status = self.status(app);
        status.conflicts = app.conflict_count().unwrap_or(status.conflicts);
        if status.state == "off" {
            status = idle(app);
        }
        self.set(handle, status);
    }

    /// Stops the background sync, if any: it lets go of the data once its request ends.
    pub fn stop(&self) {
        if let Some((stop, worker)) = self.worker.lock().unwrap_or_else(|p| p.into_inner()).take() {
            stop.store(true, Ordering::SeqCst);
            // Let it finish its request on its own thread; a new one waits on the sync lock.
            std::thread::spawn(move || {
                let _ = worker.join();
            });
        }
    }

    /// Stops the background sync, if any, and starts it again if the settings ask for it.
    pub fn restart(self: &Arc<Self>, handle: &AppHandle, app: Arc<Mahdar>) {
        self.stop();
        self.set(handle, idle(&app));
        let continuous = app
            .sync_settings()
            .is_ok_and(|s| s.continuous && s.url.is_some());
        if !continuous {
            return;
        }
        let stop = Arc::new(AtomicBool::new(false));
        let (me, handle, flag) = (self.clone(), handle.clone(), stop.clone());
        let worker = std::thread::spawn(move || {
            let remote = match app.sync_remote(mahdar::SyncTarget::default()) {
                Ok(r) => r.with_cancel(flag.clone()),
                Err(e) => {
                    me.set(&handle, failed(&app, &AppError::from(&e)));
                    return;
                }
            };
            let on_status = |s: &Status, _: Option<&mahdar::sync::SyncReport>| {
                let status = match s {
                    Status::Syncing => SyncStatus {
                        state: "syncing",
                        ..me.status(&app)
                    },
                    Status::UpToDate { conflicts } => SyncStatus {
                        state: "up_to_date",
                        conflicts: *conflicts,
                        last_sync: app.last_sync().ok().flatten(),
                        detail: None,
                        progress: None,
                    },
                    Status::Offline { detail } => SyncStatus {
                        state: "offline",
                        detail: Some(detail.clone()),
                        progress: None,
                        ..me.status(&app)
                    },
                    Status::Failed { message, .. } => SyncStatus {
                        state: "failed",
                        detail: Some(message.clone()),
                        progress: None,
                        ..me.status(&app)
                    },
                };
                me.set(&handle, status);
            };
            if let Err(e) = app.sync_continuously(&remote, &flag, &on_status) {
                me.set(&handle, failed(&app, &AppError::from(&e)));
            }
        });
        *self.worker.lock().unwrap_or_else(|p| p.into_inner()) = Some((stop, worker));
    }

    /// One push and pull now, with progress; the final status.
    pub fn sync_now(&self, handle: &AppHandle, app: &Mahdar) -> Result<SyncStatus, AppError> {
        let before = self.status(app);
        self.set(
            handle,
            SyncStatus {
                state: "syncing",
                progress: None,
                ..before.clone()
            },
        );
        let result = app
            .sync_remote(mahdar::SyncTarget::default())
            .and_then(|remote| {
                let progress = |p: &Progress| {
                    self.set(
                        handle,
                        SyncStatus {
                            state: "syncing",
                            progress: Some(p.clone()),
                            ..before.clone()
                        },
                    );
                };
                app.sync_with(&remote, true, true, Some(&progress))
            });
        match result {
            Ok(_) => {
                let status = SyncStatus {
                    state: "up_to_date",
                    conflicts: app.conflict_count().unwrap_or(0),
                    last_sync: app.last_sync().ok().flatten(),
                    detail: None,
                    progress: None,
                };
                self.set(handle, status.clone());
                Ok(status)
            }
            Err(e) => {
                let error = AppError::from(&e);
                let status = if error.code == "offline" {
                    SyncStatus {
                        state: "offline",
                        detail: Some(error.message.clone()),
                        progress: None,
                        ..before
                    }
                } else {
                    failed(app, &error)
                };
                self.set(handle, status);
                Err(error)
            }
        }
    }
}

/// The status when nothing is running: off without a server, else the last known.
fn idle(app: &Mahdar) -> SyncStatus {
    let configured = app.sync_settings().is_ok_and(|s| s.url.is_some());
    SyncStatus {
        state: if configured { "up_to_date" } else { "off" },
        conflicts: app.conflict_count().unwrap_or(0),
        last_sync: app.last_sync().ok().flatten(),
        detail: None,
        progress: None,
    }
}

fn failed(app: &Mahdar, error: &AppError) -> SyncStatus {
    SyncStatus {
        state: "failed",
        detail: Some(error.message.clone()),
        progress: None,
        ..idle(app)
    }
}
