import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HistoryEntry } from '../ipc/types';
import { formatGregorian, formatMoney } from '../i18n/format';
import {
  JSON_SHOWN_CHARS, dayOf, fieldRows, filterLabel, formatDay, formatTime, groupByDay, kindLabel, kindsOf, newestFirst,
} from './history';

let n = 0;
function entry(at: string | null, more: Partial<HistoryEntry> = {}): HistoryEntry {
  n += 1;
  return {
    doc: `statement:${n}`,
    kind: 'statement',
    label: '',
    rev: `2-${n}`,
    base: `1-${n}`,
    op: 'edited',
    at,
    by: 'عواطف حيار',
    role: 'secretary',
    machine: 'mock',
    replica: 'r1',
    recorded: at !== null,
    changes: [],
    ...more,
  };
}

const docs = (list: HistoryEntry[]) => list.map((e) => e.doc);

describe('the history, newest first', () => {
  it('puts the latest first and the entries without a time (derived from the revisions) last', () => {
    const a = entry('2026-11-28T09:00:00Z');
    const b = entry('2026-11-28T10:30:00.250Z');
    const c = entry('2026-11-29T08:00:00Z');
    const d = entry(null, { op: 'merged' });
    const e = entry(null);
    // As the backend sends them: oldest first, those without a time last.
    expect(docs(newestFirst([a, b, c, d, e]))).toEqual(docs([c, b, a, e, d]));
  });

  it('keeps entries of the same moment in the reverse of the backend order (one write, several documents)', () => {
    const at = '2026-11-28T09:00:00.123Z';
    const first = entry(at);
    const second = entry(at, { kind: 'approval', op: 'created' });
    expect(docs(newestFirst([first, second]))).toEqual(docs([second, first]));
  });

  it('compares moments, not their text (fractions of a second, offsets)', () => {
    const early = entry('2026-11-28T10:00:00.5+01:00');
    const late = entry('2026-11-28T09:30:00Z');
    expect(docs(newestFirst([late, early]))).toEqual(docs([late, early]));
  });

  it('changes nothing in the list given', () => {
    const list = [entry('2026-01-01T00:00:00Z'), entry('2026-01-02T00:00:00Z')];
    const copy = [...list];
    newestFirst(list);
    expect(list).toEqual(copy);
  });
});

/** Every date written as WebKitGTK's ICU 72 writes an en-CA one ("11/30/2026"), whatever the locale. */
function usStyleDates(): void {
  const proto = Intl.DateTimeFormat.prototype as unknown as Record<string, unknown>;
  vi.spyOn(proto, 'format', 'get').mockReturnValue(() => '11/30/2026');
}

