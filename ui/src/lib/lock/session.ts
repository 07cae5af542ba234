// Encrypting the data and locking it from the window. Encrypting (Settings, the first-run
// setup) saves every pending edit first: the backend takes no write while it encrypts. Locking:
// by hand (the header's button, Settings) or after the delay without activity the settings give
// (idle.ts). Either way every edit still pending is saved first, and when one could not be, the
// data stays open: nothing typed is ever lost to a lock.

import { api } from '../ipc/api';
import { isAppError } from '../ipc/types';
import { app, flushEdits, notify, showError } from '../common/app.svelte';
import { IdleLock, type IdleClock } from './idle';
import { passphraseRefusal } from './passphrase';

/**
 * What encrypting came to: done; the passphrase refused as too short (`weak`, said under its
 * box); or another failure, for the screen to show as errors are (`failure` null: already
 * shown, the data was locked meanwhile and the unlock screen says so).
 */
export type EncryptOutcome = { done: true } | { done: false; weak: true } | { done: false; weak: false; failure: unknown };

/**
 * Encrypts the (unencrypted) data folder with `passphrase`, in place, after saving every pending
 * edit; the data stays open. `app.info` says it is encrypted once it is, or once the backend says
 * it already was (encrypted meanwhile from the command line: that is also the failure shown).
 */
export async function encryptData(passphrase: string): Promise<EncryptOutcome> {
  try {
    await flushEdits();
    await api.encryptData(passphrase);
    if (app.info) app.info = { ...app.info, encrypted: true };
    return { done: true };
  } catch (err) {
    if (isAppError(err) && err.code === 'already_encrypted') {
      if (app.info) app.info = { ...app.info, encrypted: true };
      return { done: false, weak: false, failure: err };
    }
    if (passphraseRefusal(err) === 'weak') return { done: false, weak: true };
    if (isAppError(err) && err.code === 'store_locked') {
      showError(err);
      return { done: false, weak: false, failure: null };
    }
    return { done: false, weak: false, failure: err };
  }
}

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
