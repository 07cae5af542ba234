// What is being typed in minute-taking, per meeting, kept while the window lives: leaving the
// mode (Escape) or the page never throws away a statement that was not saved yet.

import type { MeetingId, PersonId, StatementKind } from '../ipc/types';

export interface MinutesDraft {
  speaker: PersonId | null;
  query: string;
  text: string;
  kind: StatementKind;
  channel: string;
}

const drafts = new Map<MeetingId, MinutesDraft>();

export function loadDraft(meeting: MeetingId): MinutesDraft | undefined {
  return drafts.get(meeting);
}

export function keepDraft(meeting: MeetingId, draft: MinutesDraft): void {
  if (draft.text.trim() === '' && draft.speaker === null && draft.query.trim() === '') drafts.delete(meeting);
  else drafts.set(meeting, draft);
}
