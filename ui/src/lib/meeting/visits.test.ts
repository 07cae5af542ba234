import { describe, expect, it } from 'vitest';
import type { ActionView, AttendanceView, MeetingRecord, Person, PersonId, Stored } from '../ipc/types';
import { actionFromVisit, actionsFrom, blankVisit, findingsOf, findingsText, participantChoices, visitFromForm } from './visits';

const person = (id: string, name_ar: string, name_latin: string | null = null): Stored<Person, PersonId> => ({
  id: id as PersonId,
  rev: '1-a',
  kind: 'individual',
  name_ar,
  name_latin,
  aliases: [],
  titles: [],
  precedence: 'other',
  organisation: null,
});

const WALI = person('person:1', 'السعيد الزنيبر', 'Said Zniber');
const MINISTER = person('person:2', 'نعيمة بن يحيى', 'Naima Ben Yahia');
const OFFICIAL = person('person:3', 'عواطف حيار');
const OTHER = person('person:4', 'أحمد الإدريسي');

const attending = (p: Stored<Person, PersonId>): AttendanceView =>
  ({ id: `attendance:${p.id}`, person: p.id, person_record: p }) as unknown as AttendanceView;

describe('findings, one a line', () => {
  it('keeps each line trimmed and leaves blank ones out', () => {
    expect(findingsOf('  نقص في الأطر \n\n  حاجة إلى تأهيل البناية\r\n')).toEqual(['نقص في الأطر', 'حاجة إلى تأهيل البناية']);
    expect(findingsOf('   ')).toEqual([]);
    expect(findingsOf(findingsText(['أ', 'ب']))).toEqual(['أ', 'ب']);
  });
});

describe('the visit as the form sends it', () => {
  it('empty boxes are null, the place trimmed, participants once each', () => {
    const visit = visitFromForm('meeting:1', {
      place: '  مركز حماية الطفولة ',
      commune: '',
      province: ' عمالة فاس ',
      date: '2026-11-28',
      purpose: '   ',
      findings: 'نقص في الأطر\n',
      participants: ['person:1', 'person:2', 'person:1'] as PersonId[],
    });
    expect(visit).toEqual({
      meeting: 'meeting:1',
      date: '2026-11-28',
      place: 'مركز حماية الطفولة',
      commune: null,
      province: 'عمالة فاس',
      purpose: null,
      participants: ['person:1', 'person:2'],
      findings: ['نقص في الأطر'],
    });
    expect(visitFromForm(null, { place: 'x', commune: '', province: '', date: '', purpose: '', findings: '', participants: [] }).date).toBeNull();
    expect(blankVisit('meeting:1').place).toBe('');
  });
});

describe('who went', () => {
  it('offers the attendees first, then those chosen who do not attend; the rest of the registry by name', () => {
    const record = { attendance: [attending(MINISTER), attending(WALI)] } as Pick<MeetingRecord, 'attendance'>;
    const { offered, others } = participantChoices(record, [WALI, MINISTER, OFFICIAL, OTHER], [OFFICIAL.id], 'ar');
    expect(offered.map((c) => c.name)).toEqual(['نعيمة بن يحيى', 'السعيد الزنيبر', 'عواطف حيار']);
    expect(others.map((c) => c.id), 'only those not offered').toEqual([OTHER.id]);
  });

  it('names them in the language of the window, and keeps an id gone from the registry', () => {
    const record = { attendance: [attending(WALI)] } as Pick<MeetingRecord, 'attendance'>;
    const { offered } = participantChoices(record, [WALI], ['person:gone' as PersonId], 'fr');
    expect(offered.map((c) => c.name)).toEqual(['Said Zniber', 'person:gone']);
  });
});

describe('actions from a visit', () => {
  it('are those whose source is the visit', () => {
    const actions = [
      { id: 'action:1', source: 'visit:1' },
      { id: 'action:2', source: 'statement:1' },
      { id: 'action:3', source: null },
      { id: 'action:4', source: 'visit:1' },
    ] as unknown as ActionView[];
    expect(actionsFrom('visit:1', actions).map((a) => a.id)).toEqual(['action:1', 'action:4']);
  });

  it('a new one links back to the visit by its id (the backend reads a source as a plain document id)', () => {
    const draft = actionFromVisit('meeting:1', 'visit:1');
    expect(draft.source).toBe('visit:1');
    expect(draft.meeting).toBe('meeting:1');
    expect(draft.status).toBe('proposed');
  });
});
