// The mock backend's first run, backups and diagnostics follow the contract the app is written
// to: set up unless asked (`?firstrun=1`), `finish_first_run` ends the setup for good, today's
// backup written once the first screen is drawn, and the About screen's figures derived from
// what the mock holds.

import { describe, expect, it } from 'vitest';
import type * as T from './types';
import { MockStore } from './mock';
import {
  DAILY_BACKUPS_KEPT, attachmentBytes, diagnosticsBundle, diagnosticsOf, firstRunAsked, newestFirst, serverWithoutCredentials,
  withDailyBackup, type MockFacts,
} from './mock-diagnostics';

const noSync = { lastSync: null, url: null };

function facts(over: Partial<MockFacts> = {}): MockFacts {
  return {
    replica: 'a1b2c3d4e5f60718',
    encrypted: false,
    documents: 0,
    storeBytes: 1_000,
    attachments: [],
    backups: [],
    lastSync: null,
    syncUrl: null,
    ...over,
  };
}

describe('the first run in the mock backend', () => {
  it('is asked for in the address only', () => {
    expect(firstRunAsked('?firstrun=1')).toBe(true);
    expect(firstRunAsked('?conflict=1&firstrun=1')).toBe(true);
    expect(firstRunAsked('')).toBe(false);
    expect(firstRunAsked('?firstrun=0')).toBe(false);
  });

  it('counts as done on a fresh mock (the browser tests start on the list), and ends with finish_first_run', () => {
    const store = new MockStore();
    expect((store.handle('app_info', {}) as T.AppInfo).first_run).toBe(false);
    store.firstRun = true;
    expect((store.handle('first_screen', {}) as T.FirstScreen).info.first_run).toBe(true);
    expect(store.isWrite('finish_first_run'), 'it is a write, saved as the others').toBe(true);
    expect(store.handle('finish_first_run', {})).toBeNull();
    expect((store.handle('app_info', {}) as T.AppInfo).first_run).toBe(false);
    expect(store.handle('finish_first_run', {}), 'twice is harmless').toBeNull();
  });

  it('is kept across a reload with the rest of the mock', () => {
    const store = new MockStore();
    store.firstRun = true;
    store.loadDemo();
    const again = new MockStore();
    again.takeBack(JSON.parse(JSON.stringify(store.keep())));
    expect(again.firstRun).toBe(true);
    expect(again.docs.size).toBe(store.docs.size);
  });
});

describe('the daily backup', () => {
  it('is written once a day, the newest seven daily ones kept', () => {
    let backups = withDailyBackup([], '2026-11-30', '2026-11-30T08:00:00Z', 10);
    expect(backups).toEqual([{ name: 'daily-2026-11-30.mahdar-backup', at: '2026-11-30T08:00:00Z', bytes: 10 }]);
    expect(withDailyBackup(backups, '2026-11-30', '2026-11-30T09:00:00Z', 20), 'today has one').toEqual(backups);
    for (let day = 1; day <= 9; day++) {
      backups = withDailyBackup(backups, `2026-12-0${day}`, `2026-12-0${day}T08:00:00Z`, day);
    }
    expect(backups).toHaveLength(DAILY_BACKUPS_KEPT);
    expect(newestFirst(backups)[0].name).toBe('daily-2026-12-09.mahdar-backup');
    expect(newestFirst(backups).at(-1)?.name).toBe('daily-2026-12-03.mahdar-backup');
  });

  it('is written by the mock when the first screen is drawn, and listed by `backups`', () => {
    const store = new MockStore();
    store.loadDemo();
    expect(store.handle('backups', {})).toEqual([]);
    store.handle('ui_ready', {});
    store.handle('ui_ready', {});
    const list = store.handle('backups', {}) as T.BackupFile[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kind: 'daily', encrypted: false });
    expect(list[0].path).toMatch(/\/backups\/daily-\d{4}-\d{2}-\d{2}\.mahdar-backup$/);
    expect(list[0].bytes, 'it holds the store').toBe(store.storeBytes());
  });
});

describe('the diagnostics', () => {
  it('are derived from what the mock holds', () => {
    const store = new MockStore();
    const empty = store.diagnostics(noSync);
    expect(empty).toMatchObject({ documents: 0, attachments: 0, attachment_bytes: 0, backups: 0, last_backup: null, encrypted: false });
    expect(empty.replica_id).toBe(store.replica);

    const demo = store.loadDemo();
    store.handle('ui_ready', {});
    const d = store.diagnostics({ lastSync: '2026-11-29T17:40:00Z', url: 'https://secretariat:s3cret@sync.example.org/mahdar/' });
    expect(d.documents).toBe(store.docs.size);
    expect(d.documents).toBeGreaterThanOrEqual(demo.created);
    expect(d.backups).toBe(1);
    expect(d.last_backup?.name).toMatch(/^daily-/);
    expect(d.store_bytes, 'the store, its files and its backups').toBe(store.storeBytes() + d.attachment_bytes + (d.last_backup?.bytes ?? 0));
    expect(d.last_sync).toBe('2026-11-29T17:40:00Z');
    expect(d.sync_server, 'never the credentials').toBe('https://sync.example.org/mahdar');
    expect(d).toMatchObject({ version: '0.1.0', schema_version: 2, format_version: 1, os: 'linux', arch: 'x86_64' });
  });

  it('count a file attached twice once in the bytes on disk', () => {
    const files = [
      { sha256: 'a', length: 100 },
      { sha256: 'a', length: 100 },
      { sha256: 'b', length: 50 },
    ];
    expect(attachmentBytes(files)).toBe(150);
    const d = diagnosticsOf(facts({ attachments: files }));
    expect(d.attachments).toBe(3);
    expect(d.attachment_bytes).toBe(150);
    expect(d.store_bytes).toBe(1_150);
  });

  it('never show a server address with its credentials', () => {
    expect(serverWithoutCredentials('https://user:pass@sync.example.org:6984/mahdar')).toBe('https://sync.example.org:6984/mahdar');
    expect(serverWithoutCredentials('https://sync.example.org/mahdar')).toBe('https://sync.example.org/mahdar');
    expect(serverWithoutCredentials(null)).toBeNull();
    expect(serverWithoutCredentials('  ')).toBeNull();
  });

  it('go in a bundle without the content unless asked', () => {
    const f = facts({ storeBytes: 50_000, attachments: [{ sha256: 'a', length: 2_000_000 }] });
    const without = diagnosticsBundle(f, false, '2026-11-30');
    const withContent = diagnosticsBundle(f, true, '2026-11-30');
    expect(without.path).toBe('/home/user/Documents/mahdar-diagnostics-2026-11-30.zip');
    expect(withContent.path).toBe('/home/user/Documents/mahdar-diagnostics-2026-11-30.zip');
    expect(without.bytes).toBeLessThan(10_000);
    expect(withContent.bytes - without.bytes, 'the documents, never the attached files').toBe(50_000);
  });
});
