// How the review screen groups and names a report's proposals. Pure functions: the language is an
// argument where it matters, so tests are exact.

import type {
  Lang, MissingField, Problem, Proposal, ProposalItem, ProposalKind, ProposalStatus, ProposedParty, ReportView,
} from '../ipc/types';
import { LOCALES, isolate, translate, type MessageKey } from '../i18n/index.svelte';
import { sameName } from '../common/fold';

export type Group = 'meeting' | 'attendee' | 'statement' | 'action' | 'visit';

/** The groups, in the order the screen lists them, with their headings. */
export const GROUPS: { group: Group; heading: MessageKey; kinds: ProposalKind[] }[] = [
  { group: 'meeting', heading: 'report.group.meeting', kinds: ['region', 'prefecture', 'format', 'series', 'date', 'purpose'] },
  { group: 'attendee', heading: 'report.group.attendee', kinds: ['attendee'] },
  { group: 'statement', heading: 'report.group.statement', kinds: ['statement'] },
  { group: 'action', heading: 'report.group.action', kinds: ['action'] },
  { group: 'visit', heading: 'report.group.visit', kinds: ['visit'] },
];

/** What a proposal of the meeting's data is about, named. */
export const KIND_LABEL: Record<ProposalKind, MessageKey> = {
  region: 'field.region',
  prefecture: 'field.prefecture',
  format: 'field.format',
  series: 'field.series',
  date: 'field.date',
  purpose: 'report.kind.purpose',
  attendee: 'report.group.attendee',
  statement: 'report.group.statement',
  action: 'report.group.action',
  visit: 'report.group.visit',
};

export const STATUS_LABEL: Record<ProposalStatus, MessageKey> = {
  pending: 'report.status.pending',
  accepted: 'report.status.accepted',
  rejected: 'report.status.rejected',
};

/** Names in a sentence, as the language lists them ("أ وب وج", "A, B et C"). */
export function listOf(items: string[], lang: Lang): string {
  return new Intl.ListFormat(LOCALES[lang], { type: 'conjunction' }).format(items);
}

/** The proposals of a group, in the group's order of kinds, then by number. */
export function groupProposals(view: Pick<ReportView, 'proposals'>, group: Group): Proposal[] {
  const kinds = GROUPS.find((g) => g.group === group)?.kinds ?? [];
  return view.proposals
    .filter((p) => kinds.includes(p.kind))
    .sort((a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind) || a.no - b.no);
}

/**
 * The meeting's fields the report leaves missing: those no proposal (still standing) gives. The
 * report never gives a venue or a time, so those are always missing; nothing is guessed.
 */
export function missingFromReport(view: Pick<ReportView, 'proposals'>): MissingField[] {
  const given = (kind: ProposalKind) => view.proposals.some((p) => p.kind === kind && p.status !== 'rejected');
  const out: MissingField[] = [];
  if (!given('region')) out.push('region');
  if (!given('date')) out.push('date');
  out.push('start_time', 'venue');
  if (!given('format')) out.push('format');
  return out;
}

/** The item of a proposal: its kind and fields, without where it came from or where it stands. */
export function itemOf(p: Proposal): ProposalItem {
  const { no: _no, span: _span, also: _also, status: _status, edited: _edited, record: _record, ...item } = p;
  return structuredClone(item) as ProposalItem;
}

/** The attendee proposals' names, by number. */
export function attendeeNames(view: Pick<ReportView, 'proposals'>): Map<number, string> {
  const names = new Map<number, string>();
  for (const p of view.proposals) if (p.kind === 'attendee') names.set(p.no, p.name);
  return names;
}

/** A party of an action as written: an attendee's name (or its number, if unknown), an organisation's name. */
export function partyLabel(party: ProposedParty, names: Map<number, string>, unknown: (no: number) => string): string {
  if ('organisation' in party) return party.organisation;
  return names.get(party.attendee) ?? unknown(party.attendee);
}

/** The proposal with that number. */
export function proposalNo(view: Pick<ReportView, 'proposals'>, no: number): Proposal | undefined {
  return view.proposals.find((p) => p.no === no);
}

/** The proposals a proposal needs accepted before it (the backend's `refers_to`), in order. */
export function refersTo(p: ProposalItem): number[] {
  const party = (x: ProposedParty) => ('attendee' in x ? [x.attendee] : []);
  switch (p.kind) {
    case 'statement':
      return [p.speaker];
    case 'action':
      return [
        ...(p.owner ? party(p.owner) : []),
        ...p.partners.flatMap(party),
        ...(p.statement !== null ? [p.statement] : []),
        ...(p.visit !== null ? [p.visit] : []),
      ];
    case 'visit':
      return [...p.participants];
    default:
      return [];
  }
}

