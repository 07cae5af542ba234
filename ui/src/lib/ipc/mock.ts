// The in-memory backend the UI runs against in a plain browser (design work, Playwright tests).
// It answers every command of api.ts with the shapes of the real backend (see the samples from
// the Rust code) and enforces its main rules with the real error codes. It starts empty, like a
// first run; `load_demo` loads the seed meeting's documents as the real store holds them.
//
// Writes resolve after a short delay, as the real backend does after its fsync, so the UI's
// "saving…" state is real. `window.__mahdarMock` lets tests emit menu events and make the next
// write or sync fail. The person using this laptop (`user_profile`) starts unset, so status
// changes fail with `no_profile` until Settings sets it, as on a fresh install; approving stores
// an `approval:` document with the snapshot of the minutes and its SHA-256 (0, then 1, 2, … for
// amendments, started by taking approved minutes back to draft); `verify_minutes` compares the
// minutes now with the latest approved snapshot. Every write is recorded in the audit trail
// (mock-audit.ts: who, when, on the computer `mock`, the fields changed), which `history` reads.
// Sync is simulated in mock-sync.ts; `export_actions` pretends to save a CSV or a PDF report in
// Documents; `matters_arising` selects as the backend does. The settings keep and check the
// reminders of due dates. `?conflict=1` in the page's address starts with the example meeting and
// two sync conflicts in it; `?damaged=1` (or `empty`, `unusable`) starts with a damaged data
// folder, where every command fails with `store_corrupt` but `backups` and `recover`
// (mock-recovery.ts; `&encrypted=1`: encrypted backups, restored with the passphrase). Out of it,
// the only backup is today's (see below), and `recover` is refused: nothing is damaged. Encryption
// at rest is in mock-lock.ts: `encrypt_data`, `lock`, `unlock`, `change_passphrase`, and
// `?locked=1` to start with the example meeting in an encrypted, locked data folder
// (`?locked=1&damaged=1`: damaged too, which the right passphrase reveals). The settings keep the
// delay of the automatic lock. Press reports made into draft meetings, and the review of their
// proposals, are in mock-report.ts (the seed report's draft from seed-report-draft.json). Site
// visits are added, edited and deleted as the other items of a meeting; attachments (photos and
// documents, their bytes sent as the raw body of `attach`) are in mock-attachments.ts, and the
// settings keep their size limit and how the minutes show the visits' photos. What the mock says
// about itself is in mock-diagnostics.ts: it counts as set up (`first_run` false) unless the
// address says `?firstrun=1`, which starts with the first-run setup and keeps the whole mock
// across the window's reloads (in its session storage), so that a finished setup stays finished;
// the daily backup written once the first screen is drawn; the About screen's figures; the
// diagnostics bundle.

import { mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import type * as T from './types';
import seedDocuments from './seed-documents.json';
import { MockSync } from './mock-sync';
import { MockAudit, bodyOf, type WriteOf, type Writer } from './mock-audit';
import { MockDamage, damageScenario } from './mock-recovery';
import { MockReports } from './mock-report';
import { MOCK_PASSPHRASE, MockEncryption, encryptedAsked, keepForReload, lockedAsked, takeKept } from './mock-lock';
import { AUTO_LOCK_MAX, DEFAULT_AUTO_LOCK, validAutoLock } from '../lock/passphrase';
import { MockAttachments, type AttachmentsKept, type InvokeOptions } from './mock-attachments';
import {
  MOCK_MEMORY_DIR, MOCK_VERSION, attachmentBytes, diagnosticsBundle, diagnosticsOf, firstRunAsked, newestFirst, withDailyBackup, type MockBackup,
  type MockFacts,
} from './mock-diagnostics';
import {
  ATTACHMENT_MB_MAX, ATTACHMENT_MB_MIN, DEFAULT_ATTACHMENT_MB, DEFAULT_MINUTES_PHOTOS, MINUTES_PHOTOS, attachmentMbOf,
  validAttachmentMb,
} from '../settings/attachments';
import { foldForMatch, matchWords } from '../common/fold';
import {
  ACTION_NEXT, AmountError, DEFAULT_REMINDERS, PRECEDENCE_ORDER, ProfileError, ReminderError, WorkflowError, amountsIn,
  canonicalJson, checkMeetingMove, earlierRelated, orderBetween, parseAmount, sha256Hex, snapshotChanges, snapshotOf,
  validProfile, validReminders,
} from './mock-rules';

type Kind =
  | 'meeting' | 'series' | 'person' | 'org' | 'attendance' | 'statement' | 'decision' | 'action' | 'progress' | 'visit'
  | 'approval';
/** An approval as the backend stores it (a document of its own, so that it replicates). */
type ApprovalDoc = Doc & Omit<T.Approval, 'id' | 'intact'> & { meeting: T.MeetingId; machine: string; snapshot: unknown };
type Doc = Record<string, unknown> & { id: string; rev: string };
type Args = Record<string, unknown>;

const WRITE_DELAY_MS = 60;
/** The computer's name in the audit trail. */
const MACHINE = 'mock';

const REGIONS: T.RegionInfo[] = [
  { slug: 'tanger-tetouan-al-hoceima', number: 1, ar: 'طنجة تطوان الحسيمة', fr: 'Tanger-Tétouan-Al Hoceïma', en: 'Tangier-Tetouan-Al Hoceima' },
  { slug: 'oriental', number: 2, ar: 'الشرق', fr: "L'Oriental", en: 'Oriental' },
  { slug: 'fes-meknes', number: 3, ar: 'فاس مكناس', fr: 'Fès-Meknès', en: 'Fez-Meknes' },
  { slug: 'rabat-sale-kenitra', number: 4, ar: 'الرباط سلا القنيطرة', fr: 'Rabat-Salé-Kénitra', en: 'Rabat-Sale-Kenitra' },
  { slug: 'beni-mellal-khenifra', number: 5, ar: 'بني ملال خنيفرة', fr: 'Béni Mellal-Khénifra', en: 'Beni Mellal-Khenifra' },
  { slug: 'casablanca-settat', number: 6, ar: 'الدار البيضاء سطات', fr: 'Casablanca-Settat', en: 'Casablanca-Settat' },
  { slug: 'marrakech-safi', number: 7, ar: 'مراكش آسفي', fr: 'Marrakech-Safi', en: 'Marrakesh-Safi' },
  { slug: 'draa-tafilalet', number: 8, ar: 'درعة تافيلالت', fr: 'Drâa-Tafilalet', en: 'Draa-Tafilalet' },
  { slug: 'souss-massa', number: 9, ar: 'سوس ماسة', fr: 'Souss-Massa', en: 'Souss-Massa' },
  { slug: 'guelmim-oued-noun', number: 10, ar: 'كلميم واد نون', fr: 'Guelmim-Oued Noun', en: 'Guelmim-Oued Noun' },
  { slug: 'laayoune-sakia-el-hamra', number: 11, ar: 'العيون الساقية الحمراء', fr: 'Laâyoune-Sakia El Hamra', en: 'Laayoune-Sakia El Hamra' },
  { slug: 'dakhla-oued-ed-dahab', number: 12, ar: 'الداخلة وادي الذهب', fr: 'Dakhla-Oued Ed-Dahab', en: 'Dakhla-Oued Ed-Dahab' },
];

const SEED_MEETING = 'meeting:018bcfe5-6801-7d61-a864-617253656501' as T.MeetingId;

// ----- errors, as the backend serialises them -----

function fail(code: string, message: string, details: Record<string, unknown> | null = null): never {
  const error: T.AppError = { code, message, details };
  throw error;
}
const invalid = (field: string, reason: string): never => fail('invalid_input', `${field}: ${reason}`, { field });
const notFound = (what: string, id: string): never => fail('not_found', `no ${what} ${id}`, { what, id });

// ----- text checks (as mahdar-model's text.rs) -----

function shortText(field: string, v: unknown): string {
  const s = typeof v === 'string' ? v.trim() : '';
  if (s === '') invalid(field, 'must not be empty');
  if ([...s].length > 500) invalid(field, 'is too long; the limit is 500');
  if (/[\u0000-\u001f\u007f-\u009f]/.test(s)) invalid(field, 'contains a control character; remove it');
  return s;
}
function optionalShort(field: string, v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? shortText(field, v) : null;
}
function longText(field: string, v: unknown): string {
  const s = typeof v === 'string' ? v.trim() : '';
  if (s === '') invalid(field, 'must not be empty');
  if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(s)) invalid(field, 'contains a control character; remove it');
  return s;
}
function shortTexts(field: string, items: unknown): string[] {
  const out: string[] = [];
  for (const i of Array.isArray(items) ? items : []) {
    if (typeof i !== 'string' || i.trim() === '') continue;
    const s = shortText(field, i);
    if (!out.includes(s)) out.push(s);
  }
  return out;
}
function isoDate(field: string, v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) invalid(field, `"${String(v)}" is not a date (YYYY-MM-DD)`);
  return v as string;
}
function isoTime(field: string, v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v !== 'string' || !/^\d{2}:\d{2}(:\d{2})?$/.test(v)) invalid(field, `"${String(v)}" is not a time (HH:MM:SS)`);
  const s = v as string;
  return s.length === 5 ? `${s}:00` : s;
}
function oneOf<V extends string>(field: string, v: unknown, allowed: readonly V[], fallback?: V): V {
  if ((v === undefined || v === null) && fallback !== undefined) return fallback;
  if (!allowed.includes(v as V)) invalid(field, `"${String(v)}" is not one of ${allowed.join(', ')}`);
  return v as V;
}

