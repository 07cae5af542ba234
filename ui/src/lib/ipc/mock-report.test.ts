// The mock backend's press reports, through its commands as the UI calls them: the seed
// report's draft, reviewing proposals one by one or all at once, and the records each writes in
// the meeting (what the meeting page then shows, as with the real backend).

import { describe, expect, it, vi } from 'vitest';
import type * as T from './types';
import { MockStore } from './mock';
import { UNNAMED_REPORT, guessLang, problemReason, seedProposals } from './mock-report';
import { itemOf } from '../report/proposals';
import { spanText } from '../report/spans';
import seedDraft from './seed-report-draft.json';

// No window here: the sync's status events go nowhere.
vi.mock('@tauri-apps/api/event', () => ({ emit: async () => {} }));

/** The seed report (seeds/000_55c442fd1a4eb5f5.txt), as the backend's draft of it holds it. */
const SEED_REPORT = seedDraft.source;

function refusal(run: () => unknown): T.AppError {
  try {
    run();
  } catch (e) {
    return e as T.AppError;
  }
  throw new Error('expected a refusal');
}

function imported(text = SEED_REPORT): { store: MockStore; view: T.ReportView } {
  const store = new MockStore();
  const view = store.handle('import_report', { text }) as T.ReportView;
  return { store, view };
}

const review = (store: MockStore, view: T.ReportView, no: number, decision: T.ReviewDecision, edit?: T.ProposalItem) =>
  store.handle('review_proposal', { meeting: view.meeting, no, decision, edit }) as T.ReportView;
const record = (store: MockStore, view: T.ReportView) => store.handle('meeting_record', { id: view.meeting }) as T.MeetingRecord;
const first = <K extends T.ProposalKind>(view: T.ReportView, kind: K, nth = 0) =>
  view.proposals.filter((p) => p.kind === kind)[nth] as Extract<T.Proposal, { kind: K }>;
const byNo = (view: T.ReportView, no: number) => view.proposals.find((p) => p.no === no) as T.Proposal;

