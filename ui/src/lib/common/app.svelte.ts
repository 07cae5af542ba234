// The state the whole window shares: what the backend told at start, the person using this
// laptop, the save state, the error banner and notices, whether the data is locked, and the
// edits not yet saved (flushed before the data is locked).

import { isAppError, type AppInfo, type RegionInfo, type Settings, type UserProfile } from '../ipc/types';
import { api } from '../ipc/api';
import { setLang, type MessageKey, type Params } from '../i18n/index.svelte';
import { PendingEdits, type Flush } from './pending';

export type SaveState = 'idle' | 'saving' | 'saved' | 'error';

export const app = $state({
  info: null as AppInfo | null,
  settings: {
    language: 'ar',
    hijri_adjust: 0,
    letterhead: { ar: [], fr: [], en: [] },
    reminders: { enabled: true, days: 7 },
    auto_lock_minutes: 15,
    attachment_max_mb: 50,
    minutes_photos: 'thumbnails',
  } as Settings,
  regions: [] as RegionInfo[],
  /** The person using this laptop (name and workflow role); null until Settings sets it. */
  profile: null as UserProfile | null,
  /** Whether `profile` has been read from the backend yet (until then, nothing is said about it). */
  profileKnown: false,
  save: 'idle' as SaveState,
  pending: 0,
  /** Writes that failed since the person last dismissed the error: "saved" waits for them. */
  failed: 0,
  /** The last error, as thrown (translated when shown, so it follows the language). */
  error: null as { cause: unknown } | null,
  /** A passing notice, as a catalogue key (translated when shown). */
  notice: null as { key: MessageKey; params?: Params } | null,
  /** Asked for by the menu or Ctrl+M; the meeting page opens (and clears) it. */
  minutesRequested: false,
  /**
   * The data folder is encrypted and locked (`store_locked`): the unlock screen instead of the
   * app, until the passphrase is given (the window then loads again).
   */
  locked: false,
});

/** The window's edits not yet on disk: the forms open, the writes on their way. */
export const pendingEdits = new PendingEdits();

/**
 * Registers what a screen holds that is typed but not saved yet, for `flushEdits` (call it in
 * `onMount` and return what it returns, so that it is forgotten with the screen).
 */
export function registerFlush(flush: Flush): () => void {
  return pendingEdits.register(flush);
}

/** Saves every pending edit; true once all are on disk, false if one could not be saved. */
export function flushEdits(): Promise<boolean> {
  return pendingEdits.flushAll();
}

/**
 * Runs a backend write and reflects it in the header: "saving…" while it is pending, "saved"
 * once every pending write has resolved (the backend resolves after its flush to disk), "not
 * saved" and the error banner if it failed. The error is rethrown for the caller to keep what
 * was typed.
 */
export async function write<T>(run: () => Promise<T>): Promise<T> {
  app.pending += 1;
  app.save = 'saving';
  try {
    const value = await pendingEdits.track(run());
    app.pending -= 1;
    if (app.pending === 0) app.save = app.failed > 0 ? 'error' : 'saved';
    return value;
  } catch (e) {
    app.pending -= 1;
    app.failed += 1;
    app.save = 'error';
    showError(e);
    throw e;
  }
}

/**
 * Runs a backend write as `write` does ("saving…", then "saved"), for a write whose failure
 * the caller says in place (a file refused, named in its own line): no banner, and the header
 * does not stay on "not saved" for it. The error is rethrown.
 */
export async function writeQuietly<T>(run: () => Promise<T>): Promise<T> {
  app.pending += 1;
  app.save = 'saving';
  try {
    return await pendingEdits.track(run());
  } finally {
    app.pending -= 1;
    if (app.pending === 0) app.save = app.failed > 0 ? 'error' : 'saved';
  }
}

export function showError(e: unknown): void {
  // Locked meanwhile (from another window, or by the backend): nothing can be read or saved
  // until the passphrase is given, so say that, on the unlock screen.
  if (isAppError(e) && e.code === 'store_locked') {
    app.locked = true;
    return;
  }
  app.error = { cause: e };
}

/** A write that had failed has now been redone successfully (a statement saved on retry). */
export function resolveFailure(): void {
  app.failed = Math.max(0, app.failed - 1);
  if (app.failed === 0) app.error = null;
  if (app.pending === 0) app.save = app.failed > 0 ? 'error' : 'saved';
}

export function clearError(): void {
  app.error = null;
  app.failed = 0;
  if (app.pending === 0 && app.save === 'error') app.save = 'idle';
}

export function notify(key: MessageKey, params?: Params): void {
  app.notice = { key, params };
}

/** Applies and saves settings (language switches at once). */
export async function changeSettings(next: Settings): Promise<void> {
  const previous = app.settings;
  app.settings = next;
  setLang(next.language);
  try {
    app.settings = await write(() => api.setSettings(next));
  } catch {
    app.settings = previous;
    setLang(previous.language);
  }
}

/** Reads the person using this laptop from the backend (again: the meeting page asks each time). */
export async function loadProfile(): Promise<void> {
  try {
    app.profile = await api.userProfile();
    app.profileKnown = true;
  } catch (e) {
    showError(e);
  }
}

/** Stores the person using this laptop; the backend's refusal is thrown for the form to say. */
export async function saveProfile(profile: UserProfile): Promise<UserProfile> {
  const saved = await api.setUserProfile(profile);
  app.profile = saved;
  app.profileKnown = true;
  return saved;
}

let readySent = false;

/** Tells the backend, once, that the first screen is drawn with its data. */
export function screenReady(): void {
  if (readySent) return;
  readySent = true;
  performance.mark('mahdar:first-screen');
  requestAnimationFrame(() => {
    performance.mark('mahdar:first-frame');
    api.uiReady().catch(() => {
      // Only a start-up measurement: nothing to tell the person.
    });
  });
}