function localToday(d: Date = new Date()): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function hex(n: number): string {
  const bytes = new Uint8Array(n);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A uuid v7 (time-ordered, like the backend's ids). */
function uuid7(): string {
  const ms = Date.now().toString(16).padStart(12, '0');
  const r = hex(10);
  const variant = ((parseInt(r[3], 16) & 0x3) | 0x8).toString(16);
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${r.slice(0, 3)}-${variant}${r.slice(4, 7)}-${r.slice(7, 19)}`;
}

function clone<V>(v: V): V {
  return structuredClone(v);
}

// ----- the store -----

/** What a window keeps of the mock for the next start (mock-lock.ts). */
interface StoreKept {
  docs: Doc[];
  audit: ReturnType<MockAudit['dump']>;
  settings: T.Settings;
  profile: T.UserProfile | null;
  replica: string;
  reports?: ReturnType<MockReports['dump']>;
  attachments?: AttachmentsKept;
  firstRun?: boolean;
  backups?: MockBackup[];
}

interface MockKept {
  store: StoreKept;
  sync: ReturnType<MockSync['dump']>;
  passphrase: string | null;
  /** The data was locked when the window went (a reload with `?firstrun=1`). */
  locked?: boolean;
}

/** The store and its commands (exported for the unit tests, which run it without a window). */
export class MockStore {
  docs = new Map<string, Doc>();
  /** Every write, recorded (the `history` command). */
  audit = new MockAudit(this.docs);
  /** The press reports meetings were made from, and their proposals (mock-report.ts). */
  reports = new MockReports(this);
  settings: T.Settings = {
    language: 'ar',
    hijri_adjust: 0,
    letterhead: { ar: [], fr: [], en: [] },
    reminders: { ...DEFAULT_REMINDERS },
    auto_lock_minutes: DEFAULT_AUTO_LOCK,
    attachment_max_mb: DEFAULT_ATTACHMENT_MB,
    minutes_photos: DEFAULT_MINUTES_PHOTOS,
  };
  /** Photos and documents attached to meetings, visits, statements and progress entries. */
  attachments = new MockAttachments(
    (owner, writing) => this.attachmentOwner(owner, writing),
    () => attachmentMbOf(this.settings),
  );
  replica = hex(8);
  /** Whether the data folder is encrypted (told by mock-lock.ts). */
  encrypted: () => boolean = () => false;
  /** The person using this laptop (kept on this laptop only, never synced). */
  profile: T.UserProfile | null = null;
  failNext: string | null = null;
  /** The next save dialog is cancelled (the browser has no native dialog to click). */
  cancelSave = false;
  /** Set by `cancel_export`. */
  exportCancelled = false;
  /** Exports take 3 s to render (to test cancelling). */
  slowExport = false;
  /** The first-run setup is still to be done (`finish_first_run`). */
  firstRun = false;
  /** The backups "in the data folder" (today's written at `ui_ready`). */
  backups: MockBackup[] = [];

  /** The documents, the audit trail, the settings and the profile, as JSON (kept across an unlock's reload). */
  keep(): StoreKept {
    return clone({
      docs: [...this.docs.values()],
      audit: this.audit.dump(),
      settings: this.settings,
      profile: this.profile,
      replica: this.replica,
      reports: this.reports.dump(),
      attachments: this.attachments.dump(),
      firstRun: this.firstRun,
      backups: this.backups,
    });
  }

  /** Takes back what `keep` gave. */
  takeBack(kept: StoreKept): void {
    this.docs.clear();
    for (const doc of kept.docs) this.docs.set(doc.id, doc);
    this.audit.load(kept.audit);
    this.settings = kept.settings;
    this.profile = kept.profile;
    this.replica = kept.replica;
    this.reports.load(kept.reports);
    this.attachments.load(kept.attachments);
    this.firstRun = kept.firstRun ?? false;
    this.backups = kept.backups ?? [];
  }

  /** The size of the documents and the audit trail, as JSON (what the mock's "store" holds). */
  storeBytes(): number {
    return new TextEncoder().encode(JSON.stringify([[...this.docs.values()], this.audit.dump()])).length;
  }

  /** What the About screen's figures are derived from; `sync`: the sync's last run and server. */
  facts(sync: { lastSync: string | null; url: string | null }): MockFacts {
    return {
      replica: this.replica,
      encrypted: this.encrypted(),
      documents: this.docs.size,
      storeBytes: this.storeBytes(),
      attachments: [...this.attachments.entries.values()],
      backups: this.backups,
      lastSync: sync.lastSync,
      syncUrl: sync.url,
    };
  }

  /** `diagnostics`. */
  diagnostics(sync: { lastSync: string | null; url: string | null }): T.Diagnostics {
    return diagnosticsOf(this.facts(sync));
  }

  /** Today's backup, as the app writes it once the first screen is drawn: the store and its files. */
  dailyBackup(now: Date = new Date()): void {
    const files = attachmentBytes([...this.attachments.entries.values()]);
    const at = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
    this.backups = withDailyBackup(this.backups, localToday(now), at, this.storeBytes() + files);
  }

  kindOf(id: string): Kind {
    return id.slice(0, id.indexOf(':')) as Kind;
  }

  all<V extends Doc>(kind: Kind): V[] {
    return [...this.docs.values()].filter((d) => this.kindOf(d.id) === kind) as V[];
  }

  find<V extends Doc>(id: string | null | undefined): V | null {
    return id ? ((this.docs.get(id) as V | undefined) ?? null) : null;
  }

  load<V extends Doc>(kind: Kind, what: string, id: unknown): V {
    const doc = typeof id === 'string' && this.kindOf(id) === kind ? this.find<V>(id) : null;
    return doc ?? notFound(what, String(id));
  }

  /** Who writes now, for the audit trail: the profile (when set), this computer, this replica. */
  writer(): Writer {
    return { by: this.profile?.name ?? null, role: this.profile?.role ?? null, machine: MACHINE, replica: this.replica };
  }

  /** Records writes in the audit trail, as the backend does in the same atomic write. */
  recordWrite(...writes: WriteOf[]): void {
    this.audit.record(this.writer(), writes);
  }

  insert<V extends object>(kind: Kind, value: V): V & { id: string; rev: string } {
    const doc = { ...clone(value), id: `${kind}:${uuid7()}`, rev: `1-${hex(16)}` };
    this.docs.set(doc.id, doc);
    this.recordWrite({ op: 'created', doc: doc.id, rev: doc.rev, base: null, before: null, after: bodyOf(doc) });
    return clone(doc);
  }

  save<V extends object>(id: string, rev: unknown, value: V): V & { id: string; rev: string } {
    const current = this.docs.get(id) ?? notFound(this.kindOf(id), id);
    if (rev !== current.rev) {
      fail('conflict', `${id}: revision ${String(rev)} is not the current one (${current.rev}); reload and try again`);
    }
    const n = Number(current.rev.split('-')[0]) + 1;
    const doc = { ...clone(value), id, rev: `${n}-${hex(16)}` };
    this.docs.set(id, doc);
    this.recordWrite({ op: 'edited', doc: id, rev: doc.rev, base: current.rev, before: bodyOf(current), after: bodyOf(doc) });
    return clone(doc);
  }

  /** Saves over the current revision (for changes the backend makes itself). */
  touch<V extends object>(id: string, value: V): V & { id: string; rev: string } {
    const current = this.docs.get(id) ?? notFound(this.kindOf(id), id);
    return this.save(id, current.rev, value);
  }

  remove(id: string): void {
    const current = this.docs.get(id);
    this.docs.delete(id);
    if (current) {
      const rev = `${Number(current.rev.split('-')[0]) + 1}-${hex(16)}`;
      this.recordWrite({ op: 'deleted', doc: id, rev, base: current.rev, before: bodyOf(current), after: null });
    }
  }

  // ----- meetings -----

  editableMeeting(id: unknown): Doc & T.Meeting {
    const m = this.load<Doc & T.Meeting>('meeting', 'meeting', id);
    if (m.status === 'approved' || m.status === 'published') {
      fail('meeting_locked', `this meeting's minutes are ${m.status} and read-only; changes need a new amended version`, null);
    }
    return m;
  }

  missing(m: T.Meeting): T.MissingField[] {
    const out: T.MissingField[] = [];
    if (!m.region) out.push('region');
    if (!m.date) out.push('date');
    if (!m.start_time) out.push('start_time');
    if (!m.venue) out.push('venue');
    if (!m.format) out.push('format');
    return out;
  }

  validMeeting(raw: unknown, thisId: string | null): T.Meeting {
    const m = (raw ?? {}) as Partial<T.Meeting>;
    const series = m.series ?? null;
    const rank = m.rank ?? null;
    if (series !== null) this.load('series', 'series', series);
    if (rank !== null) {
      if (!Number.isInteger(rank) || rank < 1) invalid('rank', 'ranks in a series start at 1');
      if (rank > 1000) invalid('rank', 'a series has at most 1000 meetings');
      if (series === null) invalid('rank', 'a rank needs a series to be a rank in');
      const other = this.all<Doc & T.Meeting>('meeting').find((x) => x.series === series && x.rank === rank && x.id !== thisId);
      if (other) invalid('rank', `the series already has a meeting ranked ${rank} (${other.id}); the next free rank is ${this.nextRank(series as string)}`);
    }
    const region = m.region ?? null;
    if (region !== null && !REGIONS.some((r) => r.slug === region)) invalid('region', `"${region}" is not one of the 12 regions`);
    const start = isoTime('start_time', m.start_time);
    const end = isoTime('end_time', m.end_time);
    if (start && end && end < start) invalid('end_time', `ends at ${end} before it starts at ${start}`);
    const agenda = (m.agenda ?? []).map((a) => ({ id: String(a.id), title: shortText('agenda', a.title) }));
    if (new Set(agenda.map((a) => a.id)).size !== agenda.length) invalid('agenda', 'two agenda items share an id');
    const prefecture = m.prefecture
      ? { kind: oneOf('prefecture', m.prefecture.kind, ['prefecture', 'province'] as const), name: shortText('prefecture', m.prefecture.name) }
      : null;
    return {
      title: optionalShort('title', m.title),
      series: series as T.SeriesId | null,
      rank,
      region: region as T.RegionSlug | null,
      prefecture,
      venue: optionalShort('venue', m.venue),
      date: isoDate('date', m.date),
      start_time: start,
      end_time: end,
      format: m.format == null ? null : oneOf('format', m.format, ['in_person', 'online', 'hybrid'] as const),
      purpose: (m.purpose ?? []).filter((p) => typeof p === 'string' && p.trim() !== '').map((p) => longText('purpose', p)),
      agenda,
      status: oneOf('status', m.status, ['draft', 'in_review', 'approved', 'published'] as const, 'draft'),
      languages: (m.languages ?? ['ar']).filter((l): l is T.Lang => ['ar', 'fr', 'en'].includes(l)),
    };
  }

  nextRank(series: string): number {
    const ranks = this.all<Doc & T.Meeting>('meeting').filter((m) => m.series === series).map((m) => m.rank ?? 0);
    return Math.max(0, ...ranks) + 1;
  }

  summary(m: Doc & T.Meeting): T.MeetingSummary {
    return { ...clone(m), missing: this.missing(m) } as T.MeetingSummary;
  }

  /** Every approval of a meeting, oldest first (by amendment, then time, as the backend). */
  approvals(meeting: string): ApprovalDoc[] {
    return this.all<ApprovalDoc>('approval')
      .filter((x) => x.meeting === meeting)
      .sort((x, y) => x.amendment - y.amendment || (x.approved_at < y.approved_at ? -1 : x.approved_at > y.approved_at ? 1 : 0));
  }

  /** An approval without its snapshot (the backend's ApprovalSummary). */
  approvalSummary(a: ApprovalDoc): T.Approval {
    const { id, sha256, approved_by, role, approved_at, amendment } = a;
    // Nothing in the mock alters a stored snapshot: it always still hashes to `sha256`.
    return { id, sha256, approved_by, role, approved_at, amendment, intact: true };
  }

  /** The latest approval of a meeting, without its snapshot. */
  approvalOf(m: Doc & T.Meeting): T.Approval | null {
    const latest = this.approvals(m.id).at(-1);
    return latest ? this.approvalSummary(latest) : null;
  }

  /** The minutes of a meeting as a snapshot (the backend's `minutes_snapshot`), and its SHA-256. */
  async minutesSnapshot(id: string): Promise<{ snapshot: unknown; sha256: string }> {
    const snapshot = snapshotOf(this.handle('meeting_record', { id }));
    return { snapshot, sha256: await sha256Hex(canonicalJson(snapshot)) };
  }

  /**
   * `verify_minutes`: whether the minutes now are exactly the latest approved ones, what changed
   * since (matched item by item, as the backend's `snapshot_changes`), and, when the minutes are
   * back in draft or review, the number of the amendment being prepared.
   */
  async verifyMinutes(a: Args): Promise<T.Verification> {
    const m = this.load<Doc & T.Meeting>('meeting', 'meeting', a.id);
    const { snapshot, sha256 } = await this.minutesSnapshot(m.id);
    const latest = this.approvals(m.id).at(-1);
    if (!latest) {
      return { meeting: m.id, approval: null, current_sha256: sha256, matches: false, changes: [], amendment_in_progress: null, file_sha256: null };
    }
    const locked = m.status === 'approved' || m.status === 'published';
    return {
      meeting: m.id,
      approval: this.approvalSummary(latest),
      current_sha256: sha256,
      matches: latest.sha256 === sha256,
      changes: clone(snapshotChanges(latest.snapshot, snapshot)),
      amendment_in_progress: locked ? null : latest.amendment + 1,
      file_sha256: null,
    };
  }

  /**
   * `set_meeting_status`: the move checked against the profile's role; approving freezes the
   * minutes (the record without what follow-up may change, as the backend's snapshot) and
   * stores their SHA-256 in an approval document, numbered after the meeting's earlier
   * approvals (amendments). Taking approved minutes back to draft leaves their approvals as
   * they are.
   */
  async setMeetingStatus(a: Args): Promise<T.Stored<T.Meeting, T.MeetingId>> {
    const current = this.load<Doc & T.Meeting>('meeting', 'meeting', a.id);
    const to = a.status as T.MeetingStatus;
    try {
      checkMeetingMove(this.profile, current.status, to);
    } catch (e) {
      if (e instanceof WorkflowError) fail(e.code, e.message, e.details);
      throw e;
    }
    const profile = this.profile as T.UserProfile;
    const { id, rev, ...value } = current;
    if (to !== 'approved') return this.save(id, rev, { ...value, status: to }) as T.Stored<T.Meeting, T.MeetingId>;
    const { snapshot, sha256 } = await this.minutesSnapshot(id);
    const amendment = Math.max(-1, ...this.approvals(id).map((x) => x.amendment)) + 1;
    // Saved against the revision read: a change made meanwhile is a conflict, not approved unseen.
    const saved = this.save(id, rev, { ...value, status: to });
    this.insert('approval', {
      meeting: id as T.MeetingId,
      amendment,
      approved_by: profile.name,
      role: profile.role,
      approved_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      machine: this.replica,
      sha256,
      snapshot,
    });
    return saved as T.Stored<T.Meeting, T.MeetingId>;
  }

  // ----- ordered children -----

  children<V extends Doc & { meeting: string; order: string }>(kind: Kind, meeting: string): V[] {
    return this.all<V>(kind)
      .filter((d) => d.meeting === meeting)
      .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  orderAt(kind: Kind, meeting: string, position: unknown, moving: string | null): string {
    const siblings = this.children(kind, meeting).filter((d) => d.id !== moving);
    const p = (position ?? { at: 'last' }) as { at: string; id?: string };
    const find = (id: unknown) => {
      const i = siblings.findIndex((s) => s.id === id);
      if (i < 0) invalid('position', `${String(id)} is not in this meeting`);
      return i;
    };
    let lower: string | null = null;
    let upper: string | null = null;
    switch (p.at) {
      case 'first':
        upper = siblings[0]?.order ?? null;
        break;
      case 'last':
        lower = siblings.at(-1)?.order ?? null;
        break;
      case 'after': {
        const i = find(p.id);
        lower = siblings[i].order;
        upper = siblings[i + 1]?.order ?? null;
        break;
      }
      case 'before': {
        const i = find(p.id);
        lower = siblings[i - 1]?.order ?? null;
        upper = siblings[i].order;
        break;
      }
      default:
        invalid('position', `"${String(p.at)}" is not first, last, after or before`);
    }
    if (lower === null && upper === null) return '80';
    return orderBetween(lower, upper);
  }

  moveItem(kind: Kind, what: string, id: unknown, position: unknown): Doc {
    const current = this.load<Doc & { meeting: string; order: string }>(kind, what, id);
    this.editableMeeting(current.meeting);
    const p = position as { at: string; id?: string } | undefined;
    if (p && (p.at === 'after' || p.at === 'before') && p.id === current.id) return clone(current);
    const order = this.orderAt(kind, current.meeting, position, current.id);
    const { id: _id, rev, ...value } = current;
    return this.save(current.id, rev, { ...value, order });
  }

  deleteItem(kind: Kind, what: string, id: unknown): null {
    const current = this.load<Doc & { meeting: string }>(kind, what, id);
    this.editableMeeting(current.meeting);
    this.remove(current.id);
    return null;
  }

  // ----- registry -----

  precedenceRank(p: T.Precedence | undefined): number {
    const i = PRECEDENCE_ORDER.indexOf(p ?? 'other');
    return i < 0 ? PRECEDENCE_ORDER.length : i;
  }

  displayName(p: T.Person, lang: T.Lang = 'ar'): string {
    return (lang === 'ar' ? p.name_ar || p.name_latin : p.name_latin || p.name_ar) ?? '';
  }

  orgName(o: T.Organisation, lang: T.Lang = 'ar'): string {
    return (lang === 'ar' ? o.name_ar || o.name_fr : o.name_fr || o.name_ar) ?? '';
  }

  partyName(id: string): string {
    const doc = this.find<Doc>(id);
    if (!doc) return id;
    return this.kindOf(id) === 'org' ? this.orgName(doc as unknown as T.Organisation) : this.displayName(doc as unknown as T.Person);
  }

  validPerson(raw: unknown): T.Person {
    const p = (raw ?? {}) as Partial<T.Person>;
    const name_ar = optionalShort('name_ar', p.name_ar);
    const name_latin = optionalShort('name_latin', p.name_latin);
    if (!name_ar && !name_latin) invalid('name', 'give a name in Arabic or Latin script');
    const titles = (p.titles ?? []).map((t) => {
      const from = isoDate('titles', t.from);
      const until = isoDate('titles', t.until);
      const title_ar = shortText('title_ar', t.title_ar);
      if (from && until && until < from) invalid('titles', `"${title_ar}" ends (${until}) before it starts (${from})`);
      return { title_ar, title_fr: optionalShort('title_fr', t.title_fr), from, until };
    });
    const organisation = p.organisation ?? null;
    if (organisation) this.load('org', 'organisation', organisation);
    return {
      kind: oneOf('kind', p.kind, ['individual', 'group'] as const, 'individual'),
      name_ar,
      name_latin,
      aliases: shortTexts('aliases', p.aliases),
      titles,
      precedence: oneOf('precedence', p.precedence, PRECEDENCE_ORDER, 'other'),
      organisation,
    };
  }

  validOrganisation(raw: unknown): T.Organisation {
    const o = (raw ?? {}) as Partial<T.Organisation>;
    const name_ar = optionalShort('name_ar', o.name_ar);
    const name_fr = optionalShort('name_fr', o.name_fr);
    if (!name_ar && !name_fr) invalid('name', 'give a name in Arabic or French');
    return { name_ar, name_fr, aliases: shortTexts('aliases', o.aliases) };
  }

  people(): (Doc & T.Person)[] {
    return this.all<Doc & T.Person>('person').sort((a, b) => {
      const pa = this.precedenceRank(a.precedence);
      const pb = this.precedenceRank(b.precedence);
      if (pa !== pb) return pa - pb;
      const na = foldForMatch(this.displayName(a));
      const nb = foldForMatch(this.displayName(b));
      return na < nb ? -1 : na > nb ? 1 : 0;
    });
  }

  /** As the backend: a name starts with the query, else a word does (article or not), else contains it. */
  findPeople(query: string): (Doc & T.Person)[] {
    const q = foldForMatch(query);
    if (q === '') return this.people();
    const hits: { rank: number; p: Doc & T.Person }[] = [];
    for (const p of this.people()) {
      let best: number | null = null;
      for (const name of [p.name_ar, p.name_latin, ...p.aliases]) {
        if (!name) continue;
        const n = foldForMatch(name);
        let rank: number | null = null;
        if (n.startsWith(q)) rank = 0;
        else if (n.split(' ').some((w) => w.startsWith(q) || (w.startsWith('ال') && w.slice(2).startsWith(q)))) rank = 1;
        else if (n.includes(q)) rank = 2;
        if (rank !== null && (best === null || rank < best)) best = rank;
      }
      if (best !== null) hits.push({ rank: best, p });
    }
    return hits.sort((a, b) => a.rank - b.rank).map((h) => h.p);
  }

  titleOn(p: T.Person, day: string | null): string | null {
    const covers = (t: T.TitleHeld, d: string) => (!t.from || t.from <= d) && (!t.until || d <= t.until);
    let chosen: T.TitleHeld | undefined;
    if (day) {
      chosen = p.titles.filter((t) => covers(t, day)).sort((a, b) => ((a.from ?? '') < (b.from ?? '') ? 1 : -1))[0];
    } else {
      const key = (t: T.TitleHeld) => `${t.until === null ? 1 : 0}|${t.until ?? ''}|${t.from ?? ''}`;
      chosen = [...p.titles].sort((a, b) => key(b).localeCompare(key(a)))[0];
    }
    return chosen?.title_ar ?? null;
  }

  ensureParty(id: unknown): void {
    if (typeof id !== 'string') invalid('party', `${String(id)} is not a person or organisation id`);
    const kind = this.kindOf(id as string);
    if (kind === 'person') this.load('person', 'person', id);
    else if (kind === 'org') this.load('org', 'organisation', id);
    else invalid('party', `${String(id)} is not a person or organisation id`);
  }

  // ----- attendance and statements -----

  attendance(meeting: string): (Doc & T.Attendance)[] {
    return this.children<Doc & T.Attendance>('attendance', meeting).sort((a, b) => {
      const pa = this.precedenceRank(this.find<Doc & T.Person>(a.person)?.precedence);
      const pb = this.precedenceRank(this.find<Doc & T.Person>(b.person)?.precedence);
      if (pa !== pb) return pa - pb;
      if (a.order !== b.order) return a.order < b.order ? -1 : 1;
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
  }

  statementsBy(meeting: string, person: string): number {
    return this.children<Doc & T.Statement>('statement', meeting).filter((s) => s.speaker === person).length;
  }

  checkSpeaker(meeting: string, speaker: string): void {
    const entry = this.attendance(meeting).find((a) => a.person === speaker);
    if (!entry) fail('speaker_not_attending', `the speaker ${speaker} does not attend this meeting: add them to the attendance first`);
    if (entry.presence !== 'present') {
      fail('speaker_not_present', `the speaker ${speaker} is marked ${entry.presence} for this meeting: mark them present first`);
    }
  }

  validStatement(raw: Partial<T.Statement>, meeting: Doc & T.Meeting): Omit<T.Statement, 'order' | 'meeting'> {
    const text = longText('text', raw.text);
    const speaker = String(raw.speaker ?? '');
    this.checkSpeaker(meeting.id, speaker);
    const agenda_item = raw.agenda_item ?? null;
    if (agenda_item && !meeting.agenda.some((a) => a.id === agenda_item)) invalid('agenda_item', "is not on this meeting's agenda");
    let recorded_at: string | null = null;
    if (raw.recorded_at) {
      const d = new Date(raw.recorded_at);
      if (Number.isNaN(d.getTime())) invalid('recorded_at', `"${raw.recorded_at}" is not an RFC 3339 time`);
      recorded_at = d.toISOString().replace('.000Z', 'Z');
    }
    return {
      speaker: speaker as T.PersonId,
      speaking_as: optionalShort('speaking_as', raw.speaking_as),
      kind: oneOf('kind', raw.kind, ['speech', 'intervention', 'question', 'answer', 'press_statement'] as const, 'intervention'),
      channel: optionalShort('channel', raw.channel),
      addressee: optionalShort('addressee', raw.addressee),
      agenda_item,
      text,
      form: oneOf('form', raw.form, ['summary', 'verbatim'] as const, 'summary'),
      recorded_at,
    };
  }

  // ----- actions -----

  progress(action: string): (Doc & T.ProgressEntry)[] {
    return this.all<Doc & T.ProgressEntry>('progress')
      .filter((p) => p.action === action)
      .sort((a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.id < b.id ? -1 : 1));
  }

  isOverdue(a: T.FollowUpAction, today: string): boolean {
    const open = a.status !== 'done' && a.status !== 'cancelled';
    return open && a.due !== null && a.due < today;
  }

  view(a: Doc & T.FollowUpAction): T.ActionView {
    const meeting = this.find<Doc & T.Meeting>(a.meeting);
    const progress = this.progress(a.id);
    return {
      ...clone(a),
      overdue: this.isOverdue(a, localToday()),
      region: meeting?.region ?? null,
      delivered: progress.flatMap((p) => (p.delivered ? [clone(p.delivered)] : [])),
      progress: clone(progress),
    } as T.ActionView;
  }

  validAction(raw: unknown): T.FollowUpAction {
    const a = (raw ?? {}) as Partial<T.FollowUpAction>;
    const owner = a.owner ?? null;
    if (owner !== null) this.ensureParty(owner);
    const partners = (a.partners ?? []) as T.PartyRef[];
    const seen: string[] = [];
    for (const p of partners) {
      this.ensureParty(p);
      if (p === owner) invalid('partners', 'the owner is not also a partner');
      if (seen.includes(p)) invalid('partners', `${p} is listed twice`);
      seen.push(p);
    }
    let amount: T.Money | null = null;
    if (a.amount) {
      if (!Number.isInteger(a.amount.centimes) || a.amount.centimes < 0) invalid('amount', 'must not be negative');
      if (!/^[A-Z]{3}$/.test(a.amount.currency)) invalid('currency', `"${a.amount.currency}" is not a three-letter ISO 4217 code such as MAD`);
      amount = { centimes: a.amount.centimes, currency: a.amount.currency };
    }
    const source = a.source ?? null;
    const meeting = String(a.meeting ?? '');
    this.load('meeting', 'meeting', meeting);
    if (source) {
      const kind = this.kindOf(source);
      const doc = this.find<Doc & { meeting: string | null }>(source);
      if (!doc || !['statement', 'decision', 'visit'].includes(kind)) notFound(kind, source);
      if (doc && doc.meeting && doc.meeting !== meeting) invalid('source', "the action's source belongs to another meeting");
    }
    const description = typeof a.description === 'string' && a.description.trim() !== '' ? longText('description', a.description) : null;
    return {
      meeting: meeting as T.MeetingId,
      title: shortText('title', a.title),
      description,
      owner,
      partners,
      amount,
      beneficiaries: optionalShort('beneficiaries', a.beneficiaries),
      due: isoDate('due', a.due),
      status: oneOf('status', a.status, ['proposed', 'agreed', 'in_progress', 'done', 'blocked', 'cancelled'] as const, 'proposed'),
      source,
    };
  }

  actions(filter: T.ActionFilter): T.ActionView[] {
    const today = localToday();
    const views = this.all<Doc & T.FollowUpAction>('action')
      .filter((a) => {
        const m = this.find<Doc & T.Meeting>(a.meeting);
        return (
          (!filter.status || a.status === filter.status) &&
          (!filter.owner || a.owner === filter.owner) &&
          (!filter.meeting || a.meeting === filter.meeting) &&
          (!filter.overdue || this.isOverdue(a, today)) &&
          (!filter.due_before || (a.due !== null && a.due <= filter.due_before)) &&
          (!filter.due_after || (a.due !== null && a.due >= filter.due_after)) &&
          (!filter.partner || a.partners.includes(filter.partner)) &&
          (!filter.region || m?.region === filter.region) &&
          (!filter.series || m?.series === filter.series)
        );
      })
      .map((a) => this.view(a));
    const group = (v: T.ActionView) => {
      const open = v.status !== 'done' && v.status !== 'cancelled';
      return v.overdue ? 0 : open && v.due ? 1 : open ? 2 : 3;
    };
    return views.sort((a, b) => {
      const ga = group(a);
      const gb = group(b);
      if (ga !== gb) return ga - gb;
      const da = a.due ?? '';
      const db = b.due ?? '';
      if (da !== db) return da < db ? -1 : 1;
      return a.id < b.id ? -1 : 1;
    });
  }

  /** `matters_arising`: the open actions of the earlier meetings of the same series or region. */
  mattersArising(id: unknown): T.ActionView[] {
    const current = this.load<Doc & T.Meeting>('meeting', 'meeting', id);
    const earlier = earlierRelated(current, this.all<Doc & T.Meeting>('meeting'));
    return this.actions({}).filter((v) => earlier.has(v.meeting) && v.status !== 'done' && v.status !== 'cancelled');
  }

  totals(views: T.ActionView[]): T.Totals {
    const committed = new Map<string, number>();
    const delivered = new Map<string, number>();
    for (const v of views) {
      if (v.status !== 'cancelled' && v.amount) committed.set(v.amount.currency, (committed.get(v.amount.currency) ?? 0) + v.amount.centimes);
      for (const d of v.delivered) delivered.set(d.currency, (delivered.get(d.currency) ?? 0) + d.centimes);
    }
    const list = (m: Map<string, number>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([currency, centimes]) => ({ centimes, currency }));
    return { committed: list(committed), delivered: list(delivered), actions: views.length };
  }

  validNote(raw: unknown): T.ProgressNote & { date: string } {
    const n = (raw ?? {}) as T.ProgressNote;
    let delivered: T.Money | null = null;
    if (n.delivered) {
      if (!Number.isInteger(n.delivered.centimes) || n.delivered.centimes < 0) invalid('amount', 'must not be negative');
      delivered = { centimes: n.delivered.centimes, currency: n.delivered.currency };
    }
    return {
      date: isoDate('date', n.date) ?? localToday(),
      note: longText('note', n.note),
      author: optionalShort('author', n.author),
      delivered,
    };
  }

  suggestAction(id: unknown): T.FollowUpAction {
    const s = this.load<Doc & T.Statement>('statement', 'statement', id);
    const amount = amountsIn(s.text)[0] ?? null;
    const orgs = this.all<Doc & T.Organisation>('org');
    const names = (o: T.Organisation) => [o.name_ar, o.name_fr, ...o.aliases].filter((n): n is string => !!n).map(foldForMatch);
    let owner: T.PartyRef | null = null;
    if (s.speaking_as) {
      const who = foldForMatch(s.speaking_as);
      owner = (orgs.find((o) => names(o).includes(who))?.id as T.OrganisationId | undefined) ?? null;
    }
    if (!owner) {
      const speaker = this.find<Doc & T.Person>(s.speaker);
      owner = speaker?.organisation ?? s.speaker;
    }
    const text = foldForMatch(s.text);
    const partners = orgs
      .filter((o) => o.id !== owner && names(o).some((n) => [...n].length >= 6 && text.includes(n)))
      .map((o) => o.id as T.OrganisationId);
    let title = s.text;
    if (amount) {
      // The clause that holds the first amount.
      const m = /[0-9٠-٩]/.exec(s.text);
      const at = m ? m.index : 0;
      const before = s.text.slice(0, at);
      const start = Math.max(...['،', ',', '.', '؛'].map((c) => before.lastIndexOf(c))) + 1;
      const afterIdx = ['،', ',', '.', '؛'].map((c) => s.text.indexOf(c, at)).filter((i) => i >= 0);
      const end = afterIdx.length ? Math.min(...afterIdx) : s.text.length;
      title = s.text.slice(start, end).trim();
    }
    return {
      meeting: s.meeting,
      title: [...title].slice(0, 160).join(''),
      description: s.text,
      owner,
      partners,
      amount,
      beneficiaries: null,
      due: null,
      status: 'proposed',
      source: s.id as T.StatementId,
      order: '80',
    };
  }

  // ----- site visits -----

  /** A visit checked and tidied, as mahdar-model's `SiteVisit::validated`. */
  validVisit(raw: unknown): T.SiteVisit {
    const v = (raw ?? {}) as Partial<T.SiteVisit>;
    const meeting = v.meeting ?? null;
    if (meeting !== null) this.load('meeting', 'meeting', meeting);
    const participants: T.PersonId[] = [];
    for (const p of Array.isArray(v.participants) ? v.participants : []) {
      this.load('person', 'person', p);
      if (!participants.includes(p)) participants.push(p);
    }
    const findings = (Array.isArray(v.findings) ? v.findings : [])
      .filter((f) => typeof f === 'string' && f.trim() !== '')
      .map((f) => longText('findings', f));
    return {
      meeting,
      date: isoDate('date', v.date),
      place: shortText('place', v.place),
      commune: optionalShort('commune', v.commune),
      province: optionalShort('province', v.province),
      purpose: typeof v.purpose === 'string' && v.purpose.trim() !== '' ? longText('purpose', v.purpose) : null,
      participants,
      findings,
    };
  }

  /**
   * The meeting a file's owner belongs to (a progress entry's through its action); `not_found`
   * for an owner that does not exist, and, `writing`, `meeting_locked` for approved minutes
   * (except a progress entry: actions are followed up after approval).
   */
  attachmentOwner(owner: string, writing: boolean): string | null {
    let meeting: string | null;
    let locks = true;
    switch (this.kindOf(owner)) {
      case 'meeting':
        meeting = this.load('meeting', 'meeting', owner).id;
        break;
      case 'visit':
        meeting = this.load<Doc & T.SiteVisit>('visit', 'visit', owner).meeting;
        break;
      case 'statement':
        meeting = this.load<Doc & T.Statement>('statement', 'statement', owner).meeting;
        break;
      case 'progress': {
        const entry = this.load<Doc & T.ProgressEntry>('progress', 'progress entry', owner);
        meeting = this.load<Doc & T.FollowUpAction>('action', 'action', entry.action).meeting;
        locks = false;
        break;
      }
      default:
        return invalid('owner', 'files attach to a meeting, a site visit, a statement or a progress entry');
    }
    if (writing && locks && meeting) this.editableMeeting(meeting);
    return meeting;
  }

  // ----- the demo -----

  loadDemo(): T.DemoReport {
    let already = 0;
    const writes: WriteOf[] = [];
    for (const raw of seedDocuments as Array<Record<string, unknown>>) {
      const { type: _type, ...doc } = raw;
      const id = String(doc.id);
      if (this.docs.has(id)) {
        already++;
      } else {
        this.docs.set(id, clone(doc) as Doc);
        writes.push({ op: 'created', doc: id, rev: String(doc.rev), base: null, before: null, after: bodyOf(clone(doc)) });
      }
    }
    // One write, recorded as one (the backend commits the seed at once).
    this.recordWrite(...writes);
    return { meeting: SEED_MEETING, created: writes.length, already_present: already };
  }

  // ----- the commands -----

  isWrite(cmd: string): boolean {
    return /^(set_|load_|create_|update_|delete_|add_|remove_|move_|change_|resolve_|import_|review_|accept_|attach$|finish_first_run$)/.test(cmd);
  }

  handle(cmd: string, a: Args): unknown {
    if (this.reports.handles(cmd)) return this.reports.answer(cmd, a);
    switch (cmd) {
      case 'app_info':
        return {
          version: MOCK_VERSION,
          data_dir: MOCK_MEMORY_DIR,
          replica_id: this.replica,
          settings: clone(this.settings),
          empty: this.docs.size === 0,
          encrypted: this.encrypted(),
          first_run: this.firstRun,
        } satisfies T.AppInfo;
      case 'first_screen':
        return {
          info: this.handle('app_info', {}),
          regions: this.handle('regions', {}),
          meetings: this.handle('meetings', { filter: {} }),
          series: this.handle('series_list', {}),
        };
      case 'set_settings': {
        const s = (a.settings ?? {}) as Partial<T.Settings>;
        const language = oneOf('language', s.language, ['ar', 'fr', 'en'] as const, 'ar');
        const adj = s.hijri_adjust ?? 0;
        if (![-1, 0, 1].includes(adj)) invalid('hijri_adjust', 'the Hijri correction is −1, 0 or +1 day');
        const given = s.letterhead ?? { ar: [], fr: [], en: [] };
        const letterhead = { ar: [] as string[], fr: [] as string[], en: [] as string[] };
        for (const l of ['ar', 'fr', 'en'] as const) {
          const lines = (given[l] ?? []).map((line) => line.trim()).filter((line) => line.length > 0);
          if (lines.length > 5) invalid('letterhead', 'a letterhead has at most 5 lines');
          const long = lines.find((line) => [...line].length > 150);
          if (long) invalid('letterhead', `a letterhead line is at most 150 characters; "${[...long].slice(0, 30).join('')}…" is longer`);
          letterhead[l] = lines;
        }
        let reminders: T.ReminderSettings;
        try {
          reminders = validReminders(s.reminders);
        } catch (e) {
          if (e instanceof ReminderError) invalid(e.field, e.reason);
          throw e;
        }
        const autoLock = s.auto_lock_minutes ?? DEFAULT_AUTO_LOCK;
        if (!validAutoLock(autoLock)) invalid('auto_lock_minutes', `the delay of the automatic lock is a whole number of minutes from 0 to ${AUTO_LOCK_MAX}`);
        const maxMb = s.attachment_max_mb ?? DEFAULT_ATTACHMENT_MB;
        if (!validAttachmentMb(maxMb)) {
          invalid('attachment_max_mb', `the largest attachment is a whole number of MB from ${ATTACHMENT_MB_MIN} to ${ATTACHMENT_MB_MAX}`);
        }
        const photos = oneOf('minutes_photos', s.minutes_photos, MINUTES_PHOTOS, DEFAULT_MINUTES_PHOTOS);
        this.settings = {
          language,
          hijri_adjust: adj as -1 | 0 | 1,
          letterhead,
          reminders,
          auto_lock_minutes: autoLock,
          attachment_max_mb: maxMb,
          minutes_photos: photos,
        };
        return clone(this.settings);
      }
      case 'user_profile':
        return clone(this.profile);
      case 'set_user_profile':
        try {
          this.profile = validProfile(a.profile);
        } catch (e) {
          if (e instanceof ProfileError) invalid(e.field, e.reason);
          throw e;
        }
        return clone(this.profile);
      case 'ui_ready':
        this.dailyBackup();
        return null;
      case 'finish_first_run':
        this.firstRun = false;
        return null;
      case 'load_demo':
        return this.loadDemo();
      // The backups the mock pretends to have written (it has no folder); and nothing is damaged.
      case 'backups':
        return newestFirst(this.backups).map(
          (b): T.BackupFile => ({ path: `${MOCK_MEMORY_DIR}/backups/${b.name}`, kind: 'daily', bytes: b.bytes, written: b.at, encrypted: this.encrypted() }),
        );
      case 'recover':
        return fail('invalid_input', 'the data is not damaged: nothing to recover');
      case 'regions':
        return clone(REGIONS);
      case 'parse_amount':
        try {
          return parseAmount(String(a.text ?? ''));
        } catch (e) {
          if (e instanceof AmountError) invalid('amount', e.message);
          throw e;
        }

      case 'meetings': {
        const f = (a.filter ?? {}) as T.MeetingFilter;
        return this.all<Doc & T.Meeting>('meeting')
          .filter(
            (m) =>
              (!f.region || m.region === f.region) &&
              (!f.series || m.series === f.series) &&
              (!f.status || m.status === f.status) &&
              (!f.from || (m.date !== null && m.date >= f.from)) &&
              (!f.to || (m.date !== null && m.date <= f.to)),
          )
          .sort((x, y) => {
            if (!x.date !== !y.date) return x.date ? 1 : -1;
            if (x.date && y.date && x.date !== y.date) return x.date < y.date ? 1 : -1;
            return x.id < y.id ? -1 : 1;
          })
          .map((m) => this.summary(m));
      }
      case 'meeting_record': {
        const m = this.load<Doc & T.Meeting>('meeting', 'meeting', a.id);
        const actions = this.children<Doc & T.FollowUpAction & { order: string }>('action', m.id).map((x) => this.view(x));
        return {
          ...clone(m),
          series_record: clone(this.find(m.series)),
          missing: this.missing(m),
          attendance: this.attendance(m.id).map((x) => ({ ...clone(x), person_record: clone(this.find(x.person)) })),
          statements: this.children<Doc & T.Statement>('statement', m.id).map((s) => ({ ...clone(s), speaker_name: this.partyName(s.speaker) })),
          decisions: clone(this.children('decision', m.id)),
          actions,
          site_visits: clone(this.all<Doc & T.SiteVisit>('visit').filter((v) => v.meeting === m.id).sort((x, y) => (x.id < y.id ? -1 : 1))),
          totals: this.totals(actions),
          approval: this.approvalOf(m),
        } as unknown as T.MeetingRecord;
      }
      case 'create_meeting': {
        const m = this.validMeeting({ ...(a.meeting as object), status: 'draft' }, null);
        return this.insert('meeting', m);
      }
      case 'update_meeting': {
        const current = this.editableMeeting(a.id);
        const m = this.validMeeting(a.meeting, current.id);
        if (m.status !== current.status) invalid('status', 'change the status through the review workflow, not by editing');
        return this.save(current.id, a.rev, m);
      }
      case 'delete_meeting': {
        const m = this.editableMeeting(a.id);
        // Its approvals stay (as the backend's: they are not among a meeting's children).
        for (const d of [...this.docs.values()]) {
          if ((d as { meeting?: string }).meeting === m.id && this.kindOf(d.id) !== 'approval') {
            if (this.kindOf(d.id) === 'action') for (const p of this.progress(d.id)) this.remove(p.id);
            this.remove(d.id);
          }
        }
        this.remove(m.id);
        this.reports.forget(m.id);
        return null;
      }

      case 'series_list':
        return clone(this.all('series').sort((x, y) => (x.id < y.id ? -1 : 1)));
      case 'create_series': {
        const s = (a.series ?? {}) as Partial<T.Series>;
        const organiser = s.organiser ?? null;
        if (organiser) this.load('org', 'organisation', organiser);
        return this.insert('series', {
          title_ar: shortText('title_ar', s.title_ar),
          title_fr: optionalShort('title_fr', s.title_fr),
          organiser,
          launched_in: optionalShort('launched_in', s.launched_in),
        } satisfies T.Series);
      }
      case 'next_rank':
        this.load('series', 'series', a.series);
        return this.nextRank(String(a.series));

      case 'people':
        return clone(this.people());
      case 'find_people':
        return clone(this.findPeople(String(a.query ?? '')));
      case 'create_person':
        return this.insert('person', this.validPerson(a.person));
      case 'update_person': {
        const current = this.load('person', 'person', a.id);
        return this.save(current.id, a.rev, this.validPerson(a.person));
      }
      case 'organisations':
        return clone(this.all<Doc & T.Organisation>('org').sort((x, y) => (foldForMatch(this.orgName(x)) < foldForMatch(this.orgName(y)) ? -1 : 1)));
      case 'create_organisation':
        return this.insert('org', this.validOrganisation(a.organisation));
      case 'update_organisation': {
        const current = this.load('org', 'organisation', a.id);
        return this.save(current.id, a.rev, this.validOrganisation(a.organisation));
      }

      case 'add_attendance': {
        const m = this.editableMeeting(a.meeting);
        const e = (a.entry ?? {}) as T.NewAttendance;
        const person = this.load<Doc & T.Person>('person', 'person', e.person);
        if (this.attendance(m.id).some((x) => x.person === person.id)) {
          invalid('person', `${this.displayName(person)} is already on the attendance list`);
        }
        const roles = [...new Set(e.roles ?? [])].sort() as T.Role[];
        return this.insert('attendance', {
          meeting: m.id as T.MeetingId,
          person: person.id as T.PersonId,
          title: e.title !== undefined && e.title !== null ? optionalShort('title', e.title) : this.titleOn(person, m.date),
          roles,
          mode: oneOf('mode', e.mode, ['in_person', 'remote'] as const, 'in_person'),
          presence: oneOf('presence', e.presence, ['present', 'excused', 'absent'] as const, 'present'),
          order: this.orderAt('attendance', m.id, { at: 'last' }, null),
        } satisfies T.Attendance);
      }
      case 'update_attendance': {
        const current = this.load<Doc & T.Attendance>('attendance', 'attendance', a.id);
        const e = (a.entry ?? {}) as T.Attendance;
        if (e.meeting !== current.meeting) invalid('meeting', 'an attendance entry cannot move to another meeting');
        this.editableMeeting(current.meeting);
        this.load('person', 'person', e.person);
        if (e.person !== current.person || e.presence !== 'present') {
          const spoke = this.statementsBy(current.meeting, current.person);
          if (spoke > 0) invalid('attendance', `this person made ${spoke} statement(s) in the meeting; reassign or delete them first`);
        }
        return this.save(current.id, a.rev, {
          meeting: current.meeting,
          person: e.person,
          title: optionalShort('title', e.title),
          roles: [...new Set(e.roles ?? [])].sort() as T.Role[],
          mode: oneOf('mode', e.mode, ['in_person', 'remote'] as const),
          presence: oneOf('presence', e.presence, ['present', 'excused', 'absent'] as const),
          order: typeof e.order === 'string' && e.order !== '' ? e.order : current.order,
        } satisfies T.Attendance);
      }
      case 'remove_attendance': {
        const current = this.load<Doc & T.Attendance>('attendance', 'attendance', a.id);
        this.editableMeeting(current.meeting);
        const spoke = this.statementsBy(current.meeting, current.person);
        if (spoke > 0) invalid('attendance', `this person made ${spoke} statement(s) in the meeting; reassign or delete them first`);
        this.remove(current.id);
        return null;
      }

      case 'add_statement': {
        const m = this.editableMeeting(a.meeting);
        const s = this.validStatement((a.statement ?? {}) as Partial<T.Statement>, m);
        const order = this.orderAt('statement', m.id, a.position, null);
        return this.insert('statement', { meeting: m.id as T.MeetingId, order, ...s } satisfies T.Statement);
      }
      case 'update_statement': {
        const current = this.load<Doc & T.Statement>('statement', 'statement', a.id);
        const s = (a.statement ?? {}) as T.Statement;
        if (s.meeting !== current.meeting) invalid('meeting', 'a statement cannot move to another meeting');
        const m = this.editableMeeting(current.meeting);
        const valid = this.validStatement(s, m);
        return this.save(current.id, a.rev, { meeting: current.meeting, order: s.order || current.order, ...valid } satisfies T.Statement);
      }
      case 'move_statement':
        return this.moveItem('statement', 'statement', a.id, a.position);
      case 'delete_statement':
        return this.deleteItem('statement', 'statement', a.id);

      case 'add_decision': {
        const m = this.editableMeeting(a.meeting);
        const text = longText('text', a.text);
        return this.insert('decision', { meeting: m.id as T.MeetingId, agenda_item: null, order: this.orderAt('decision', m.id, a.position, null), text } satisfies T.Decision);
      }
      case 'update_decision': {
        const current = this.load<Doc & T.Decision>('decision', 'decision', a.id);
        const d = (a.decision ?? {}) as T.Decision;
        if (d.meeting !== current.meeting) invalid('meeting', 'a decision cannot move to another meeting');
        const m = this.editableMeeting(current.meeting);
        if (d.agenda_item && !m.agenda.some((x) => x.id === d.agenda_item)) invalid('agenda_item', "is not on this meeting's agenda");
        return this.save(current.id, a.rev, { meeting: current.meeting, agenda_item: d.agenda_item ?? null, order: d.order || current.order, text: longText('text', d.text) } satisfies T.Decision);
      }
      case 'move_decision':
        return this.moveItem('decision', 'decision', a.id, a.position);
      case 'delete_decision':
        return this.deleteItem('decision', 'decision', a.id);

      case 'add_visit': {
        const visit = this.validVisit(a.visit);
        if (visit.meeting) this.editableMeeting(visit.meeting);
        return this.insert('visit', visit);
      }
      case 'update_visit': {
        const current = this.load<Doc & T.SiteVisit>('visit', 'visit', a.id);
        const visit = this.validVisit(a.visit);
        if (visit.meeting !== current.meeting) invalid('meeting', 'a visit cannot move to another meeting');
        if (current.meeting) this.editableMeeting(current.meeting);
        return this.save(current.id, a.rev, visit);
      }
      case 'delete_visit': {
        // Its attachments stay, as the backend keeps them; so do the actions that came from it.
        const current = this.load<Doc & T.SiteVisit>('visit', 'visit', a.id);
        if (current.meeting) this.editableMeeting(current.meeting);
        this.remove(current.id);
        return null;
      }

      case 'suggest_action':
        return this.suggestAction(a.statement);
      case 'add_action': {
        const raw = (a.action ?? {}) as T.FollowUpAction;
        this.editableMeeting(raw.meeting);
        const action = this.validAction(raw);
        return this.insert('action', { ...action, order: this.orderAt('action', action.meeting, { at: 'last' }, null) });
      }
      case 'update_action': {
        const current = this.load<Doc & T.FollowUpAction>('action', 'action', a.id);
        const raw = (a.action ?? {}) as T.FollowUpAction;
        if (raw.meeting !== current.meeting) invalid('meeting', 'an action cannot move to another meeting');
        if (raw.status !== current.status) invalid('status', 'change the status with a progress entry, not by editing');
        this.editableMeeting(current.meeting);
        const action = this.validAction(raw);
        return this.save(current.id, a.rev, { ...action, order: current.order });
      }
      case 'set_action_due': {
        const current = this.load<Doc & T.FollowUpAction>('action', 'action', a.id);
        const { id, rev: _rev, ...value } = current;
        return this.touch(id, { ...value, due: isoDate('due', a.due) });
      }
      case 'change_action_status': {
        const current = this.load<Doc & T.FollowUpAction>('action', 'action', a.id);
        const to = a.status as T.ActionStatus;
        const allowed = ACTION_NEXT[current.status];
        if (!allowed.includes(to)) {
          fail('illegal_transition', `cannot move action from "${current.status}" to "${String(to)}"; allowed from "${current.status}": ${allowed.join(', ') || 'none'}`);
        }
        const note = this.validNote(a.note);
        const { id, rev: _rev, ...value } = current;
        const saved = this.touch(id, { ...value, status: to });
        const entry = this.insert('progress', {
          action: id as T.ActionId,
          date: note.date,
          note: note.note,
          author: note.author ?? null,
          status_change: { from: current.status, to },
          delivered: note.delivered ?? null,
        } satisfies T.ProgressEntry);
        return [saved, entry];
      }
      case 'add_progress': {
        const action = this.load('action', 'action', a.action);
        const note = this.validNote(a.note);
        return this.insert('progress', {
          action: action.id as T.ActionId,
          date: note.date,
          note: note.note,
          author: note.author ?? null,
          status_change: null,
          delivered: note.delivered ?? null,
        } satisfies T.ProgressEntry);
      }
      case 'delete_action': {
        const current = this.load<Doc & T.FollowUpAction>('action', 'action', a.id);
        this.editableMeeting(current.meeting);
        for (const p of this.progress(current.id)) this.remove(p.id);
        this.remove(current.id);
        return null;
      }
      case 'actions':
        return this.actions((a.filter ?? {}) as T.ActionFilter);
      case 'history': {
        const doc = String(a.doc ?? '');
        return this.audit.history(doc) ?? notFound(this.kindOf(doc) === 'meeting' ? 'meeting' : 'document', doc);
      }
      case 'matters_arising':
        return this.mattersArising(a.id);
      case 'totals_by': {
        const views = this.actions((a.filter ?? {}) as T.ActionFilter);
        const groups = new Map<string, T.ActionView[]>();
        for (const v of views) {
          const key = a.by === 'meeting' ? v.meeting : a.by === 'region' ? (v.region ?? 'none') : (v.owner ?? 'none');
          groups.set(key, [...(groups.get(key) ?? []), v]);
        }
        return [...groups.entries()].sort(([x], [y]) => (x < y ? -1 : 1)).map(([key, vs]) => ({ key, ...this.totals(vs) }));
      }
      default:
        return fail('internal', `unknown command ${cmd}`);
    }
  }
}

/**
 * `search` without the backend's index: every word of the query must appear (folded as names
 * are) in a document's title or text. Ranking, stemming and prefixes are the backend's; the
 * UI's handling of hits is what the browser tests check.
 */
function mockSearch(store: MockStore, a: Args): T.SearchHit[] {
  const words = matchWords(String(a.query ?? ''));
  if (words.length === 0) return [];
  const filter = (a.filter ?? {}) as T.SearchFilter;
  const bytes = (s: string) => new TextEncoder().encode(s).length;
  const hits: T.SearchHit[] = [];
  const consider = (id: string, kind: T.SearchKind, meeting: string | null, title: string, text: string) => {
    if (filter.kinds && filter.kinds.length > 0 && !filter.kinds.includes(kind)) return;
    const haystack = matchWords(`${title} ${text}`).join(' ');
    if (!words.every((w) => haystack.includes(w))) return;
    const marks = (s: string) => {
      const found: [number, number][] = [];
      for (const w of words) {
        const at = foldForMatch(s).indexOf(w);
        // Folding keeps lengths for most letters; highlight only where it lines up.
        if (at >= 0 && foldForMatch(s.slice(at, at + w.length)) === w) {
          found.push([bytes(s.slice(0, at)), bytes(s.slice(0, at + w.length))]);
        }
      }
      return found.sort((x, y) => x[0] - y[0]);
    };
    const snippet = text || title;
    hits.push({
      id,
      kind,
      meeting: meeting as T.MeetingId | null,
      title,
      title_highlights: marks(title),
      snippet,
      highlights: marks(snippet),
      score: 1,
    });
  };
  const nameOf = (id: string | null) => {
    const p = store.find<Doc & { name_ar?: string | null; name_latin?: string | null; name_fr?: string | null }>(id);
    return [p?.name_ar, p?.name_latin ?? p?.name_fr].filter(Boolean).join(' — ');
  };
  for (const m of store.all<Doc & T.Meeting>('meeting')) consider(m.id, 'meeting', m.id, m.title ?? '', [m.venue, ...(m.purpose ?? [])].filter(Boolean).join(' '));
  for (const s of store.all<Doc & T.Statement>('statement')) consider(s.id, 'statement', s.meeting, nameOf(s.speaker), s.text);
  for (const d of store.all<Doc & T.Decision>('decision')) consider(d.id, 'decision', d.meeting, '', d.text);
  for (const x of store.all<Doc & T.FollowUpAction>('action')) consider(x.id, 'action', x.meeting, x.title, x.description ?? '');
  for (const p of store.all<Doc & T.Person>('person')) consider(p.id, 'person', null, nameOf(p.id), '');
  return hits.slice(0, filter.limit || 20);
}

const EXPORT_FORMATS: T.ExportFormat[] = ['pdf', 'docx', 'akn', 'csv', 'ics', 'json'];
const EXPORT_EXTENSION: Record<T.ExportFormat, string> = { pdf: 'pdf', docx: 'docx', akn: 'xml', csv: 'csv', ics: 'ics', json: 'json' };

/**
 * `export_meeting` without a native dialog: the file is "saved" in a pretend Documents folder
 * (or the dialog "cancelled"), with the backend's progress events in between. The bytes are not
 * made here: the documents themselves are tested on the real backend.
 */
async function mockExport(store: MockStore, a: Args): Promise<T.Exported | null> {
  const id = String(a.id);
  if (store.kindOf(id) !== 'meeting' || !store.docs.has(id)) fail('not_found', `no meeting ${id}`);
  const format = a.format as T.ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) fail('invalid_input', `"${String(a.format)}" is not one of ${EXPORT_FORMATS.join(', ')}`);
  await new Promise((resolve) => setTimeout(resolve, 120));
  if (store.cancelSave) {
    store.cancelSave = false;
    return null;
  }
  store.exportCancelled = false;
  await emit('export-progress', 'rendering');
  await new Promise((resolve) => setTimeout(resolve, store.slowExport ? 3000 : 250));
  if (store.exportCancelled) {
    store.exportCancelled = false;
    return null;
  }
  await emit('export-progress', 'writing');
  await new Promise((resolve) => setTimeout(resolve, 60));
  return { path: `/home/user/Documents/mahdar-${format}-${String(a.lang)}.${EXPORT_EXTENSION[format]}`, bytes: 4096 };
}

/** The name the backend gives the file of the filtered actions, in the document's language. */
const ACTIONS_FILE: Record<T.Lang, string> = { ar: 'إجراءات التتبع', fr: 'actions de suivi', en: 'follow-up actions' };

/**
 * `export_actions` without a native dialog: the filtered actions are "saved" in a pretend
 * Documents folder (or the dialog "cancelled"), as CSV or as a PDF report. The CSV's size is
 * that of a plain CSV of the list; the PDF's, that of a report of a few pages (fonts embedded).
 * The files themselves are the backend's to make.
 */
async function mockExportActions(store: MockStore, a: Args): Promise<T.Exported | null> {
  const lang = a.lang as T.Lang;
  if (!['ar', 'fr', 'en'].includes(lang)) fail('invalid_input', `"${String(a.lang)}" is not one of ar, fr, en`);
  // Left out: CSV, as before the report existed (the backend's `Option<ListFormat>`).
  const format = oneOf('format', a.format, ['csv', 'pdf'] as const, 'csv');
  const views = store.actions((a.filter ?? {}) as T.ActionFilter);
  await new Promise((resolve) => setTimeout(resolve, 120));
  if (store.cancelSave) {
    store.cancelSave = false;
    return null;
  }
  if (format === 'pdf') {
    // A report of the list: the embedded fonts, then about a third of a page per action.
    return { path: `/home/user/Documents/${ACTIONS_FILE[lang]}.pdf`, bytes: 48_213 + 1_850 * views.length };
  }
  const quote = (v: unknown) => `"${String(v ?? '').replaceAll('"', '""')}"`;
  const lines = [
    ['meeting', 'title', 'owner', 'amount', 'currency', 'due', 'status'].join(','),
    ...views.map((v) => [v.meeting, v.title, v.owner, v.amount ? v.amount.centimes / 100 : '', v.amount?.currency, v.due, v.status].map(quote).join(',')),
  ];
  const bytes = new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`).length;
  return { path: '/home/user/Documents/actions.csv', bytes };
}

/**
 * `save_diagnostics` without a native dialog: the bundle is "saved" in a pretend Documents folder
 * (or the dialog "cancelled"). `includeContent` is required, as Tauri requires its arguments.
 */
async function mockSaveDiagnostics(store: MockStore, sync: MockSync, a: Args): Promise<T.Exported | null> {
  if (typeof a.includeContent !== 'boolean') {
    fail('invalid_input', `invalid args \`includeContent\` for command \`save_diagnostics\`: expected a boolean, got ${JSON.stringify(a.includeContent ?? null)}`, { field: 'includeContent' });
  }
  await new Promise((resolve) => setTimeout(resolve, 150));
  if (store.cancelSave) {
    store.cancelSave = false;
    return null;
  }
  return diagnosticsBundle(store.facts(sync), a.includeContent as boolean, localToday());
}

