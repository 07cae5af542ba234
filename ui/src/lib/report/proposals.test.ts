import { describe, expect, it } from 'vitest';
import type { Lang, Problem, Proposal, ReportView } from '../ipc/types';
import seedDraft from '../ipc/seed-report-draft.json';
import {
  GROUPS, blockedBy, groupProposals, isUnnamed, missingFromReport, nextPending, problemStands, problemText, refersTo, unnamed,
  waitsForName,
} from './proposals';

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

/** The mock's draft of «وقالت الوزيرة إن …»: attendee 1 known only by her title, statement 2 by her. */
const nameless: ReportView = {
  ...seed,
  proposals: [
    {
      no: 1, span: { start: 6, end: 13 }, also: [], status: 'pending', edited: false, record: null,
      kind: 'attendee', name: 'الوزيرة', aliases: [], title: 'الوزيرة', person_kind: 'individual',
      precedence: 'minister', roles: ['speaker'], organisation: null, matched: null,
    },
    {
      no: 2, span: { start: 0, end: 51 }, also: [], status: 'pending', edited: false, record: null,
      kind: 'statement', speaker: 1, statement_kind: 'intervention', channel: null, speaking_as: null, text: 'قالت إن …',
    },
    {
      no: 3, span: { start: 0, end: 51 }, also: [], status: 'pending', edited: false, record: null,
      kind: 'action', title: 'شراكة', description: null, owner: null, partners: [], amount: null, beneficiaries: null,
      action_status: 'proposed', statement: 2, visit: null,
    },
  ],
};
const problem = (no: number, reason: Problem['reason'], message = 'raw message'): Problem => ({ no, reason, message });
const LANGS: Lang[] = ['ar', 'fr', 'en'];

describe('attendees known only by a title', () => {
  it('are those whose name is their title once folded (hamza, ta marbuta, diacritics, the article)', () => {
    expect(unnamed('الوزيرة', 'الوزيرة')).toBe(true);
    expect(unnamed('الوزيره', 'الوزيرة'), 'ta marbuta').toBe(true);
    expect(unnamed('الوَزيرةُ', 'الوزيرة'), 'diacritics').toBe(true);
    expect(unnamed('وزيرة', 'الوزيرة'), 'the article').toBe(true);
    expect(unnamed('الأمين العام', 'الامين العام'), 'hamza').toBe(true);
    expect(unnamed('عواطف حيار', 'الوزيرة')).toBe(false);
    expect(unnamed('الوزيرة', null), 'no title: the name is all there is').toBe(false);
    expect(unnamed('', ''), 'nothing is not a title').toBe(false);
  });

  it('hold up what needs them, directly or through a pending statement, until they are named or rejected', () => {
    const [attendee, statement, action] = nameless.proposals;
    expect(isUnnamed(attendee)).toBe(true);
    expect(isUnnamed(statement)).toBe(false);
    expect(waitsForName(nameless, statement)).toEqual([1]);
    expect(waitsForName(nameless, action), 'through the statement it came from').toEqual([1]);
    const named = { ...nameless, proposals: nameless.proposals.map((p) => (p.kind === 'attendee' ? { ...p, name: 'عواطف حيار' } : p)) };
    expect(waitsForName(named, statement)).toEqual([]);
    const rejected = { ...nameless, proposals: nameless.proposals.map((p) => (p.no === 1 ? { ...p, status: 'rejected' as const } : p)) };
    expect(waitsForName(rejected, statement), 'rejected: blocked, not waiting for a name').toEqual([]);
    expect(blockedBy(rejected, statement)).toEqual([1]);
  });
});

describe('what "accept all" could not accept, said in the person\'s language', () => {
  it('words every reason in Arabic, the raw message only for other reasons', () => {
    expect(problemText(nameless, problem(1, 'unnamed'), 'ar')).toBe('لم يذكر التقرير اسم هذا الشخص، بل صفته فقط؛ عدّل المقترح لإضافة الاسم');
    expect(problemText(nameless, problem(2, 'unnamed'), 'ar')).toBe('يعتمد على من لم يذكر التقرير اسمه: المقترح 1 (\u2068الوزيرة\u2069)؛ أضف الاسم إلى مقترحه أولا');
    const series = of(seed, 'series');
    expect(problemText(seed, problem(series.no, 'rank_taken'), 'ar')).toBe('للسلسلة اجتماع آخر بهذه الرتبة؛ عدّل الرتبة أو ارفض المقترح');
    const statement = of(seed, 'statement') as Extract<Proposal, { kind: 'statement' }>;
    expect(problemText(withStatus({ [statement.speaker]: 'rejected' }), problem(statement.no, 'needs_rejected'), 'ar'))
      .toBe(`يعتمد على ما رُفض: المقترح ${statement.speaker} (\u2068عواطف حيار\u2069)`);
    expect(problemText(seed, problem(statement.no, 'other'), 'ar'), 'other: the message as the backend wrote it').toBeNull();
  });

  it('words them in French and English too', () => {
    const series = of(seed, 'series');
    expect(problemText(nameless, problem(1, 'unnamed'), 'fr')).toBe(
      'L’article ne donne pas le nom de cette personne, seulement sa fonction : modifiez la proposition pour ajouter le nom',
    );
    expect(problemText(nameless, problem(2, 'unnamed'), 'fr')).toContain('Dépend d’une personne dont l’article ne donne pas le nom : la proposition 1');
    expect(problemText(seed, problem(series.no, 'rank_taken'), 'fr')).toBe('La série a déjà une réunion de ce rang : modifiez le rang ou rejetez la proposition');
    expect(problemText(nameless, problem(1, 'unnamed'), 'en')).toBe(
      'The report gives only this person’s title, not their name: edit the proposal to add the name',
    );
    expect(problemText(nameless, problem(2, 'unnamed'), 'en')).toContain('Needs someone the report does not name: proposal 1');
    expect(problemText(seed, problem(series.no, 'rank_taken'), 'en')).toBe('The series already has a meeting of this rank: edit the rank or reject the proposal');
    for (const l of LANGS) {
      for (const reason of ['unnamed', 'rank_taken'] as const) {
        expect(problemText(nameless, problem(1, reason, 'proposal 1 names no one'), l), `${l} ${reason}`).not.toContain('names no one');
      }
    }
  });

  it('shows a problem while it holds: pending, and still waiting for the name or the rejected proposal', () => {
    expect(problemStands(nameless, problem(1, 'unnamed'))).toBe(true);
    expect(problemStands(nameless, problem(2, 'unnamed'))).toBe(true);
    // Named (accepted with the name): neither holds any more.
    const named = {
      ...nameless,
      proposals: nameless.proposals.map((p) => (p.kind === 'attendee' ? { ...p, name: 'عواطف حيار', status: 'accepted' as const } : p)),
    };
    expect(problemStands(named, problem(1, 'unnamed'))).toBe(false);
    expect(problemStands(named, problem(2, 'unnamed'))).toBe(false);
    const statement = of(seed, 'statement') as Extract<Proposal, { kind: 'statement' }>;
    expect(problemStands(withStatus({ [statement.speaker]: 'rejected' }), problem(statement.no, 'needs_rejected'))).toBe(true);
    expect(problemStands(seed, problem(statement.no, 'needs_rejected')), 'reopened since').toBe(false);
    expect(problemStands(seed, problem(of(seed, 'series').no, 'rank_taken')), 'the draft cannot tell: it holds while pending').toBe(true);
    expect(problemStands(withStatus({ [of(seed, 'series').no]: 'rejected' }), problem(of(seed, 'series').no, 'rank_taken'))).toBe(false);
  });
});
