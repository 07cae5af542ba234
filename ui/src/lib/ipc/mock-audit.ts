// The audit trail of the in-memory mock backend, as the backend keeps it (crates/mahdar/src/
// audit.rs): every write records who made it (the laptop's profile then), when, on which
// computer, and each document it wrote with the fields changed, before and after. `history`
// reads those records for one document, or for a meeting and everything in it (deleted items
// included), and lists the versions no record holds (brought by a sync) as derived from the
// revisions: no time, no author, after the others.

import type * as T from './types';
import { snapshotChanges } from './mock-rules';

type Body = Record<string, unknown>;
type Doc = Body & { id: string; rev: string };

/** Who writes: the person using the laptop then (when they said), the computer, the replica. */
export interface Writer {
  by: string | null;
  role: T.UserRole | null;
  machine: string | null;
  replica: string;
}

/** One document's edit within a write (the backend's `AuditedEdit`). */
interface AuditedEdit {
  doc: string;
  rev: string;
  base: string | null;
  /** The meeting it belongs to (itself for a meeting), so a meeting's history keeps its deleted items. */
  meeting: string | null;
  op: T.HistoryOp;
  changes: T.Change[];
}

/** One write (the backend's `AuditEntry`, an `audit:` document of its own). */
interface AuditRecord extends Writer {
  at: string;
  edits: AuditedEdit[];
}

/** A write to record: the document, its revision before (null: new) and after, its bodies. */
export interface WriteOf {
  op: T.HistoryOp;
  doc: string;
  rev: string;
  base: string | null;
  /** The body before (null: a new document) and after (null: deleted or set aside). */
  before: Body | null;
  after: Body | null;
}

/** The longest label, in characters (as the backend shortens it). */
const LABEL_CHARS = 80;

export const kindOf = (id: string): string => (id.includes(':') ? id.slice(0, id.indexOf(':')) : '');

/** A body without the store's own keys. */
export function bodyOf(doc: Body | null | undefined): Body | null {
  if (!doc) return null;
  const { id: _id, rev: _rev, type: _type, ...body } = doc;
  return body;
}

const generation = (rev: string): number => Number(rev.split('-')[0]) || 0;

function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}

export class MockAudit {
  records: AuditRecord[] = [];
  /** The last version recorded of each document, and its last live body (a deleted one is named by it). */
  private last = new Map<string, { rev: string; body: Body | null; live: Body | null }>();

