// What the in-memory mock backend says about itself, as the desktop app does: whether the
// first-run setup is still to be done (`?firstrun=1` in the page's address starts with it; out of
// it, a fresh mock counts as set up, as the Playwright tests expect), the daily backup written
// once the first screen is drawn (`ui_ready`, as src-tauri does; the newest seven kept), the
// figures of the About screen (`diagnostics`), derived from what the mock holds, and the
// diagnostics bundle (`save_diagnostics`), "saved" in a pretend Documents folder. Pure functions
// (mock-diagnostics.test.ts); mock.ts wires them to its store.

import type * as T from './types';

export const MOCK_VERSION = '0.1.0';
export const MOCK_SCHEMA_VERSION = 2;
export const MOCK_FORMAT_VERSION = 1;
export const MOCK_OS = 'linux';
export const MOCK_ARCH = 'x86_64';
/** Where the mock says its data is (it has no folder: everything is in the window's memory). */
export const MOCK_MEMORY_DIR = 'memory://mahdar (in-browser mock backend)';
/** As the backend's DAILY_BACKUPS_KEPT. */
export const DAILY_BACKUPS_KEPT = 7;

/** Whether the page's address asks to start with the first-run setup (`?firstrun=1`). */
export function firstRunAsked(search: string): boolean {
  return new URLSearchParams(search).get('firstrun') === '1';
}

/** A backup the mock pretends to keep in its data folder. */
export interface MockBackup {
  /** "daily-2026-11-30.mahdar-backup" */
  name: string;
  /** When it was written (RFC 3339, UTC). */
  at: string;
  bytes: number;
}

/**
 * The backups after today's is written, as `daily_backup` does: nothing new when today's exists,
 * else today's added and only the newest seven daily ones kept (their names carry the date).
 * `today`: the local day, "2026-11-30".
 */
export function withDailyBackup(backups: readonly MockBackup[], today: string, at: string, bytes: number): MockBackup[] {
  const name = `daily-${today}.mahdar-backup`;
  if (backups.some((b) => b.name === name)) return [...backups];
  const all = [...backups, { name, at, bytes }];
  const daily = all.filter((b) => b.name.startsWith('daily-')).sort((a, b) => (a.name < b.name ? -1 : 1));
  const dropped = new Set(daily.slice(0, Math.max(0, daily.length - DAILY_BACKUPS_KEPT)).map((b) => b.name));
  return all.filter((b) => !dropped.has(b.name));
}

/** The backups, newest first (by when they were written). */
export function newestFirst(backups: readonly MockBackup[]): MockBackup[] {
  return [...backups].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.name < b.name ? 1 : -1));
}

/** A sync server's address without the user name and password it may carry; null for none. */
export function serverWithoutCredentials(url: string | null): string | null {
  if (url === null || url.trim() === '') return null;
  try {
    const parsed = new URL(url.trim());
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/+$/, '');
  } catch {
    // Not an address the mock would have stored: said without anything that looks like a login.
    return url.trim().replace(/\/\/[^/@]*@/, '//');
  }
}

/** What the figures are derived from. */
export interface MockFacts {
  replica: string;
  encrypted: boolean;
  /** How many documents the store holds. */
  documents: number;
  /** The size of the store's documents and audit trail, as JSON, in bytes. */
  storeBytes: number;
  /** The attached files: their SHA-256 and size (a file attached twice is stored once). */
  attachments: readonly { sha256: string; length: number }[];
  backups: readonly MockBackup[];
  lastSync: string | null;
  syncUrl: string | null;
}

/** The bytes the attached files take on disk: each distinct file once. */
export function attachmentBytes(attachments: MockFacts['attachments']): number {
  const sizes = new Map<string, number>();
  for (const a of attachments) sizes.set(a.sha256, a.length);
  return [...sizes.values()].reduce((sum, n) => sum + n, 0);
}

/** `diagnostics`: the data folder's size is its store, its files and its backups. */
export function diagnosticsOf(facts: MockFacts): T.Diagnostics {
  const files = attachmentBytes(facts.attachments);
  const backups = newestFirst(facts.backups);
  const last = backups[0] ?? null;
  return {
    version: MOCK_VERSION,
    schema_version: MOCK_SCHEMA_VERSION,
    format_version: MOCK_FORMAT_VERSION,
    data_dir: MOCK_MEMORY_DIR,
    store_bytes: facts.storeBytes + files + backups.reduce((sum, b) => sum + b.bytes, 0),
    encrypted: facts.encrypted,
    replica_id: facts.replica,
    documents: facts.documents,
    attachments: facts.attachments.length,
    attachment_bytes: files,
    backups: backups.length,
    last_backup: last ? { name: last.name, at: last.at, bytes: last.bytes } : null,
    last_sync: facts.lastSync,
    sync_server: serverWithoutCredentials(facts.syncUrl),
    os: MOCK_OS,
    arch: MOCK_ARCH,
  };
}

/**
 * The bundle `save_diagnostics` writes: the figures, the integrity check, the backups' list and
 * the settings without their text (a few kilobytes), and, with the content, the documents (never
 * the attached files). `today`: the local day, for its name.
 */
export function diagnosticsBundle(facts: MockFacts, includeContent: boolean, today: string): T.Exported {
  const figures = new TextEncoder().encode(JSON.stringify(diagnosticsOf(facts))).length;
  const checks = 2_048;
  const content = includeContent ? facts.storeBytes : 0;
  return { path: `/home/user/Documents/mahdar-diagnostics-${today}.zip`, bytes: figures + checks + content };
}
