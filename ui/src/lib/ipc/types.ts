// The shapes the backend (the `mahdar` facade, through src-tauri/src/commands.rs) sends and
// receives. Field names are the Rust ones (snake_case); ids are full document ids
// ("meeting:0193…"); every stored record carries `id` and `rev` (pass `rev` back to save an
// edit); amounts are integer centimes.

export type Lang = 'ar' | 'fr' | 'en';
export type Rev = string;
export type MeetingId = `meeting:${string}`;
export type SeriesId = `series:${string}`;
export type PersonId = `person:${string}`;
export type OrganisationId = `org:${string}`;
export type AttendanceId = `attendance:${string}`;
export type StatementId = `statement:${string}`;
export type DecisionId = `decision:${string}`;
export type ActionId = `action:${string}`;
export type ProgressId = `progress:${string}`;
export type VisitId = `visit:${string}`;
export type AttachmentId = `attachment:${string}`;
export type PartyRef = PersonId | OrganisationId;
/** ISO date, "2026-11-28". */
export type IsoDate = string;
/** Wall-clock time in Morocco, "10:00:00". */
export type IsoTime = string;

export type RegionSlug =
  | 'tanger-tetouan-al-hoceima' | 'oriental' | 'fes-meknes' | 'rabat-sale-kenitra'
  | 'beni-mellal-khenifra' | 'casablanca-settat' | 'marrakech-safi' | 'draa-tafilalet'
  | 'souss-massa' | 'guelmim-oued-noun' | 'laayoune-sakia-el-hamra' | 'dakhla-oued-ed-dahab';

export interface RegionInfo { slug: RegionSlug; number: number; ar: string; fr: string; en: string }

/** A stored record: the entity's own fields plus its id and current revision. */
export type Stored<T, Id extends string = string> = T & { id: Id; rev: Rev; conflicts?: Rev[] };

export interface Money { centimes: number; currency: string }

export type MeetingFormat = 'in_person' | 'online' | 'hybrid';
export type MeetingStatus = 'draft' | 'in_review' | 'approved' | 'published';
export type MissingField = 'region' | 'date' | 'start_time' | 'venue' | 'format';
export interface Prefecture { kind: 'prefecture' | 'province'; name: string }
export interface AgendaItem { id: string; title: string }

export interface Meeting {
  title: string | null;
  series: SeriesId | null;
  rank: number | null;
  region: RegionSlug | null;
  prefecture: Prefecture | null;
  venue: string | null;
  date: IsoDate | null;
  start_time: IsoTime | null;
  end_time: IsoTime | null;
  format: MeetingFormat | null;
  purpose: string[];
  agenda: AgendaItem[];
  status: MeetingStatus;
  languages: Lang[];
}

export interface Series {
  title_ar: string;
  title_fr: string | null;
  organiser: OrganisationId | null;
  launched_in: string | null;
}

export type Precedence =
  | 'minister' | 'wali' | 'governor' | 'regional_council_president'
  | 'elected_representative' | 'official' | 'civil_society' | 'other';

export interface TitleHeld { title_ar: string; title_fr: string | null; from: IsoDate | null; until: IsoDate | null }

export interface Person {
  kind: 'individual' | 'group';
  name_ar: string | null;
  name_latin: string | null;
  aliases: string[];
  titles: TitleHeld[];
  precedence: Precedence;
  organisation: OrganisationId | null;
}

export interface Organisation { name_ar: string | null; name_fr: string | null; aliases: string[] }

export type Role = 'chair' | 'speaker' | 'member' | 'secretary' | 'guest';
export type AttendanceMode = 'in_person' | 'remote';
export type Presence = 'present' | 'excused' | 'absent';

export interface Attendance {
  meeting: MeetingId;
  person: PersonId;
  /** The title held that day (copied from the registry when added). */
  title: string | null;
  roles: Role[];
  mode: AttendanceMode;
  presence: Presence;
  order: string;
}

export interface NewAttendance {
  person: PersonId;
  title?: string | null;
  roles?: Role[];
  mode?: AttendanceMode;
  presence?: Presence;
}

