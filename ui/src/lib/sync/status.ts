// The sync status in words, for the header's indicator and the settings. Pure: the language,
// the clock and the time zone are arguments (status.test.ts).

import type { Lang, SyncStatus } from '../ipc/types';
import { translate, translatePlural } from '../i18n/index.svelte';
import { formatMoment } from '../i18n/format';

/** What the indicator says for a status. */
export function syncStatusText(l: Lang, s: SyncStatus, now: Date = new Date(), timeZone?: string): string {
  switch (s.state) {
    case 'off':
      return translate(l, 'sync.state.off');
    case 'offline':
      return translate(l, 'sync.state.offline');
    case 'failed':
      return translate(l, 'sync.state.failed');
    case 'syncing': {
      const p = s.progress;
      if (!p) return translate(l, 'sync.state.syncing');
      const params = { documents: p.documents, pending: p.pending ?? 0 };
      if (p.direction === 'push') return translate(l, p.pending === null ? 'sync.state.push' : 'sync.state.pushPending', params);
      return translate(l, p.pending === null ? 'sync.state.pull' : 'sync.state.pullPending', params);
    }
    case 'up_to_date':
      if (!s.last_sync) return translate(l, 'sync.state.never');
      return translate(l, 'sync.state.up_to_date', { time: formatMoment(s.last_sync, l, now, timeZone) });
  }
}

/** "2 conflicts", in the language's plural forms. */
export function conflictsText(l: Lang, count: number): string {
  return translatePlural(l, 'sync.conflicts', count);
}