export interface MockControls {
  /** Emits a backend event (as the native menu does: `emit('menu', 'new-meeting')`). */
  emit(event: string, payload: unknown): Promise<void>;
  /** Makes the next write fail with this error code (to test that nothing typed is lost). */
  failNextWrite(code: string): void;
  /** The next export's save dialog is cancelled. */
  cancelNextSave(): void;
  /** Exports take 3 s to render, time enough to cancel them. */
  slowExports(): void;
  /** Makes the next sync fail with this error code (`offline`, `unauthorized`, `http`, `protocol`). */
  failNextSync(code: string): void;
}

declare global {
  interface Window {
    __mahdarMock?: MockControls;
  }
}

type RawInvoke = (cmd: string, args?: unknown, options?: InvokeOptions) => Promise<unknown>;

/** Answers every backend command from memory, in this window. */
export function installMockBackend(): MockControls {
  const store = new MockStore();
  const sync = new MockSync(store.docs, (...writes) => store.recordWrite(...writes));
  // After an unlock the window loads again: the mock goes on as it was, open.
  const kept = takeKept<MockKept>();
  let encryption: MockEncryption;
  if (kept) {
    store.takeBack(kept.store);
    sync.load(kept.sync);
    encryption = new MockEncryption(kept.passphrase, kept.locked === true);
  } else if (lockedAsked(location.search)) {
    store.loadDemo();
    encryption = new MockEncryption(MOCK_PASSPHRASE, true);
  } else {
    encryption = new MockEncryption();
    if (new URLSearchParams(location.search).get('conflict') === '1') {
      store.loadDemo();
      sync.seedConflicts();
    }
  }
  store.encrypted = () => encryption.encrypted;
  if (firstRunAsked(location.search)) {
    // The setup, once; then, whatever the window reloads, the mock as it was left.
    if (!kept) store.firstRun = true;
    window.addEventListener('pagehide', () =>
      keepForReload({
        store: store.keep(),
        sync: sync.dump(),
        passphrase: encryption.key,
        // A reload is the window's: the backend keeps the data open (or locked) as it was.
        locked: encryption.locked,
      } satisfies MockKept),
    );
  }
  const scenario = damageScenario(location.search);
  const damage = scenario ? new MockDamage(scenario, undefined, encryptedAsked(location.search)) : null;
  // `?toonew=1`: a data folder written by a newer Mahdar, which this version refuses to open;
  // `?inuse=1`: one another Mahdar window has open already.
  const query = new URLSearchParams(location.search);
  const unopenable =
    query.get('toonew') === '1'
      ? (['store_too_new', 'this data folder was written by a newer Mahdar (schema version 3; this build reads up to 2); install the newer version'] as const)
      : query.get('inuse') === '1'
        ? (['store_in_use', 'the data folder is in use by another Mahdar process'] as const)
        : null;
  const answer = async (cmd: string, args: unknown, options?: InvokeOptions): Promise<unknown> => {
    if (unopenable && cmd !== 'ui_ready') fail(unopenable[0], unopenable[1]);
    if (damage && encryption.locked) {
      // `?locked=1&damaged=1`: encrypted, and damaged, which shows only once the key opens it.
      encryption.guard(cmd);
      await encryption.answer(cmd, (args ?? {}) as Args);
      return damage.corrupt();
    }
    if (damage) return damage.answer(cmd, (args ?? {}) as Args);
    if (encryption.handles(cmd)) {
      const opened = await encryption.answer(cmd, (args ?? {}) as Args);
      if (cmd === 'unlock') keepForReload({ store: store.keep(), sync: sync.dump(), passphrase: encryption.key } satisfies MockKept);
      return opened;
    }
    encryption.guard(cmd);
    const write = store.isWrite(cmd);
    if (write) {
      await new Promise((resolve) => setTimeout(resolve, WRITE_DELAY_MS));
      if (store.failNext) {
        const code = store.failNext;
        store.failNext = null;
        fail(code, `simulated failure of ${cmd}`);
      }
    }
    if (cmd === 'export_meeting') return mockExport(store, (args ?? {}) as Args);
    if (cmd === 'export_actions') return mockExportActions(store, (args ?? {}) as Args);
    if (cmd === 'search') return mockSearch(store, (args ?? {}) as Args);
    if (cmd === 'diagnostics') return store.diagnostics(sync);
    if (cmd === 'save_diagnostics') return mockSaveDiagnostics(store, sync, (args ?? {}) as Args);
    if (cmd === 'cancel_export') {
      store.exportCancelled = true;
      return null;
    }
    // `attach` sends the file's bytes as the body of the request: no arguments object.
    if (store.attachments.handles(cmd)) return store.attachments.answer(cmd, args, options);
    const a = (args ?? {}) as Args;
    switch (cmd) {
      case 'sync_settings':
        return sync.settings();
      case 'set_sync_settings':
        return sync.setSettings(a.settings);
      case 'sync_status':
        return sync.status();
      case 'sync_now':
        return sync.run();
      case 'conflicts':
        return sync.conflicts();
      case 'resolve_conflict':
        return sync.resolve(a);
    }
    const result =
      cmd === 'set_meeting_status'
        ? await store.setMeetingStatus(a)
        : cmd === 'verify_minutes'
          ? await store.verifyMinutes(a)
          : store.handle(cmd, a);
    // Continuous sync sends each change shortly after it is saved.
    if (write) sync.later();
    return result;
  };
  mockIPC((cmd, args) => answer(cmd, args), { shouldMockEvents: true });
  // mockIPC drops what `invoke` is given after the arguments: the headers of a raw request
  // (`attach`). The commands get them from here; the event plugin's stay with mockIPC.
  const internals = (window as unknown as { __TAURI_INTERNALS__: { invoke: RawInvoke } }).__TAURI_INTERNALS__;
  const mocked = internals.invoke;
  internals.invoke = (cmd, args, options) => (cmd.startsWith('plugin:') ? mocked(cmd, args, options) : answer(cmd, args, options));
  const controls: MockControls = {
    emit: (event, payload) => emit(event, payload),
    failNextWrite: (code) => {
      store.failNext = code;
    },
    cancelNextSave: () => {
      store.cancelSave = true;
    },
    slowExports: () => {
      store.slowExport = true;
    },
    failNextSync: (code) => {
      sync.failNext = code;
    },
  };
  window.__mahdarMock = controls;
  return controls;
}