export type StatementKind = 'speech' | 'intervention' | 'question' | 'answer' | 'press_statement';
export type TextForm = 'summary' | 'verbatim';

export interface Statement {
  meeting: MeetingId;
  speaker: PersonId;
  speaking_as: string | null;
  kind: StatementKind;
  channel: string | null;
  addressee: string | null;
  agenda_item: string | null;
  order: string;
  text: string;
  form: TextForm;
  /** When it was typed during the meeting (RFC 3339, UTC). */
  recorded_at: string | null;
}

export interface NewStatement {
  speaker: PersonId;
  text: string;
  kind?: StatementKind;
  speaking_as?: string | null;
  channel?: string | null;
  addressee?: string | null;
  agenda_item?: string | null;
  form?: TextForm;
  recorded_at?: string | null;
}

/** Where to put an item: {at: 'last'}, {at: 'first'}, {at: 'after', id}, {at: 'before', id}. */
export type Position<Id extends string> =
  | { at: 'first' } | { at: 'last' } | { at: 'after'; id: Id } | { at: 'before'; id: Id };

export interface Decision { meeting: MeetingId; agenda_item: string | null; order: string; text: string }

export type ActionStatus = 'proposed' | 'agreed' | 'in_progress' | 'done' | 'blocked' | 'cancelled';

export interface FollowUpAction {
  meeting: MeetingId;
  title: string;
  description: string | null;
  owner: PartyRef | null;
  partners: PartyRef[];
  amount: Money | null;
  beneficiaries: string | null;
  due: IsoDate | null;
  status: ActionStatus;
  /** The statement, decision or visit it came from. */
  source: StatementId | DecisionId | VisitId | null;
  /** Assigned by the backend when added; send "80" or leave it out. */
  order?: string;
}

export interface StatusChange { from: ActionStatus; to: ActionStatus }

export interface ProgressEntry {
  action: ActionId;
  date: IsoDate;
  note: string;
  author: string | null;
  status_change: StatusChange | null;
  delivered: Money | null;
}

export interface ProgressNote { date?: IsoDate | null; note: string; author?: string | null; delivered?: Money | null }

export interface SiteVisit {
  meeting: MeetingId | null;
  date: IsoDate | null;
  place: string;
  commune: string | null;
  province: string | null;
  purpose: string | null;
  participants: PersonId[];
  findings: string[];
}

// ----- attachments (photos and documents) -----

/** What an attachment can belong to: a meeting, a site visit, a statement, an action's progress entry. */
export type AttachmentOwner = MeetingId | VisitId | StatementId | ProgressId;

/** Where a photo was taken (decimal degrees, WGS 84), from its EXIF data. */
export interface Gps { lat: number; lon: number }

/**
 * A file attached to a document (`attach`), its bytes kept by the backend (stored once per
 * SHA-256). `gps` and `taken` come from a photo's EXIF data, when it has some.
 */
export interface AttachmentDto {
  id: AttachmentId;
  rev: Rev;
  owner: string;
  /** The meeting the owner belongs to, when known (the backend's record carries it). */
  meeting?: MeetingId | null;
  name: string;
  media_type: string;
  /** Bytes. */
  length: number;
  /** 64 lower-case hexadecimal digits. */
  sha256: string;
  caption: string | null;
  /** RFC 3339, UTC. */
  added_at: string;
  gps: Gps | null;
  /** When the photo was taken, as its camera's clock said ("2026-11-28 10:15:00", no time zone). */
  taken: string | null;
  /**
   * The backend can make a thumbnail of it (`attachment_image`): false for documents and for
   * photos it cannot decode (HEIC). Not sent by every backend: without it, a file whose media
   * type is an image is asked for one (`not_an_image` then says it cannot be shown).
   */
  image?: boolean;
}

/** `thumb`: at most 320 px on its longer side; `preview`: at most 1600 px. */
export type AttachmentImageSize = 'thumb' | 'preview';

export type ActionView = Stored<FollowUpAction, ActionId> & {
  overdue: boolean;
  region: RegionSlug | null;
  delivered: Money[];
  progress: Stored<ProgressEntry, ProgressId>[];
};

export interface Totals { committed: Money[]; delivered: Money[]; actions: number }

