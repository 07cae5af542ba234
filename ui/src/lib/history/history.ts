// The audit trail as a person reads it (`history`): newest first, grouped by the day (in this
// computer's time) it was made on, the entries without a time (derived from the revisions) last;
// what was done to what (an operation and a kind of document, named in the interface's
// language); and each changed field with its value before and after, shown as the changes of an
// amendment are (changes.ts: strings with the changed words marked, anything else as compact
// JSON; the backend's codes, such as a status, by their names). Pure functions (history.test.ts).

import type { HistoryEntry, HistoryOp, Lang, Money } from '../ipc/types';
import { formatMoney, formatWeekdayDate, isoDayOf } from '../i18n/format';
import { LOCALES, translate, type MessageKey } from '../i18n/index.svelte';
import { fieldName, shownValue, type Shown } from '../meeting/changes';
import {
  ACTION_STATUS, FORMAT, MEETING_STATUS, MODE, PRECEDENCE, PRESENCE, STATEMENT_KIND, USER_ROLE,
} from '../common/labels';

export const HISTORY_OP: Record<HistoryOp, MessageKey> = {
  created: 'history.op.created',
  edited: 'history.op.edited',
  deleted: 'history.op.deleted',
  discarded: 'history.op.discarded',
  merged: 'history.op.merged',
};

/** The kinds of document, in the order the kind filter lists them. */
export const HISTORY_KINDS = [
  'meeting', 'attendance', 'statement', 'decision', 'action', 'progress', 'visit', 'approval', 'person', 'org', 'series',
] as const;
type Kind = (typeof HISTORY_KINDS)[number];
const known = (kind: string): kind is Kind => (HISTORY_KINDS as readonly string[]).includes(kind);

/** One document of a kind ("statement"), as the line of an entry names it. */
const KIND: Record<Kind, MessageKey> = {
  meeting: 'history.kind.meeting',
  attendance: 'history.kind.attendance',
  statement: 'history.kind.statement',
  decision: 'history.kind.decision',
  action: 'history.kind.action',
  progress: 'history.kind.progress',
  visit: 'history.kind.visit',
  approval: 'history.kind.approval',
  person: 'history.kind.person',
  org: 'history.kind.org',
  series: 'history.kind.series',
};

/** Every document of a kind ("statements"), as the kind filter names them. */
const FILTER: Record<Kind, MessageKey> = {
  meeting: 'history.filter.meeting',
  attendance: 'history.filter.attendance',
  statement: 'history.filter.statement',
  decision: 'history.filter.decision',
  action: 'history.filter.action',
  progress: 'history.filter.progress',
  visit: 'history.filter.visit',
  approval: 'history.filter.approval',
  person: 'history.filter.person',
  org: 'history.filter.org',
  series: 'history.filter.series',
};

/** A kind of document, named (an unknown kind as the backend spells it). */
export function kindLabel(l: Lang, kind: string): string {
  return known(kind) ? translate(l, KIND[kind]) : kind;
}

/** The kind filter's option for a kind. */
export function filterLabel(l: Lang, kind: string): string {
  return known(kind) ? translate(l, FILTER[kind]) : kind;
}

/** The kinds there are among the entries, in the filter's order (unknown ones after, sorted). */
export function kindsOf(entries: readonly HistoryEntry[]): string[] {
  const present = new Set(entries.map((e) => e.kind));
  const unknown = [...present].filter((k) => !known(k)).sort();
  return [...HISTORY_KINDS.filter((k) => present.has(k)), ...unknown];
}

/** An RFC 3339 moment as a time, or NaN. */
const timeOf = (at: string): number => new Date(at).getTime();

/**
 * The entries newest first: those with a time, latest first (at the same time, the one the
 * backend lists later first); then those without (derived from the revisions), in the reverse
 * of the backend's order as well.
 */
export function newestFirst(entries: readonly HistoryEntry[]): HistoryEntry[] {
  return entries
    .map((e, i) => ({ e, i, t: e.at === null ? NaN : timeOf(e.at) }))
    .sort((x, y) => {
      const xd = !Number.isNaN(x.t);
      const yd = !Number.isNaN(y.t);
      if (xd !== yd) return xd ? -1 : 1;
      if (xd && x.t !== y.t) return y.t - x.t;
      return y.i - x.i;
    })
    .map(({ e }) => e);
}

