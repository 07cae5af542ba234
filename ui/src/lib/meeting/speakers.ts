// Names of speakers as the meeting knows them.

import type { Lang, MeetingRecord, PersonId } from '../ipc/types';
import { personName } from '../common/titles';

/** The speaker's name in a language, from the attendance list (else the backend's Arabic name). */
export function speakerName(record: MeetingRecord, speaker: PersonId, fallback: string, lang: Lang): string {
  const entry = record.attendance.find((a) => a.person === speaker);
  const p = entry?.person_record;
  return p ? personName(p, lang) : fallback;
}
