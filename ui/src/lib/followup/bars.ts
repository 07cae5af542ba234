// The follow-up dashboard's arithmetic: sums per currency, bar lengths and the segments of the
// status breakdown. Pure functions (lengths in percent of the drawing), so tests are exact;
// `physicalX` turns a logical start into an SVG x, since SVG coordinates do not mirror in RTL.

import type { ActionStatus, ActionView, Money } from '../ipc/types';

/** The order of statuses in the breakdown: open ones first, as the follow-up reads them. */
export const STATUS_ORDER: ActionStatus[] = ['proposed', 'agreed', 'in_progress', 'blocked', 'done', 'cancelled'];

/** The centimes of one currency in a list of sums (0 if absent). */
export function centimesIn(list: readonly Money[], currency = 'MAD'): number {
  return list.filter((m) => m.currency === currency).reduce((sum, m) => sum + m.centimes, 0);
}

/** Several lists of sums merged into one sum per currency, currencies in alphabetical order. */
export function mergeMoney(lists: readonly (readonly Money[])[]): Money[] {
  const sums = new Map<string, number>();
  for (const list of lists) for (const m of list) sums.set(m.currency, (sums.get(m.currency) ?? 0) + m.centimes);
  return [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([currency, centimes]) => ({ centimes, currency }));
}

/**
 * The length of a bar, in percent of the longest (`max`): 0 for nothing, and at least 1 for
 * anything above nothing, so a small sum stays visible beside a large one.
 */
export function barLength(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.max(1, Math.min(100, (value / max) * 100));
}

export interface Segment {
  status: ActionStatus;
  count: number;
  /** Where the segment starts and how long it is, in percent of the whole bar (logical order). */
  start: number;
  length: number;
}

/** How many actions are in each status, in STATUS_ORDER, statuses with none left out. */
export function statusCounts(actions: readonly Pick<ActionView, 'status'>[]): [ActionStatus, number][] {
  return STATUS_ORDER.map((s): [ActionStatus, number] => [s, actions.filter((a) => a.status === s).length]).filter(([, n]) => n > 0);
}

/** The segments of the status breakdown bar, one after the other over 100%. */
export function statusSegments(counts: readonly [ActionStatus, number][]): Segment[] {
  const total = counts.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return [];
  let start = 0;
  return counts.map(([status, count]) => {
    const length = (count / total) * 100;
    const segment = { status, count, start, length };
    start += length;
    return segment;
  });
}

/** The SVG x of a span that starts at `start` (logical, in percent of `width`) in this direction. */
export function physicalX(start: number, length: number, rtl: boolean, width = 100): number {
  return rtl ? width - start - length : start;
}
