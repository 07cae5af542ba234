// What changed since the approved version of the minutes (`verify_minutes`), as a person reads
// it: each change named by what it is (a statement and its speaker, an attendance entry, a
// decision, an action, a field of the meeting's details) and by its field, with the values
// before and after as plain text (strings as written, with the words the other side lacks
// marked; other values as compact JSON; a whole item by its text or name; an order of items by
// their names, those that moved marked; a moved item's order key as its place among the items
// of both versions; "added" or "removed" on the side where it is missing). Pure functions
// (changes.test.ts); the history of changes names fields and shows values with the same ones.

import type { Change, Lang, MeetingRecord } from '../ipc/types';
import { LOCALES, isolate, translate, type MessageKey } from '../i18n/index.svelte';
import { FIELD_LABELS } from '../common/fields';
import { personName } from '../common/titles';
import { displayValue, markChanges, type Segment } from '../sync/values';

/** One side of a change, as shown. */
export type Shown =
  /** A string as written, in pieces: the words the other side does not have are marked. */
  | { kind: 'text'; text: string; segments: Segment[] }
  /** Any other value, as compact JSON. */
  | { kind: 'json'; text: string }
  /** An order of items, by their names; `moved`: not at the same place on the other side. */
  | { kind: 'list'; items: { text: string; moved: boolean }[] }
  /** Missing on this side: added since, removed since, or no value at all. */
  | { kind: 'added' | 'removed' | 'none'; text: string };

export interface ChangeRow {
  /** The backend's path ("statements[statement:0193…].text"), shown small for the record. */
  path: string;
  /** What changed: "Statement by …", "Meeting details", "Decision 2", "Order: Statements". */
  subject: string;
  /** Which field of it; null for a whole item, an order or the whole minutes. */
  field: string | null;
  before: Shown;
  after: Shown;
}

/** The lists of the minutes whose items are matched by id. */
const LISTS = ['statements', 'attendance', 'decisions', 'actions', 'site_visits', 'agenda'] as const;
type List = (typeof LISTS)[number];
const isList = (s: string): s is List => (LISTS as readonly string[]).includes(s);

const LIST_TITLE: Record<List, MessageKey> = {
  statements: 'statements.title',
  attendance: 'attendance.title',
  decisions: 'decisions.title',
  actions: 'actions.title',
  site_visits: 'visits.title',
  agenda: 'field.agenda',
};

/** Fields of the minutes' record that documents do not have (the conflicts panel's labels cover the rest). */
const MORE_FIELDS: Record<string, MessageKey> = {
  speaker_name: 'statement.speaker',
  person: 'amendment.field.person',
  person_record: 'amendment.field.person',
  series_record: 'field.series',
  missing: 'amendment.field.missing',
  languages: 'amendment.field.languages',
  recorded_at: 'amendment.field.recordedAt',
  order: 'amendment.field.order',
  form: 'amendment.field.form',
  addressee: 'amendment.field.addressee',
  agenda_item: 'field.agenda',
  source: 'amendment.field.source',
  place: 'meeting.place',
};

/** A field named otherwise in one list: an attendance entry's title is the one held that day. */
const LIST_FIELDS: Partial<Record<List, Record<string, MessageKey>>> = {
  attendance: { title: 'attendance.titleThatDay' },
  actions: { title: 'action.title' },
};

/** A path taken apart: `top[id] (order).rest…`. */
export interface ParsedPath {
  top: string;
  id: string | null;
  order: boolean;
  /** The keys below, list ids and "(order)" left out ("person_record", "name_ar"). */
  rest: string[];
}

const PATH = /^([^.[\s]+)(?:\[([^\]]*)\])?( \(order\))?(?:\.(.+))?$/;