  constructor(
    private readonly docs: Map<string, Doc>,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  /** All of it, as JSON (kept across the reload that follows an unlock: mock-lock.ts). */
  dump(): { records: AuditRecord[]; last: [string, { rev: string; body: Body | null; live: Body | null }][] } {
    return structuredClone({ records: this.records, last: [...this.last.entries()] });
  }

  /** Takes back what `dump` gave. */
  load(kept: ReturnType<MockAudit['dump']>): void {
    this.records = kept.records;
    this.last = new Map(kept.last);
  }

  /** A document's body now, or the last live one recorded (deleted since). */
  private liveBody(id: string): Body | null {
    return bodyOf(this.docs.get(id)) ?? this.last.get(id)?.live ?? null;
  }

  /** The meeting a document belongs to: itself, its `meeting`, or its action's meeting (progress). */
  meetingOf(id: string, body: Body | null): string | null {
    if (kindOf(id) === 'meeting') return id;
    if (!body) return null;
    if (typeof body.meeting === 'string') return body.meeting;
    if (typeof body.action === 'string') {
      const action = this.liveBody(body.action);
      return typeof action?.meeting === 'string' ? action.meeting : null;
    }
    return null;
  }

  /** Records one write of one or more documents, at the same moment. */
  record(writer: Writer, writes: WriteOf[]): void {
    if (writes.length === 0) return;
    const edits = writes.map((w) => {
      const changes = w.after ? snapshotChanges(w.before ?? {}, w.after) : [];
      const live = w.after ?? w.before ?? this.liveBody(w.doc);
      const meeting = this.meetingOf(w.doc, live);
      this.last.set(w.doc, { rev: w.rev, body: w.after, live: structuredClone(live) });
      return { doc: w.doc, rev: w.rev, base: w.base, meeting, op: w.op, changes: structuredClone(changes) };
    });
    this.records.push({ ...writer, at: this.now(), edits });
  }

  /** What a document is, in a few words (the backend's `label_of`, names in Arabic). */
  labelOf(id: string): string {
    const body = this.liveBody(id);
    if (!body) return '';
    const text = (field: string) => (typeof body[field] === 'string' ? (body[field] as string) : null);
    const nameOf = (person: Body | null) => {
      if (!person) return null;
      const ar = typeof person.name_ar === 'string' && person.name_ar !== '' ? person.name_ar : null;
      const latin = typeof person.name_latin === 'string' && person.name_latin !== '' ? person.name_latin : null;
      return ar ?? latin ?? '';
    };
    let label: string | null;
    switch (kindOf(id)) {
      case 'attendance':
        label = typeof body.person === 'string' ? nameOf(bodyOf(this.docs.get(body.person))) : null;
        break;
      case 'person':
        label = nameOf(body);
        break;
      case 'approval':
        label = typeof body.amendment === 'number' ? `#${body.amendment}` : null;
        break;
      default:
        label = ['title', 'text', 'note', 'place', 'name_ar', 'name_fr'].map(text).find((v) => v !== null) ?? null;
    }
    return shorten(label ?? '', LABEL_CHARS);
  }

  /**
   * `history`: a document's own history, or a meeting's (the meeting and everything in it),
   * oldest first; versions no record holds come from the store as derived. `null` when the
   * document was never known (the backend's `not_found`).
   */
  history(doc: string): T.HistoryEntry[] | null {
    const meeting = kindOf(doc) === 'meeting';
    const keep = (e: AuditedEdit) => (meeting ? e.meeting === doc : e.doc === doc);
    const labels = new Map<string, string>();
    const label = (id: string) => {
      if (!labels.has(id)) labels.set(id, this.labelOf(id));
      return labels.get(id) as string;
    };
    const out: T.HistoryEntry[] = [];
    for (const r of this.records) {
      for (const e of r.edits.filter(keep)) {
        out.push({
          doc: e.doc,
          kind: kindOf(e.doc),
          label: label(e.doc),
          rev: e.rev,
          base: e.base,
          op: e.op,
          at: r.at,
          by: r.by,
          role: r.role,
          machine: r.machine,
          replica: r.replica,
          recorded: true,
          changes: structuredClone(e.changes),
        });
      }
    }
    if (out.length === 0 && !this.docs.has(doc)) return null;

    // The documents there now whose current version no record holds (a sync brought it).
    const now = meeting
      ? [...this.docs.values()].filter((d) => d.id === doc || this.meetingOf(d.id, bodyOf(d)) === doc)
      : [this.docs.get(doc)].filter((d): d is Doc => d !== undefined);
    for (const d of now) {
      if (out.some((e) => e.doc === d.id && e.rev === d.rev)) continue;
      const known = this.last.get(d.id);
      const after = bodyOf(d) as Body;
      const before = known?.body ?? null;
      const created = known === undefined && generation(d.rev) <= 1;
      out.push({
        doc: d.id,
        kind: kindOf(d.id),
        label: label(d.id),
        rev: d.rev,
        base: known?.rev ?? null,
        op: created ? 'created' : 'edited',
        at: null,
        by: null,
        role: null,
        machine: null,
        replica: null,
        recorded: false,
        changes: created ? snapshotChanges({}, after) : before ? snapshotChanges(before, after) : [],
      });
    }

    // Stable sorts, as the backend: a meeting's by time (none last), a document's by revision.
    if (meeting) {
      return out
        .map((e, i) => ({ e, i }))
        .sort((x, y) => {
          if ((x.e.at === null) !== (y.e.at === null)) return x.e.at === null ? 1 : -1;
          const at = (x.e.at ?? '').localeCompare(y.e.at ?? '');
          return at !== 0 ? at : x.i - y.i;
        })
        .map(({ e }) => e);
    }
    return out
      .map((e, i) => ({ e, i }))
      .sort((x, y) => {
        const g = generation(x.e.rev) - generation(y.e.rev);
        if (g !== 0) return g;
        if ((x.e.at === null) !== (y.e.at === null)) return x.e.at === null ? -1 : 1;
        const at = (x.e.at ?? '').localeCompare(y.e.at ?? '');
        return at !== 0 ? at : x.i - y.i;
      })
      .map(({ e }) => e);
  }
}
