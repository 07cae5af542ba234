// Site visits on the meeting page: the findings typed one per line, who may be chosen as having
// gone (the meeting's attendees first, then anyone of the registry), the actions that came from
// a visit, and the visit as the form sends it. Pure functions (visits.test.ts).

import type { ActionView, FollowUpAction, Lang, MeetingRecord, Person, PersonId, SiteVisit, Stored, VisitId } from '../ipc/types';
import { personName } from '../common/titles';
import { blankAction } from './actions';

/** The findings typed in a box, one a line: each line trimmed, blank ones left out. */
export function findingsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Findings back in the box, one a line. */
export function findingsText(findings: readonly string[]): string {
  return findings.join('\n');
}

/** A visit of the meeting with nothing filled in yet. */
export function blankVisit(meeting: MeetingRecord['id']): SiteVisit {
  return { meeting, date: null, place: '', commune: null, province: null, purpose: null, participants: [], findings: [] };
}

/** The visit as typed in the form, as the backend takes it (empty boxes are null). */
export function visitFromForm(
  meeting: SiteVisit['meeting'],
  form: { place: string; commune: string; province: string; date: string; purpose: string; findings: string; participants: readonly PersonId[] },
): SiteVisit {
  const optional = (s: string) => (s.trim() === '' ? null : s.trim());
  return {
    meeting,
    date: form.date || null,
    place: form.place.trim(),
    commune: optional(form.commune),
    province: optional(form.province),
    purpose: optional(form.purpose),
    participants: [...new Set(form.participants)],
    findings: findingsOf(form.findings),
  };
}

export interface Candidate {
  id: PersonId;
  name: string;
}

/**
 * Who can be ticked as having gone: the meeting's attendees (in the attendance's order), then
 * whoever is already chosen though not attending; `others`: the rest of the registry, by name,
 * for the list to add someone else from.
 */
export function participantChoices(
  record: Pick<MeetingRecord, 'attendance'>,
  people: readonly Stored<Person, PersonId>[],
  chosen: readonly PersonId[],
  lang: Lang,
): { offered: Candidate[]; others: Candidate[] } {
  const offered: Candidate[] = [];
  const seen = new Set<string>();
  const nameOf = (id: PersonId) => {
    const p = people.find((x) => x.id === id) ?? record.attendance.find((a) => a.person === id)?.person_record;
    return p ? personName(p, lang) : id;
  };
  for (const a of record.attendance) {
    if (seen.has(a.person)) continue;
    seen.add(a.person);
    offered.push({ id: a.person, name: a.person_record ? personName(a.person_record, lang) : nameOf(a.person) });
  }
  for (const id of chosen) {
    if (seen.has(id)) continue;
    seen.add(id);
    offered.push({ id, name: nameOf(id) });
  }
  const others = people
    .filter((p) => !seen.has(p.id))
    .map((p) => ({ id: p.id, name: personName(p, lang) }))
    .sort((x, y) => x.name.localeCompare(y.name, lang));
  return { offered, others };
}

/** The actions that came from a visit, in the follow-up table's order. */
export function actionsFrom(visit: VisitId, actions: readonly ActionView[]): ActionView[] {
  return actions.filter((a) => a.source === visit);
}

/** A new follow-up action of the meeting, drafted from a visit (the link back to it set). */
export function actionFromVisit(meeting: MeetingRecord['id'], visit: VisitId): FollowUpAction {
  return blankAction(meeting, visit);
}
