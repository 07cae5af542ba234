// What the recovery screen shows of the backups in the data folder (`backups`), when the data
// could not be opened because its files are damaged: each backup's kind, when it was written and
// its size, in the interface's language; whether there is anything to restore from, and whether
// the passphrase is needed for it (encrypted backups). Pure functions (recovery.test.ts).

import type { BackupFile, BackupKind, Lang } from '../ipc/types';
import { formatInstant } from '../i18n/format';
import { LOCALES, isolate, translate, translatePlural, type MessageKey } from '../i18n/index.svelte';

export const BACKUP_KIND: Record<BackupKind, MessageKey> = {
  daily: 'recovery.kind.daily',
  before_migration: 'recovery.kind.before_migration',
  other: 'recovery.kind.other',
};

/** The kind of a backup, named (a kind the interface does not know is an `other`). */
export function backupKindLabel(l: Lang, kind: string): string {
  return translate(l, Object.hasOwn(BACKUP_KIND, kind) ? BACKUP_KIND[kind as BackupKind] : BACKUP_KIND.other);
}

/** The last part of a path, on Linux, macOS or Windows ("daily-2026-11-30.mahdar-backup"). */
export function fileName(path: string): string {
  const parts = path.split(/[\\/]+/).filter((p) => p !== '');
  return parts.at(-1) ?? path;
}

const KB = 1024;
const MB = 1024 * 1024;

/**
 * A file's size as the file managers people use write it: whole kilobytes (rounded up, as
 * Windows does: a file of a few bytes is "1 KB") below a megabyte, megabytes with one decimal
 * from there; the number written the language's way ("1,8 ميغابايت", "1,8 Mo", "1.8 MB").
 */
export function formatSize(bytes: number, l: Lang): string {
  const n = Number.isFinite(bytes) && bytes > 0 ? bytes : 0;
  const kb = Math.ceil(n / KB);
  if (kb < 1024) return translate(l, 'recovery.size.kb', { size: new Intl.NumberFormat(LOCALES[l]).format(kb) });
  const mb = new Intl.NumberFormat(LOCALES[l], { maximumFractionDigits: 1 }).format(Math.round((n / MB) * 10) / 10);
  return translate(l, 'recovery.size.mb', { size: mb });
}

/** When a backup was written, as the app writes a moment (day and time, this computer's time). */
export function formatWritten(written: string | null, l: Lang, timeZone?: string): string {
  if (written === null || Number.isNaN(new Date(written).getTime())) return translate(l, 'recovery.backup.noDate');
  return formatInstant(written, l, timeZone);
}

/**
 * What the screen says of the backups: still looking (`loading`), the list could not be read
 * (`failed`: restoring may still work, the backend decides), none at all (`none`: nothing can be
 * restored here), or some (`some`), listed as the backend sends them, newest first.
 */
export type BackupsState =
  | { state: 'loading'; canRestore: false }
  | { state: 'failed'; canRestore: true }
  | { state: 'none'; canRestore: false }
  | { state: 'some'; canRestore: true; backups: BackupFile[] };

export function backupsState(backups: readonly BackupFile[] | null, failed: boolean): BackupsState {
  if (failed) return { state: 'failed', canRestore: true };
  if (backups === null) return { state: 'loading', canRestore: false };
  if (backups.length === 0) return { state: 'none', canRestore: false };
  return { state: 'some', canRestore: true, backups: [...backups] };
}

/** What a recovery restored: how many documents, from which backup (its file name). */
export function restoredText(l: Lang, documents: number, backup: string): string {
  return translatePlural(l, 'recovery.restored', documents, { file: isolate(fileName(backup)) });
}

/**
 * Whether restoring needs the passphrase: some backup listed is encrypted (the one restored may
 * be any of them), or the backend already said so (`wrong_passphrase`, the list unread).
 */
export function needsPassphrase(backups: readonly BackupFile[] | null, askedByBackend: boolean): boolean {
  return askedByBackend || (backups ?? []).some((b) => b.encrypted === true);
}