export function parsePath(path: string): ParsedPath | null {
  const m = PATH.exec(path);
  if (!m) return null;
  const rest = m[4] ? m[4].split('.').map((k) => k.replace(/\[.*$/, '').replace(/ \(order\)$/, '')) : [];
  return { top: m[1], id: m[2] ?? null, order: m[3] !== undefined, rest };
}

type Item = Record<string, unknown>;
const isItem = (v: unknown): v is Item => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The first words of a long text. */
export function excerpt(text: string, max = 60): string {
  const chars = [...text.trim()];
  if (chars.length <= max) return chars.join('');
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function itemsOf(record: MeetingRecord, list: List): Item[] {
  return (record[list] ?? []) as unknown as Item[];
}

function attendeeName(l: Lang, item: Item): string | null {
  const person = item.person_record;
  if (isItem(person)) {
    const name = personName({ name_ar: str(person.name_ar), name_latin: str(person.name_latin) }, l);
    if (name) return name;
  }
  return str(item.person);
}

/** A whole item in a few words: a statement or decision by its text, an action by its title, … */
function itemText(l: Lang, list: List, item: Item): string | null {
  switch (list) {
    case 'statements':
    case 'decisions':
      return str(item.text);
    case 'actions':
    case 'agenda':
      return str(item.title);
    case 'site_visits':
      return str(item.place);
    case 'attendance': {
      const name = attendeeName(l, item);
      const title = str(item.title);
      return name && title ? `${name} — ${title}` : name;
    }
  }
}

/** An item's name in a list of items (an order). */
function itemName(l: Lang, list: List, item: Item | undefined, id: string): string {
  if (!item) return id;
  if (list === 'statements') {
    const who = str(item.speaker_name);
    const text = str(item.text);
    return who && text ? `${who}: ${excerpt(text, 48)}` : (who ?? text ?? id);
  }
  if (list === 'attendance') return attendeeName(l, item) ?? id;
  const text = itemText(l, list, item);
  return text ? excerpt(text, 60) : id;
}

function subjectOf(l: Lang, list: List, id: string, item: Item | undefined, record: MeetingRecord): string {
  const name = (v: unknown) => isolate(excerpt(str(v) ?? id, 60));
  switch (list) {
    case 'statements':
      return translate(l, 'amendment.item.statement', { name: name(item?.speaker_name ?? item?.speaker) });
    case 'attendance':
      return translate(l, 'amendment.item.attendance', { name: isolate(item ? (attendeeName(l, item) ?? id) : id) });
    case 'decisions': {
      const at = itemsOf(record, 'decisions').findIndex((d) => d.id === id);
      return at >= 0 ? translate(l, 'decision.position', { n: at + 1 }) : translate(l, 'amendment.item.decision');
    }
    case 'actions':
      return translate(l, 'amendment.item.action', { title: name(item?.title) });
    case 'site_visits':
      return translate(l, 'amendment.item.visit', { place: name(item?.place) });
    case 'agenda':
      return translate(l, 'amendment.item.agenda', { title: name(item?.title) });
  }
}

/**
 * The name of a document's field from its path in the document ("amount.centimes": the amount;
 * "agenda[a1].title", "agenda (order)": the agenda), or null when the app has none for it.
 */
export function fieldName(l: Lang, path: string): string | null {
  const p = parsePath(path);
  if (!p) return null;
  return fieldOf(l, null, p.id !== null || p.order ? [p.top] : [p.top, ...p.rest]);
}

function fieldOf(l: Lang, list: List | null, keys: string[]): string | null {
  // The deepest key that has a name ("person_record.name_ar": the Arabic name; "amount.centimes": the amount).
  for (let i = keys.length - 1; i >= 0; i--) {
    const k = keys[i];
    const key = (i === 0 && list ? LIST_FIELDS[list]?.[k] : undefined) ?? FIELD_LABELS[k] ?? MORE_FIELDS[k];
    if (key) return translate(l, key);
  }
  return null;
}

/** A value as shown: a string with the words `other` lacks marked, anything else as compact JSON, null as "—". */
export function shownValue(l: Lang, v: unknown, other: unknown): Shown {
  if (typeof v === 'string') {
    return { kind: 'text', text: v, segments: typeof other === 'string' ? markChanges(v, other) : [{ text: v, changed: false }] };
  }
  const shown = displayValue(v, translate(l, 'common.none'));
  return shown.json ? { kind: 'json', text: shown.text } : { kind: 'none', text: shown.text };
}

function whole(l: Lang, list: List, v: unknown, other: unknown): Shown {
  const text = isItem(v) ? itemText(l, list, v) : null;
  if (text === null) return shownValue(l, v, other);
  const otherText = isItem(other) ? itemText(l, list, other) : null;
  return { kind: 'text', text, segments: otherText !== null ? markChanges(text, otherText) : [{ text, changed: false }] };
}

/** The changes of `verify_minutes` as rows to show, one per change, in the backend's order. */
export function describeChanges(l: Lang, changes: Change[], record: MeetingRecord): ChangeRow[] {
  return changes.map((c) => describeChange(l, c, record, changes));
}

/** Ids in an order as it is given (the `(order)` changes hold lists of ids). */
const ids = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/**
 * One change as a row. `all` (every change) lets a moved item's order key be shown as its place
 * among the items of both versions, read from the list's `(order)` change, rather than as the key
 * itself ("8180" → "4" says nothing to a person; 2 → 1 does).
 */
export function describeChange(l: Lang, c: Change, record: MeetingRecord, all: Change[] = []): ChangeRow {
  const before = c.before ?? null;
  const after = c.after ?? null;
  const p = c.path === '(minutes)' ? null : parsePath(c.path);
  const list = p && isList(p.top) && (p.id !== null || p.order) ? p.top : null;

  let subject: string;
  let field: string | null = null;
  /** One side shown: `v` on this side (`which`: 0 the approved version, 1 now), `other` on the other. */
  let show: (v: unknown, other: unknown, which: 0 | 1) => Shown = (v, other) => shownValue(l, v, other);

  if (p === null) {
    subject = translate(l, c.path === '(minutes)' ? 'amendment.item.minutes' : 'amendment.item.header');
  } else if (list && p.order && p.rest.length === 0) {
    subject = translate(l, 'amendment.item.order', { list: translate(l, LIST_TITLE[list]) });
    const items = new Map(itemsOf(record, list).map((i) => [i.id, i]));
    show = (v, other) => {
      if (!Array.isArray(v)) return shownValue(l, v, other);
      const theirs = ids(other);
      return {
        kind: 'list',
        items: ids(v).map((id, at) => ({ text: itemName(l, list, items.get(id), id), moved: theirs.length > 0 && theirs[at] !== id })),
      };
    };
  } else if (list && p.id !== null) {
    const id = p.id;
    const current = itemsOf(record, list).find((i) => i.id === id);
    const item = current ?? [after, before].find((v): v is Item => isItem(v) && v.id === id);
    subject = subjectOf(l, list, id, item, record);
    if (p.rest.length > 0) field = fieldOf(l, list, p.rest);
    else show = (v, other) => whole(l, list, v, other);
    const order = all.find((o) => o.path === `${list} (order)`);
    if (order && p.rest.length === 1 && p.rest[0] === 'order') {
      const places = [ids(order.before).indexOf(id), ids(order.after).indexOf(id)];
      if (places.every((n) => n >= 0)) {
        show = (_v, _other, which) => {
          const n = places[which] + 1;
          const text = new Intl.NumberFormat(LOCALES[l]).format(n);
          return { kind: 'text', text, segments: [{ text, changed: places[0] !== places[1] }] };
        };
      }
    }
  } else {
    // A field of the meeting's details ("title", "prefecture.name", "series_record.title_ar").
    subject = translate(l, 'amendment.item.header');
    field = fieldOf(l, null, [p.top, ...p.rest]);
  }

  const side = (v: unknown, other: unknown, which: 0 | 1): Shown => {
    const missing = which === 0 ? 'added' : 'removed';
    if (v !== null) return show(v, other, which);
    if (other === null) return { kind: 'none', text: translate(l, 'common.none') };
    return { kind: missing, text: translate(l, missing === 'added' ? 'amendment.added' : 'amendment.removed') };
  };
  return { path: c.path, subject, field, before: side(before, after, 0), after: side(after, before, 1) };
}