describe('import_report in the mock backend', () => {
  it('makes a draft meeting from the seed report, every proposal pending and tied to its text', () => {
    const { store, view } = imported();
    expect(view.meeting).toMatch(/^meeting:/);
    expect(view.lang).toBe('ar');
    expect(view.source, 'the text exactly as pasted').toBe(SEED_REPORT);
    expect(view.proposals.map((p) => p.no), 'numbered from 1, in order').toEqual(view.proposals.map((_, i) => i + 1));
    expect(view.proposals.every((p) => p.status === 'pending' && p.record === null && !p.edited)).toBe(true);
    expect([view.pending, view.accepted, view.rejected]).toEqual([view.proposals.length, 0, 0]);
    const count = (k: T.ProposalKind) => view.proposals.filter((p) => p.kind === k).length;
    expect([count('attendee'), count('statement'), count('action'), count('visit'), count('purpose'), count('date')]).toEqual([6, 8, 3, 1, 2, 0]);
    expect(first(view, 'region', 0).region).toBe('fes-meknes');
    expect(first(view, 'series').rank).toBe(9);
    expect(first(view, 'series').launched_in).toBe('الداخلة');
    // Spans are code points of the source.
    const minister = view.proposals.find((p) => p.kind === 'attendee' && p.name === 'عواطف حيار') as T.Proposal;
    expect(spanText(view.source, minister.span)).toContain('عواطف حيار');
    const wali = view.proposals.find((p) => p.kind === 'attendee' && p.name === 'السعيد الزنيبر') as T.Proposal;
    expect(wali.also.map((s) => spanText(view.source, s)), "the name's later spelling").toContain('السعيد زنيبر');
    const m = record(store, view);
    expect(m.status, 'the meeting is a draft').toBe('draft');
    expect(m.attendance, 'nothing is written before it is accepted').toEqual([]);
    expect(m.missing).toEqual(expect.arrayContaining(['region', 'date', 'venue', 'format']));
    expect(store.handle('report_draft', { meeting: view.meeting })).toEqual(view);
  });

  it('finds the seed report in a text pasted with more around it, its spans moved with it', () => {
    const pasted = `🎉 تقرير وكالة المغرب العربي للأنباء\n\n${SEED_REPORT}\n`;
    const { view } = imported(pasted);
    expect(view.proposals.length).toBeGreaterThan(20);
    const plain = imported().view;
    for (const p of view.proposals) {
      expect(spanText(view.source, p.span), `proposal ${p.no}`).toBe(spanText(plain.source, byNo(plain, p.no).span));
    }
  });

  it('gives any other text a draft with no proposals, in its language', () => {
    const { store, view } = imported('Réunion régionale à Fès, en présence du wali.');
    expect(view.proposals).toEqual([]);
    expect(view.lang).toBe('fr');
    expect(record(store, view)).toMatchObject({ status: 'draft', languages: ['fr'] });
    expect(guessLang('اجتماع جهوي بفاس (Fès-Meknès)'), 'Arabic unless Latin letters clearly dominate').toBe('ar');
    expect(seedProposals('nothing like it')).toBeNull();
  });

  it('matches attendees already in the registry, by name or a known spelling', () => {
    const store = new MockStore();
    store.handle('load_demo', {});
    const view = store.handle('import_report', { text: SEED_REPORT }) as T.ReportView;
    const attendees = view.proposals.filter((p) => p.kind === 'attendee') as Extract<T.Proposal, { kind: 'attendee' }>[];
    expect(attendees.every((p) => p.matched?.startsWith('person:')), 'the six are in the example registry').toBe(true);
    const people = (store.handle('people', {}) as unknown[]).length;
    const after = store.handle('accept_all_proposals', { meeting: view.meeting }) as T.ReportView;
    expect((store.handle('people', {}) as unknown[]).length, 'no one duplicated').toBe(people);
    // The example meeting is already the 9th of the series: that one stays pending, said why.
    const series = first(view, 'series');
    expect(after.problems.map((x) => x.no)).toEqual([series.no]);
    expect(after.problems[0].message).toMatch(/already has a meeting ranked 9/);
    expect(after.problems[0].reason, 'as the backend codes it').toBe('rank_taken');
    expect([after.pending, after.accepted]).toEqual([1, view.proposals.length - 1]);
    expect(record(store, view).attendance).toHaveLength(6);
  });

  it('refuses an empty text and one over 100 000 characters, writing nothing', () => {
    const store = new MockStore();
    expect(refusal(() => store.handle('import_report', { text: '   \n ' }))).toMatchObject({ code: 'invalid_input', details: { field: 'report' } });
    const long = 'أ'.repeat(100_001);
    expect(refusal(() => store.handle('import_report', { text: long })).message).toContain('100001 characters');
    // 100 000 code points, more UTF-16 units: accepted.
    store.handle('import_report', { text: '😀'.repeat(100_000) });
    expect((store.handle('meetings', {}) as T.MeetingSummary[]).length, 'only the one accepted').toBe(1);
  });

  it('says null for a meeting not made from a report; reviewing one is not_found', () => {
    const store = new MockStore();
    const m = store.handle('create_meeting', { meeting: { status: 'draft', purpose: [], agenda: [] } }) as T.Stored<T.Meeting, T.MeetingId>;
    expect(store.handle('report_draft', { meeting: m.id })).toBeNull();
    expect(store.handle('report_draft', { meeting: 'meeting:nope' })).toBeNull();
    expect(refusal(() => store.handle('review_proposal', { meeting: m.id, no: 1, decision: 'accept' })).code).toBe('not_found');
    expect(refusal(() => store.handle('accept_all_proposals', { meeting: 'meeting:nope' })).code).toBe('not_found');
  });
});

