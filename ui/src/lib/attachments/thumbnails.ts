// Thumbnails asked for once per attachment in a window: a list read again, or a file shown in
// two places, does not make the backend decode the photo again. A refusal is not kept (the
// next time asks again).

import { api } from '../ipc/api';
import type { AttachmentId } from '../ipc/types';

const asked = new Map<AttachmentId, Promise<string>>();

/** The thumbnail (`data:image/jpeg;base64,…`, at most 320 px) of an attachment. */
export function thumbnail(id: AttachmentId): Promise<string> {
  let found = asked.get(id);
  if (!found) {
    found = api.attachmentImage(id, 'thumb');
    asked.set(id, found);
    found.catch(() => asked.delete(id));
  }
  return found;
}