export type AttendanceView = Stored<Attendance, AttendanceId> & {
  /** The registry entry (null if it was deleted on another laptop). */
  person_record: Stored<Person, PersonId> | null;
};

export type StatementView = Stored<Statement, StatementId> & { speaker_name: string };

export type MeetingRecord = Stored<Meeting, MeetingId> & {
  series_record: Stored<Series, SeriesId> | null;
  /** The latest approval of the minutes (kept while an amendment is drafted); null if never approved. */
  approval: Approval | null;
  missing: MissingField[];
  attendance: AttendanceView[];
  statements: StatementView[];
  decisions: Stored<Decision, DecisionId>[];
  actions: ActionView[];
  site_visits: Stored<SiteVisit, VisitId>[];
  totals: Totals;
};

export type MeetingSummary = Stored<Meeting, MeetingId> & { missing: MissingField[] };

export interface MeetingFilter { region?: RegionSlug; series?: SeriesId; status?: MeetingStatus; from?: IsoDate; to?: IsoDate }

/**
 * Which actions to list (every field optional; all those given must hold). `due_before` and
 * `due_after` are inclusive and leave out undated actions; `partner`: the party is one of the
 * action's partners.
 */
export interface ActionFilter {
  status?: ActionStatus; owner?: PartyRef; region?: RegionSlug; series?: SeriesId;
  meeting?: MeetingId; overdue?: boolean; due_before?: IsoDate; due_after?: IsoDate; partner?: PartyRef;
}

// ----- the approval workflow -----

/**
 * What the person using this laptop does in the minutes' workflow (Rust `UserRole`; not an
 * attendance `Role`). Anyone sends minutes to review; a reviewer or an approver sends them back
 * to draft; only an approver approves; an approver or the secretary publishes, or takes approved
 * or published minutes back to draft to prepare an amendment.
 */
export type UserRole = 'secretary' | 'reviewer' | 'approver';

/** The person using this laptop (kept on this laptop only); `name` at most 120 characters. */
export interface UserProfile { name: string; role: UserRole }

/** One approval of a meeting's minutes: who, as what, when, and the SHA-256 of the minutes as approved. */
export interface Approval {
  /** The approval document ("approval:0193…"). */
  id: string;
  /** 64 lower-case hexadecimal digits (`mahdar verify-minutes` checks a copy against it). */
  sha256: string;
  approved_by: string;
  role: UserRole;
  /** RFC 3339, UTC. */
  approved_at: string;
  /** 0 for the first approval, then 1, 2, … for amendments. */
  amendment: number;
  /** Whether the stored snapshot still hashes to `sha256` (false: the approval record was damaged). */
  intact: boolean;
}

/**
 * One difference between the approved minutes and the minutes now (`verify_minutes`). `path`
 * names where: `title`, `statements[statement:0193…].text`, `attendance[attendance:…]` (a whole
 * entry), `statements (order)` (the order of the items present in both). `before` null: added
 * since; `after` null: removed since.
 */
export interface Change { path: string; before: unknown | null; after: unknown | null }

/** Whether a meeting's minutes are still exactly the approved ones, and what changed since. */
export interface Verification {
  meeting: string;
  /** The latest approval (null: the minutes were never approved). */
  approval: Approval | null;
  /** SHA-256 of the minutes as they are now. */
  current_sha256: string;
  /** The minutes now are exactly the approved ones. */
  matches: boolean;
  /** What differs from the approved version, with the values before and after. */
  changes: Change[];
  /** Back in draft or review after an approval: the number of the amendment being prepared. */
  amendment_in_progress: number | null;
  /** For a file checked: the SHA-256 it carries (always null for a meeting). */
  file_sha256: string | null;
}

/** Letterhead lines per language; empty: the ministry's default letterhead. */
export interface LetterheadLines { ar: string[]; fr: string[]; en: string[] }
/**
 * Desktop reminders of the follow-up actions overdue or due within `days` (a whole number from 1
 * to 90; the backend refuses any other), each shown at most once a day per action.
 */