describe('review_proposal in the mock backend', () => {
  it('accepting an attendee puts them on the attendance list, with a registry entry, and counts it', () => {
    const { store, view } = imported();
    const wali = view.proposals.find((p) => p.kind === 'attendee' && p.name === 'السعيد الزنيبر') as Extract<T.Proposal, { kind: 'attendee' }>;
    const after = review(store, view, wali.no, 'accept');
    const p = byNo(after, wali.no);
    expect(p.status).toBe('accepted');
    expect(p.record).toMatch(/^attendance:/);
    expect([after.pending, after.accepted, after.rejected]).toEqual([view.pending - 1, 1, 0]);
    const m = record(store, view);
    expect(m.attendance).toHaveLength(1);
    expect(m.attendance[0]).toMatchObject({ id: p.record, title: 'والي جهة فاس مكناس عامل عمالة فاس', roles: ['speaker'] });
    expect(m.attendance[0].person_record).toMatchObject({ name_ar: 'السعيد الزنيبر', aliases: ['السعيد زنيبر'], precedence: 'wali' });
  });

  it('accepting a statement accepts its pending speaker too', () => {
    const { store, view } = imported();
    const s = first(view, 'statement');
    const after = review(store, view, s.no, 'accept');
    expect(byNo(after, s.speaker).status, 'the speaker came with it').toBe('accepted');
    expect(byNo(after, s.no).record).toMatch(/^statement:/);
    expect(after.accepted).toBe(2);
    const m = record(store, view);
    expect(m.statements).toHaveLength(1);
    expect(m.statements[0]).toMatchObject({ speaker_name: 'عواطف حيار', text: s.text, kind: s.statement_kind });
  });

  it('refuses a statement whose speaker was rejected, and writes nothing', () => {
    const { store, view } = imported();
    const s = first(view, 'statement');
    review(store, view, s.speaker, 'reject');
    const e = refusal(() => review(store, view, s.no, 'accept'));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toMatch(new RegExp(`needs proposal ${s.speaker} \\(عواطف حيار\\), which was rejected; edit ${s.no} or reopen ${s.speaker}`));
    const now = store.handle('report_draft', { meeting: view.meeting }) as T.ReportView;
    expect(byNo(now, s.no).status).toBe('pending');
    expect(record(store, view).statements).toEqual([]);
    // Reopened, the speaker is accepted with the statement again.
    review(store, view, s.speaker, 'reopen');
    expect(byNo(review(store, view, s.no, 'accept'), s.speaker).status).toBe('accepted');
  });

  it('reopens rejected proposals; accepted ones stay accepted', () => {
    const { store, view } = imported();
    const purpose = first(view, 'purpose');
    expect(byNo(review(store, view, purpose.no, 'reopen'), purpose.no).status, 'a pending one stays pending').toBe('pending');
    expect(byNo(review(store, view, purpose.no, 'reject'), purpose.no).status).toBe('rejected');
    const reopened = review(store, view, purpose.no, 'reopen');
    expect(byNo(reopened, purpose.no).status).toBe('pending');
    expect([reopened.pending, reopened.rejected]).toEqual([view.pending, 0]);
    review(store, view, purpose.no, 'accept');
    expect(refusal(() => review(store, view, purpose.no, 'reopen')).message).toMatch(/already in the record; edit or delete it on the meeting page/);
    expect(refusal(() => review(store, view, purpose.no, 'reject')).message).toMatch(/meeting page/);
    expect(refusal(() => review(store, view, purpose.no, 'accept')).message).toMatch(/already accepted/);
    expect(record(store, view).purpose).toEqual([purpose.text]);
  });

  it('accepts with an edit: the fields replaced, marked edited; the kind must stay', () => {
    const { store, view } = imported();
    const action = first(view, 'action');
    const edit = { ...itemOf(action), title: 'شراكة من أجل التمكين الاقتصادي للنساء', amount: { centimes: 2_700_000_000, currency: 'MAD' } } as T.ProposalItem;
    expect(refusal(() => review(store, view, action.no, 'accept', { kind: 'purpose', text: 'x' })).message).toMatch(/an edit cannot make it a purpose/);
    expect(refusal(() => review(store, view, action.no, 'reject', edit)).message).toMatch(/goes with accepting/);
    const after = review(store, view, action.no, 'accept', edit);
    const p = byNo(after, action.no) as Extract<T.Proposal, { kind: 'action' }>;
    expect(p).toMatchObject({ status: 'accepted', edited: true, title: edit.kind === 'action' ? edit.title : '' });
    const m = record(store, view);
    expect(m.actions[0]).toMatchObject({ title: 'شراكة من أجل التمكين الاقتصادي للنساء', amount: { centimes: 2_700_000_000, currency: 'MAD' } });
    expect(m.actions[0].owner, "the owner named by the report, made an organisation").toMatch(/^org:/);
  });

  it('an edited statement may take another speaker, who is accepted with it', () => {
    const { store, view } = imported();
    const s = first(view, 'statement');
    const other = view.proposals.find((p) => p.kind === 'attendee' && p.no !== s.speaker) as T.Proposal;
    const after = review(store, view, s.no, 'accept', { ...itemOf(s), speaker: other.no } as T.ProposalItem);
    expect(byNo(after, other.no).status).toBe('accepted');
    expect(byNo(after, s.speaker).status, 'the first speaker stays pending').toBe('pending');
    const purpose = first(view, 'purpose');
    expect(refusal(() => review(store, view, first(view, 'statement', 1).no, 'accept', { ...itemOf(first(view, 'statement', 1)), speaker: purpose.no } as T.ProposalItem)).message).toMatch(/which is not a attendee of this draft/);
  });

  it('accepting the meeting data sets the region, prefecture, format, series and rank, and purposes', () => {
    const { store, view } = imported();
    for (const kind of ['region', 'prefecture', 'format', 'series', 'purpose'] as const) {
      review(store, view, first(view, kind).no, 'accept');
    }
    const m = record(store, view);
    expect(m).toMatchObject({ region: 'fes-meknes', prefecture: { kind: 'prefecture', name: 'فاس' }, format: 'hybrid', rank: 9 });
    expect(m.series_record).toMatchObject({ launched_in: 'الداخلة' });
    const after = store.handle('report_draft', { meeting: view.meeting }) as T.ReportView;
    expect(byNo(after, first(view, 'series').no).record).toBe(m.series);
    expect(m.missing, 'no date in the report: still missing').toContain('date');
  });

  it('a series rank already taken is refused, and nothing of the acceptance is kept', () => {
    const { store, view } = imported();
    review(store, view, first(view, 'series').no, 'accept');
    // The same report imported again: its meeting would be the 9th of the series too.
    const again = store.handle('import_report', { text: SEED_REPORT }) as T.ReportView;
    const seriesBefore = (store.handle('series_list', {}) as unknown[]).length;
    const e = refusal(() => review(store, again, first(again, 'series').no, 'accept'));
    expect(e.message).toMatch(/already has a meeting ranked 9/);
    expect((store.handle('series_list', {}) as unknown[]).length).toBe(seriesBefore);
    expect(byNo(store.handle('report_draft', { meeting: again.meeting }) as T.ReportView, first(again, 'series').no).status).toBe('pending');
  });
});

