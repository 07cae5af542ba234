// Locking the data from the window: by hand (the header's button, Settings) or after the delay
// without activity the settings give (idle.ts). Either way every edit still pending is saved
// first, and when one could not be, the data stays open: nothing typed is ever lost to a lock.

import { api } from '../ipc/api';
import { app, flushEdits, notify, showError } from '../common/app.svelte';
import { IdleLock, type IdleClock } from './idle';

/** The person's activity: a key, the pointer pressed, moved or scrolled. */
const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;

/** The window's own timers (read when called, so that a test's fake clock is the one used). */
const windowClock: IdleClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => window.setTimeout(run, ms),
  clearTimeout: (handle) => window.clearTimeout(handle as number),
};

/** Saves every pending edit, then locks (the unlock screen replaces the app). */
async function saveAndLock(): Promise<boolean> {
  if (!(await flushEdits())) return false;
  await api.lock();
  app.locked = true;
  return true;
}

/**
 * Locks now, at the person's request. When a pending edit could not be saved the data stays
 * open and the window says why (the edit's own error is shown as errors are).
 */
export async function lockNow(): Promise<void> {
  try {
    if (!(await saveAndLock())) notify('lock.notLocked');
  } catch (e) {
    showError(e);
  }
}

/**
 * Locks after `minutes` without activity in this window (keys, pointer, wheel, the window
 * focused again). Returns the function that stops watching.
 */
export function watchIdle(minutes: number): () => void {
  const idle = new IdleLock({
    minutes,
    clock: windowClock,
    flush: flushEdits,
    lock: async () => {
      await api.lock();
      app.locked = true;
    },
  });
  const onActivity = () => idle.activity();
  const options = { capture: true, passive: true } as const;
  for (const type of ACTIVITY) window.addEventListener(type, onActivity, options);
  // Only the window's own focus (coming back to it): focus moved between fields by the app
  // itself, as after a save, is not the person.
  window.addEventListener('focus', onActivity);
  return () => {
    idle.stop();
    for (const type of ACTIVITY) window.removeEventListener(type, onActivity, options);
    window.removeEventListener('focus', onActivity);
  };
}