/**
 * The proposals `p` needs that are `wanted`: among those it refers to, directly or through the
 * pending ones it would accept first, in order of number.
 */
function needed(view: Pick<ReportView, 'proposals'>, p: Proposal, wanted: (dep: Proposal) => boolean): number[] {
  const found = new Set<number>();
  const seen = new Set<number>([p.no]);
  const walk = (q: Proposal) => {
    for (const no of refersTo(q)) {
      if (seen.has(no)) continue;
      seen.add(no);
      const dep = proposalNo(view, no);
      if (dep && wanted(dep)) found.add(no);
      else if (dep?.status === 'pending') walk(dep);
    }
  };
  walk(p);
  return [...found].sort((a, b) => a - b);
}

/**
 * The rejected proposals that stand in the way of accepting `p`: those it refers to, directly or
 * through the pending ones it would accept first (an action from a statement whose speaker was
 * rejected). Empty: nothing in the draft stops it.
 */
export function blockedBy(view: Pick<ReportView, 'proposals'>, p: Proposal): number[] {
  return needed(view, p, (dep) => dep.status === 'rejected');
}

/**
 * An attendee known only by a title: its name is its title, the same once folded (the report said
 * «الوزيرة», no name). The backend refuses to accept it until a person gives the name.
 */
export function unnamed(name: string, title: string | null): boolean {
  return title !== null && sameName(name, title);
}

/** Whether a proposal is a pending attendee known only by a title. */
export function isUnnamed(p: Proposal): boolean {
  return p.kind === 'attendee' && p.status === 'pending' && unnamed(p.name, p.title);
}

/**
 * The attendees known only by a title that `p` needs (a statement by «الوزيرة», an action from
 * it): `p` cannot be accepted until they are named. Empty: none.
 */
export function waitsForName(view: Pick<ReportView, 'proposals'>, p: Proposal): number[] {
  return needed(view, p, isUnnamed);
}

/** "المقترح 7 (عواطف حيار)" for an attendee, "المقترح 16" for anything else, in language `l`. */
export function namedProposal(view: Pick<ReportView, 'proposals'>, no: number, l: Lang): string {
  const q = proposalNo(view, no);
  return q?.kind === 'attendee' ? translate(l, 'report.proposalNamed', { no, name: isolate(q.name) }) : translate(l, 'report.proposal', { no });
}

/**
 * Whether what "accept all" said of a proposal still holds: it is pending, and the rejected
 * proposal or the missing name it needed is still so (a reason the draft cannot check, a rank
 * taken, holds while the proposal is pending).
 */
export function problemStands(view: Pick<ReportView, 'proposals'>, x: Problem): boolean {
  const p = proposalNo(view, x.no);
  if (p?.status !== 'pending') return false;
  switch (x.reason) {
    case 'needs_rejected':
      return blockedBy(view, p).length > 0;
    case 'unnamed':
      return p.kind === 'attendee' ? isUnnamed(p) : waitsForName(view, p).length > 0;
    default:
      return true;
  }
}

/**
 * Why "accept all" left a proposal pending, in language `l`, from the backend's reason code;
 * null when only the backend's own words say (`other`, or a reason the draft no longer shows).
 */
export function problemText(view: Pick<ReportView, 'proposals'>, x: Problem, l: Lang): string | null {
  const p = proposalNo(view, x.no);
  const list = (nos: number[]) => listOf(nos.map((no) => namedProposal(view, no, l)), l);
  switch (x.reason) {
    case 'rank_taken':
      return translate(l, 'report.problem.rankTaken');
    case 'unnamed': {
      if (!p || p.kind === 'attendee') return translate(l, 'report.problem.unnamed');
      const waiting = waitsForName(view, p);
      return waiting.length > 0 ? translate(l, 'report.problem.needsName', { list: list(waiting) }) : null;
    }
    case 'needs_rejected': {
      const blockers = p ? blockedBy(view, p) : [];
      return blockers.length > 0 ? translate(l, 'report.problem.needs', { list: list(blockers) }) : null;
    }
    default:
      return null;
  }
}

/** The next pending proposal after `no` in the screen's order (groups, then within them), wrapping around. */
export function nextPending(view: Pick<ReportView, 'proposals'>, no: number): number | null {
  const order = GROUPS.flatMap((g) => groupProposals(view, g.group));
  const at = order.findIndex((p) => p.no === no);
  for (let i = 1; i <= order.length; i++) {
    const p = order[(at + i) % order.length];
    if (p.status === 'pending' && p.no !== no) return p.no;
  }
  return null;
}
