// Press reports turned into draft meetings, in the in-memory mock backend: `import_report`,
// `report_draft`, `review_proposal` and `accept_all_proposals`, with the backend's rules.
//
// The extraction is the backend's (mahdar-import): here, the seed report gives the draft the
// backend gives it (./seed-report-draft.json, wherever the report sits in the text pasted, its
// spans moved with it), a one-sentence report naming no one (UNNAMED_REPORT) a small canned
// draft, and any other text a draft with no proposals; attendees already in the registry are
// matched by name, as the backend does, except those known only by a title. Reviewing follows the backend's facade
// (crates/mahdar/src/reports.rs): accepting writes the record through the store's own commands
// (the person matched or a new one, on the attendance list; a statement; an action; a site
// visit; the meeting's region, series and rank, date…), after the proposals it refers to (a
// statement's speaker, an action's owner, partners, statement or visit, a visit's participants),
// which are accepted first when pending and refuse it when rejected. Each proposal accepted is
// kept even when a later step fails. Accepted proposals cannot be rejected or reopened (their
// record is edited on the meeting page). "Accept all" goes on past a proposal it cannot accept,
// which stays pending and is listed in `problems` with the reason's code. An attendee whose name
// is its title (the report said «الوزيرة», no name) is refused until a person names it, and so is
// whatever needs it (the backend's `unnamed`).

import type * as T from './types';
import { MAX_REPORT_CHARS, isAppError } from './types';
import type { MockStore } from './mock';
import { foldForMatch, sameName } from '../common/fold';
import { itemOf, refersTo, unnamed } from '../report/proposals';
import seedDraft from './seed-report-draft.json';

type Args = Record<string, unknown>;
type Doc = Record<string, unknown> & { id: string; rev: string };

/** What the mock keeps of a report (the backend's `ReportDraft`). */
interface ReportDoc {
  meeting: T.MeetingId;
  lang: T.Lang;
  source: string;
  proposals: T.Proposal[];
}

const KINDS: T.ProposalKind[] = [
  'region', 'prefecture', 'format', 'series', 'date', 'purpose', 'attendee', 'statement', 'action', 'visit',
];

function refuse(field: string, reason: string): never {
  const error: T.AppError = { code: 'invalid_input', message: `${field}: ${reason}`, details: { field } };
  throw error;
}

function notFound(id: string): never {
  const error: T.AppError = { code: 'not_found', message: `no report draft ${id}`, details: { what: 'report draft', id } };
  throw error;
}

/** A report's language, as the backend reads it: Arabic unless Latin letters clearly dominate. */
export function guessLang(text: string): T.Lang {
  const arabic = (text.match(/\p{Script=Arabic}/gu) ?? []).length;
  const latin = (text.match(/\p{Script=Latin}/gu) ?? []).length;
  return latin > arabic * 2 ? 'fr' : 'ar';
}

/** The backend's reason code of a refusal met by "accept all" (`Problem::of`): from the field refused. */
export function problemReason(e: unknown): T.ProblemReason {
  if (!isAppError(e) || e.code !== 'invalid_input') return 'other';
  const field = (e.details as { field?: unknown } | null)?.field;
  if (field === 'name') return 'unnamed';
  if (field === 'rank') return 'rank_taken';
  if (field === 'proposal' && e.message.includes('rejected')) return 'needs_rejected';
  return 'other';
}

/**
 * A report that names no one, only a title: the speaker «الوزيرة» (the backend's test
 * `someone_known_only_by_a_title_waits_for_a_name`), with the draft the mock gives it (written by
 * hand after the backend's rules: the title alone is the attendee's name and title).
 */
export const UNNAMED_REPORT = 'وقالت الوزيرة إن اللقاء مكن من الوقوف على الاكراهات.';
const UNNAMED_DRAFT: Pick<T.ReportView, 'source' | 'proposals' | 'lang'> = {
  source: UNNAMED_REPORT,
  lang: 'ar',
  proposals: [
    {
      no: 1, span: { start: 6, end: 13 }, also: [], status: 'pending', edited: false, record: null,
      kind: 'attendee', name: 'الوزيرة', aliases: [], title: 'الوزيرة', person_kind: 'individual',
      precedence: 'minister', roles: ['speaker'], organisation: null, matched: null,
    },
    {
      no: 2, span: { start: 0, end: Array.from(UNNAMED_REPORT).length }, also: [], status: 'pending', edited: false, record: null,
      kind: 'statement', speaker: 1, statement_kind: 'intervention', channel: null, speaking_as: null,
      text: 'قالت إن اللقاء مكن من الوقوف على الاكراهات.',
    },
  ],
};

