// A follow-up action as the form starts it: nothing filled in but its meeting, proposed, and
// the statement, decision or visit it arises from when there is one.

import type { FollowUpAction, MeetingRecord } from '../ipc/types';

export function blankAction(meeting: MeetingRecord['id'], source: FollowUpAction['source'] = null): FollowUpAction {
  return {
    meeting,
    title: '',
    description: null,
    owner: null,
    partners: [],
    amount: null,
    beneficiaries: null,
    due: null,
    status: 'proposed',
    source,
  };
}
