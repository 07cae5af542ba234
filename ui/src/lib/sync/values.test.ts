import { describe, expect, it } from 'vitest';
import type { Conflict } from '../ipc/types';
import {
  WHOLE_DOCUMENT, differingFields, displayFields, displayValue, editorKind, editorText, getPath, mergedBody,
  markChanges, parseEditor, setPath, winnerOf,
} from './values';

describe('dotted paths', () => {
  const body = { text: 'نص', names: { ar: 'زيد', fr: 'Zaid' }, tags: ['a'], n: 0 };

  it('reads top-level and nested values, missing as undefined', () => {
    expect(getPath(body, 'text')).toBe('نص');
    expect(getPath(body, 'names.ar')).toBe('زيد');
    expect(getPath(body, 'n')).toBe(0);
    expect(getPath(body, 'names.en')).toBeUndefined();
    expect(getPath(body, 'text.length')).toBeUndefined();
    expect(getPath(body, 'tags.0')).toBeUndefined();
    expect(getPath(null, 'text')).toBeUndefined();
    expect(getPath(body, WHOLE_DOCUMENT)).toBe(body);
  });

  it('sets a nested value without touching the original', () => {
    const out = setPath(body, 'names.ar', 'عمرو');
    expect(out).toEqual({ ...body, names: { ar: 'عمرو', fr: 'Zaid' } });
    expect(body.names.ar).toBe('زيد');
    expect(out.tags).toBe(body.tags);
  });

  it('makes the missing objects on the way, and replaces a non-object in the way', () => {
    expect(setPath({}, 'a.b.c', 1)).toEqual({ a: { b: { c: 1 } } });
    expect(setPath({ a: 'x' }, 'a.b', 2)).toEqual({ a: { b: 2 } });
  });

  it('removes a field set to undefined', () => {
    expect(setPath(body, 'names.fr', undefined)).toEqual({ ...body, names: { ar: 'زيد' } });
    expect(setPath({ a: 1, b: 2 }, 'b', undefined)).toEqual({ a: 1 });
  });

  it('replaces the whole document only with an object', () => {
    expect(setPath(body, WHOLE_DOCUMENT, { x: 1 })).toEqual({ x: 1 });
    expect(setPath(body, WHOLE_DOCUMENT, 'nope')).toEqual(body);
  });
});

describe('differing fields', () => {
  it('compares objects field by field and arrays whole, sorted, as the backend', () => {
    const a = { text: 'a', names: { ar: 'x', fr: 'y' }, list: [1, 2], same: { k: [1] } };
    const b = { text: 'b', names: { ar: 'x', fr: 'z' }, list: [1, 3], same: { k: [1] }, extra: null };
    expect(differingFields(a, b)).toEqual(['extra', 'list', 'names.fr', 'text']);
    expect(differingFields(a, a)).toEqual([]);
    expect(differingFields('x', { a: 1 })).toEqual([WHOLE_DOCUMENT]);
  });
});

function conflict(over: Partial<Conflict>): Conflict {
  return {
    id: 'statement:1',
    kind: 'edit',
    versions: [],
    fields: [],
    base: null,
    title: 'title',
    meeting: null,
    ...over,
  };
}

describe('the rows shown', () => {
  it('are the fields the backend names', () => {
    expect(displayFields(conflict({ fields: ['text'] }))).toEqual(['text']);
  });

  it('for an edit against a deletion, are what the edit changed from the common ancestor', () => {
    const c = conflict({
      kind: 'edit_delete',
      base: { title: 't', due: null, amount: { centimes: 1, currency: 'MAD' } },
      versions: [
        { rev: '2-a', deleted: false, winner: true, body: { title: 't', due: '2027-06-30', amount: { centimes: 2, currency: 'MAD' } } },
        { rev: '2-b', deleted: true, winner: false, body: null },
      ],
    });
    expect(displayFields(c)).toEqual(['amount.centimes', 'due']);
  });

  it('without an ancestor, are every field of the edited version but its type', () => {
    const c = conflict({
      kind: 'edit_delete',
      versions: [
        { rev: '2-a', deleted: false, winner: true, body: { type: 'action', title: 't', due: null } },
        { rev: '2-b', deleted: true, winner: false, body: null },
      ],
    });
    expect(displayFields(c)).toEqual(['due', 'title']);
  });

  it('the winner is the version marked so, else the first', () => {
    const v = (rev: string, winner: boolean) => ({ rev, deleted: false, winner, body: {} });
    expect(winnerOf(conflict({ versions: [v('1', false), v('2', true)] }))?.rev).toBe('2');
    expect(winnerOf(conflict({ versions: [v('1', false), v('2', false)] }))?.rev).toBe('1');
    expect(winnerOf(conflict({ versions: [] }))).toBeNull();
  });
});

