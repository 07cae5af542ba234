// The mock backend's audit trail, through its commands as the UI calls them: every write is
// recorded (who, when, on which computer, the fields before and after), and `history` reads a
// meeting's or a document's, as the backend's `history` does.

import { describe, expect, it, vi } from 'vitest';
import type * as T from './types';
import { MockStore } from './mock';
import { MockSync } from './mock-sync';

// No window here: the sync's status events go nowhere.
vi.mock('@tauri-apps/api/event', () => ({ emit: async () => {} }));

const SEED = 'meeting:018bcfe5-6801-7d61-a864-617253656501';
const STATEMENT = 'statement:018bcfe5-6829-7d61-a864-617253656529';
const ACTION = 'action:018bcfe5-683c-7d61-a864-61725365653c';
/** The action `?conflict=1` edits here and deletes on the other laptop. */
const CONFLICTED_ACTION = 'action:018bcfe5-683d-7d61-a864-61725365653d';

function seeded(): MockStore {
  const store = new MockStore();
  store.handle('load_demo', {});
  return store;
}

const history = (store: MockStore, doc: string) => store.handle('history', { doc }) as T.HistoryEntry[];
const refusal = (run: () => unknown): T.AppError => {
  try {
    run();
  } catch (e) {
    return e as T.AppError;
  }
  throw new Error('expected a refusal');
};

