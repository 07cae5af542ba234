// Attachments in the in-memory mock backend, as the backend (crates/mahdar/src/attachments.rs)
// answers: `attach` takes the file's bytes as the raw body of the request (`invalid` when it is
// not) and its owner, name and caption as percent-encoded headers; the size is checked against
// the limit in Settings first (`too_large`, details `size_mb` and `limit_mb`), then an empty
// file, the owner, and approved minutes (`meeting_locked`, except for a progress entry:
// follow-up goes on); the name keeps its last path component, without control characters or
// bidi overrides. The bytes are kept once per SHA-256 (two attachments of the same file are two
// entries sharing them), and a JPEG's EXIF data gives the photo's position and time.
// `attachment_image` answers with the photo itself as a `data:` address (the backend makes a
// JPEG of at most 320 or 1600 px): PNG, JPEG, GIF and WebP are images; a document, a HEIC photo
// or anything else is `not_an_image`. Attachments are kept apart from the other documents (no
// audit, no sync here), and stay when their owner is deleted, as the backend keeps them.

import type * as T from './types';
import { readExif } from './exif';
import { attachmentLimitBytes } from '../settings/attachments';

type Args = Record<string, unknown>;

/** What `invoke` was given besides the arguments: the headers of a raw request. */
export interface InvokeOptions {
  headers?: HeadersInit;
}

/**
 * The owner's meeting (null for a visit of no meeting): `not_found` when the owner does not
 * exist; with `writing`, `meeting_locked` when its minutes are approved (a progress entry
 * excepted). Given by the store (mock.ts).
 */
export type OwnerCheck = (owner: string, writing: boolean) => string | null;

/** The kinds of document a file can be attached to. */
const OWNER_KINDS = ['meeting', 'visit', 'statement', 'progress'];

/** The longest file name kept, in characters. */
const MAX_FILE_NAME = 255;

const COMMANDS = ['attach', 'attachments', 'attachment_image', 'update_attachment', 'delete_attachment', 'save_attachment'];

function fail(code: string, message: string, details: Record<string, unknown> | null = null): never {
  const error: T.AppError = { code, message, details };
  throw error;
}
const invalid = (message: string, field: string): never => fail('invalid_input', `${field}: ${message}`, { field });

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function randomHex(n: number): string {
  const bytes = new Uint8Array(n);
  crypto.getRandomValues(bytes);
  return hex(bytes);
}

/** Bytes as base64, in slices (a photo is too long for one call of `String.fromCharCode`). */
export function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function startsWith(bytes: Uint8Array, sig: number[], at = 0): boolean {
  return sig.every((b, i) => bytes[at + i] === b);
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The media type of a file, from its first bytes, else from its name; and whether a thumbnail can be made of it. */
export function mediaTypeOf(name: string, bytes: Uint8Array): { media_type: string; image: boolean } {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { media_type: 'image/png', image: true };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { media_type: 'image/jpeg', image: true };
  if (startsWith(bytes, ascii('GIF8'))) return { media_type: 'image/gif', image: true };
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return { media_type: 'image/webp', image: true };
  if (startsWith(bytes, ascii('%PDF-'))) return { media_type: 'application/pdf', image: false };
  if (startsWith(bytes, ascii('ftyp'), 4)) {
    const brand = String.fromCharCode(...bytes.subarray(8, 12));
    if (['heic', 'heix', 'mif1', 'msf1', 'heim', 'heis'].includes(brand)) return { media_type: 'image/heic', image: false };
  }
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  const byName: Record<string, string> = {
    pdf: 'application/pdf',
    doc: 'application/msword',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    xls: 'application/vnd.ms-excel',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    odt: 'application/vnd.oasis.opendocument.text',
    heic: 'image/heic',
    heif: 'image/heif',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    png: 'image/png',
    txt: 'text/plain',
  };
  // Named as an image but not one by its bytes: it cannot be decoded, so no thumbnail.
  return { media_type: byName[ext] ?? 'application/octet-stream', image: false };
}

/** A header's value, percent-decoded (`invalid` if it cannot be). */
function header(headers: Headers, name: string): string | null {
  const raw = headers.get(name);
  if (raw === null) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return invalid(`the ${name} header is not percent-encoded UTF-8`, name);
  }
}