describe('values as plain text', () => {
  it('shows strings as they are, missing and null as a dash, the rest as compact JSON', () => {
    expect(displayValue('قال <b>نعم</b>')).toEqual({ text: 'قال <b>نعم</b>', json: false });
    expect(displayValue('')).toEqual({ text: '', json: false });
    expect(displayValue(undefined)).toEqual({ text: '—', json: false });
    expect(displayValue(null)).toEqual({ text: '—', json: false });
    expect(displayValue(12)).toEqual({ text: '12', json: true });
    expect(displayValue(false)).toEqual({ text: 'false', json: true });
    expect(displayValue(['ar', 'fr'])).toEqual({ text: '["ar","fr"]', json: true });
    expect(displayValue({ centimes: 400000000, currency: 'MAD' })).toEqual({ text: '{"centimes":400000000,"currency":"MAD"}', json: true });
  });
});

describe('the editor', () => {
  it('edits strings as text and anything else as JSON', () => {
    expect(editorKind('x')).toBe('text');
    expect(editorKind(null)).toBe('json');
    expect(editorKind(undefined)).toBe('json');
    expect(editorKind({ a: 1 })).toBe('json');
    expect(editorText('نص')).toBe('نص');
    expect(editorText({ a: [1] })).toBe('{"a":[1]}');
    expect(editorText(null)).toBe('null');
    expect(editorText(undefined)).toBe('');
  });

  it('reads what was typed, refusing what is not JSON', () => {
    expect(parseEditor('text', ' نص ')).toEqual({ ok: true, value: ' نص ' });
    expect(parseEditor('json', '{"centimes": 5, "currency": "MAD"}')).toEqual({ ok: true, value: { centimes: 5, currency: 'MAD' } });
    expect(parseEditor('json', 'null')).toEqual({ ok: true, value: null });
    expect(parseEditor('json', '  ')).toEqual({ ok: true, value: undefined });
    expect(parseEditor('json', '{centimes: 5}')).toEqual({ ok: false });
    expect(parseEditor('json', 'نص')).toEqual({ ok: false });
  });

  it('builds the merged body from the winner and the edited fields', () => {
    const winner = { meeting: 'meeting:1', text: 'أ', names: { ar: 'x', fr: 'y' }, due: null };
    const merged = mergedBody(winner, [
      { path: 'text', value: 'أ ب' },
      { path: 'names.fr', value: 'z' },
      { path: 'due', value: '2027-01-01' },
    ]);
    expect(merged).toEqual({ meeting: 'meeting:1', text: 'أ ب', names: { ar: 'x', fr: 'z' }, due: '2027-01-01' });
    expect(winner.text).toBe('أ');
    expect(winner.names.fr).toBe('y');
  });
});

describe('copies', () => {
  it('builds a merged body from a proxied winner (as a Svelte state is)', () => {
    const winner = new Proxy({ text: 'أ', n: { k: 1 } }, {});
    expect(mergedBody(winner, [{ path: 'n.k', value: 2 }])).toEqual({ text: 'أ', n: { k: 2 } });
    expect(setPath(winner, WHOLE_DOCUMENT, new Proxy({ x: 1 }, {}))).toEqual({ x: 1 });
  });
});

describe('changed words', () => {
  const marked = (segs: { text: string; changed: boolean }[]) => segs.filter((s) => s.changed).map((s) => s.text);
  const whole = (segs: { text: string }[]) => segs.map((s) => s.text).join('');

  it('marks the words the other version does not have, keeping the text whole', () => {
    const here = 'مع الفاعلين الترابيين حول بلورة رؤية في الاسرة';
    const there = 'مع الفاعلين الترابيين جول بلورة رؤية في الأسرة';
    const segs = markChanges(here, there);
    expect(whole(segs)).toBe(here);
    expect(marked(segs)).toEqual(['حول', 'الاسرة']);
    expect(marked(markChanges(there, here))).toEqual(['جول', 'الأسرة']);
  });

  it('joins neighbouring changed words into one mark, and marks added words', () => {
    expect(marked(markChanges('a x y b', 'a b'))).toEqual(['x y']);
    expect(marked(markChanges('a b c', 'a b'))).toEqual(['c']);
    expect(marked(markChanges('a b', 'a b'))).toEqual([]);
    expect(markChanges('', 'a')).toEqual([]);
  });

  it('gives up marking texts too long to compare quickly', () => {
    expect(markChanges('a b c', 'x y z', 4)).toEqual([{ text: 'a b c', changed: false }]);
  });
});
