// The backend's rules that the in-memory mock needs, written again in TypeScript: order keys,
// reading amounts, finding amounts in text, the two status machines, who may move minutes
// through the workflow, snapshots of approved minutes (canonical JSON, what changed since), the
// local user profile, the reminder settings, SHA-256, checking a sync address, and which
// meetings' actions are matters arising for a meeting. Pure functions, tested in
// mock-rules.test.ts against the examples of the Rust tests.

import type {
  ActionStatus, Change, Meeting, MeetingStatus, Money, Precedence, ReminderSettings, UserProfile, UserRole,
} from './types';
import { USER_ROLES } from '../common/labels';
import { rolesAllowed } from '../common/workflow';

// ----- order keys -----

const DIGITS = '0123456789abcdef';

function digitsOf(key: string): number[] {
  return [...key].map((c) => {
    const d = DIGITS.indexOf(c);
    if (d < 0) throw new Error(`"${key}" is not an order key`);
    return d;
  });
}

function keyOf(digits: number[]): string {
  let end = digits.length;
  while (end > 1 && digits[end - 1] === 0) end--;
  return digits.slice(0, end).map((d) => DIGITS[d]).join('');
}

/**
 * A key that sorts (as a string) strictly between `lower` and `upper`; either may be absent
 * (start or end of the list). Keys are hexadecimal fractions (0.k1k2…), and a key strictly
 * between two others as numbers also sorts between them as strings. Appending stays short.
 */
export function orderBetween(lower: string | null, upper: string | null): string {
  if (lower !== null && upper === null) {
    const d = digitsOf(lower);
    const i = d.findIndex((x) => x < 15);
    if (i < 0) return lower + '8';
    return keyOf([...d.slice(0, i), d[i] + 1]);
  }
  const lo = lower === null ? [] : digitsOf(lower);
  const hi = upper === null ? [16] : digitsOf(upper);
  // (lo + hi) / 2, digit by digit, in base 16.
  const n = Math.max(lo.length, hi.length) + 1;
  const sum: number[] = new Array(n).fill(0);
  let carry = 0;
  for (let i = n - 1; i >= 0; i--) {
    const s = (lo[i] ?? 0) + (hi[i] ?? 0) + carry;
    sum[i] = s % 16;
    carry = Math.floor(s / 16);
  }
  const half: number[] = [];
  let rest = carry;
  for (let i = 0; i < n; i++) {
    const v = rest * 16 + sum[i];
    half.push(Math.floor(v / 2));
    rest = v % 2;
  }
  if (rest) half.push(8);
  const key = keyOf(half);
  if ((lower !== null && key <= lower) || (upper !== null && key >= upper)) {
    // Equal or crossed neighbours (after concurrent edits): go right after `lower`.
    return lower === null ? keyOf([0, 8]) : lower + '8';
  }
  return key;
}

// ----- money -----

export class AmountError extends Error {}

const ARABIC_INDIC = /[٠-٩]/g;
const EASTERN_INDIC = /[۰-۹]/g;

function stripSuffix(s: string, suffix: string): string | null {
  return s.toLowerCase().endsWith(suffix) ? s.slice(0, s.length - suffix.length) : null;
}

/** Reads an amount as people type it; the currency defaults to MAD (as `Money::parse`). */
export function parseAmount(input: string): Money {
  const bad = (why: string) => new AmountError(`"${input.trim()}" ${why}`);
  let s = input
    .trim()
    .replace(ARABIC_INDIC, (c) => String(c.charCodeAt(0) - 0x0660))
    .replace(EASTERN_INDIC, (c) => String(c.charCodeAt(0) - 0x06f0))
    .replace(/٫/g, ',')
    .replace(/[٬\u00a0\u202f]/g, ' ')
    .trim();
  let currency = 'MAD';
  if (s.startsWith('MAD')) {
    s = s.slice(3).trim();
  } else {
    for (const [suffix, code] of [
      ['دراهم', null], ['درهم', null], ['dirhams', null], ['dirham', null], ['dhs', null],
      ['dh', null], ['mad', null], ['eur', 'EUR'], ['usd', 'USD'],
    ] as const) {
      const rest = stripSuffix(s, suffix);
      if (rest !== null) {
        s = rest.trim();
        if (code) currency = code;
        break;
      }
    }
  }
  let multiplier = 1;
  for (const [word, factor] of [
    ['ملايين', 1e6], ['مليون', 1e6], ['millions', 1e6], ['million', 1e6], ['m', 1e6],
    ['مليار', 1e9], ['milliards', 1e9], ['milliard', 1e9], ['billion', 1e9],
    ['آلاف', 1e3], ['ألف', 1e3], ['k', 1e3],
  ] as const) {
    const rest = stripSuffix(s, word);
    if (rest !== null) {
      s = rest.trim();
      multiplier = factor;
      break;
    }
  }
  const number = s.split(/\s+/).filter(Boolean).join(' ');
  if (number === '') throw bad('has no number in it');
  if (number.startsWith('-')) throw bad('is negative; amounts of commitments are never negative');
  const lastSep = Math.max(number.lastIndexOf('.'), number.lastIndexOf(','));
  const fracLen = lastSep >= 0 ? number.length - lastSep - 1 : 0;
  const [intPart, fracPart] =
    lastSep >= 0 && fracLen >= 1 && fracLen <= 2 ? [number.slice(0, lastSep), number.slice(lastSep + 1)] : [number, ''];
  let digits = '';
  const chunks = intPart.split(/[., ]/);
  for (let k = 0; k < chunks.length; k++) {
    const chunk = chunks[k];
    if (chunk === '' || !/^\d+$/.test(chunk) || (k > 0 && chunk.length !== 3)) {
      throw bad('is not an amount (e.g. 26 000 000, 26.000.000 or 26 مليون)');
    }
    digits += chunk;
  }
  if (!/^\d*$/.test(fracPart)) throw bad('is not an amount');
  const units = BigInt(digits);
  const cents = fracPart.length === 0 ? 0n : fracPart.length === 1 ? BigInt(fracPart) * 10n : BigInt(fracPart);
  const centimes = (units * 100n + cents) * BigInt(multiplier);
  if (centimes > 100_000_000_000_000n) throw bad('is larger than any budget line (over 10^12)');
  return { centimes: Number(centimes), currency };
}