describe('the history, by day', () => {
  it('groups by the local day, newest day first, the undated last', () => {
    const list = [
      entry('2026-11-28T08:00:00Z'),
      entry('2026-11-28T22:30:00Z'),
      entry('2026-11-29T09:15:00Z'),
      entry(null),
    ];
    const groups = groupByDay(list, 'UTC');
    expect(groups.map((g) => g.day)).toEqual(['2026-11-29', '2026-11-28', null]);
    expect(groups.map((g) => g.entries.length)).toEqual([1, 2, 1]);
    expect(groups[1].entries.map((e) => e.at)).toEqual(['2026-11-28T22:30:00Z', '2026-11-28T08:00:00Z']);
  });

  it("takes the day in this computer's time zone: 23:30 UTC is already the next day in Morocco (UTC+1)", () => {
    const late = entry('2026-11-28T23:30:00Z');
    expect(dayOf(late.at as string, 'UTC')).toBe('2026-11-28');
    expect(dayOf(late.at as string, 'Africa/Casablanca')).toBe('2026-11-29');
    const groups = groupByDay([entry('2026-11-29T10:00:00Z'), late], 'Africa/Casablanca');
    expect(groups.map((g) => [g.day, g.entries.length])).toEqual([['2026-11-29', 2]]);
  });

  it('has no group at all for no entries', () => {
    expect(groupByDay([])).toEqual([]);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("reads the day from the date's parts, not from how a locale writes it (WebKitGTK's ICU writes en-CA as 11/30/2026)", () => {
    usStyleDates();
    expect(dayOf('2026-11-30T10:00:00Z', 'Africa/Casablanca')).toBe('2026-11-30');
    expect(groupByDay([entry('2026-11-30T10:00:00Z')], 'UTC').map((g) => g.day)).toEqual(['2026-11-30']);
    expect(dayOf('not a time')).toBeNull();
  });

  it('names the day as the app writes a day (weekday, day, month, year), and the time, in the language', () => {
    expect(formatDay('2026-11-30', 'ar')).toBe('الاثنين 30 نونبر 2026');
    expect(formatDay('2026-11-28', 'ar')).toBe('السبت 28 نونبر 2026');
    expect(formatDay('2026-11-28', 'fr')).toBe('samedi 28 novembre 2026');
    expect(formatDay('2026-11-28', 'en')).toBe('Saturday 28 November 2026');
    expect(formatDay('2026-11-28', 'ar')).toContain(formatGregorian('2026-11-28', 'ar'));
    // Never a numeric date.
    for (const l of ['ar', 'fr', 'en'] as const) expect(formatDay('2026-11-30', l)).not.toMatch(/\d+\/\d+\/\d+/);
    expect(formatTime('2026-11-28T13:05:09Z', 'fr', 'Africa/Casablanca')).toBe('14:05');
    expect(formatTime('2026-11-28T13:05:09Z', 'en', 'UTC')).toBe('13:05');
  });
});

describe('kinds of documents', () => {
  it('names each kind and its filter option, in each language', () => {
    expect(kindLabel('ar', 'statement')).toBe('مداخلة');
    expect(kindLabel('ar', 'action')).toBe('إجراء تتبع');
    expect(kindLabel('ar', 'approval')).toBe('مصادقة');
    expect(kindLabel('fr', 'progress')).toBe('avancement');
    expect(kindLabel('en', 'visit')).toBe('site visit');
    expect(filterLabel('ar', 'statement')).toBe('المداخلات');
    expect(filterLabel('fr', 'attendance')).toBe('Présences');
    // A kind the interface does not know yet is shown as the backend spells it.
    expect(kindLabel('fr', 'audit')).toBe('audit');
  });

  it('lists the kinds present, in the order of the minutes, unknown ones last', () => {
    const list = [entry(null, { kind: 'action' }), entry(null, { kind: 'zeta' }), entry(null, { kind: 'meeting' }), entry(null, { kind: 'statement' }), entry(null, { kind: 'action' })];
    expect(kindsOf(list)).toEqual(['meeting', 'statement', 'action', 'zeta']);
  });
});

describe('the changed fields of an entry', () => {
  it('a statement edited: its text, named, with the changed words marked on both sides', () => {
    const e = entry('2026-11-28T09:00:00Z', {
      changes: [{ path: 'text', before: 'أكد على أهمية التتبع.', after: 'أكد على أهمية التتبع الدقيق.' }],
    });
    const [row] = fieldRows('ar', e);
    expect(row.path).toBe('text');
    expect(row.field).toBe('النص');
    expect(row.before).toEqual({
      kind: 'text',
      text: 'أكد على أهمية التتبع.',
      segments: [{ text: 'أكد على أهمية ', changed: false }, { text: 'التتبع.', changed: true }],
    });
    expect(row.after).toMatchObject({ kind: 'text', text: 'أكد على أهمية التتبع الدقيق.' });
    expect(fieldRows('fr', e)[0].field).toBe('Texte');
  });

  it('objects and lists as compact JSON, a missing value as a dash, nested paths by their deepest named key', () => {
    const e = entry('2026-11-28T09:00:00Z', {
      changes: [
        { path: 'amount', before: null, after: { centimes: 100, currency: 'MAD' } },
        { path: 'amount.centimes', before: 100, after: 200 },
        { path: 'partners', before: ['org:1'], after: ['org:1', 'org:2'] },
        { path: 'status_change', before: null, after: { from: 'proposed', to: 'agreed' } },
        { path: 'agenda[a1].title', before: 'تقديم', after: 'عرض' },
        { path: 'unheard_of', before: 'x', after: 'y' },
      ],
    });
    const rows = fieldRows('en', e);
    expect(rows.map((r) => r.field)).toEqual(['Amount', 'Amount', 'Partners', 'Change status', 'Agenda', null]);
    expect(rows[0].before).toEqual({ kind: 'none', text: '—' });
    // An amount as the app writes amounts.
    expect(rows[0].after).toMatchObject({ kind: 'text', text: formatMoney({ centimes: 100, currency: 'MAD' }, 'en') });
    expect(rows[1].after).toEqual({ kind: 'json', text: '200' });
    expect(rows[2].after).toEqual({ kind: 'json', text: '["org:1","org:2"]' });
    expect(rows[3].after).toEqual({ kind: 'json', text: '{"from":"proposed","to":"agreed"}' });
  });

  it("the backend's codes by their names, as the kind of document means them", () => {
    const action = entry('2026-11-28T09:00:00Z', { kind: 'action', changes: [{ path: 'status', before: 'proposed', after: 'agreed' }] });
    const [row] = fieldRows('ar', action);
    expect(row.field).toBe('الحالة');
    expect(row.before).toMatchObject({ kind: 'text', text: 'مقترح' });
    expect(row.after).toMatchObject({ kind: 'text', text: 'متفق عليه' });
    const meeting = entry('2026-11-28T09:00:00Z', { kind: 'meeting', changes: [{ path: 'status', before: 'in_review', after: 'approved' }] });
    expect(fieldRows('fr', meeting)[0].after).toMatchObject({ text: 'Approuvé' });
    const presence = entry(null, { kind: 'attendance', changes: [{ path: 'presence', before: 'present', after: 'excused' }] });
    expect(fieldRows('en', presence)[0].after).toMatchObject({ text: 'Excused' });
    // A code no list names stays as it is.
    const odd = entry(null, { kind: 'action', changes: [{ path: 'status', before: null, after: 'archived' }] });
    expect(fieldRows('ar', odd)[0].after).toMatchObject({ text: 'archived' });
  });

  it("a new document's fields: those left empty are not listed", () => {
    const e = entry('2026-11-28T09:00:00Z', {
      op: 'created',
      base: null,
      changes: [
        { path: 'text', before: null, after: 'نص' },
        { path: 'channel', before: null, after: null },
        { path: 'partners', before: null, after: [] },
        { path: 'speaking_as', before: null, after: '' },
        { path: 'order', before: null, after: '80' },
      ],
    });
    expect(fieldRows('ar', e).map((r) => r.path)).toEqual(['text', 'order']);
  });

  it('a very long value (an approval holds the whole minutes) is cut', () => {
    const snapshot = { statements: Array.from({ length: 200 }, (_, i) => ({ id: `statement:${i}`, text: 'نص المداخلة' })) };
    const e = entry('2026-11-28T09:00:00Z', { op: 'created', changes: [{ path: 'snapshot', before: null, after: snapshot }] });
    const [row] = fieldRows('ar', e);
    expect(row.after.kind).toBe('json');
    const text = 'text' in row.after ? row.after.text : '';
    expect([...text].length).toBe(JSON_SHOWN_CHARS + 1);
    expect(text.endsWith('…')).toBe(true);
  });
});