/** The day (YYYY-MM-DD) a moment falls on in `timeZone` (this computer's when not given). */
export function dayOf(at: string, timeZone?: string): string | null {
  return isoDayOf(new Date(at), timeZone);
}

/** The entries of one day (`day` null: those without a time), newest first. */
export interface DayGroup {
  day: string | null;
  entries: HistoryEntry[];
}

/** The entries newest first, by day in `timeZone` (this computer's when not given), those without a time last. */
export function groupByDay(entries: readonly HistoryEntry[], timeZone?: string): DayGroup[] {
  const groups: DayGroup[] = [];
  for (const e of newestFirst(entries)) {
    const day = e.at === null ? null : dayOf(e.at, timeZone);
    const last = groups.at(-1);
    if (last && last.day === day) last.entries.push(e);
    else groups.push({ day, entries: [e] });
  }
  return groups;
}

/** A day's heading, as the app writes a day: "السبت 28 نونبر 2026", "samedi 28 novembre 2026". */
export function formatDay(day: string, l: Lang): string {
  return formatWeekdayDate(day, l);
}

/** A moment's time of day in `timeZone` (this computer's when not given): "14:05". */
export function formatTime(at: string, l: Lang, timeZone?: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  return new Intl.DateTimeFormat(LOCALES[l], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(d);
}

/** One changed field as shown: the app's name for it (null when it has none), its path, the values. */
export interface FieldRow {
  path: string;
  field: string | null;
  before: Shown;
  after: Shown;
}

/** The longest JSON value shown whole, in characters (an approval holds the whole minutes). */
export const JSON_SHOWN_CHARS = 1000;

/** Fields of the documents' own that the app names nowhere else. */
const MORE_FIELDS: Record<string, MessageKey> = {
  meeting: 'followup.meeting',
  delivered: 'action.delivered',
  status_change: 'action.changeStatus',
};

/** The names of the codes a field holds, for a kind of document (an action's status is not a meeting's). */
function codesOf(kind: string, path: string): Record<string, MessageKey> | null {
  switch (path) {
    case 'status':
      return kind === 'meeting' ? MEETING_STATUS : kind === 'action' ? ACTION_STATUS : null;
    case 'presence':
      return PRESENCE;
    case 'mode':
      return MODE;
    case 'format':
      return kind === 'meeting' ? FORMAT : null;
    case 'kind':
      return kind === 'statement' ? STATEMENT_KIND : null;
    case 'precedence':
      return PRECEDENCE;
    case 'role':
      return kind === 'approval' ? USER_ROLE : null;
    default:
      return null;
  }
}

/** Nothing worth a line: a new document's field left empty. */
function blank(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

/** An amount as the backend stores it ({centimes, currency}). */
function isMoney(v: unknown): v is Money {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const m = v as Record<string, unknown>;
  return Object.keys(m).length === 2 && Number.isInteger(m.centimes) && typeof m.currency === 'string' && /^[A-Z]{3}$/.test(m.currency);
}

function side(l: Lang, v: unknown, other: unknown, codes: Record<string, MessageKey> | null): Shown {
  const named = (x: unknown) => {
    if (codes && typeof x === 'string' && Object.hasOwn(codes, x)) return translate(l, codes[x]);
    return isMoney(x) ? formatMoney(x, l) : x;
  };
  const shown = shownValue(l, named(v ?? null), named(other ?? null));
  if (shown.kind === 'json' && [...shown.text].length > JSON_SHOWN_CHARS) {
    return { kind: 'json', text: `${[...shown.text].slice(0, JSON_SHOWN_CHARS).join('')}…` };
  }
  return shown;
}

/**
 * The changed fields of an entry, in the backend's order, each with its value before and after
 * (strings with the words the other side lacks marked; a status, a presence, a kind… by its
 * name; an amount as the app writes amounts). A new document's empty fields are left out: they
 * say nothing.
 */
export function fieldRows(l: Lang, entry: HistoryEntry): FieldRow[] {
  const changes = entry.op === 'created' ? entry.changes.filter((c) => !(blank(c.before) && blank(c.after))) : entry.changes;
  return changes.map((c) => {
    const more = MORE_FIELDS[c.path];
    const codes = codesOf(entry.kind, c.path);
    return {
      path: c.path,
      field: more ? translate(l, more) : fieldName(l, c.path),
      before: side(l, c.before, c.after, codes),
      after: side(l, c.after, c.before, codes),
    };
  });
}