const CURRENCY_WORDS = ['درهم', 'دراهم', 'dh', 'dhs', 'mad', 'dirhams', 'dirham'];
const MULTIPLIER_WORDS = ['مليون', 'ملايين', 'مليار', 'ألف', 'آلاف', 'million', 'millions', 'milliards'];
const PUNCTUATION = /^[,،.;؛:)(»«"]+|[,،.;؛:)(»«"]+$/g;

const bare = (w: string) => w.replace(PUNCTUATION, '');
const isNumeric = (w: string) => /[0-9٠-٩]/.test(w) && /^[0-9٠-٩.,٫٬]+$/.test(w);

/** Every amount written in `text` with a currency word ("26 مليون درهم"), in order. */
export function amountsIn(text: string): Money[] {
  const words = text.split(/\s+/).filter(Boolean);
  const found: Money[] = [];
  let i = 0;
  while (i < words.length) {
    if (!isNumeric(bare(words[i]))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < words.length && /^\d{3}$/.test(bare(words[j]))) j++;
    if (j < words.length && MULTIPLIER_WORDS.includes(bare(words[j]).toLowerCase())) j++;
    const currency = j < words.length ? bare(words[j]).toLowerCase() : null;
    if (currency !== null && CURRENCY_WORDS.includes(currency)) {
      try {
        found.push(parseAmount(words.slice(i, j + 1).map(bare).join(' ')));
        i = j + 1;
        continue;
      } catch {
        // Not an amount after all: go on.
      }
    }
    i++;
  }
  return found;
}

// ----- status machines -----

export const MEETING_NEXT: Record<MeetingStatus, MeetingStatus[]> = {
  draft: ['in_review'],
  in_review: ['draft', 'approved'],
  // Back to draft from approved or published minutes starts an amendment (the approved version
  // stays as approved, in its approval document).
  approved: ['published', 'draft'],
  published: ['draft'],
};

export const ACTION_NEXT: Record<ActionStatus, ActionStatus[]> = {
  proposed: ['agreed', 'in_progress', 'blocked', 'cancelled'],
  agreed: ['in_progress', 'done', 'blocked', 'cancelled'],
  in_progress: ['done', 'blocked', 'cancelled'],
  blocked: ['agreed', 'in_progress', 'cancelled'],
  done: ['in_progress'],
  cancelled: ['proposed'],
};

// ----- who may move minutes (as mahdar-model's approval.rs) -----

// Who may move minutes where (UserRole::allowed): the UI's own rule, one copy for both.
export { rolesAllowed, USER_ROLES };

/** A status change refused, with the backend's error code and details. */
export class WorkflowError extends Error {
  constructor(
    readonly code: 'no_profile' | 'illegal_transition' | 'not_allowed',
    message: string,
    readonly details: Record<string, unknown> | null = null,
  ) {
    super(message);
  }
}

/**
 * Checks a change of the minutes' status in the backend's order (set_meeting_status): the move
 * must exist (`illegal_transition`); then someone must have said who uses this laptop
 * (`no_profile`); then their role must be allowed to make it (`not_allowed`, details: role,
 * from, to).
 */