export interface ReminderSettings { enabled: boolean; days: number }
/**
 * `auto_lock_minutes`: with the data folder encrypted, the window locks itself after that many
 * minutes without a key pressed or the pointer moved (0: never; 0 to 480; the backend's default
 * is 15).
 */
export interface Settings {
  language: Lang;
  hijri_adjust: -1 | 0 | 1;
  letterhead: LetterheadLines;
  reminders: ReminderSettings;
  auto_lock_minutes: number;
  /** The largest file `attach` takes, in MB (a whole number from 1 to 2000; 50 by default). */
  attachment_max_mb: number;
  /** How the minutes (PDF, DOCX) show the site visits' photos (`thumbnails` by default). */
  minutes_photos: MinutesPhotos;
}

/** `none`: no photos in the minutes; `thumbnails`: small, several to a row; `full_width`: one to a row. */
export type MinutesPhotos = 'none' | 'thumbnails' | 'full_width';

/**
 * `encrypted`: the data folder (store, backups, search index) is encrypted with a passphrase.
 * `first_run`: the first-run setup has not been finished (`finish_first_run`) on this data folder
 * (one upgraded from an older build counts as done).
 */
export interface AppInfo {
  version: string;
  data_dir: string;
  replica_id: string;
  settings: Settings;
  empty: boolean;
  encrypted: boolean;
  first_run: boolean;
}

/** The newest backup in the data folder (`diagnostics`). */
export interface LastBackup {
  /** The file's name ("daily-2026-11-30.mahdar-backup"). */
  name: string;
  /** When it was written (RFC 3339). */
  at: string;
  bytes: number;
}

/** What the About screen shows and a diagnostics bundle carries (`diagnostics`). */
export interface Diagnostics {
  /** The app's version ("0.1.0"). */
  version: string;
  /** The version of the documents' schema. */
  schema_version: number;
  /** The version of the storage format. */
  format_version: number;
  data_dir: string;
  /** The size of the data folder on disk, in bytes. */
  store_bytes: number;
  encrypted: boolean;
  replica_id: string;
  /** Documents stored (meetings, statements, actions…). */
  documents: number;
  /** Attached files, and their size in bytes. */
  attachments: number;
  attachment_bytes: number;
  /** Backups kept in the data folder, and the newest of them. */
  backups: number;
  last_backup: LastBackup | null;
  /** The last sync (RFC 3339); null if never synced. */
  last_sync: string | null;
  /** The sync server's address, without credentials; null if none is set. */
  sync_server: string | null;
  /** "linux", "windows", "macos". */
  os: string;
  /** "x86_64", "aarch64". */
  arch: string;
}

/** Everything the first screen needs, in one round trip. */
export interface FirstScreen {
  info: AppInfo;
  regions: RegionInfo[];
  meetings: MeetingSummary[];
  series: Stored<Series, SeriesId>[];
}

export interface DemoReport { meeting: MeetingId; created: number; already_present: number }

// ----- backups and recovery of damaged data -----

/** `daily`: the automatic backup of a day; `before_migration`: written before the data was upgraded; `other`: put there by a person. */
export type BackupKind = 'daily' | 'before_migration' | 'other';
/** A backup file in the data folder's `backups` (`backups`, newest first). */
export interface BackupFile {
  path: string;
  kind: BackupKind;
  bytes: number;
  /** When it was last written (RFC 3339, UTC), if the file system says. */
  written: string | null;
  /** Written from an encrypted data folder: restoring it needs the passphrase. */
  encrypted: boolean;
}
/** What a backup held, as restored. */
export interface BackupSummary {
  documents: number;
  bodies?: number;
  locals?: number;
  sha256?: string;
  [k: string]: unknown;
}
/** What `recover` did: the backup restored, where the damaged store was set aside (never deleted). */
export interface Recovery { backup: string; damaged_store: string; restored: BackupSummary }

export type TotalsBy = 'meeting' | 'region' | 'owner';
export interface TotalsRow extends Totals { key: string }

/** The one error the backend sends: translate `code` (see the `error.*` catalogue keys). */
export interface AppError { code: string; message: string; details: Record<string, unknown> | null }

export function isAppError(e: unknown): e is AppError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

