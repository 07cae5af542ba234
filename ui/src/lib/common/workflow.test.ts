import { describe, expect, it } from 'vitest';
import type { MeetingStatus, UserRole } from '../ipc/types';
import { MEETING_NEXT as BACKEND_NEXT, USER_ROLES as BACKEND_ROLES, rolesAllowed as backendRule } from '../ipc/mock-rules';
import { MEETING_NEXT, USER_ROLES } from './labels';
import { mayMove, moveKey, notAllowedText, onlyRolesText, rolesAllowed, rolesAllowedText, startsAmendment } from './workflow';

const STATUSES: MeetingStatus[] = ['draft', 'in_review', 'approved', 'published'];

describe('the workflow buttons follow the backend rule', () => {
  it('has the same roles and moves as the mock backend (mahdar-model approval.rs)', () => {
    expect(MEETING_NEXT).toEqual(BACKEND_NEXT);
    expect(USER_ROLES).toEqual(BACKEND_ROLES);
    for (const from of STATUSES) for (const to of STATUSES) expect(rolesAllowed(from, to), `${from} → ${to}`).toEqual(backendRule(from, to));
  });

  it.each<[UserRole, MeetingStatus, MeetingStatus, boolean]>([
    ['secretary', 'draft', 'in_review', true],
    ['reviewer', 'draft', 'in_review', true],
    ['approver', 'draft', 'in_review', true],
    ['secretary', 'in_review', 'draft', false],
    ['reviewer', 'in_review', 'draft', true],
    ['approver', 'in_review', 'draft', true],
    ['secretary', 'in_review', 'approved', false],
    ['reviewer', 'in_review', 'approved', false],
    ['approver', 'in_review', 'approved', true],
    ['secretary', 'approved', 'published', true],
    ['reviewer', 'approved', 'published', false],
    ['approver', 'approved', 'published', true],
    // Starting an amendment of approved or published minutes.
    ['secretary', 'approved', 'draft', true],
    ['reviewer', 'approved', 'draft', false],
    ['approver', 'approved', 'draft', true],
    ['secretary', 'published', 'draft', true],
    ['reviewer', 'published', 'draft', false],
    ['approver', 'published', 'draft', true],
  ])('a %s moving minutes from %s to %s: %s', (role, from, to, allowed) => {
    expect(mayMove(role, from, to)).toBe(allowed);
  });

  it('names the roles allowed, in each language', () => {
    expect(rolesAllowedText('ar', 'in_review', 'approved')).toBe('«مصادق/ة»');
    expect(rolesAllowedText('ar', 'approved', 'published')).toBe('«كاتب/ة المحضر» أو «مصادق/ة»');
    expect(rolesAllowedText('fr', 'in_review', 'draft')).toBe('« Relecteur/relectrice » ou « Approbateur/approbatrice »');
    expect(onlyRolesText('ar', 'in_review', 'approved')).toBe('المصادقة على المحضر: من صلاحيات «مصادق/ة» فقط.');
    expect(onlyRolesText('en', 'approved', 'published')).toBe('Publish the minutes: only for “Secretary” or “Approver”.');
  });

  it('names the move back to draft from approved minutes as starting an amendment', () => {
    expect(startsAmendment('approved', 'draft')).toBe(true);
    expect(startsAmendment('published', 'draft')).toBe(true);
    expect(startsAmendment('in_review', 'draft')).toBe(false);
    expect(moveKey('in_review', 'draft')).toBe('workflow.to.draft');
    expect(moveKey('approved', 'draft')).toBe('workflow.amend');
    expect(moveKey('approved', 'published')).toBe('workflow.to.published');
    expect(onlyRolesText('ar', 'approved', 'draft')).toBe('إعداد تعديل على المحضر: من صلاحيات «كاتب/ة المحضر» أو «مصادق/ة» فقط.');
    expect(onlyRolesText('fr', 'published', 'draft')).toBe('Ouvrir un amendement : réservé à « Secrétaire » ou « Approbateur/approbatrice ».');
    expect(onlyRolesText('en', 'approved', 'draft')).toBe('Start an amendment: only for “Secretary” or “Approver”.');
    expect(notAllowedText('en', { role: 'reviewer', from: 'published', to: 'draft' })).toBe(
      'The “Reviewer” role does not allow this step (Start an amendment): it is for “Secretary” or “Approver” only.',
    );
  });

  it('says which role the backend refused, and whose move it is', () => {
    expect(notAllowedText('ar', { role: 'reviewer', from: 'in_review', to: 'approved' })).toBe(
      'لا يخوّل دور «مراجع/ة» القيام بهذه الخطوة (المصادقة على المحضر)، فهي من صلاحيات «مصادق/ة».',
    );
    // Without `from` (as first specified): the status the move usually starts from.
    expect(notAllowedText('en', { role: 'secretary', to: 'draft' })).toBe(
      'The “Secretary” role does not allow this step (Send back to draft): it is for “Reviewer” or “Approver” only.',
    );
    expect(notAllowedText('en', null)).toBeNull();
    expect(notAllowedText('en', { role: 'boss', to: 'approved' })).toBeNull();
    expect(notAllowedText('en', { role: 'reviewer', to: 'archived' })).toBeNull();
  });
});