describe('accept_all_proposals in the mock backend', () => {
  it('accepts every pending proposal in order: the meeting has 6 attendees, 8 statements, 3 actions of 30 000 000 MAD, one visit', () => {
    const { store, view } = imported();
    const purpose = first(view, 'purpose', 1);
    review(store, view, purpose.no, 'reject');
    const after = store.handle('accept_all_proposals', { meeting: view.meeting }) as T.ReportView;
    expect([after.pending, after.accepted, after.rejected]).toEqual([0, view.proposals.length - 1, 1]);
    expect(after.proposals.filter((p) => p.status === 'accepted').every((p) => p.record !== null)).toBe(true);
    const m = record(store, view);
    expect(m.attendance).toHaveLength(6);
    expect(m.attendance.map((a) => a.person_record?.name_ar)[0], 'in protocol order').toBe('عواطف حيار');
    expect(m.statements).toHaveLength(8);
    expect(m.actions).toHaveLength(3);
    expect(m.totals.committed).toEqual([{ centimes: 3_000_000_000, currency: 'MAD' }]);
    expect(m.site_visits).toHaveLength(1);
    expect(m.purpose, 'the rejected purpose is not in the meeting').toHaveLength(1);
    // Each action points back to where it came from, the visit's action too (accepted before the visit).
    expect(m.actions.map((a) => a.source?.split(':')[0]).sort()).toEqual(['statement', 'statement', 'visit']);
    expect(m.site_visits[0].participants).toEqual([m.attendance[0].person]);
  });

  it('goes on past what it cannot accept: those stay pending, listed with the reason', () => {
    const { store, view } = imported();
    const minister = first(view, 'statement').speaker;
    review(store, view, minister, 'reject');
    const after = store.handle('accept_all_proposals', { meeting: view.meeting }) as T.ReportView;
    // Her statements, the actions from them or owned by her, the visit she made.
    const needsHer = view.proposals.filter((p) =>
      (p.kind === 'statement' && p.speaker === minister) || p.kind === 'action' || (p.kind === 'visit' && p.participants.includes(minister)));
    expect(after.problems.map((x) => x.no).sort((a, b) => a - b)).toEqual(needsHer.map((p) => p.no));
    expect(after.problems.every((x) => /which was rejected/.test(x.message))).toBe(true);
    expect(after.problems.every((x) => x.reason === 'needs_rejected')).toBe(true);
    expect([after.pending, after.rejected, after.accepted]).toEqual([needsHer.length, 1, view.proposals.length - needsHer.length - 1]);
    const m = record(store, view);
    expect(m.attendance).toHaveLength(5);
    expect(m.statements).toHaveLength(4);
    expect(m.actions).toEqual([]);
    expect((store.handle('report_draft', { meeting: view.meeting }) as T.ReportView).problems, 'said once, by accept_all').toEqual([]);
  });

  it('keeps what was accepted before a step that failed', () => {
    const { store, view } = imported();
    // The visit's action needs the visit, which needs the minister: reject nothing, but make the
    // action's own write fail (its title emptied by an edit).
    const action = first(view, 'action', 2);
    const e = refusal(() => review(store, view, action.no, 'accept', { ...itemOf(action), title: ' ' } as T.ProposalItem));
    expect(e.code).toBe('invalid_input');
    const now = store.handle('report_draft', { meeting: view.meeting }) as T.ReportView;
    expect(byNo(now, action.no)).toMatchObject({ status: 'pending', edited: false, title: action.title });
    expect(byNo(now, first(view, 'visit').no).status, 'the visit it needed is in').toBe('accepted');
    expect(record(store, view).site_visits).toHaveLength(1);
  });

  it('refuses on approved minutes (meeting_locked), as every change of them', () => {
    const { store, view } = imported();
    const { id, rev: _rev, ...m } = store.docs.get(view.meeting) as unknown as T.Stored<T.Meeting>;
    store.touch(id, { ...m, status: 'approved' });
    expect(refusal(() => store.handle('accept_all_proposals', { meeting: view.meeting })).code).toBe('meeting_locked');
  });
});

