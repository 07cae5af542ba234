// Damaged data in the in-memory mock backend, for the recovery screen: with `?damaged=…` in the
// page's address the data folder's store cannot be opened, and every command fails with
// `store_corrupt`, as the desktop app's do, except the two that need no open store (as
// crates/mahdar/src/backups.rs and src-tauri's `backups` and `recover`):
//
// - `?damaged=1`: three backups (today's daily one, yesterday's, one written before a data
//   migration twelve days ago), and `recover` restores the newest;
// - `?damaged=empty`: no backup at all, and `recover` fails with `data_dir` (nothing changed);
// - `?damaged=unusable`: the same three backups, none of which passes its check, and `recover`
//   fails with `data_dir` (nothing changed).
//
// `recover` answers after a moment (it reads and writes the whole store); once it has succeeded,
// the store opens again, so a second `recover` is refused (`invalid_input`) as the backend does.
// The desktop app then restarts itself; the mock stays as it is (the page keeps its answer).
// With `&encrypted=1` as well, the data folder was encrypted: its backups are (`encrypted`), and
// `recover` needs the passphrase (MOCK_PASSPHRASE): `backup_locked` without one,
// `wrong_passphrase` with another.

import type * as T from './types';
import { MOCK_PASSPHRASE } from './mock-lock';

export type DamageScenario = 'backups' | 'empty' | 'unusable';

/** The scenario the page's address asks for (`?damaged=1|empty|unusable`), or null: the data opens. */
export function damageScenario(search: string): DamageScenario | null {
  const asked = new URLSearchParams(search).get('damaged');
  if (asked === null) return null;
  if (asked === 'empty' || asked === 'unusable') return asked;
  return 'backups';
}

/** The data folder of a user on Linux, as the desktop app's default. */
export const MOCK_DATA_DIR = '/home/user/.local/share/mahdar';
const BACKUPS = `${MOCK_DATA_DIR}/backups`;
const STORE = `${MOCK_DATA_DIR}/store`;
const RECOVER_MS = 700;
const HOUR_MS = 3_600_000;

function fail(code: string, message: string): never {
  const error: T.AppError = { code, message, details: null };
  throw error;
}

/** A local day as the backend names daily backups ("2026-11-30"). */
function localDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** RFC 3339 in UTC, to the second, as the backend writes `written`. */
function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The backend's stamp of a store set aside ("20261130T091500Z"). */
function stamp(d: Date): string {
  return rfc3339(d).replace(/[-:]/g, '');
}

/** Local midnight of a day, moved by `days`, at `hours` o'clock. */
function at(now: Date, days: number, hours: number, minutes: number): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + days, hours, minutes);
}

export class MockDamage {
  /** Set once `recover` succeeded: the store opens again (until the app restarts, nothing else changes). */
  recovered: T.Recovery | null = null;

  constructor(
    readonly scenario: DamageScenario,
    private readonly now: () => Date = () => new Date(),
    /** The data folder was encrypted: so are its backups. */
    readonly encrypted = false,
  ) {}

  /** The error every command that needs the store gets, as the storage engine reports it. */
  corrupt(): never {
    return fail(
      'store_corrupt',
      `the data in ${STORE} is damaged (corrupted storage file); \`mahdar recover\` restores the newest good backup (the damaged files are kept aside), then sync`,
    );
  }

  /**
   * The backups in the data folder, newest first: today's daily backup (written when the app
   * was first opened today, a few hours ago at most), yesterday's, and one written before a data
   * migration twelve days ago.
   */
  backups(): T.BackupFile[] {
    if (this.scenario === 'empty') return [];
    const now = this.now();
    const today = new Date(Math.max(at(now, 0, 0, 0).getTime(), now.getTime() - 3 * HOUR_MS));
    const yesterday = at(now, -1, 9, 5);
    const migration = at(now, -12, 14, 20);
    const encrypted = this.encrypted;
    return [
      { path: `${BACKUPS}/daily-${localDay(now)}.mahdar-backup`, kind: 'daily', bytes: 1_843_722, written: rfc3339(today), encrypted },
      { path: `${BACKUPS}/daily-${localDay(yesterday)}.mahdar-backup`, kind: 'daily', bytes: 1_839_104, written: rfc3339(yesterday), encrypted },
      { path: `${BACKUPS}/before-schema-2-to-3.mahdar-backup`, kind: 'before_migration', bytes: 1_577_339, written: rfc3339(migration), encrypted },
    ];
  }

  /**
   * Sets the damaged store aside and restores the newest backup that passes its check; encrypted
   * backups are opened with the passphrase first (nothing is changed when it is wrong).
   */
  async recover(passphrase: unknown = null): Promise<T.Recovery> {
    if (this.recovered) fail('invalid_input', 'the data is not damaged: nothing to recover');
    if (passphrase !== null && typeof passphrase !== 'string') fail('invalid_input', 'passphrase: a passphrase is text');
    await new Promise((resolve) => setTimeout(resolve, RECOVER_MS));
    if (this.encrypted && this.scenario !== 'empty') {
      if (passphrase === null || passphrase === '') fail('backup_locked', `${BACKUPS}: the backups are encrypted: give the passphrase`);
      if (passphrase !== MOCK_PASSPHRASE) fail('wrong_passphrase', 'wrong passphrase: the backups stay as they are; nothing was changed');
    }
    const good = this.scenario === 'backups' ? this.backups()[0] : undefined;
    if (!good) fail('data_dir', `data folder ${BACKUPS}: no usable backup to recover from; nothing was changed`);
    this.recovered = {
      backup: good.path,
      damaged_store: `${MOCK_DATA_DIR}/store.damaged-${stamp(this.now())}`,
      restored: {
        documents: 412,
        bodies: 1_187,
        locals: 3,
        sha256: '5f0c1e7a9d3b2c4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e',
      },
    };
    return structuredClone(this.recovered);
  }

  /** Answers a command in a damaged data folder. */
  async answer(cmd: string, args: Record<string, unknown> = {}): Promise<unknown> {
    switch (cmd) {
      case 'backups':
        return this.backups();
      case 'recover':
        return this.recover(args.passphrase ?? null);
      default:
        // The store stays open (and damaged) in this process until the app restarts.
        return this.corrupt();
    }
  }
}
