// Turning what the backend (or anything else) threw into words for the person.

import { isAppError } from '../ipc/types';
import { has, lang, t } from '../i18n/index.svelte';
import { notAllowedText } from './workflow';

export interface Described {
  /** The translated explanation. */
  text: string;
  /** The backend's own message (English), shown as a detail when it adds something. */
  detail: string | null;
  code: string | null;
}

/** A translated explanation of an error: `error.<code>` when known, else the backend's message. */
export function describeError(e: unknown): Described {
  if (isAppError(e)) {
    // Which role was refused what, and whose move it is.
    const refused = e.code === 'not_allowed' ? notAllowedText(lang(), e.details) : null;
    if (refused) return { text: refused, detail: e.message || null, code: e.code };
    // A refusal of one field that has its own explanation (`error.invalid_input.report`).
    const field = e.code === 'invalid_input' && typeof e.details?.field === 'string' ? `error.invalid_input.${e.details.field}` : null;
    if (field && has(field)) return { text: t(field), detail: e.message || null, code: e.code };
    const key = `error.${e.code}`;
    if (has(key)) return { text: t(key), detail: e.message || null, code: e.code };
    return { text: e.message || t('error.unknown'), detail: null, code: e.code };
  }
  if (e instanceof Error) return { text: t('error.unknown'), detail: e.message, code: null };
  // Tauri refuses arguments it cannot read (a malformed id, an amount out of bounds) with a
  // plain string before the command runs: that is the user's input.
  if (typeof e === 'string') return { text: t('error.invalid_input'), detail: e, code: 'invalid_input' };
  return { text: t('error.unknown'), detail: null, code: null };
}
