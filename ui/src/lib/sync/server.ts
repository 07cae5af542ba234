// The sync server's settings as the forms send them (Settings and the first-run setup): what the
// boxes hold, turned into what `set_sync_settings` takes. Pure functions (server.test.ts).

import type { SyncSettingsInput } from '../ipc/types';

/** What the boxes of a sync form hold, as typed. */
export interface TypedServer {
  url: string;
  user: string;
  password: string;
}

/**
 * The settings to send: blank boxes as none, the address and user name trimmed (a password is
 * sent as typed, spaces and all), and an empty password box keeping the stored password.
 */
export function syncInput(typed: TypedServer, continuous: boolean): SyncSettingsInput {
  return {
    url: typed.url.trim() || null,
    user: typed.user.trim() || null,
    password: typed.password === '' ? null : typed.password,
    continuous,
  };
}

/** Whether nothing at all was typed (the first-run setup then has nothing to save). */
export function nothingTyped(typed: TypedServer): boolean {
  return typed.url.trim() === '' && typed.user.trim() === '' && typed.password === '';
}