/** A caption as stored: trimmed, null when empty, one line of at most 500 characters. */
function captionOf(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') return invalid('the caption is text or null', 'caption');
  const s = (v as string).trim();
  if (s === '') return null;
  if ([...s].length > 500) invalid('the caption is too long; the limit is 500 characters', 'caption');
  if (/[\u0000-\u001f\u007f-\u009f]/.test(s)) invalid('the caption contains a control character or a line break; remove it', 'caption');
  return s;
}

/**
 * A file name reduced to what can be shown (the backend's `clean_file_name`): its last path
 * component, without control characters or bidi overrides, at most 255 characters; null if
 * nothing is left.
 */
export function cleanFileName(name: string): string | null {
  const last = name.split(/[/\\]/).pop() ?? '';
  const cleaned = [...last]
    .filter((c) => !/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(c))
    .slice(0, MAX_FILE_NAME)
    .join('')
    .trim();
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? null : cleaned;
}

/** What a window keeps of the attachments for the next start (mock-lock.ts). */
export interface AttachmentsKept {
  entries: T.AttachmentDto[];
  bodies: [string, string][];
}

export class MockAttachments {
  /** The attachments, in the order they were added. */
  entries = new Map<string, T.AttachmentDto>();
  /** The bytes, as base64, by SHA-256 (stored once, whatever the number of attachments). */
  bodies = new Map<string, string>();

  constructor(
    /** Checks an owner, and gives its meeting. */
    private readonly owner: OwnerCheck,
    /** The size limit in Settings now, in MB. */
    private readonly limitMb: () => number,
    private readonly now: () => string = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
  ) {}

  handles(cmd: string): boolean {
    return COMMANDS.includes(cmd);
  }

  async answer(cmd: string, args: unknown, options?: InvokeOptions): Promise<unknown> {
    const a = (args ?? {}) as Args;
    switch (cmd) {
      case 'attach':
        return this.attach(args, options);
      case 'attachments':
        return this.list(a.owner);
      case 'attachment_image':
        return this.image(a.id, a.size);
      case 'update_attachment':
        return this.update(a.id, a.rev, a.caption);
      case 'delete_attachment':
        return this.remove(a.id);
      case 'save_attachment': {
        // No native dialog here: "saved" in a pretend Documents folder under its own name.
        const found = this.find(a.id);
        return { path: `/home/user/Documents/${found.name}`, bytes: found.length };
      }
      default:
        return fail('internal', `unknown command ${cmd}`);
    }
  }

  private find(id: unknown): T.AttachmentDto {
    const found = typeof id === 'string' ? this.entries.get(id) : undefined;
    return found ?? fail('not_found', `no attachment ${String(id)}`, { what: 'attachment', id: String(id) });
  }

  /** An owner as the backend reads it: a meeting, visit, statement or progress entry id. */
  private ownerId(owner: unknown): string {
    if (typeof owner !== 'string' || !OWNER_KINDS.includes(owner.slice(0, owner.indexOf(':')))) {
      invalid('files attach to a meeting, a site visit, a statement or a progress entry', 'owner');
    }
    return owner as string;
  }