export function checkMeetingMove(profile: UserProfile | null, from: MeetingStatus, to: MeetingStatus): void {
  const next = MEETING_NEXT[from];
  if (!next.includes(to)) {
    throw new WorkflowError(
      'illegal_transition',
      `cannot move meeting from "${from}" to "${String(to)}"; allowed from "${from}": ${next.join(', ') || 'none'}`,
    );
  }
  if (!profile) {
    throw new WorkflowError(
      'no_profile',
      'no user profile on this laptop: say who you are first (`mahdar user set NAME --role ROLE`, or Settings)',
    );
  }
  const allowed = rolesAllowed(from, to);
  if (!allowed.includes(profile.role)) {
    throw new WorkflowError(
      'not_allowed',
      `a ${profile.role} may not move minutes from "${from}" to "${to}"; who may: ${allowed.join(', ')}`,
      { role: profile.role, from, to },
    );
  }
}

/** What a snapshot of the minutes leaves out: revisions, and what follow-up may change after approval. */
const SNAPSHOT_VOLATILE = ['rev', 'conflicts', 'status', 'due', 'overdue', 'progress', 'delivered', 'totals', 'approval'];

/** The minutes as approved (the backend's `strip`): the record without its volatile keys, at any depth. */
export function snapshotOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snapshotOf);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).filter(([k]) => !SNAPSHOT_VOLATILE.includes(k)).map(([k, v]) => [k, snapshotOf(v)]),
    );
  }
  return value;
}

type JsonMap = Record<string, unknown>;