/** The formats a meeting can be exported in (`mahdar export --format`). */
export type ExportFormat = 'pdf' | 'docx' | 'akn' | 'csv' | 'ics' | 'json';

export type SearchKind = 'meeting' | 'statement' | 'decision' | 'action' | 'person';
export interface SearchFilter { kinds?: SearchKind[]; region?: string | null; limit?: number }
/** One search result; `highlights` are UTF-8 byte ranges of `snippet` (as the backend counts). */
export interface SearchHit {
  id: string;
  kind: SearchKind;
  meeting: MeetingId | null;
  title: string;
  title_highlights: [number, number][];
  snippet: string;
  highlights: [number, number][];
  score: number;
}
/** The formats the filtered follow-up actions are exported in (`export_actions`). */
export type ActionsExportFormat = 'csv' | 'pdf';
/** What an export wrote; `null` from the backend when the person cancelled the save dialog. */
export interface Exported { path: string; bytes: number }
/** Stages of an export after the file was chosen (the `export-progress` event). */
export type ExportStage = 'rendering' | 'writing';

// ----- sync (CouchDB replication with a server) -----

/** A document's body as JSON (what the store holds, without `id` and `rev`). */
export type JsonObject = Record<string, unknown>;

/** What is stored of the sync settings; the password itself never comes back. */
export interface SyncSettings { url: string | null; user: string | null; has_password: boolean; continuous: boolean }
/** `password`: `null` keeps the stored password, `""` removes it. */
export interface SyncSettingsInput { url: string | null; user: string | null; password: string | null; continuous: boolean }
export type SyncState = 'off' | 'offline' | 'syncing' | 'up_to_date' | 'failed';
/** How far a sync is: documents and revisions so far; `pending` left, when the server says. */
export interface SyncProgress { direction: 'push' | 'pull'; documents: number; revisions: number; pending: number | null }
/** The `sync-status` event's payload, and `sync_status`'s answer. */
export interface SyncStatus {
  state: SyncState;
  /** Documents waiting for a person to choose between versions. */
  conflicts: number;
  /** RFC 3339. */
  last_sync: string | null;
  /** The error's message when offline or failed. */
  detail: string | null;
  progress: SyncProgress | null;
}
/** One version of a conflicted document: `body` is null for a deletion. */
export interface ConflictVersion { rev: Rev; deleted: boolean; winner: boolean; body: JsonObject | null }
/** `edit`: two edited versions; `edit_delete`: edited on one side, deleted on the other. */
export type ConflictKind = 'edit' | 'edit_delete';
export interface Conflict {
  /** The document's id ("statement:0193…"). */
  id: string;
  kind: ConflictKind;
  /** The current winner (the version the app shows) first. */
  versions: ConflictVersion[];
  /** Paths of the fields that differ ("text", "names.ar"), dotted for nested objects. */
  fields: string[];
  /** The common ancestor's body, when known. */
  base: JsonObject | null;
  /** A human label for the document. */
  title: string;
  meeting: MeetingId | null;
}

// ----- the audit trail -----

/** What a write did to a document (`merged`: by a sync, only ever derived from the revisions). */
export type HistoryOp = 'created' | 'edited' | 'deleted' | 'discarded' | 'merged';

/** One field a write changed: `before` null for a new value, `after` null for one removed. */
export type HistoryChange = Change;

/**
 * One line of a document's history (`history`): who changed which document, when, on which
 * computer, and what changed. Entries no audit record holds (`recorded: false`, versions merged
 * by a sync) are derived from the revisions: no time, no author.
 */
export interface HistoryEntry {
  /** The document ("statement:0193…"). */
  doc: string;
  /** Its kind: the id's prefix (`meeting`, `attendance`, `statement`, `decision`, `action`, `progress`, `visit`, `approval`, …). */
  kind: string;
  /** What the document is, in a few words: a title, the start of a text, a name (may be empty). */
  label: string;
  /** The revision written, and the one it followed (null: a new document). */
  rev: Rev;
  base: Rev | null;
  op: HistoryOp;
  /** RFC 3339, UTC; null: not recorded. */
  at: string | null;
  /** The name of the person using the laptop then, when they had said it, and their role. */
  by: string | null;
  role: UserRole | null;
  /** The computer's name, and the laptop's replica id. */
  machine: string | null;
  replica: string | null;
  /** Whether an audit record holds it (false: derived from the revisions). */
  recorded: boolean;
  /** The fields changed, with the values before and after (for `created`, every field, `before` null). */
  changes: HistoryChange[];
}

