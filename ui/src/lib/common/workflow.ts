// Who may move minutes through the workflow (the backend's rule, mahdar-model's approval.rs
// `UserRole::allowed`; it refuses any other move with `not_allowed`), the moves named (taking
// approved minutes back to draft is starting an amendment), and the roles named in sentences.

import type { Lang, MeetingStatus, UserRole } from '../ipc/types';
import { LOCALES, translate, type MessageKey } from '../i18n/index.svelte';
import { MEETING_NEXT, MEETING_STATUS, USER_ROLE, USER_ROLES, WORKFLOW } from './labels';

/** Whether the move starts an amendment: approved or published minutes back to draft. */
export function startsAmendment(from: MeetingStatus, to: MeetingStatus): boolean {
  return to === 'draft' && (from === 'approved' || from === 'published');
}

/** The name of a move: "Send for review", …, "Start an amendment". */
export function moveKey(from: MeetingStatus, to: MeetingStatus): MessageKey {
  return startsAmendment(from, to) ? 'workflow.amend' : WORKFLOW[to];
}

/** The roles that may move minutes from `from` to `to` (MEETING_NEXT says which moves exist). */
export function rolesAllowed(from: MeetingStatus, to: MeetingStatus): UserRole[] {
  switch (to) {
    case 'in_review':
      return [...USER_ROLES];
    case 'draft':
      // Back to draft from approved minutes starts an amendment: the secretary's or an approver's.
      return from === 'approved' || from === 'published' ? ['secretary', 'approver'] : ['reviewer', 'approver'];
    case 'approved':
      return ['approver'];
    case 'published':
      return ['secretary', 'approver'];
  }
}

export function mayMove(role: UserRole, from: MeetingStatus, to: MeetingStatus): boolean {
  return rolesAllowed(from, to).includes(role);
}

/** A role's name in quotation marks, for a sentence: «مصادق/ة», « Secrétaire », “Approver”. */
export function quotedRole(l: Lang, role: UserRole): string {
  return translate(l, 'common.quoted', { text: translate(l, USER_ROLE[role]) });
}

/** The roles that may make a move, as a list with "or". */
export function rolesAllowedText(l: Lang, from: MeetingStatus, to: MeetingStatus): string {
  return new Intl.ListFormat(LOCALES[l], { type: 'disjunction' }).format(rolesAllowed(from, to).map((r) => quotedRole(l, r)));
}

/** Why a move is not this role's: "المصادقة على المحضر: من صلاحيات «مصادق/ة» فقط." */
export function onlyRolesText(l: Lang, from: MeetingStatus, to: MeetingStatus): string {
  return translate(l, 'workflow.onlyRoles', { action: translate(l, moveKey(from, to)), roles: rolesAllowedText(l, from, to) });
}

const isStatus = (v: unknown): v is MeetingStatus => typeof v === 'string' && v in MEETING_STATUS;
const isRole = (v: unknown): v is UserRole => typeof v === 'string' && v in USER_ROLE;

/**
 * The backend's `not_allowed` in words, from its details ({role, from, to}; without `from`, the
 * usual status the move starts from); null if they are not readable.
 */
export function notAllowedText(l: Lang, details: Record<string, unknown> | null): string | null {
  const role = details?.role;
  const to = details?.to;
  if (!isRole(role) || !isStatus(to)) return null;
  const from = isStatus(details?.from)
    ? details.from
    : (Object.keys(MEETING_NEXT) as MeetingStatus[]).find((s) => MEETING_NEXT[s].includes(to));
  if (!from) return null;
  return translate(l, 'error.not_allowed.move', {
    role: quotedRole(l, role),
    action: translate(l, moveKey(from, to)),
    roles: rolesAllowedText(l, from, to),
  });
}