const isMap = (v: unknown): v is JsonMap => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Strings in the order of their UTF-8 bytes (Rust's `String` order), i.e. by code point. */
function byCodePoint(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i].codePointAt(0) ?? 0) - (y[i].codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/**
 * JSON with the keys of every object sorted and no spaces (mahdar-store's `canonical_json`): the
 * text whose SHA-256 is the minutes' fingerprint, the same whatever order the fields were set in.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isMap(value)) {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort(byCodePoint);
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Equality of JSON values (objects whatever the order of their keys). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

/** The `id` of a list item, when it is an object with a string id. */
const itemId = (v: unknown): string | null => (isMap(v) && typeof v.id === 'string' ? v.id : null);

/**
 * What differs between two snapshots of the minutes (the backend's `snapshot_changes`):
 * objects key by key (keys in order); lists whose items all have an `id` item by item, matched
 * by id (`statements[statement:…].text`; an item only on one side is one change with the whole
 * item, null on the other side), then `path (order)` with the ids in both, when their order
 * changed; anything else as a whole value. `undefined` stands for a key that is absent.
 */
export function snapshotChanges(before: unknown, after: unknown): Change[] {
  const out: Change[] = [];
  diff(before, after, '', out);
  return out;
}

function diff(a: unknown, b: unknown, path: string, out: Change[]): void {
  if (a === undefined && b === undefined) return;
  if (a !== undefined && b !== undefined && jsonEqual(a, b)) return;
  const join = (k: string) => (path === '' ? k : `${path}.${k}`);
  if (isMap(a) && isMap(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(byCodePoint);
    for (const k of keys) diff(Object.hasOwn(a, k) ? a[k] : undefined, Object.hasOwn(b, k) ? b[k] : undefined, join(k), out);
    return;
  }
  const keyed = (v: unknown[]) => v.every((i) => itemId(i) !== null);
  if (Array.isArray(a) && Array.isArray(b) && keyed(a) && keyed(b)) {
    const id = (v: unknown) => itemId(v) as string;
    // As a map from id: a repeated id keeps its last item.
    const bx = new Map(a.map((v) => [id(v), v]));
    const by = new Map(b.map((v) => [id(v), v]));
    for (const item of a) diff(item, by.get(id(item)), `${path}[${id(item)}]`, out);
    for (const item of b.filter((i) => !bx.has(id(i)))) diff(undefined, item, `${path}[${id(item)}]`, out);
    const order = (items: unknown[]) => items.map(id).filter((i) => bx.has(i) && by.has(i));
    const [ox, oy] = [order(a), order(b)];
    if (ox.length !== oy.length || ox.some((x, i) => x !== oy[i])) out.push({ path: `${path} (order)`, before: ox, after: oy });
    return;
  }
  out.push({ path: path === '' ? '(minutes)' : path, before: a ?? null, after: b ?? null });
}

/** The longest user name, in characters (MAX_USER_NAME). */
export const MAX_USER_NAME = 120;

/** A profile refused: which field, and why (the backend's `invalid_input`). */
export class ProfileError extends Error {
  constructor(
    readonly field: 'name' | 'role',
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** The profile as the backend stores it: spaces collapsed; empty, too long or control characters refused. */
export function validProfile(raw: unknown): UserProfile {
  const p = (raw ?? {}) as Partial<UserProfile>;
  const name = (typeof p.name === 'string' ? p.name : '').split(/\s+/).filter(Boolean).join(' ');
  if (name === '') throw new ProfileError('name', 'a name is needed');
  if ([...name].length > MAX_USER_NAME) throw new ProfileError('name', `at most ${MAX_USER_NAME} characters`);
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) throw new ProfileError('name', 'control characters are not allowed');
  if (!USER_ROLES.includes(p.role as UserRole)) throw new ProfileError('role', 'one of: secretary, reviewer, approver');
  return { name, role: p.role as UserRole };
}

// ----- reminders of due dates (Settings) -----

/** The fewest and most days ahead a reminder looks for due actions. */
export const REMINDER_DAYS_MIN = 1;
export const REMINDER_DAYS_MAX = 90;
/** The reminders until Settings change them: on, a week ahead. */
export const DEFAULT_REMINDERS: ReminderSettings = { enabled: true, days: 7 };

/** Reminder settings refused: which field, and why, in the backend's words (its `invalid_input`). */
export class ReminderError extends Error {
  constructor(
    readonly field: 'reminders' | 'reminders.enabled' | 'reminders.days',
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/**
 * The reminder settings as the backend stores them (`ReminderSettings::validated`): missing ones
 * are the defaults (older settings have none), and so is a field left out; a day count that is
 * not a whole number from 1 to 90 is refused, and so is an `enabled` that is not true or false.
 */
export function validReminders(raw: unknown): ReminderSettings {
  if (raw === undefined || raw === null) return { ...DEFAULT_REMINDERS };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ReminderError('reminders', 'must be an object with enabled and days');
  const r = raw as Partial<Record<keyof ReminderSettings, unknown>>;
  // A field left out is the default's (serde's `default`); one given must be right, null included.
  const enabled = r.enabled === undefined ? DEFAULT_REMINDERS.enabled : r.enabled;
  if (typeof enabled !== 'boolean') throw new ReminderError('reminders.enabled', 'must be true or false');
  const days = r.days === undefined ? DEFAULT_REMINDERS.days : r.days;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < REMINDER_DAYS_MIN || days > REMINDER_DAYS_MAX) {
    throw new ReminderError('reminders.days', `a reminder comes ${REMINDER_DAYS_MIN} to ${REMINDER_DAYS_MAX} days before the due date`);
  }
  return { enabled, days };
}

/** SHA-256 of a text's UTF-8 bytes, as 64 lower-case hexadecimal digits. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Protocol order, highest first. */
export const PRECEDENCE_ORDER: Precedence[] = [
  'minister', 'wali', 'governor', 'regional_council_president', 'elected_representative',
  'official', 'civil_society', 'other',
];

// ----- the sync server's address (as mahdar-sync's Remote::new) -----

/** Why an address is refused, in the backend's words. */
export class SyncUrlError extends Error {}

/**
 * Checks a sync address as the backend does before sending anything: an http(s) URL with a
 * server name and a database path. Returns the address as shown in messages (password hidden).
 */
export function checkSyncUrl(url: string): string {
  const given = url.trim();
  const bad = (shown: string, reason: string): never => {
    throw new SyncUrlError(`invalid server address ${JSON.stringify(shown)}: ${reason}`);
  };
  if (!/^[a-z][a-z0-9+.-]*:/i.test(given)) bad(given, 'relative URL without a base');
  let parsed: URL;
  try {
    parsed = new URL(given);
  } catch {
    return bad(given, 'invalid URL');
  }
  if (parsed.password) parsed.password = '***';
  const shown = parsed.toString().replace(/\/+$/, '');
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') bad(shown, 'only http:// and https:// addresses are supported');
  if (!parsed.hostname) bad(shown, 'no server name');
  if (parsed.pathname.replace(/\/+$/, '') === '') bad(shown, 'the address must name a database, e.g. http://host:5984/mahdar');
  return shown;
}

// ----- matters arising (as Mahdar::matters_arising) -----

/** What matters arising need to know of a meeting. */
export type MeetingPlace = { id: string } & Pick<Meeting, 'series' | 'region' | 'date'>;

/**
 * The meetings whose open actions are matters arising for `current`: the other meetings of its
 * series or of its region that came earlier, by date when both are dated, else by creation (the
 * time-ordered id). None when the meeting has neither series nor region.
 */
export function earlierRelated(current: MeetingPlace, meetings: readonly MeetingPlace[]): Set<string> {
  const out = new Set<string>();
  if (current.series === null && current.region === null) return out;
  for (const m of meetings) {
    if (m.id === current.id) continue;
    const related = (current.series !== null && m.series === current.series) || (current.region !== null && m.region === current.region);
    const before = m.date !== null && current.date !== null ? m.date < current.date : m.id < current.id;
    if (related && before) out.add(m.id);
  }
  return out;
}