  /** `attach`: the bytes as the body, owner, name and caption as headers. */
  async attach(body: unknown, options?: InvokeOptions): Promise<T.AttachmentDto> {
    if (!(body instanceof Uint8Array) && !(body instanceof ArrayBuffer)) fail('invalid', 'the file must be sent as raw bytes');
    // A copy of its own (an ArrayBuffer, as the digest wants it), whatever the caller does with theirs.
    const bytes = new Uint8Array(body instanceof Uint8Array ? body : (body as ArrayBuffer));
    const headers = new Headers(options?.headers);
    const owner = this.ownerId(header(headers, 'x-owner') ?? '');
    const caption = captionOf(header(headers, 'x-caption'));
    const limitMb = this.limitMb();
    if (bytes.length > attachmentLimitBytes(limitMb)) {
      const sizeMb = Math.ceil(bytes.length / attachmentLimitBytes(1));
      fail('too_large', `the file is ${sizeMb} MB; files may be attached up to ${limitMb} MB (Settings)`, { size_mb: sizeMb, limit_mb: limitMb });
    }
    if (bytes.length === 0) invalid('the file is empty', 'file');
    const meeting = this.owner(owner, true);
    const name = cleanFileName(header(headers, 'x-name') ?? '') ?? invalid('a file needs a name', 'name');
    const sha256 = hex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
    const kind = mediaTypeOf(name, bytes);
    const facts = kind.media_type === 'image/jpeg' ? readExif(bytes) : { gps: null, taken: null };
    if (!this.bodies.has(sha256)) this.bodies.set(sha256, base64Of(bytes));
    const entry: T.AttachmentDto = {
      id: `attachment:${crypto.randomUUID()}`,
      rev: `1-${randomHex(16)}`,
      owner,
      meeting: meeting as T.MeetingId | null,
      name,
      media_type: kind.media_type,
      length: bytes.length,
      sha256,
      caption,
      added_at: this.now(),
      gps: facts.gps,
      taken: facts.taken,
      image: kind.image,
    };
    this.entries.set(entry.id, entry);
    return structuredClone(entry);
  }

  /** `attachments`: an owner's, in the order added (none for an owner that has none, or is gone). */
  list(owner: unknown): T.AttachmentDto[] {
    this.ownerId(owner);
    return [...this.entries.values()].filter((e) => e.owner === owner).map((e) => structuredClone(e));
  }

  /** `attachment_image`: the photo as a `data:` address. */
  image(id: unknown, size: unknown): string {
    if (size !== 'thumb' && size !== 'preview') invalid(`"${String(size)}" is not thumb or preview`, 'size');
    const entry = this.find(id);
    if (!entry.image) fail('not_an_image', `${entry.name} (${entry.media_type}) cannot be shown as an image`);
    return `data:${entry.media_type};base64,${this.bodies.get(entry.sha256) ?? ''}`;
  }

  /** `update_attachment`: the caption set, or removed with null. */
  update(id: unknown, rev: unknown, caption: unknown): T.AttachmentDto {
    const current = this.find(id);
    this.owner(current.owner, true);
    if (rev !== current.rev) {
      fail('conflict', `${current.id}: revision ${String(rev)} is not the current one (${current.rev}); reload and try again`);
    }
    const next: T.AttachmentDto = {
      ...current,
      caption: captionOf(caption),
      rev: `${Number(current.rev.split('-')[0]) + 1}-${randomHex(16)}`,
    };
    this.entries.set(next.id, next);
    return structuredClone(next);
  }

  /** `delete_attachment`: the entry goes; the bytes stay while another attachment has them. */
  remove(id: unknown): null {
    const entry = this.find(id);
    try {
      this.owner(entry.owner, true);
    } catch (e) {
      // An attachment whose owner is gone can still be deleted.
      if ((e as T.AppError).code !== 'not_found') throw e;
    }
    this.entries.delete(entry.id);
    if (![...this.entries.values()].some((e) => e.sha256 === entry.sha256)) this.bodies.delete(entry.sha256);
    return null;
  }

  /** All of it, as JSON (kept across the reload that follows an unlock). */
  dump(): AttachmentsKept {
    return { entries: structuredClone([...this.entries.values()]), bodies: [...this.bodies.entries()] };
  }

  /** Takes back what `dump` gave. */
  load(kept: AttachmentsKept | undefined): void {
    this.entries = new Map((kept?.entries ?? []).map((e) => [e.id, e]));
    this.bodies = new Map(kept?.bodies ?? []);
  }
}
