// Sync in the in-memory mock backend: the settings (the password is kept but never sent back),
// a simulated push and pull with the backend's `sync-status` events, and conflicts to resolve.
// With `?conflict=1` in the page's address it starts as a laptop that has just synced and
// brought back two conflicts in the example meeting (see `seedConflicts`).

import { emit } from '@tauri-apps/api/event';
import type * as T from './types';
import { SyncUrlError, checkSyncUrl } from './mock-rules';
import { differingFields } from '../sync/values';
import { bodyOf, type WriteOf } from './mock-audit';

type Doc = Record<string, unknown> & { id: string; rev: string };

const STEP_MS = 150;

function fail(code: string, message: string, details: Record<string, unknown> | null = null): never {
  const error: T.AppError = { code, message, details };
  throw error;
}

function hex(n: number): string {
  const bytes = new Uint8Array(n);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const clone = <V>(v: V): V => structuredClone(v);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A conflict as the mock holds it: the winner is the document in the store. */
interface Held {
  id: string;
  kind: T.ConflictKind;
  others: T.ConflictVersion[];
  base: T.JsonObject | null;
  title: string;
  meeting: T.MeetingId | null;
}

/** The examples of `?conflict=1`, in the seed meeting. */
const SEED_MEETING = 'meeting:018bcfe5-6801-7d61-a864-617253656501' as T.MeetingId;
const SEED_STATEMENT = 'statement:018bcfe5-6829-7d61-a864-617253656529';
const SEED_ACTION = 'action:018bcfe5-683d-7d61-a864-61725365653d';

/** The first words of a text, as the backend labels a statement. */
function firstWords(text: string, count = 8): string {
  const words = text.trim().split(/\s+/);
  return words.length <= count ? words.join(' ') : `${words.slice(0, count).join(' ')}…`;
}

export class MockSync {
  url: string | null = null;
  user: string | null = null;
  password: string | null = null;
  continuous = false;
  state: T.SyncState = 'off';
  lastSync: string | null = null;
  detail: string | null = null;
  progress: T.SyncProgress | null = null;
  held: Held[] = [];
  /** The next sync fails with this error code (`offline`, `unauthorized`, `http`, `protocol`). */
  failNext: string | null = null;
  private running: Promise<T.SyncStatus> | null = null;
  private soon: ReturnType<typeof setTimeout> | null = null;

  /** `record`: the store's audit trail, told of the writes a resolution makes. */
  constructor(
    private readonly docs: Map<string, Doc>,
    private readonly record: (...writes: WriteOf[]) => void = () => {},
  ) {}

  /** The settings, the last sync and the conflicts held, as JSON (kept across an unlock's reload). */
  dump(): { url: string | null; user: string | null; password: string | null; continuous: boolean; lastSync: string | null; held: Held[] } {
    return clone({ url: this.url, user: this.user, password: this.password, continuous: this.continuous, lastSync: this.lastSync, held: this.held });
  }

  /** Takes back what `dump` gave. */
  load(kept: ReturnType<MockSync['dump']>): void {
    ({ url: this.url, user: this.user, password: this.password, continuous: this.continuous, lastSync: this.lastSync, held: this.held } = kept);
    if (this.url) this.state = 'up_to_date';
  }

  settings(): T.SyncSettings {
    return { url: this.url, user: this.user, has_password: this.password !== null, continuous: this.continuous };
  }

  status(): T.SyncStatus {
    return {
      state: this.state,
      conflicts: this.conflicts().length,
      last_sync: this.lastSync,
      detail: this.detail,
      progress: clone(this.progress),
    };
  }

  private publish(): Promise<void> {
    return emit('sync-status', this.status());
  }

  setSettings(raw: unknown): T.SyncSettings {
    const s = (raw ?? {}) as Partial<T.SyncSettingsInput>;
    const url = typeof s.url === 'string' && s.url.trim() !== '' ? s.url.trim() : null;
    if (url !== null) {
      try {
        checkSyncUrl(url);
      } catch (e) {
        if (e instanceof SyncUrlError) fail('bad_url', e.message, null);
        throw e;
      }
    }
    this.url = url;
    this.user = typeof s.user === 'string' && s.user.trim() !== '' ? s.user.trim() : null;
    // null keeps the stored password, "" removes it.
    if (s.password === '') this.password = null;
    else if (typeof s.password === 'string') this.password = s.password;
    this.continuous = s.continuous === true;
    if (url === null) {
      this.state = 'off';
      this.detail = null;
      this.progress = null;
    } else if (this.state === 'off') {
      // Set up, not synced yet.
      this.state = 'up_to_date';
    }
    void this.publish();
    if (url !== null && this.continuous) this.later();
    return this.settings();
  }

  /** Continuous sync: a sync shortly after a change (of the settings, or of a document). */
  later(): void {
    if (this.url === null || !this.continuous) return;
    if (this.soon) clearTimeout(this.soon);
    this.soon = setTimeout(() => {
      this.soon = null;
      this.run().catch(() => {});
    }, 500);
  }

  /** `sync_now`: one push and one pull; a sync already running is waited for. */
  run(): Promise<T.SyncStatus> {
    this.running ??= this.simulate().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async simulate(): Promise<T.SyncStatus> {
    const url = this.url ?? fail('bad_url', 'no sync server is set; enter its address in the sync settings');
    const total = this.docs.size;
    const half = Math.ceil(total / 2);
    const steps: T.SyncProgress[] = [
      { direction: 'push', documents: 0, revisions: 0, pending: total },
      { direction: 'push', documents: half, revisions: half, pending: total - half },
      { direction: 'push', documents: total, revisions: total, pending: 0 },
      { direction: 'pull', documents: 0, revisions: 0, pending: null },
    ];
    this.state = 'syncing';
    this.detail = null;
    for (const [i, step] of steps.entries()) {
      this.progress = step;
      await this.publish();
      await sleep(STEP_MS);
      if (i === 0 && this.failNext) {
        const code = this.failNext;
        this.failNext = null;
        const message =
          code === 'offline'
            ? `cannot reach ${url}: connection refused; the sync will resume from where it stopped`
            : code === 'unauthorized'
              ? `${url} refused the user name or password; check the sync settings`
              : code === 'http'
                ? `POST /mahdar/_bulk_docs failed with HTTP 500: Internal Server Error`
                : `${url} does not speak the CouchDB replication protocol as expected: simulated`;
        this.state = code === 'offline' ? 'offline' : 'failed';
        this.detail = message;
        this.progress = null;
        await this.publish();
        fail(code, message, null);
      }
    }
    this.state = 'up_to_date';
    this.lastSync = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    this.progress = null;
    await this.publish();
    return this.status();
  }

  conflicts(): T.Conflict[] {
    const out: T.Conflict[] = [];
    for (const h of this.held) {
      const doc = this.docs.get(h.id);
      if (!doc) continue;
      const { id: _id, rev, ...body } = clone(doc);
      const fields = new Set<string>();
      for (const o of h.others) if (o.body) for (const f of differingFields(body, o.body)) fields.add(f);
      out.push({
        id: h.id,
        kind: h.kind,
        versions: [{ rev, deleted: false, winner: true, body }, ...clone(h.others)],
        // As the backend: only live versions are compared (none for an edit against a deletion).
        fields: [...fields].sort(),
        base: clone(h.base),
        title: h.title,
        meeting: h.meeting,
      });
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** `resolve_conflict`: keeps a version (a deletion included) or a merged body. */
  resolve(a: Record<string, unknown>): T.Rev {
    const id = String(a.id ?? '');
    const keep = (a.keep ?? null) as string | null;
    const merged = (a.merged ?? null) as unknown;
    if ((keep === null) === (merged === null)) fail('invalid_input', 'give exactly one of keep and merged', { field: 'keep' });
    const c = this.conflicts().find((x) => x.id === id) ?? fail('refused', `${id} has no conflict to resolve`);
    const winner = c.versions[0];
    const writes: WriteOf[] = [];
    let kept: T.Rev;
    if (keep !== null) {
      const v =
        c.versions.find((x) => x.rev === keep) ??
        fail('refused', `${keep} is not one of the versions of ${id} (${c.versions.map((x) => x.rev).join(', ')})`);
      if (v.deleted) this.docs.delete(id);
      else this.docs.set(id, { ...clone(v.body ?? {}), id, rev: v.rev });
      kept = v.rev;
    } else {
      if (typeof merged !== 'object' || merged === null || Array.isArray(merged)) {
        fail('invalid_input', 'merged: must be a JSON object', { field: 'merged' });
      }
      kept = `${Number(winner.rev.split('-')[0]) + 1}-${hex(16)}`;
      this.docs.set(id, { ...clone(merged as T.JsonObject), id, rev: kept });
      writes.push({ op: 'edited', doc: id, rev: kept, base: winner.rev, before: bodyOf(winner.body), after: bodyOf(merged as T.JsonObject) });
    }
    // As the backend: every other version is set aside (a kept deletion leaves other deletions be).
    const keepsDeletion = c.versions.some((v) => v.rev === kept && v.deleted);
    for (const v of c.versions) {
      if (v.rev === kept || (keep === null && v.rev === winner.rev) || (keepsDeletion && v.deleted)) continue;
      const rev = `${Number(v.rev.split('-')[0]) + 1}-${hex(16)}`;
      writes.push({ op: 'discarded', doc: id, rev, base: v.rev, before: bodyOf(v.body), after: null });
    }
    this.record(...writes);
    this.held = this.held.filter((h) => h.id !== id);
    void this.publish();
    this.later();
    return kept;
  }

  /**
   * A laptop that has just synced with the server and brought back two conflicts in the example
   * meeting (whose documents must be loaded): a statement proofread on both laptops, each
   * correcting something else, and a follow-up action edited here and deleted on the other.
   */
  seedConflicts(): void {
    this.url = 'https://sync.example.org/mahdar';
    this.user = 'secretariat';
    this.password = 'example';
    this.state = 'up_to_date';
    this.lastSync = new Date(Date.now() - 5 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

    const statement = this.docs.get(SEED_STATEMENT);
    if (statement) {
      const { id, rev: _rev, ...base } = clone(statement);
      const text = String(base.text);
      const here = { ...base, text: text.replace('جول', 'حول') };
      const there = { ...base, text: text.replace('الاسرة', 'الأسرة').replace('الى', 'إلى') };
      this.docs.set(id, { ...here, id, rev: `2-${hex(16)}` });
      this.held.push({
        id,
        kind: 'edit',
        others: [{ rev: `2-${hex(16)}`, deleted: false, winner: false, body: there }],
        base,
        title: firstWords(here.text),
        meeting: SEED_MEETING,
      });
    }

    const action = this.docs.get(SEED_ACTION);
    if (action) {
      const { id, rev: _rev, ...base } = clone(action);
      const here = {
        ...base,
        due: '2027-06-30',
        amount: { centimes: 500_000_000, currency: 'MAD' },
        beneficiaries: 'الأشخاص في وضعية هشاشة والأسر المعوزة',
      };
      this.docs.set(id, { ...here, id, rev: `2-${hex(16)}` });
      this.held.push({
        id,
        kind: 'edit_delete',
        others: [{ rev: `2-${hex(16)}`, deleted: true, winner: false, body: null }],
        base,
        title: String(base.title),
        meeting: SEED_MEETING,
      });
    }
  }
}