describe('someone the report names only by a title, in the mock backend', () => {
  const attendee = (view: T.ReportView) => first(view, 'attendee');
  const named = (view: T.ReportView, name: string): T.ProposalItem => ({ ...itemOf(attendee(view)), name, matched: null }) as T.ProposalItem;

  it('the report «وقالت الوزيرة إن …» gives an attendee whose name is her title, and her statement', () => {
    const { view } = imported(UNNAMED_REPORT);
    expect(view.lang).toBe('ar');
    expect(view.proposals.map((p) => p.kind)).toEqual(['attendee', 'statement']);
    expect(attendee(view)).toMatchObject({ no: 1, name: 'الوزيرة', title: 'الوزيرة', precedence: 'minister', matched: null });
    expect(spanText(view.source, attendee(view).span)).toBe('الوزيرة');
    expect(first(view, 'statement')).toMatchObject({ speaker: 1, text: 'قالت إن اللقاء مكن من الوقوف على الاكراهات.' });
    expect(imported(`\n${UNNAMED_REPORT}\n`).view.proposals, 'found wherever it sits in the text').toHaveLength(2);
  });

  it('is never matched with the registry at import', () => {
    const store = new MockStore();
    store.handle('load_demo', {});
    const view = store.handle('import_report', { text: UNNAMED_REPORT }) as T.ReportView;
    expect(attendee(view).matched).toBeNull();
  });

  it('cannot be accepted, nor her statement, until a name is given; nothing is written', () => {
    const { store, view } = imported(UNNAMED_REPORT);
    const e = refusal(() => review(store, view, 1, 'accept'));
    expect(e).toMatchObject({ code: 'invalid_input', details: { field: 'name' } });
    expect(e.message).toMatch(/proposal 1 names no one, only the title «الوزيرة»/);
    expect(problemReason(e)).toBe('unnamed');
    expect(refusal(() => review(store, view, 2, 'accept')).details).toEqual({ field: 'name' });
    // The title again, in another spelling, is still no name.
    expect(refusal(() => review(store, view, 1, 'accept', named(view, 'الوزيره'))).details).toEqual({ field: 'name' });
    expect(store.handle('people', {})).toEqual([]);
    expect(record(store, view).attendance).toEqual([]);
    const now = store.handle('report_draft', { meeting: view.meeting }) as T.ReportView;
    expect([now.pending, now.accepted]).toEqual([2, 0]);
  });

  it('accept all leaves her and her statement pending, with the reason unnamed; named, she goes in with it', () => {
    const { store, view } = imported(UNNAMED_REPORT);
    const after = store.handle('accept_all_proposals', { meeting: view.meeting }) as T.ReportView;
    expect(after.problems.map((x) => [x.no, x.reason])).toEqual([[1, 'unnamed'], [2, 'unnamed']]);
    expect(after.problems[0].message).toMatch(/names no one/);
    expect([after.pending, after.accepted]).toEqual([2, 0]);
    expect(store.handle('people', {}), 'not added to the registry under a title').toEqual([]);

    const accepted = review(store, view, 1, 'accept', named(view, 'عواطف حيار'));
    expect(byNo(accepted, 1)).toMatchObject({ status: 'accepted', edited: true, name: 'عواطف حيار', title: 'الوزيرة' });
    const done = store.handle('accept_all_proposals', { meeting: view.meeting }) as T.ReportView;
    expect([done.pending, done.problems]).toEqual([0, []]);
    const m = record(store, view);
    expect(m.attendance.map((a) => a.person_record?.name_ar)).toEqual(['عواطف حيار']);
    expect(m.statements.map((x) => x.speaker_name)).toEqual(['عواطف حيار']);
  });

  it('codes refusals as the backend does: a name, a rank, a rejected proposal, anything else', () => {
    const refused = (field: string, message = `${field}: no`): T.AppError => ({ code: 'invalid_input', message, details: { field } });
    expect(problemReason(refused('name'))).toBe('unnamed');
    expect(problemReason(refused('rank'))).toBe('rank_taken');
    expect(problemReason(refused('proposal', 'proposal: proposal 2 needs proposal 1, which was rejected; edit 2 or reopen 1'))).toBe('needs_rejected');
    expect(problemReason(refused('proposal', 'proposal: proposal 4 is not accepted'))).toBe('other');
    expect(problemReason(refused('title'))).toBe('other');
    expect(problemReason({ code: 'storage', message: 'disk full', details: null })).toBe('other');
    expect(problemReason(new Error('boom'))).toBe('other');
  });
});
