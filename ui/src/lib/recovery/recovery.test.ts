import { describe, expect, it } from 'vitest';
import type { BackupFile } from '../ipc/types';
import { formatInstant } from '../i18n/format';
import { backupKindLabel, backupsState, fileName, formatSize, formatWritten, needsPassphrase, restoredText } from './recovery';

/** Intl separates with no-break spaces; the expectations are written with plain ones. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

const daily: BackupFile = {
  path: '/home/user/.local/share/mahdar/backups/daily-2026-11-30.mahdar-backup',
  kind: 'daily',
  bytes: 1_843_722,
  written: '2026-11-30T08:15:00Z',
  encrypted: false,
};
const migration: BackupFile = {
  path: '/home/user/.local/share/mahdar/backups/before-schema-2-to-3.mahdar-backup',
  kind: 'before_migration',
  bytes: 1_577_339,
  written: null,
  encrypted: false,
};

describe('sizes', () => {
  it('whole kilobytes below a megabyte, rounded up', () => {
    expect(formatSize(0, 'en')).toBe('0 KB');
    expect(formatSize(1, 'en')).toBe('1 KB');
    expect(formatSize(1024, 'en')).toBe('1 KB');
    expect(formatSize(1025, 'en')).toBe('2 KB');
    expect(formatSize(512_000, 'en')).toBe('500 KB');
    expect(plain(formatSize(1_047_552, 'en'))).toBe('1,023 KB');
  });

  it('megabytes with one decimal from there', () => {
    expect(formatSize(1_047_553, 'en')).toBe('1 MB');
    expect(formatSize(1024 * 1024, 'en')).toBe('1 MB');
    expect(formatSize(1_843_722, 'en')).toBe('1.8 MB');
    expect(plain(formatSize(2_500 * 1024 * 1024, 'en'))).toBe('2,500 MB');
  });

  it('in each language, its numbers and units', () => {
    expect(formatSize(1_843_722, 'ar')).toBe('1,8 ميغابايت');
    expect(formatSize(1_843_722, 'fr')).toBe('1,8 Mo');
    expect(formatSize(300_000, 'ar')).toBe('293 كيلوبايت');
    expect(formatSize(300_000, 'fr')).toBe('293 Ko');
  });

  it('a size the file system did not give is nothing', () => {
    expect(formatSize(Number.NaN, 'en')).toBe('0 KB');
    expect(formatSize(-5, 'en')).toBe('0 KB');
  });
});

describe('the backups listed', () => {
  it('names each kind, an unknown one as "other"', () => {
    expect(backupKindLabel('ar', 'daily')).toBe('يومية');
    expect(backupKindLabel('ar', 'before_migration')).toBe('قبل ترحيل البيانات');
    expect(backupKindLabel('ar', 'other')).toBe('أخرى');
    expect(backupKindLabel('fr', 'daily')).toBe('Quotidienne');
    expect(backupKindLabel('en', 'before_migration')).toBe('Before a data migration');
    expect(backupKindLabel('en', 'weekly')).toBe('Other');
    expect(backupKindLabel('en', 'toString')).toBe('Other');
  });

  it('gives the file name of a path, on Linux or Windows', () => {
    expect(fileName(daily.path)).toBe('daily-2026-11-30.mahdar-backup');
    expect(fileName('C:\\Users\\amina\\AppData\\Roaming\\mahdar\\backups\\daily-2026-11-30.mahdar-backup')).toBe('daily-2026-11-30.mahdar-backup');
    expect(fileName('/data/store.damaged-20261130T091500Z/')).toBe('store.damaged-20261130T091500Z');
    expect(fileName('plain')).toBe('plain');
  });

  it('writes when each was written as the app writes a moment, or says it is not known', () => {
    expect(formatWritten(daily.written, 'ar', 'Africa/Casablanca')).toBe('30 نونبر 2026 في 09:15');
    expect(formatWritten(daily.written, 'fr', 'Africa/Casablanca')).toBe(formatInstant('2026-11-30T08:15:00Z', 'fr', 'Africa/Casablanca'));
    expect(formatWritten(null, 'ar')).toBe('تاريخ غير معروف');
    expect(formatWritten('garbage', 'en')).toBe('Date unknown');
  });

  it('says what there is: still looking, none, some (newest first, as sent), or the list could not be read', () => {
    expect(backupsState(null, false)).toEqual({ state: 'loading', canRestore: false });
    expect(backupsState([], false)).toEqual({ state: 'none', canRestore: false });
    const some = backupsState([daily, migration], false);
    expect(some).toEqual({ state: 'some', canRestore: true, backups: [daily, migration] });
    // The order is the backend's (newest first, by the time written): kept as it is.
    expect(backupsState([migration, daily], false)).toMatchObject({ backups: [migration, daily] });
    // Not listed: restoring may still work, the backend decides (and says why not).
    expect(backupsState(null, true)).toEqual({ state: 'failed', canRestore: true });
    expect(backupsState([daily], true)).toEqual({ state: 'failed', canRestore: true });
  });
});

describe('what a recovery did', () => {
  it('the documents restored, and from which backup file', () => {
    expect(restoredText('ar', 412, daily.path)).toBe('استُرجعت 412 وثيقة من النسخة الاحتياطية \u2068daily-2026-11-30.mahdar-backup\u2069.');
    expect(restoredText('ar', 1, daily.path)).toContain('وثيقة واحدة');
    expect(restoredText('ar', 2, daily.path)).toContain('وثيقتان');
    expect(restoredText('ar', 5, daily.path)).toContain('5 وثائق');
    expect(restoredText('fr', 1412, daily.path)).toBe('1.412 documents restaurés depuis la sauvegarde \u2068daily-2026-11-30.mahdar-backup\u2069.');
    expect(restoredText('fr', 1, daily.path)).toBe('1 document restauré depuis la sauvegarde \u2068daily-2026-11-30.mahdar-backup\u2069.');
    expect(restoredText('en', 1, daily.path)).toBe('1 document restored from the backup \u2068daily-2026-11-30.mahdar-backup\u2069.');
  });
});

describe('encrypted backups', () => {
  it('need the passphrase when any of those listed is encrypted, or when the backend asked for it', () => {
    expect(needsPassphrase([daily, migration], false)).toBe(false);
    expect(needsPassphrase([daily, { ...migration, encrypted: true }], false)).toBe(true);
    expect(needsPassphrase([], false)).toBe(false);
    expect(needsPassphrase(null, false)).toBe(false);
    // The list could not be read, and `recover` said the passphrase was wrong.
    expect(needsPassphrase(null, true)).toBe(true);
  });
});
