// The values of a conflicted document's versions, as the conflicts panel shows and edits them:
// reading and setting fields by dotted path, the fields worth showing, a value as plain text,
// and the merged body built from what the person typed. Pure functions (values.test.ts).

import type { Conflict, ConflictVersion, JsonObject } from '../ipc/types';

/** The path the backend gives when the versions differ as a whole (not field by field). */
export const WHOLE_DOCUMENT = '(document)';

/** A deep copy of a JSON value (bodies are JSON; this also copies reactive proxies, which
 *  structuredClone refuses). */
function copyJson<V>(v: V): V {
  return JSON.parse(JSON.stringify(v)) as V;
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value at a dotted path ("names.ar"); `undefined` when missing. */
export function getPath(body: JsonObject | null, path: string): unknown {
  if (body === null) return undefined;
  if (path === WHOLE_DOCUMENT) return body;
  let at: unknown = body;
  for (const key of path.split('.')) {
    if (!isObject(at) || !Object.hasOwn(at, key)) return undefined;
    at = at[key];
  }
  return at;
}

/**
 * A copy of `body` with the value at a dotted path set (`undefined` removes it). Objects on the
 * way are copied, missing ones made; `body` itself is never changed.
 */
export function setPath(body: JsonObject, path: string, value: unknown): JsonObject {
  if (path === WHOLE_DOCUMENT) return copyJson(isObject(value) ? value : body);
  const [key, ...rest] = path.split('.');
  const copy: JsonObject = { ...body };
  if (rest.length === 0) {
    if (value === undefined) delete copy[key];
    else copy[key] = value;
    return copy;
  }
  const inner = isObject(body[key]) ? (body[key] as JsonObject) : {};
  copy[key] = setPath(inner, rest.join('.'), value);
  return copy;
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && equal(a[k], b[k]));
  }
  return false;
}

/**
 * The dotted paths where two bodies differ, as the backend computes them: objects field by
 * field, arrays and other values whole; sorted.
 */
export function differingFields(a: unknown, b: unknown, path = ''): string[] {
  if (equal(a, b)) return [];
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => differingFields(a[k], b[k], path === '' ? k : `${path}.${k}`));
  }
  return [path === '' ? WHOLE_DOCUMENT : path];
}

/**
 * The rows of the side-by-side table: the fields the backend says differ; when it names none
 * (an edit against a deletion), what the edit changed from the common ancestor; failing that,
 * every field of the edited version.
 */
export function displayFields(c: Conflict): string[] {
  if (c.fields.length > 0) return c.fields;
  const live = c.versions.filter((v): v is ConflictVersion & { body: JsonObject } => !v.deleted && v.body !== null);
  const found = new Set<string>();
  if (c.base) for (const v of live) for (const f of differingFields(c.base, v.body)) found.add(f);
  if (found.size === 0) for (const v of live) for (const k of Object.keys(v.body)) if (k !== 'type') found.add(k);
  return found.size > 0 ? [...found].sort() : [WHOLE_DOCUMENT];
}

/** The version the app shows now (the backend puts it first). */
export function winnerOf(c: Conflict): ConflictVersion | null {
  return c.versions.find((v) => v.winner) ?? c.versions[0] ?? null;
}

/** A value as plain text: strings as they are, missing or null as `none`, anything else compact JSON. */
export function displayValue(v: unknown, none = '—'): { text: string; json: boolean } {
  if (v === undefined || v === null) return { text: none, json: false };
  if (typeof v === 'string') return { text: v, json: false };
  return { text: JSON.stringify(v), json: true };
}

/** How a field is edited: text in a text area, anything else as JSON. */
export type EditorKind = 'text' | 'json';

export function editorKind(v: unknown): EditorKind {
  return typeof v === 'string' ? 'text' : 'json';
}

/** What goes in the editor's box at first. */
export function editorText(v: unknown): string {
  if (typeof v === 'string') return v;
  return v === undefined ? '' : JSON.stringify(v);
}

/** The value typed in an editor box: `ok: false` when a JSON box does not hold JSON. An
 *  empty JSON box means the field is left out. */
export function parseEditor(kind: EditorKind, text: string): { ok: true; value: unknown } | { ok: false } {
  if (kind === 'text') return { ok: true, value: text };
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The merged body: the winner's, with the edited fields set (dotted paths set nested values). */
export function mergedBody(winner: JsonObject, edits: { path: string; value: unknown }[]): JsonObject {
  let body = copyJson(winner);
  for (const e of edits) body = setPath(body, e.path, e.value);
  return body;
}

/** A piece of a text, marked when the other version does not have it. */
export interface Segment { text: string; changed: boolean }

/**
 * `text` in pieces, its words that are not in `other` marked (those outside a longest common
 * sequence of words), so that a word changed in a long paragraph shows. Whole words only, so
 * Arabic letters stay joined; texts too long to compare quickly come back unmarked.
 */
export function markChanges(text: string, other: string, maxCells = 4_000_000): Segment[] {
  const a = text.split(/(\s+)/).filter((s) => s !== '');
  const b = other.split(/(\s+)/).filter((s) => s !== '');
  if (a.length * b.length > maxCells) return [{ text, changed: false }];
  const n = a.length;
  const m = b.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const flags: boolean[] = [];
  for (let i = 0, j = 0; i < n; ) {
    if (j < m && a[i] === b[j]) {
      flags.push(false);
      i++;
      j++;
    } else if (j < m && lcs[i][j + 1] > lcs[i + 1][j]) {
      j++;
    } else {
      flags.push(true);
      i++;
    }
  }
  // Spaces are never a change of their own; between two changed words they join the mark.
  const blank = (i: number) => /^\s+$/.test(a[i]);
  for (let i = 0; i < n; i++) if (blank(i)) flags[i] = i > 0 && i < n - 1 && flags[i - 1] && flags[i + 1] && !blank(i - 1);
  const out: Segment[] = [];
  for (let i = 0; i < n; i++) {
    const last = out.at(-1);
    if (last && last.changed === flags[i]) last.text += a[i];
    else out.push({ text: a[i], changed: flags[i] });
  }
  return out;
}