/** The drafts the mock knows, the seed report's first. */
const CANNED = [seedDraft as unknown as T.ReportView, UNNAMED_DRAFT];

/**
 * The seed's draft for a pasted text that holds the seed report (surrounding blank lines, a
 * title above, anything), its spans moved to where the report sits; null for any other text.
 */
export function seedProposals(
  text: string,
  seed: Pick<T.ReportView, 'source' | 'proposals' | 'lang'> = seedDraft as unknown as T.ReportView,
): { lang: T.Lang; proposals: T.Proposal[] } | null {
  const core = seed.source.trim();
  if (core === '') return null;
  const at = text.indexOf(core);
  if (at < 0) return null;
  // Spans count code points: from the start of the pasted text, not of the seed's.
  const shift = Array.from(text.slice(0, at)).length - Array.from(seed.source.slice(0, seed.source.indexOf(core))).length;
  const move = (s: T.Span): T.Span => ({ start: s.start + shift, end: s.end + shift });
  const proposals = seed.proposals.map((p) => ({
    ...structuredClone(p),
    span: move(p.span),
    also: (p.also ?? []).map(move),
    status: 'pending' as const,
    edited: false,
    record: null,
  }));
  return { lang: seed.lang, proposals };
}

export class MockReports {
  /** The reports, by meeting. */
  private reports = new Map<string, ReportDoc>();

  constructor(private readonly store: MockStore) {}

  dump(): ReportDoc[] {
    return structuredClone([...this.reports.values()]);
  }

  load(reports: ReportDoc[] | undefined): void {
    this.reports.clear();
    for (const r of reports ?? []) this.reports.set(r.meeting, structuredClone(r));
  }

  /** Forgets a deleted meeting's report. */
  forget(meeting: string): void {
    this.reports.delete(meeting);
  }

  handles(cmd: string): boolean {
    return cmd === 'import_report' || cmd === 'report_draft' || cmd === 'review_proposal' || cmd === 'accept_all_proposals';
  }

  answer(cmd: string, a: Args): T.ReportView | null {
    switch (cmd) {
      case 'import_report':
        return this.importReport(a.text);
      case 'report_draft': {
        const r = this.reports.get(String(a.meeting));
        return r ? view(r) : null;
      }
      case 'review_proposal':
        return this.review(a.meeting, a.no, a.decision, a.edit);
      case 'accept_all_proposals':
        return this.acceptAll(a.meeting);
      default:
        return refuse('command', `${cmd} is not a report command`);
    }
  }

  importReport(raw: unknown): T.ReportView {
    const text = typeof raw === 'string' ? raw : '';
    if (text.trim() === '') refuse('report', 'the report is empty');
    const chars = Array.from(text).length;
    if (chars > MAX_REPORT_CHARS) refuse('report', `the report has ${chars} characters; at most ${MAX_REPORT_CHARS} are accepted`);
    const found = CANNED.reduce<ReturnType<typeof seedProposals>>((got, seed) => got ?? seedProposals(text, seed), null);
    const lang = found?.lang ?? guessLang(text);
    const proposals = found?.proposals ?? [];
    // People already in the registry are matched (by name or a known spelling), not duplicated;
    // never someone known only by a title.
    const people = this.store.all<Doc & T.Person>('person');
    for (const p of proposals) {
      if (p.kind !== 'attendee' || unnamed(p.name, p.title)) continue;
      const mine = [p.name, ...p.aliases];
      const known = people.find((x) => [x.name_ar, x.name_latin, ...x.aliases].some((k) => k && mine.some((n) => sameName(k, n))));
      p.matched = (known?.id as T.PersonId | undefined) ?? null;
    }
    const meeting = this.store.handle('create_meeting', {
      meeting: {
        title: null, series: null, rank: null, region: null, prefecture: null, venue: null, date: null,
        start_time: null, end_time: null, format: null, purpose: [], agenda: [], status: 'draft', languages: [lang],
      } satisfies T.Meeting,
    }) as T.Stored<T.Meeting, T.MeetingId>;
    const report: ReportDoc = { meeting: meeting.id, lang, source: text, proposals };
    this.reports.set(meeting.id, report);
    return view(report);
  }