describe('the audit trail of the mock backend', () => {
  it('records the example meeting as created, in one write, by an unnamed user on the computer "mock"', () => {
    const store = seeded();
    const entries = history(store, SEED);
    // The meeting, its 6 attendance entries, 8 statements, 3 actions and the site visit (not the registry).
    expect(entries).toHaveLength(19);
    expect(new Set(entries.map((e) => e.op))).toEqual(new Set(['created']));
    expect(new Set(entries.map((e) => e.at)).size).toBe(1);
    expect(entries.find((e) => e.doc === SEED)).toMatchObject({ kind: 'meeting', label: '', by: null, role: null, machine: 'mock', recorded: true, base: null });
    const statement = entries.find((e) => e.doc === STATEMENT) as T.HistoryEntry;
    expect(statement.label.length).toBeGreaterThan(0);
    expect(statement.changes.find((c) => c.path === 'text')).toMatchObject({ before: null });
    // An attendance entry is named by its person.
    expect(entries.find((e) => e.kind === 'attendance')?.label).toMatch(/\p{Script=Arabic}/u);
  });

  it('records an edit with who made it, their role, and the text before and after', () => {
    const store = seeded();
    store.handle('set_user_profile', { profile: { name: 'عواطف حيار', role: 'secretary' } });
    const s = store.docs.get(STATEMENT) as unknown as T.Stored<T.Statement, T.StatementId>;
    const before = s.text;
    const after = `${before} (تصويب)`;
    const { id, rev, ...statement } = s;
    const saved = store.handle('update_statement', { id, rev, statement: { ...statement, text: after } }) as T.Stored<T.Statement>;

    const entries = history(store, SEED);
    const last = entries.at(-1) as T.HistoryEntry;
    expect(last).toMatchObject({
      doc: STATEMENT,
      kind: 'statement',
      op: 'edited',
      rev: saved.rev,
      base: rev,
      by: 'عواطف حيار',
      role: 'secretary',
      machine: 'mock',
      replica: store.replica,
      recorded: true,
      changes: [{ path: 'text', before, after }],
    });
    expect(Date.parse(last.at as string)).not.toBeNaN();
    // The statement's own history: created, then edited.
    expect(history(store, STATEMENT).map((e) => e.op)).toEqual(['created', 'edited']);
  });

  it('keeps a deleted statement in the meeting\'s history, named by its last text', () => {
    const store = seeded();
    const text = String(store.docs.get(STATEMENT)?.text);
    store.handle('delete_statement', { id: STATEMENT });
    const deleted = history(store, SEED).at(-1) as T.HistoryEntry;
    expect(deleted).toMatchObject({ doc: STATEMENT, op: 'deleted', changes: [] });
    expect(text.startsWith(deleted.label.replace(/…$/, ''))).toBe(true);
    expect(history(store, STATEMENT).map((e) => e.op)).toEqual(['created', 'deleted']);
  });

  it("gives an action's own history: its status and due date changed (its progress entries are documents of their own)", () => {
    const store = seeded();
    store.handle('set_action_due', { id: ACTION, due: '2027-03-31' });
    store.handle('change_action_status', { id: ACTION, status: 'agreed', note: { note: 'اتفق الشركاء.' } });
    const own = history(store, ACTION);
    expect(own.map((e) => e.op)).toEqual(['created', 'edited', 'edited']);
    expect(own[1].changes).toEqual([{ path: 'due', before: null, after: '2027-03-31' }]);
    expect(own[2].changes).toEqual([{ path: 'status', before: 'proposed', after: 'agreed' }]);
    expect(new Set(own.map((e) => e.kind))).toEqual(new Set(['action']));
    // The meeting's history has the progress entry too, as the meeting's.
    const progress = history(store, SEED).filter((e) => e.kind === 'progress');
    expect(progress).toHaveLength(1);
    expect(progress[0]).toMatchObject({ op: 'created', label: 'اتفق الشركاء.' });
  });

  it("records approvals and the meeting's status change in the meeting's history", async () => {
    const store = seeded();
    store.handle('set_user_profile', { profile: { name: 'مصادق', role: 'approver' } });
    await store.setMeetingStatus({ id: SEED, status: 'in_review' });
    await store.setMeetingStatus({ id: SEED, status: 'approved' });
    const entries = history(store, SEED);
    expect(entries.slice(-3).map((e) => [e.kind, e.op])).toEqual([
      ['meeting', 'edited'],
      ['meeting', 'edited'],
      ['approval', 'created'],
    ]);
    expect(entries.at(-1)).toMatchObject({ label: '#0', by: 'مصادق', role: 'approver' });
    expect(entries.at(-2)?.changes).toEqual([{ path: 'status', before: 'in_review', after: 'approved' }]);
  });

  it('refuses an unknown document or meeting with not_found', () => {
    const store = seeded();
    expect(refusal(() => history(store, 'action:nope'))).toMatchObject({ code: 'not_found' });
    expect(refusal(() => history(store, 'meeting:nope'))).toMatchObject({ code: 'not_found', details: { what: 'meeting' } });
  });

  it('lists a version brought by a sync as derived, without time or author, after the others', () => {
    const store = seeded();
    const sync = new MockSync(store.docs, (...writes) => store.recordWrite(...writes));
    sync.seedConflicts();
    const entries = history(store, SEED);
    const derived = entries.filter((e) => !e.recorded);
    expect(derived.map((e) => e.doc).sort()).toEqual([CONFLICTED_ACTION, STATEMENT].sort());
    expect(derived.every((e) => e.at === null && e.by === null && e.machine === null && e.op === 'edited')).toBe(true);
    expect(entries.slice(-2).every((e) => !e.recorded)).toBe(true);
    expect(derived.find((e) => e.doc === STATEMENT)?.changes.map((c) => c.path)).toEqual(['text']);

    // Resolving a conflict is recorded: the version not kept is set aside.
    const conflict = sync.conflicts().find((c) => c.id === STATEMENT) as T.Conflict;
    sync.resolve({ id: STATEMENT, keep: conflict.versions[0].rev, merged: null });
    const own = history(store, STATEMENT);
    expect(own.at(-1)).toMatchObject({ op: 'discarded', recorded: true, base: conflict.versions[1].rev, machine: 'mock' });
  });
});

describe('the reminder settings of the mock backend', () => {
  it('are on, a week ahead, at first, and kept as set', () => {
    const store = new MockStore();
    expect((store.handle('app_info', {}) as T.AppInfo).settings.reminders).toEqual({ enabled: true, days: 7 });
    const saved = store.handle('set_settings', {
      settings: { ...store.settings, reminders: { enabled: false, days: 30 } },
    }) as T.Settings;
    expect(saved.reminders).toEqual({ enabled: false, days: 30 });
    expect((store.handle('app_info', {}) as T.AppInfo).settings.reminders).toEqual({ enabled: false, days: 30 });
  });

  it.each([0, 91, 2.5])('refuse %s days with invalid_input, and keep what was stored', (days) => {
    const store = new MockStore();
    const e = refusal(() => store.handle('set_settings', { settings: { ...store.settings, reminders: { enabled: true, days } } }));
    expect(e).toMatchObject({ code: 'invalid_input', details: { field: 'reminders.days' } });
    expect(e.message).toBe('reminders.days: a reminder comes 1 to 90 days before the due date');
    expect(store.settings.reminders).toEqual({ enabled: true, days: 7 });
  });
});
