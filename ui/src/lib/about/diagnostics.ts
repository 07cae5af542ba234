// What the About screen says of the `diagnostics` figures, in the interface's language: sizes as
// the attachments write them, counts through the plural catalogue (Arabic has six forms), moments
// as the app writes them, and "none yet" where there is nothing. Pure functions (diagnostics.test.ts).

import type { Diagnostics, Lang } from '../ipc/types';
import { LOCALES, translate, translatePlural, type MessageKey } from '../i18n/index.svelte';
import { formatInstant } from '../i18n/format';
import { formatSize } from '../attachments/files';

/** One line of the About screen: what it is, its value, and its test id. */
export interface Fact {
  label: MessageKey;
  value: string;
  testid: string;
  /** Written left to right whatever the language (paths, addresses, ids). */
  ltr?: boolean;
  /** Selected whole with one click, to be copied (the data folder). */
  copy?: boolean;
}

/** The figures, in the order the screen shows them. `timeZone`: this computer's when not given. */
export function diagnosticsFacts(d: Diagnostics, l: Lang, timeZone?: string): Fact[] {
  const attachments = translatePlural(l, 'about.attachments.count', d.attachments);
  const lastBackup = d.last_backup
    ? translate(l, 'about.withSize', { what: formatInstant(d.last_backup.at, l, timeZone), size: formatSize(d.last_backup.bytes, l) })
    : translate(l, 'about.lastBackup.none');
  return [
    { label: 'about.version', value: d.version, testid: 'about-version', ltr: true },
    { label: 'about.schema', value: formatCount(d.schema_version, l), testid: 'about-schema-version' },
    { label: 'about.format', value: formatCount(d.format_version, l), testid: 'about-format-version' },
    { label: 'about.dataDir', value: d.data_dir, testid: 'about-data-dir', ltr: true, copy: true },
    { label: 'about.storeSize', value: formatSize(d.store_bytes, l), testid: 'about-store-size' },
    { label: 'about.documents', value: translatePlural(l, 'about.documents.count', d.documents), testid: 'about-documents' },
    {
      label: 'about.attachments',
      value: d.attachments > 0 ? translate(l, 'about.withSize', { what: attachments, size: formatSize(d.attachment_bytes, l) }) : attachments,
      testid: 'about-attachments',
    },
    { label: 'about.encrypted', value: translate(l, d.encrypted ? 'about.encrypted.yes' : 'about.encrypted.no'), testid: 'about-encrypted' },
    { label: 'about.backups', value: translatePlural(l, 'about.backups.count', d.backups), testid: 'about-backups' },
    { label: 'about.lastBackup', value: lastBackup, testid: 'about-last-backup' },
    {
      label: 'about.lastSync',
      value: d.last_sync ? formatInstant(d.last_sync, l, timeZone) : translate(l, 'sync.state.never'),
      testid: 'about-last-sync',
    },
    d.sync_server
      ? { label: 'about.syncServer', value: d.sync_server, testid: 'about-sync-server', ltr: true }
      : { label: 'about.syncServer', value: translate(l, 'about.syncServer.none'), testid: 'about-sync-server' },
    { label: 'about.system', value: `${d.os} (${d.arch})`, testid: 'about-system', ltr: true },
    { label: 'about.replica', value: d.replica_id, testid: 'about-replica', ltr: true },
  ];
}

/** A whole number as the language writes it (the locale's digits). */
function formatCount(n: number, l: Lang): string {
  return new Intl.NumberFormat(LOCALES[l], { useGrouping: false }).format(n);
}