  /** The report of a meeting whose minutes may change, as a copy to work on. */
  private draftOf(meeting: unknown): ReportDoc {
    const m = this.store.editableMeeting(meeting);
    const r = this.reports.get(m.id);
    if (!r) notFound(`report:${m.id.slice('meeting:'.length)}`);
    return structuredClone(r);
  }

  review(meeting: unknown, no: unknown, decision: unknown, edit: unknown): T.ReportView {
    const draft = this.draftOf(meeting);
    const p = proposal(draft, no);
    if (decision !== 'accept' && edit !== undefined && edit !== null) refuse('edit', 'an edit goes with accepting');
    switch (decision) {
      case 'reject':
      case 'reopen':
        if (p.status === 'accepted') {
          refuse('proposal', `proposal ${p.no} is already in the record; edit or delete it on the meeting page`);
        }
        p.status = decision === 'reject' ? 'rejected' : 'pending';
        this.reports.set(draft.meeting, draft);
        return view(draft);
      case 'accept': {
        if (p.status === 'accepted') refuse('proposal', `proposal ${p.no} is already accepted`);
        const working = structuredClone(draft);
        if (edit !== undefined && edit !== null) replaceItem(working, proposal(working, p.no), edit);
        this.acceptKeeping(draft, working, p.no);
        return view(draft);
      }
      default:
        return refuse('decision', `"${String(decision)}" is not one of accept, reject, reopen`);
    }
  }

  acceptAll(meeting: unknown): T.ReportView {
    const draft = this.draftOf(meeting);
    const problems: T.Problem[] = [];
    for (const no of draft.proposals.filter((p) => p.status === 'pending').map((p) => p.no)) {
      // A statement may have accepted its speaker meanwhile.
      if (proposal(draft, no).status !== 'pending') continue;
      try {
        this.acceptKeeping(draft, structuredClone(draft), no);
      } catch (e) {
        problems.push({ no, message: (e as T.AppError).message ?? String(e), reason: problemReason(e) });
      }
    }
    return { ...view(draft), problems };
  }

  /**
   * Accepts proposal `no` on `working` (an edit already in it), then keeps in `draft` what was
   * accepted: all of it, or, when a step failed, the proposals accepted before the failure (the
   * failing one stays pending, unedited), as the backend saves each one it accepts.
   */
  private acceptKeeping(draft: ReportDoc, working: ReportDoc, no: number): void {
    try {
      this.accept(working, no, []);
    } catch (e) {
      for (const p of working.proposals) {
        const before = proposal(draft, p.no);
        if (p.status === 'accepted' && before.status !== 'accepted') Object.assign(before, structuredClone(p));
      }
      this.reports.set(draft.meeting, draft);
      throw e;
    }
    draft.proposals = working.proposals;
    this.reports.set(draft.meeting, draft);
  }

  // ----- accepting: the records written -----

  /** Accepts one proposal, after the ones it refers to. */
  private accept(draft: ReportDoc, no: number, path: number[]): void {
    if (path.includes(no)) refuse('proposal', `proposal ${no} refers to itself through ${JSON.stringify(path)}`);
    path.push(no);
    const p = proposal(draft, no);
    for (const dep of refersTo(p)) {
      const needed = proposal(draft, dep);
      if (needed.status === 'pending') this.accept(draft, dep, path);
      else if (needed.status === 'rejected') {
        const label = needed.kind === 'attendee' ? `${needed.no} (${needed.name})` : String(needed.no);
        refuse('proposal', `proposal ${no} needs proposal ${label}, which was rejected; edit ${no} or reopen ${dep}`);
      }
    }
    p.record = this.apply(draft, p);
    p.status = 'accepted';
    path.pop();
  }

