// The person using this laptop as the forms check it before the backend does (Settings and the
// first-run setup): the name as it is stored, and what would be refused. Pure functions of the
// language (profile.test.ts).

import type { Lang, UserRole } from '../ipc/types';
import { translate } from '../i18n/index.svelte';

/** The backend's limit (MAX_USER_NAME), in characters. */
export const MAX_NAME = 120;

/** A name as it is stored: the spaces inside made single, none at either end. */
export function collapseName(text: string): string {
  return text.split(/\s+/).filter(Boolean).join(' ');
}

/**
 * What the backend would refuse in a profile (the name already collapsed), said in `l`, one
 * thing at a time: no name, a name too long (in characters, as the backend counts), no role.
 * Null when there is nothing to say.
 */
export function profileProblem(l: Lang, name: string, role: UserRole | ''): string | null {
  if (name === '') return translate(l, 'profile.error.name');
  if ([...name].length > MAX_NAME) return translate(l, 'profile.error.long', { max: MAX_NAME });
  if (role === '') return translate(l, 'profile.error.role');
  return null;
}
