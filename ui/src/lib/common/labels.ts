// Catalogue keys for the backend's enumerations.

import type {
  ActionStatus, AttendanceMode, MeetingFormat, MeetingStatus, MissingField, Precedence, Presence, Role,
  StatementKind, UserRole,
} from '../ipc/types';
import type { MessageKey } from '../i18n/index.svelte';

export const MEETING_STATUS: Record<MeetingStatus, MessageKey> = {
  draft: 'status.draft',
  in_review: 'status.in_review',
  approved: 'status.approved',
  published: 'status.published',
};

export const MISSING_FIELD: Record<MissingField, MessageKey> = {
  region: 'field.region',
  date: 'field.date',
  start_time: 'field.start_time',
  venue: 'field.venue',
  format: 'field.format',
};

export const FORMATS: MeetingFormat[] = ['in_person', 'online', 'hybrid'];
export const FORMAT: Record<MeetingFormat, MessageKey> = {
  in_person: 'format.in_person',
  online: 'format.online',
  hybrid: 'format.hybrid',
};

export const ROLES: Role[] = ['chair', 'speaker', 'member', 'secretary', 'guest'];
export const ROLE: Record<Role, MessageKey> = {
  chair: 'role.chair',
  speaker: 'role.speaker',
  member: 'role.member',
  secretary: 'role.secretary',
  guest: 'role.guest',
};

export const MODES: AttendanceMode[] = ['in_person', 'remote'];
export const MODE: Record<AttendanceMode, MessageKey> = { in_person: 'mode.in_person', remote: 'mode.remote' };

export const PRESENCES: Presence[] = ['present', 'excused', 'absent'];
export const PRESENCE: Record<Presence, MessageKey> = {
  present: 'presence.present',
  excused: 'presence.excused',
  absent: 'presence.absent',
};

export const PRECEDENCES: Precedence[] = [
  'minister', 'wali', 'governor', 'regional_council_president', 'elected_representative', 'official',
  'civil_society', 'other',
];
export const PRECEDENCE: Record<Precedence, MessageKey> = {
  minister: 'precedence.minister',
  wali: 'precedence.wali',
  governor: 'precedence.governor',
  regional_council_president: 'precedence.regional_council_president',
  elected_representative: 'precedence.elected_representative',
  official: 'precedence.official',
  civil_society: 'precedence.civil_society',
  other: 'precedence.other',
};

export const STATEMENT_KINDS: StatementKind[] = ['speech', 'intervention', 'question', 'answer', 'press_statement'];
export const STATEMENT_KIND: Record<StatementKind, MessageKey> = {
  speech: 'statementKind.speech',
  intervention: 'statementKind.intervention',
  question: 'statementKind.question',
  answer: 'statementKind.answer',
  press_statement: 'statementKind.press_statement',
};

export const ACTION_STATUS: Record<ActionStatus, MessageKey> = {
  proposed: 'actionStatus.proposed',
  agreed: 'actionStatus.agreed',
  in_progress: 'actionStatus.in_progress',
  done: 'actionStatus.done',
  blocked: 'actionStatus.blocked',
  cancelled: 'actionStatus.cancelled',
};

/** The statuses an action may move to (the backend's machine; it refuses any other). */
export const ACTION_NEXT: Record<ActionStatus, ActionStatus[]> = {
  proposed: ['agreed', 'in_progress', 'blocked', 'cancelled'],
  agreed: ['in_progress', 'done', 'blocked', 'cancelled'],
  in_progress: ['done', 'blocked', 'cancelled'],
  blocked: ['agreed', 'in_progress', 'cancelled'],
  done: ['in_progress'],
  cancelled: ['proposed'],
};

/**
 * The moves of the minutes' workflow from each status. Back to draft from approved or published
 * minutes starts an amendment (named so: see `moveKey` in workflow.ts).
 */
export const MEETING_NEXT: Record<MeetingStatus, MeetingStatus[]> = {
  draft: ['in_review'],
  in_review: ['draft', 'approved'],
  approved: ['published', 'draft'],
  published: ['draft'],
};

export const WORKFLOW: Record<MeetingStatus, MessageKey> = {
  draft: 'workflow.to.draft',
  in_review: 'workflow.to.in_review',
  approved: 'workflow.to.approved',
  published: 'workflow.to.published',
};

/** What the person using this laptop does in the workflow (Settings). */
export const USER_ROLES: UserRole[] = ['secretary', 'reviewer', 'approver'];
export const USER_ROLE: Record<UserRole, MessageKey> = {
  secretary: 'userRole.secretary',
  reviewer: 'userRole.reviewer',
  approver: 'userRole.approver',
};