  /** Writes one proposal to the record; the id of the document it became. */
  private apply(draft: ReportDoc, p: T.Proposal): string {
    switch (p.kind) {
      case 'region':
        return this.setMeeting(draft, (m) => ({ ...m, region: p.region }));
      case 'prefecture':
        return this.setMeeting(draft, (m) => ({ ...m, prefecture: { ...p.prefecture } }));
      case 'format':
        return this.setMeeting(draft, (m) => ({ ...m, format: p.format }));
      case 'date':
        return this.setMeeting(draft, (m) => ({ ...m, date: p.date }));
      case 'purpose':
        return this.setMeeting(draft, (m) => ({ ...m, purpose: m.purpose.includes(p.text) ? m.purpose : [...m.purpose, p.text] }));
      case 'series': {
        const series = this.seriesFor(p);
        this.setMeeting(draft, (m) => ({ ...m, series, rank: p.rank }));
        return series;
      }
      case 'attendee': {
        if (unnamed(p.name, p.title)) {
          refuse('name', `proposal ${p.no} names no one, only the title «${p.name}»: edit it to give the person's name`);
        }
        const person = this.personFor(p);
        // Someone already on the list (an earlier attempt, or added by hand) is kept.
        const already = this.store.attendance(draft.meeting).find((x) => x.person === person);
        if (already) return already.id;
        const entry = this.store.handle('add_attendance', {
          meeting: draft.meeting,
          entry: { person, title: p.title, roles: p.roles } satisfies T.NewAttendance,
        }) as Doc;
        return entry.id;
      }
      case 'statement': {
        const statement = this.store.handle('add_statement', {
          meeting: draft.meeting,
          statement: {
            speaker: this.personOf(draft, p.speaker),
            text: p.text,
            kind: p.statement_kind,
            channel: p.channel,
            speaking_as: p.speaking_as,
          } satisfies T.NewStatement,
          position: { at: 'last' },
        }) as Doc;
        return statement.id;
      }
      case 'action': {
        const party = (x: T.ProposedParty): T.PartyRef => ('organisation' in x ? this.organisationFor(x.organisation) : this.personOf(draft, x.attendee));
        const recordOf = (n: number): string => proposal(draft, n).record ?? refuse('proposal', `proposal ${n} is not accepted`);
        const source = p.statement !== null ? recordOf(p.statement) : p.visit !== null ? recordOf(p.visit) : null;
        const action = this.store.handle('add_action', {
          action: {
            meeting: draft.meeting,
            title: p.title,
            description: p.description,
            owner: p.owner ? party(p.owner) : null,
            partners: p.partners.map(party),
            amount: p.amount,
            beneficiaries: p.beneficiaries,
            due: null,
            status: p.action_status,
            source: source as T.StatementId | T.VisitId | null,
          } satisfies T.FollowUpAction,
        }) as Doc;
        return action.id;
      }
      case 'visit': {
        const meeting = this.store.load<Doc & T.Meeting>('meeting', 'meeting', draft.meeting);
        const visit = this.store.insert('visit', {
          meeting: draft.meeting,
          date: meeting.date,
          place: p.place,
          commune: null,
          province: p.province,
          purpose: p.purpose,
          participants: p.participants.map((n) => this.personOf(draft, n)),
          findings: [],
        } satisfies T.SiteVisit);
        return visit.id;
      }
    }
  }

  /** Changes the meeting's header; its id (the record of what was accepted). */
  private setMeeting(draft: ReportDoc, change: (m: T.Meeting) => T.Meeting): string {
    const current = this.store.load<Doc & T.Meeting>('meeting', 'meeting', draft.meeting);
    const { id, rev, ...meeting } = structuredClone(current);
    this.store.handle('update_meeting', { id, rev, meeting: change(meeting as unknown as T.Meeting) });
    return id;
  }

  /** The series of that title, or launched in the same place by the same organiser; else a new one. */
  private seriesFor(p: Extract<T.Proposal, { kind: 'series' }>): T.SeriesId {
    const organiser = p.organiser ? this.organisationFor(p.organiser) : null;
    const same = (a: string | null, b: string | null) => a !== null && b !== null && foldForMatch(a) === foldForMatch(b);
    const found = this.store
      .all<Doc & T.Series>('series')
      .find((s) => foldForMatch(s.title_ar) === foldForMatch(p.title) || (same(s.launched_in, p.launched_in) && (organiser === null || s.organiser === organiser)));
    if (found) return found.id as T.SeriesId;
    const created = this.store.handle('create_series', {
      series: { title_ar: p.title, title_fr: null, organiser, launched_in: p.launched_in } satisfies T.Series,
    }) as Doc;
    return created.id as T.SeriesId;
  }

  /** The organisation of that name or alias, or a new one. */
  private organisationFor(name: string): T.OrganisationId {
    const wanted = foldForMatch(name);
    const found = this.store
      .all<Doc & T.Organisation>('org')
      .find((o) => [o.name_ar, o.name_fr, ...o.aliases].some((x) => x && foldForMatch(x) === wanted));
    if (found) return found.id as T.OrganisationId;
    const arabic = /[\u0600-\u06ff]/.test(name);
    const created = this.store.handle('create_organisation', {
      organisation: { name_ar: arabic ? name : null, name_fr: arabic ? null : name, aliases: [] } satisfies T.Organisation,
    }) as Doc;
    return created.id as T.OrganisationId;
  }

