// Every backend call of the UI, typed. The UI never builds a document or a query itself: it
// calls these. In the desktop app they reach src-tauri; in a browser (tests, design work) the
// mock backend (./mock.ts) answers the same calls through @tauri-apps/api's mockIPC.

import { invoke } from '@tauri-apps/api/core';
import type * as T from './types';

export const api = {
  appInfo: () => invoke<T.AppInfo>('app_info'),
  /** What the first screen needs (app info, regions, meetings, series) in one round trip. */
  firstScreen: () => invoke<T.FirstScreen>('first_screen'),
  setSettings: (settings: T.Settings) => invoke<T.Settings>('set_settings', { settings }),
  uiReady: () => invoke<void>('ui_ready'),
  loadDemo: () => invoke<T.DemoReport>('load_demo'),
  /** Marks the first-run setup done on this data folder (`AppInfo.first_run` false from then on). */
  finishFirstRun: () => invoke<null>('finish_first_run'),
  /** What the About screen shows: versions, the data folder and its size, counts, backups, sync. */
  diagnostics: () => invoke<T.Diagnostics>('diagnostics'),
  /**
   * Saves a diagnostics bundle where the person chooses (the system's save dialog); `null` when
   * the dialog is cancelled. Without `includeContent` it holds no meeting text, names or files;
   * with it, the documents too.
   */
  saveDiagnostics: (includeContent: boolean) => invoke<T.Exported | null>('save_diagnostics', { includeContent }),
  regions: () => invoke<T.RegionInfo[]>('regions'),
  parseAmount: (text: string) => invoke<T.Money>('parse_amount', { text }),
  /** The backups in the data folder, newest first; works when the store could not be opened. */
  backups: () => invoke<T.BackupFile[]>('backups'),
  /**
   * Only when the store is damaged (`store_corrupt`): sets it aside (never deleted), restores the
   * newest backup that passes its check into a fresh store, and restarts the app about 1.5 s
   * after answering. `data_dir` when no backup is usable (nothing is changed then);
   * `invalid_input` when the data is not damaged. Encrypted backups need the passphrase
   * (`wrong_passphrase`); `null` for unencrypted ones.
   */
  recover: (passphrase: string | null) => invoke<T.Recovery>('recover', { passphrase }),

  // ----- encryption at rest -----
  // While the data folder is encrypted and locked, every other command fails with
  // `store_locked`. Passphrases are at least 8 characters (`weak_passphrase`).

  /** Derives the key (about a second) and opens the data: `wrong_passphrase`, `invalid_input`. */
  unlock: (passphrase: string) => invoke<null>('unlock', { passphrase }),
  /** Forgets the key: every command fails with `store_locked` until `unlock`. */
  lock: () => invoke<null>('lock'),
  /**
   * Encrypts the (unencrypted) data folder in place, in a few seconds; the data stays open.
   * `weak_passphrase`, `already_encrypted`.
   */
  encryptData: (passphrase: string) => invoke<null>('encrypt_data', { passphrase }),
  /** `wrong_passphrase` (the current one), `weak_passphrase` (the new one), `store_locked`. */
  changePassphrase: (current: string, next: string) => invoke<null>('change_passphrase', { current, new: next }),

  /** The person using this laptop, or null before anyone set it in Settings. */
  userProfile: () => invoke<T.UserProfile | null>('user_profile'),
  /** Stores the profile (`invalid_input` for an empty name or one over 120 characters). */
  setUserProfile: (profile: T.UserProfile) => invoke<T.UserProfile>('set_user_profile', { profile }),

  meetings: (filter: T.MeetingFilter = {}) => invoke<T.MeetingSummary[]>('meetings', { filter }),
  meetingRecord: (id: T.MeetingId) => invoke<T.MeetingRecord>('meeting_record', { id }),
  createMeeting: (meeting: T.Meeting) => invoke<T.Stored<T.Meeting, T.MeetingId>>('create_meeting', { meeting }),
  updateMeeting: (id: T.MeetingId, rev: T.Rev, meeting: T.Meeting) =>
    invoke<T.Stored<T.Meeting, T.MeetingId>>('update_meeting', { id, rev, meeting }),
  /**
   * Moves the minutes through the workflow, as the local profile allows: `no_profile` without a
   * profile, `not_allowed` (details: role, from, to) when its role may not make the move.
   * Approving records an Approval (the record's `approval`); approved or published minutes
   * taken back to draft start the next amendment (the approved version stays as approved).
   */
  setMeetingStatus: (id: T.MeetingId, status: T.MeetingStatus) =>
    invoke<T.Stored<T.Meeting, T.MeetingId>>('set_meeting_status', { id, status }),
  deleteMeeting: (id: T.MeetingId) => invoke<void>('delete_meeting', { id }),
  /**
   * Whether the minutes are still exactly as approved, and what changed since the latest
   * approval (the amendment being prepared): each change with its value before and after.
   */
  verifyMinutes: (id: T.MeetingId) => invoke<T.Verification>('verify_minutes', { id }),

  seriesList: () => invoke<T.Stored<T.Series, T.SeriesId>[]>('series_list'),
  createSeries: (series: T.Series) => invoke<T.Stored<T.Series, T.SeriesId>>('create_series', { series }),
  nextRank: (series: T.SeriesId) => invoke<number>('next_rank', { series }),

  people: () => invoke<T.Stored<T.Person, T.PersonId>[]>('people'),
  findPeople: (query: string) => invoke<T.Stored<T.Person, T.PersonId>[]>('find_people', { query }),
  createPerson: (person: T.Person) => invoke<T.Stored<T.Person, T.PersonId>>('create_person', { person }),
  updatePerson: (id: T.PersonId, rev: T.Rev, person: T.Person) =>
    invoke<T.Stored<T.Person, T.PersonId>>('update_person', { id, rev, person }),
  organisations: () => invoke<T.Stored<T.Organisation, T.OrganisationId>[]>('organisations'),
  createOrganisation: (organisation: T.Organisation) =>
    invoke<T.Stored<T.Organisation, T.OrganisationId>>('create_organisation', { organisation }),
  updateOrganisation: (id: T.OrganisationId, rev: T.Rev, organisation: T.Organisation) =>
    invoke<T.Stored<T.Organisation, T.OrganisationId>>('update_organisation', { id, rev, organisation }),

  addAttendance: (meeting: T.MeetingId, entry: T.NewAttendance) =>
    invoke<T.Stored<T.Attendance, T.AttendanceId>>('add_attendance', { meeting, entry }),
  updateAttendance: (id: T.AttendanceId, rev: T.Rev, entry: T.Attendance) =>
    invoke<T.Stored<T.Attendance, T.AttendanceId>>('update_attendance', { id, rev, entry }),
  removeAttendance: (id: T.AttendanceId) => invoke<void>('remove_attendance', { id }),

  /** Resolves only once the statement is on disk: show "saved" then, not before. */
  addStatement: (meeting: T.MeetingId, statement: T.NewStatement, position: T.Position<T.StatementId> = { at: 'last' }) =>
    invoke<T.Stored<T.Statement, T.StatementId>>('add_statement', { meeting, statement, position }),
  updateStatement: (id: T.StatementId, rev: T.Rev, statement: T.Statement) =>
    invoke<T.Stored<T.Statement, T.StatementId>>('update_statement', { id, rev, statement }),
  moveStatement: (id: T.StatementId, position: T.Position<T.StatementId>) =>
    invoke<T.Stored<T.Statement, T.StatementId>>('move_statement', { id, position }),
  deleteStatement: (id: T.StatementId) => invoke<void>('delete_statement', { id }),

  addDecision: (meeting: T.MeetingId, text: string, position: T.Position<T.DecisionId> = { at: 'last' }) =>
    invoke<T.Stored<T.Decision, T.DecisionId>>('add_decision', { meeting, text, position }),
  updateDecision: (id: T.DecisionId, rev: T.Rev, decision: T.Decision) =>
    invoke<T.Stored<T.Decision, T.DecisionId>>('update_decision', { id, rev, decision }),
  moveDecision: (id: T.DecisionId, position: T.Position<T.DecisionId>) =>
    invoke<T.Stored<T.Decision, T.DecisionId>>('move_decision', { id, position }),
  deleteDecision: (id: T.DecisionId) => invoke<void>('delete_decision', { id }),

  /** A draft action from a statement (amount, owner, partners, link back); not saved. */
  suggestAction: (statement: T.StatementId) => invoke<T.FollowUpAction>('suggest_action', { statement }),
  addAction: (action: T.FollowUpAction) => invoke<T.Stored<T.FollowUpAction, T.ActionId>>('add_action', { action }),
  updateAction: (id: T.ActionId, rev: T.Rev, action: T.FollowUpAction) =>
    invoke<T.Stored<T.FollowUpAction, T.ActionId>>('update_action', { id, rev, action }),
  setActionDue: (id: T.ActionId, due: T.IsoDate | null) =>
    invoke<T.Stored<T.FollowUpAction, T.ActionId>>('set_action_due', { id, due }),
  changeActionStatus: (id: T.ActionId, status: T.ActionStatus, note: T.ProgressNote) =>
    invoke<[T.Stored<T.FollowUpAction, T.ActionId>, T.Stored<T.ProgressEntry, T.ProgressId>]>(
      'change_action_status', { id, status, note }),
  addProgress: (action: T.ActionId, note: T.ProgressNote) =>
    invoke<T.Stored<T.ProgressEntry, T.ProgressId>>('add_progress', { action, note }),
  deleteAction: (id: T.ActionId) => invoke<void>('delete_action', { id }),
  actions: (filter: T.ActionFilter = {}) => invoke<T.ActionView[]>('actions', { filter }),
  totalsBy: (by: T.TotalsBy, filter: T.ActionFilter = {}) => invoke<T.TotalsRow[]>('totals_by', { by, filter }),
  /**
   * Exports the actions a filter selects, as CSV or as a PDF report, in `lang`, through the
   * system's save dialog (the page never names a path); `null` if the person cancelled.
   */
  exportActions: (filter: T.ActionFilter, lang: T.Lang, format: T.ActionsExportFormat) =>
    invoke<T.Exported | null>('export_actions', { filter, lang, format }),
  /**
   * Matters arising for a meeting: the open actions of earlier meetings of its series or region
   * (earlier by date when both are dated, else by creation), overdue first. They are the actions
   * themselves: change them with the same commands.
   */
  mattersArising: (id: T.MeetingId) => invoke<T.ActionView[]>('matters_arising', { id }),

  /**
   * Exports a meeting: the backend opens the system's save dialog (the page never names a
   * path), makes the file, writes it whole. `null` if the person cancelled. Progress arrives
   * as `export-progress` events.
   */
  search: (query: string, filter: T.SearchFilter = {}) => invoke<T.SearchHit[]>('search', { query, filter }),
  cancelExport: () => invoke<null>('cancel_export'),
  exportMeeting: (id: T.MeetingId, format: T.ExportFormat, lang: T.Lang) =>
    invoke<T.Exported | null>('export_meeting', { id, format, lang }),

  /**
   * The audit trail, oldest first (entries without a time last): a meeting's id gives the history
   * of the meeting and everything in it (deleted items included), any other id that document's
   * own; `not_found` for an unknown id.
   */
  history: (doc: string) => invoke<T.HistoryEntry[]>('history', { doc }),

  // ----- a press report turned into a draft meeting -----

  /**
   * Makes a draft meeting from a press report's text and returns what was found in it, every
   * proposal pending. `invalid_input` for an empty text or one over 100 000 characters.
   */
  importReport: (text: string) => invoke<T.ReportView>('import_report', { text }),
  /** The report a meeting was made from, with its proposals; null when it was not made from one. */
  reportDraft: (meeting: T.MeetingId) => invoke<T.ReportView | null>('report_draft', { meeting }),
  /**
   * Accepts a proposal (with `edit`: its item replaced, same kind, every field), rejects it, or
   * reopens a rejected one. Accepting writes the record (attendance, statement, action…) after
   * the proposals it refers to (a statement's speaker, an action's owner…), accepting those still
   * pending; `invalid_input` if one was rejected. Accepted proposals cannot be rejected or
   * reopened: the record is edited on the meeting page.
   */
  reviewProposal: (meeting: T.MeetingId, no: number, decision: T.ReviewDecision, edit?: T.ProposalItem) =>
    invoke<T.ReportView>('review_proposal', edit === undefined ? { meeting, no, decision } : { meeting, no, decision, edit }),
  /**
   * Accepts every pending proposal, in order. One that cannot be accepted (it needs a rejected
   * proposal, its rank is taken in the series…) stays pending and is listed in `problems`.
   */
  acceptAllProposals: (meeting: T.MeetingId) => invoke<T.ReportView>('accept_all_proposals', { meeting }),

  // ----- site visits -----

  /** A site visit (`meeting_locked` when its meeting's minutes are approved or published). */
  addVisit: (visit: T.SiteVisit) => invoke<T.Stored<T.SiteVisit, T.VisitId>>('add_visit', { visit }),
  updateVisit: (id: T.VisitId, rev: T.Rev, visit: T.SiteVisit) =>
    invoke<T.Stored<T.SiteVisit, T.VisitId>>('update_visit', { id, rev, visit }),
  /** Deletes the visit; its attachments, and the actions that came from it, are kept. */
  deleteVisit: (id: T.VisitId) => invoke<null>('delete_visit', { id }),

  // ----- attachments -----

  /**
   * Attaches a file to `owner` (a meeting, visit, statement or progress entry). The bytes go as
   * the raw body of the request, the rest as headers (percent-encoded, so any name passes):
   * `too_large` (details: `limit_mb`) over the size in Settings, `invalid` for an empty file.
   */
  attach: (owner: T.AttachmentOwner, name: string, bytes: Uint8Array, caption: string | null = null) =>
    invoke<T.AttachmentDto>('attach', bytes, {
      headers: {
        'x-owner': encodeURIComponent(owner),
        'x-name': encodeURIComponent(name),
        'x-caption': encodeURIComponent(caption ?? ''),
      },
    }),
  /** A document's attachments, in the order they were added. */
  attachments: (owner: T.AttachmentOwner) => invoke<T.AttachmentDto[]>('attachments', { owner }),
  /** A photo as a `data:image/jpeg;base64,…` address; `not_an_image` for a document or a photo that cannot be decoded. */
  attachmentImage: (id: T.AttachmentId, size: T.AttachmentImageSize) => invoke<string>('attachment_image', { id, size }),
  /** Sets (or, with null, removes) an attachment's caption. */
  updateAttachment: (id: T.AttachmentId, rev: T.Rev, caption: string | null) =>
    invoke<T.AttachmentDto>('update_attachment', { id, rev, caption }),
  deleteAttachment: (id: T.AttachmentId) => invoke<null>('delete_attachment', { id }),
  /**
   * A copy of an attached file where the user chooses (the system's save dialog); `stripGps`:
   * a photo without where it was taken. `null` when the dialog is cancelled.
   */
  saveAttachment: (id: T.AttachmentId, stripGps: boolean) =>
    invoke<T.Exported | null>('save_attachment', { id, stripGps }),

  /** Sync with a server (the stored settings; the password never comes back). */
  syncSettings: () => invoke<T.SyncSettings>('sync_settings'),
  /** Checks the address (`bad_url`) and stores the settings; `password: null` keeps the stored one. */
  setSyncSettings: (settings: T.SyncSettingsInput) => invoke<T.SyncSettings>('set_sync_settings', { settings }),
  /** The status now; changes also arrive as `sync-status` events. */
  syncStatus: () => invoke<T.SyncStatus>('sync_status'),
  /** One push and pull; resolves when done (progress as `sync-status` events). */
  syncNow: () => invoke<T.SyncStatus>('sync_now'),
  /** The documents whose versions a person must choose between. */
  conflicts: () => invoke<T.Conflict[]>('conflicts'),
  /** Keeps one version (`keep`) or a merged body (`merged`), exactly one of them; the revision that now wins. */
  resolveConflict: (id: string, keep: T.Rev | null, merged: T.JsonObject | null) =>
    invoke<T.Rev>('resolve_conflict', { id, keep, merged }),
};

export type Api = typeof api;
