// The sync status the whole window shares: asked once when the header is drawn, then kept up to
// date by the backend's `sync-status` events (background sync, progress of a "sync now"), and
// asked again after a sync or a resolved conflict.

import { listen } from '@tauri-apps/api/event';
import type { SyncStatus } from '../ipc/types';
import { api } from '../ipc/api';

export const sync = $state({ status: null as SyncStatus | null });

// Counts the statuses received by event: an answer to `sync_status` asked before the latest
// event is older than it, and is dropped.
let events = 0;

function fromEvent(status: SyncStatus): void {
  events += 1;
  sync.status = status;
}

/** Asks the backend for the status now. A failure leaves the last known status. */
export async function refreshSyncStatus(): Promise<void> {
  const before = events;
  try {
    const status = await api.syncStatus();
    if (events === before) sync.status = status;
  } catch {
    // The indicator keeps what it showed; a sync's own errors are reported where it was asked.
  }
}

/** One push and pull, now. The status follows; the error (if any) is rethrown for the caller. */
export async function syncNow(): Promise<SyncStatus> {
  try {
    const status = await api.syncNow();
    sync.status = status;
    return status;
  } finally {
    void refreshSyncStatus();
  }
}

/** Listens to `sync-status` and asks for the status once; returns the way to stop listening. */
export function watchSync(): () => void {
  let unlisten: (() => void) | null = null;
  let stopped = false;
  listen<SyncStatus>('sync-status', (event) => fromEvent(event.payload))
    .then((u) => {
      if (stopped) u();
      else unlisten = u;
    })
    .catch(() => {});
  void refreshSyncStatus();
  return () => {
    stopped = true;
    unlisten?.();
  };
}