  /**
   * The registry entry of an attendee proposal: the one matched when the report was read (this
   * report's spellings added to its names), else a new one.
   */
  private personFor(p: Extract<T.Proposal, { kind: 'attendee' }>): T.PersonId {
    const matched = p.matched ? this.store.find<Doc & T.Person>(p.matched) : null;
    if (matched) {
      const names = [matched.name_ar, matched.name_latin, ...matched.aliases];
      const more = [p.name, ...p.aliases].filter((n, i, all) => !names.includes(n) && all.indexOf(n) === i);
      if (more.length > 0) {
        const { id, rev, ...person } = structuredClone(matched);
        this.store.handle('update_person', { id, rev, person: { ...person, aliases: [...person.aliases, ...more] } });
      }
      return matched.id as T.PersonId;
    }
    const arabic = /[\u0600-\u06ff]/.test(p.name);
    const created = this.store.handle('create_person', {
      person: {
        kind: p.person_kind,
        name_ar: arabic ? p.name : null,
        name_latin: arabic ? null : p.name,
        aliases: p.aliases,
        titles: p.title && p.person_kind === 'individual' ? [{ title_ar: p.title, title_fr: null, from: null, until: null }] : [],
        precedence: p.precedence,
        organisation: p.organisation ? this.organisationFor(p.organisation) : null,
      } satisfies T.Person,
    }) as Doc;
    return created.id as T.PersonId;
  }

  /** The person an accepted attendee proposal became. */
  private personOf(draft: ReportDoc, no: number): T.PersonId {
    const p = proposal(draft, no);
    if (!p.record) refuse('proposal', `proposal ${no} is not accepted`);
    return this.store.load<Doc & T.Attendance>('attendance', 'attendance', p.record).person;
  }
}

function proposal(draft: ReportDoc, no: unknown): T.Proposal {
  const p = draft.proposals.find((x) => x.no === no);
  return p ?? refuse('proposal', `this draft has no proposal ${String(no)} (1–${draft.proposals.length})`);
}

/** Puts an edited item in place of a proposal's: the same kind, references to proposals of the right kinds. */
function replaceItem(draft: ReportDoc, p: T.Proposal, raw: unknown): void {
  const edit = (raw ?? {}) as T.ProposalItem;
  if (!KINDS.includes(edit.kind)) refuse('edit', `"${String(edit.kind)}" is not a kind of proposal`);
  if (edit.kind !== p.kind) refuse('proposal', `proposal ${p.no} is a ${p.kind}; an edit cannot make it a ${String(edit.kind)}`);
  const current = itemOf(p) as Record<string, unknown>;
  const missing = Object.keys(current).filter((k) => !(k in edit));
  if (missing.length > 0) refuse('edit', `the edit must give every field of the ${p.kind}; missing: ${missing.join(', ')}`);
  const expect = (n: number, kind: T.ProposalKind) => {
    if (draft.proposals.find((x) => x.no === n)?.kind !== kind) {
      refuse('proposal', `proposal ${p.no} refers to ${n}, which is not a ${kind} of this draft`);
    }
  };
  if (edit.kind === 'statement') expect(edit.speaker, 'attendee');
  if (edit.kind === 'visit') for (const n of edit.participants) expect(n, 'attendee');
  if (edit.kind === 'action') {
    for (const x of [...(edit.owner ? [edit.owner] : []), ...edit.partners]) if ('attendee' in x) expect(x.attendee, 'attendee');
    if (edit.statement !== null) expect(edit.statement, 'statement');
    if (edit.visit !== null) expect(edit.visit, 'visit');
  }
  const target = p as Record<string, unknown>;
  for (const k of Object.keys(current)) target[k] = structuredClone((edit as Record<string, unknown>)[k]);
  p.edited = true;
}

function view(r: ReportDoc): T.ReportView {
  const count = (s: T.ProposalStatus) => r.proposals.filter((p) => p.status === s).length;
  return {
    meeting: r.meeting,
    lang: r.lang,
    source: r.source,
    proposals: structuredClone([...r.proposals].sort((a, b) => a.no - b.no)),
    pending: count('pending'),
    accepted: count('accepted'),
    rejected: count('rejected'),
    problems: [],
  };
}
