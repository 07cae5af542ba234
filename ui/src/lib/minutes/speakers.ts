// Which attendees a typed name points at, during minute-taking.

import type { AttendanceView } from '../ipc/types';
import { filterByName } from '../common/fold';

/** Every name an attendee answers to: Arabic, Latin script, aliases, and the title held that day. */
export function attendeeNames(a: AttendanceView): (string | null)[] {
  const p = a.person_record;
  return [p?.name_ar ?? null, p?.name_latin ?? null, ...(p?.aliases ?? []), a.title];
}

/** The present attendees matching `query` (all of them, in protocol order, when it is empty). */
export function matchSpeakers(query: string, attendance: readonly AttendanceView[]): AttendanceView[] {
  const present = attendance.filter((a) => a.presence === 'present');
  if (query.trim() === '') return [...present];
  return filterByName(query, present, attendeeNames);
}

/** Attendees who match but are not present (to say why nobody is offered). */
export function absentMatches(query: string, attendance: readonly AttendanceView[]): AttendanceView[] {
  if (query.trim() === '') return [];
  return filterByName(
    query,
    attendance.filter((a) => a.presence !== 'present'),
    attendeeNames,
  );
}