// ----- a press report turned into a draft meeting (`import_report`) -----

/**
 * A stretch of a report's `source`, in Unicode code points (not UTF-16 units: slice
 * `Array.from(source)`), `end` exclusive.
 */
export interface Span { start: number; end: number }

export type ProposalStatus = 'pending' | 'accepted' | 'rejected';

/** Who owns or partners on a proposed action: an attendee proposal (by its `no`), or an organisation by name. */
export type ProposedParty = { attendee: number } | { organisation: string };

/** What a proposal proposes (the `kind` and its fields; `edit` sends one of these back whole). */
export type ProposalItem =
  | { kind: 'region'; region: RegionSlug }
  | { kind: 'prefecture'; prefecture: Prefecture }
  | { kind: 'format'; format: MeetingFormat }
  | { kind: 'series'; title: string; rank: number | null; launched_in: string | null; organiser: string | null }
  | { kind: 'date'; date: IsoDate }
  | { kind: 'purpose'; text: string }
  | {
      kind: 'attendee';
      name: string;
      aliases: string[];
      title: string | null;
      person_kind: Person['kind'];
      precedence: Precedence;
      roles: Role[];
      organisation: string | null;
      /** The registry entry this is, when one matched. */
      matched: PersonId | null;
    }
  | {
      kind: 'statement';
      /** The attendee proposal of the speaker. */
      speaker: number;
      statement_kind: StatementKind;
      channel: string | null;
      speaking_as: string | null;
      text: string;
    }
  | {
      kind: 'action';
      title: string;
      description: string | null;
      owner: ProposedParty | null;
      partners: ProposedParty[];
      amount: Money | null;
      beneficiaries: string | null;
      /** The action's own status (named apart from the proposal's `status`). */
      action_status: ActionStatus;
      /** The statement proposal it came from. */
      statement: number | null;
      /** The visit proposal it came from. */
      visit: number | null;
    }
  | { kind: 'visit'; place: string; province: string | null; purpose: string | null; participants: number[] };

export type ProposalKind = ProposalItem['kind'];

/** One thing found in a report: where it came from, where it stands, and what it is. */
export type Proposal = {
  /** From 1; other proposals refer to attendees, statements and visits by it. */
  no: number;
  span: Span;
  /** Other mentions of the same thing (a name's later spelling). */
  also: Span[];
  status: ProposalStatus;
  /** A person changed it before accepting. */
  edited: boolean;
  /** The document it became, once accepted. */
  record: string | null;
} & ProposalItem;

/**
 * Why "accept all" could not accept a proposal, as a code the app words in the person's language
 * (the backend's `Problem.reason`): `unnamed`, an attendee known only by a title (its `name` is its
 * `title`: the report said «الوزيرة», no name), or what needs one; `needs_rejected`, it needs a
 * proposal that was rejected; `rank_taken`, the series already has a meeting of that rank;
 * `other`, anything else (the app shows `message` as it is).
 */
export type ProblemReason = 'unnamed' | 'needs_rejected' | 'rank_taken' | 'other';

/** A proposal "accept all" could not accept (it stays pending), and why: a code, and one line (English). */
export interface Problem { no: number; message: string; reason: ProblemReason }

/** A report imported as a draft meeting, with its proposals (ordered by `no`) and their counts. */
export interface ReportView {
  meeting: MeetingId;
  lang: Lang;
  /** The text exactly as pasted. */
  source: string;
  proposals: Proposal[];
  pending: number;
  accepted: number;
  rejected: number;
  /** From `accept_all_proposals`: those it could not accept (empty otherwise). */
  problems: Problem[];
}

export type ReviewDecision = 'accept' | 'reject' | 'reopen';

/** The longest report `import_report` takes, in characters (code points). */
export const MAX_REPORT_CHARS = 100_000;
