// A report's text cut at the edges of its proposals' spans, for highlighting. Spans count Unicode
// code points (as the backend's `Span` does), not the UTF-16 units JavaScript strings index by:
// an emoji or any character outside the Basic Multilingual Plane before a span would shift it by
// one unit each. So the text is split into code points first, and sliced only as such.

import type { Span } from '../ipc/types';

/** What the highlighting needs of a proposal. */
export interface Marked {
  no: number;
  span: Span;
  also: Span[];
}

/** A stretch of the text that the same proposals cover. */
export interface Segment {
  text: string;
  /** In code points, `end` exclusive. */
  start: number;
  end: number;
  /** The proposals covering it, the innermost (shortest span) first; empty for plain text. */
  nos: number[];
  /**
   * The proposals whose number is shown before this segment: those whose own span (not an
   * `also`) starts here, or starts inside the word that starts here (a number inside a word
   * would cut the joining of its Arabic letters: "ف|نوه").
   */
  starts: number[];
}

const LETTER = /[\p{L}\p{M}\p{N}]/u;

/** Where the word holding code point `at` starts (`at` itself when it begins one). */
function wordStart(chars: readonly string[], at: number): number {
  let i = at;
  while (i > 0 && LETTER.test(chars[i - 1]) && LETTER.test(chars[i] ?? '')) i--;
  return i;
}

/** The text of a span (empty outside the text), counted in code points. */
export function spanText(source: string, span: Span): string {
  return Array.from(source).slice(Math.max(0, span.start), Math.max(0, span.end)).join('');
}

/**
 * Cuts `source` into segments at every edge of the proposals' spans (nested and overlapping ones
 * included), each segment knowing which proposals cover it. Spans outside the text are clamped;
 * empty ones are left out. Joined back, the segments' texts are `source`.
 */
export function segments(source: string, marked: readonly Marked[]): Segment[] {
  const chars = Array.from(source);
  const n = chars.length;
  const ranges: { no: number; start: number; end: number; own: boolean; badge: number }[] = [];
  for (const p of marked) {
    const add = (s: Span, own: boolean) => {
      const start = Math.min(Math.max(0, Math.trunc(s.start)), n);
      const end = Math.min(Math.max(0, Math.trunc(s.end)), n);
      if (end > start) ranges.push({ no: p.no, start, end, own, badge: wordStart(chars, start) });
    };
    add(p.span, true);
    for (const s of p.also ?? []) add(s, false);
  }
  const badges = ranges.filter((r) => r.own).map((r) => r.badge);
  const edges = [...new Set([0, n, ...ranges.flatMap((r) => [r.start, r.end]), ...badges])].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const start = edges[i];
    const end = edges[i + 1];
    const covering = ranges
      .filter((r) => r.start <= start && r.end >= end)
      .sort((a, b) => a.end - a.start - (b.end - b.start) || a.no - b.no);
    const nos = [...new Set(covering.map((r) => r.no))];
    const starts = [...new Set(ranges.filter((r) => r.own && r.badge === start).map((r) => r.no))].sort((a, b) => a - b);
    out.push({ text: chars.slice(start, end).join(''), start, end, nos, starts });
  }
  return out;
}
