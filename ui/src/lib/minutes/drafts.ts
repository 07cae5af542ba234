// What is being typed in minute-taking, per meeting: leaving the mode (Escape) or the page, or
// reloading the window, never throws away a statement that was not saved yet. Kept in the
// window's session storage (it survives a reload; a statement is on disk from its Enter on).

import type { MeetingId, PersonId, StatementKind } from '../ipc/types';

export interface MinutesDraft {
  speaker: PersonId | null;
  query: string;
  text: string;
  kind: StatementKind;
  channel: string;
}

const PREFIX = 'mahdar.minutes-draft.';

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

const memory = new Map<MeetingId, MinutesDraft>();

export function loadDraft(meeting: MeetingId): MinutesDraft | undefined {
  const kept = storage()?.getItem(PREFIX + meeting);
  if (kept) {
    try {
      return JSON.parse(kept) as MinutesDraft;
    } catch {
      // A damaged entry: fall back to what this page holds.
    }
  }
  return memory.get(meeting);
}

export function keepDraft(meeting: MeetingId, draft: MinutesDraft): void {
  const empty = draft.text.trim() === '' && draft.speaker === null && draft.query.trim() === '';
  if (empty) {
    memory.delete(meeting);
    storage()?.removeItem(PREFIX + meeting);
  } else {
    memory.set(meeting, draft);
    try {
      storage()?.setItem(PREFIX + meeting, JSON.stringify(draft));
    } catch {
      // Storage full or refused: the in-memory copy still holds it.
    }
  }
}
