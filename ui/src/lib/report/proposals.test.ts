import { describe, expect, it } from 'vitest';
import type { Proposal, ReportView } from '../ipc/types';
import seedDraft from '../ipc/seed-report-draft.json';
import { GROUPS, blockedBy, groupProposals, missingFromReport, nextPending, refersTo } from './proposals';

const seed = seedDraft as unknown as ReportView;
const withStatus = (changes: Record<number, Proposal['status']>): ReportView => ({
  ...seed,
  proposals: seed.proposals.map((p) => ({ ...p, status: changes[p.no] ?? p.status })),
});
const of = (view: ReportView, kind: Proposal['kind'], nth = 0) => view.proposals.filter((p) => p.kind === kind)[nth];

describe("the review screen's grouping of proposals", () => {
  it('lists the meeting data first, then attendees, statements, actions, visits; every proposal once', () => {
    const listed = GROUPS.flatMap((g) => groupProposals(seed, g.group));
    expect(listed.map((p) => p.no).sort((a, b) => a - b)).toEqual(seed.proposals.map((p) => p.no));
    expect(groupProposals(seed, 'meeting').map((p) => p.kind).filter((k, i, all) => all.indexOf(k) === i))
      .toEqual(['region', 'prefecture', 'format', 'series', 'purpose']);
  });

  it('names as missing what the report does not give, and never a venue or a time', () => {
    expect(missingFromReport(seed)).toEqual(['date', 'start_time', 'venue']);
    const region = of(seed, 'region');
    expect(missingFromReport(withStatus({ [region.no]: 'rejected' })), 'a rejected region is missing again').toContain('region');
  });

  it('knows what a proposal needs, and which rejected proposal stops it, through pending ones', () => {
    const visitAction = seed.proposals.find((p) => p.kind === 'action' && p.visit !== null) as Extract<Proposal, { kind: 'action' }>;
    const owner = visitAction.owner && 'attendee' in visitAction.owner ? [visitAction.owner.attendee] : [];
    expect(refersTo(visitAction), 'its owner, then the visit it came from').toEqual([...owner, visitAction.visit]);
    const statement = of(seed, 'statement', 3) as Extract<Proposal, { kind: 'statement' }>;
    const fromIt = seed.proposals.find((p) => p.kind === 'action' && p.statement === statement.no) as Proposal;
    const view = withStatus({ [statement.speaker]: 'rejected' });
    expect(blockedBy(view, statement)).toEqual([statement.speaker]);
    expect(blockedBy(view, fromIt), 'through the statement it would accept first').toEqual([statement.speaker]);
    expect(blockedBy(seed, fromIt)).toEqual([]);
  });

  it('goes to the next pending proposal in the order shown, round to the start', () => {
    const order = GROUPS.flatMap((g) => groupProposals(seed, g.group)).map((p) => p.no);
    expect(nextPending(seed, order[0])).toBe(order[1]);
    expect(nextPending(seed, order.at(-1) as number)).toBe(order[0]);
    expect(nextPending(withStatus(Object.fromEntries(order.map((n) => [n, 'accepted']))), order[0])).toBeNull();
  });
});
