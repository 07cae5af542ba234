import { describe, expect, it } from 'vitest';
import type { MeetingStatus, UserProfile, UserRole } from './types';
import {
  DEFAULT_REMINDERS, MEETING_NEXT, ProfileError, ReminderError, SyncUrlError, USER_ROLES, WorkflowError, amountsIn,
  checkMeetingMove, checkSyncUrl, canonicalJson, earlierRelated, orderBetween, parseAmount, rolesAllowed, sha256Hex,
  snapshotChanges, snapshotOf, validProfile, validReminders,
} from './mock-rules';

describe('the mock reads amounts like the backend', () => {
  it.each([
    ['26000000', 2_600_000_000],
    ['26 000 000', 2_600_000_000],
    ['26 000 000,00', 2_600_000_000],
    ['26.000.000 درهم', 2_600_000_000],
    ['26,000,000.00 MAD', 2_600_000_000],
    ['26 مليون', 2_600_000_000],
    ['26 مليون درهم', 2_600_000_000],
    ['4 ملايين', 400_000_000],
    ['٢٦ مليون', 2_600_000_000],
    ['1,5 million DH', 150_000_000],
    ['12.5', 1250],
    ['26\u00a0000\u00a0000,00\u00a0DH', 2_600_000_000],
  ])('%s', (input, centimes) => {
    expect(parseAmount(input)).toEqual({ centimes, currency: 'MAD' });
  });

  it.each(['', 'abc', '-5', '1.2.3,4', '26 0000', '99999999999999999999'])('refuses "%s"', (input) => {
    expect(() => parseAmount(input)).toThrow();
  });

  it('finds the amounts of the seed proposal, and only amounts with a currency', () => {
    const text =
      'ولتجاوز هذا الوضع، تقترح الوزارة على السلطات المحلية والمجلس الجهوي شراكة تعبئ غلافا ماليا من 26 مليون درهم لتعزيز الاندماج الاقتصادي للنساء، علما أن 4 ملايين درهم سترصد أيضا';
    expect(amountsIn(text).map((m) => m.centimes / 100)).toEqual([26_000_000, 4_000_000]);
    expect(amountsIn('un budget de 30 000 000 MAD, voté').map((m) => m.centimes / 100)).toEqual([30_000_000]);
    expect(amountsIn('التاسع من نوعه منذ 2021 في 12 جهة')).toEqual([]);
  });
});

describe('order keys', () => {
  it('append after the seed keys and sort as strings', () => {
    const seed = ['80', '8180', '8280', '8380', '8480', '8580', '8680', '8780'];
    const next = orderBetween('8780', null);
    expect(next > '8780').toBe(true);
    let keys = [...seed, next];
    // Insert anywhere, many times: the list stays sorted and distinct.
    let seedState = 7;
    for (let n = 0; n < 300; n++) {
      seedState = (seedState * 1103515245 + 12345) % 2147483648;
      const at = seedState % (keys.length + 1);
      const key = orderBetween(at > 0 ? keys[at - 1] : null, at < keys.length ? keys[at] : null);
      keys = [...keys.slice(0, at), key, ...keys.slice(at)];
    }
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('goes between two neighbours', () => {
    const k = orderBetween('80', '8180');
    expect(k > '80' && k < '8180').toBe(true);
    const first = orderBetween(null, '80');
    expect(first < '80').toBe(true);
  });
});

describe('the mock checks sync addresses like the backend', () => {
  it.each([
    'https://sync.example.org/mahdar',
    'http://127.0.0.1:5984/mahdar/',
    '  https://user:secret@sync.example.org/db  ',
  ])('accepts %s', (url) => {
    expect(() => checkSyncUrl(url)).not.toThrow();
  });

  it('hides a password in the address it shows', () => {
    expect(checkSyncUrl('https://user:secret@sync.example.org/db')).toBe('https://user:***@sync.example.org/db');
  });

  it.each([
    ['sync.example.org/mahdar', 'invalid server address "sync.example.org/mahdar": relative URL without a base'],
    ['ftp://sync.example.org/mahdar', 'only http:// and https:// addresses are supported'],
    ['https://sync.example.org', 'the address must name a database, e.g. http://host:5984/mahdar'],
    ['https://sync.example.org/', 'the address must name a database'],
    ['http://', 'invalid URL'],
  ])('refuses %s', (url, reason) => {
    expect(() => checkSyncUrl(url)).toThrow(SyncUrlError);
    expect(() => checkSyncUrl(url)).toThrow(reason);
  });
});

describe('who may move minutes, as approval.rs', () => {
  const as = (role: UserRole): UserProfile => ({ name: 'عواطف حيار', role });
  const codeOf = (profile: UserProfile | null, from: MeetingStatus, to: MeetingStatus): string | null => {
    try {
      checkMeetingMove(profile, from, to);
      return null;
    } catch (e) {
      expect(e).toBeInstanceOf(WorkflowError);
      return (e as WorkflowError).code;
    }
  };

  it('anyone sends minutes to review', () => {
    for (const role of USER_ROLES) expect(codeOf(as(role), 'draft', 'in_review'), role).toBeNull();
  });

  it('a reviewer or an approver sends them back, not the secretary', () => {
    expect(codeOf(as('reviewer'), 'in_review', 'draft')).toBeNull();
    expect(codeOf(as('approver'), 'in_review', 'draft')).toBeNull();
    expect(codeOf(as('secretary'), 'in_review', 'draft')).toBe('not_allowed');
  });

  it('only an approver approves', () => {
    expect(codeOf(as('approver'), 'in_review', 'approved')).toBeNull();
    expect(codeOf(as('reviewer'), 'in_review', 'approved')).toBe('not_allowed');
    expect(codeOf(as('secretary'), 'in_review', 'approved')).toBe('not_allowed');
  });

  it('an approver or the secretary publishes, not a reviewer', () => {
    expect(codeOf(as('approver'), 'approved', 'published')).toBeNull();
    expect(codeOf(as('secretary'), 'approved', 'published')).toBeNull();
    expect(codeOf(as('reviewer'), 'approved', 'published')).toBe('not_allowed');
  });

  it('the secretary or an approver starts an amendment of approved or published minutes, not a reviewer', () => {
    for (const from of ['approved', 'published'] as const) {
      expect(codeOf(as('secretary'), from, 'draft'), from).toBeNull();
      expect(codeOf(as('approver'), from, 'draft'), from).toBeNull();
      expect(codeOf(as('reviewer'), from, 'draft'), from).toBe('not_allowed');
    }
    expect(MEETING_NEXT.approved).toEqual(['published', 'draft']);
    expect(MEETING_NEXT.published).toEqual(['draft']);
  });

  it('says which role was refused which move', () => {
    try {
      checkMeetingMove(as('reviewer'), 'in_review', 'approved');
      expect.unreachable();
    } catch (e) {
      expect((e as WorkflowError).details).toEqual({ role: 'reviewer', from: 'in_review', to: 'approved' });
    }
  });

  it('without a profile every status change fails with no_profile (a move that does not exist is illegal first)', () => {
    const statuses: MeetingStatus[] = ['draft', 'in_review', 'approved', 'published'];
    for (const from of statuses) {
      for (const to of statuses) {
        expect(codeOf(null, from, to), `${from} → ${to}`).toBe(MEETING_NEXT[from].includes(to) ? 'no_profile' : 'illegal_transition');
      }
    }
  });

  it('a move the status machine does not have is illegal whatever the role', () => {
    for (const role of USER_ROLES) {
      expect(codeOf(as(role), 'draft', 'approved'), role).toBe('illegal_transition');
      expect(codeOf(as(role), 'published', 'approved'), role).toBe('illegal_transition');
      expect(codeOf(as(role), 'published', 'in_review'), role).toBe('illegal_transition');
      expect(codeOf(as(role), 'approved', 'in_review'), role).toBe('illegal_transition');
    }
  });

  it('every move of the status machine is open to at least one role', () => {
    for (const [from, next] of Object.entries(MEETING_NEXT)) {
      for (const to of next) expect(rolesAllowed(from as MeetingStatus, to).length, `${from} → ${to}`).toBeGreaterThan(0);
    }
  });
});

describe('the local user profile, as UserProfile::validated', () => {
  it('collapses spaces', () => {
    expect(validProfile({ name: '  عواطف   حيار ', role: 'approver' })).toEqual({ name: 'عواطف حيار', role: 'approver' });
  });

  it('accepts 120 characters and refuses 121', () => {
    expect(validProfile({ name: 'م'.repeat(120), role: 'secretary' }).name).toHaveLength(120);
    expect(() => validProfile({ name: 'م'.repeat(121), role: 'secretary' })).toThrow(ProfileError);
  });

  it.each([
    [{ name: '', role: 'secretary' }, 'name'],
    [{ name: '   ', role: 'secretary' }, 'name'],
    [{ name: 'a\u0007b', role: 'secretary' }, 'name'],
    [{ name: 'Awatif', role: 'boss' }, 'role'],
    [{ name: 'Awatif' }, 'role'],
    [null, 'name'],
  ])('refuses %j (%s)', (raw, field) => {
    expect(() => validProfile(raw)).toThrow(ProfileError);
    try {
      validProfile(raw);
    } catch (e) {
      expect((e as ProfileError).field).toBe(field);
    }
  });
});

describe('the reminders of due dates, as the backend checks the settings', () => {
  it('are on, a week ahead, until set (older settings have none)', () => {
    expect(DEFAULT_REMINDERS).toEqual({ enabled: true, days: 7 });
    expect(validReminders(undefined)).toEqual({ enabled: true, days: 7 });
    expect(validReminders(null)).toEqual({ enabled: true, days: 7 });
    expect(validReminders({ enabled: false })).toEqual({ enabled: false, days: 7 });
  });

  it.each([1, 7, 30, 90])('keep %i days', (days) => {
    expect(validReminders({ enabled: true, days })).toEqual({ enabled: true, days });
    expect(validReminders({ enabled: false, days })).toEqual({ enabled: false, days });
  });

  it.each([0, -1, 91, 365, 2.5, NaN, '7', null])('refuse %s days', (days) => {
    expect(() => validReminders({ enabled: true, days })).toThrow(ReminderError);
  });

  it('refuse an enabled that is not true or false, and a value that is not an object', () => {
    expect(() => validReminders({ enabled: 'yes', days: 7 })).toThrow(ReminderError);
    expect(() => validReminders([true, 7])).toThrow(ReminderError);
    expect(() => validReminders(7)).toThrow(/reminders/);
    const refused = (() => {
      try {
        validReminders({ enabled: true, days: 0 });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(refused).toMatchObject({ field: 'reminders.days', reason: 'a reminder comes 1 to 90 days before the due date' });
  });
});

describe('the snapshot of approved minutes, as the backend strips it', () => {
  it('leaves out revisions and what follow-up may change, at any depth', () => {
    const record = {
      id: 'meeting:1', rev: '3-ab', status: 'approved', title: 'الاجتماع التاسع', approval: null,
      totals: { committed: [] },
      actions: [{ id: 'action:1', rev: '2-cd', title: 'تأهيل', status: 'agreed', due: '2027-06-30', overdue: false, progress: [], delivered: [] }],
      statements: [{ id: 'statement:1', rev: '1-ef', text: 'نص', conflicts: ['2-x'] }],
    };
    expect(snapshotOf(record)).toEqual({
      id: 'meeting:1', title: 'الاجتماع التاسع',
      actions: [{ id: 'action:1', title: 'تأهيل' }],
      statements: [{ id: 'statement:1', text: 'نص' }],
    });
  });
});

describe('canonical JSON, whose SHA-256 is the fingerprint of the minutes', () => {
  it('sorts the keys of every object, keeps the order of lists, and has no spaces', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'د', c: null }, 2], é: true })).toBe('{"a":[{"c":null,"d":"د"},2],"b":1,"é":true}');
    expect(canonicalJson('نص')).toBe('"نص"');
  });

  it('is the same whatever order the fields were set in', async () => {
    const one = { title: 'الاجتماع التاسع', statements: [{ id: 'statement:1', text: 'نص', order: '80' }] };
    const two = { statements: [{ order: '80', text: 'نص', id: 'statement:1' }], title: 'الاجتماع التاسع' };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
    expect(await sha256Hex(canonicalJson(one))).toBe(await sha256Hex(canonicalJson(two)));
  });
});

describe('what changed since the approved snapshot, as the backend\'s snapshot_changes', () => {
  const approved = {
    id: 'meeting:1',
    title: 'الاجتماع التاسع',
    venue: null as string | null,
    purpose: ['تنزيل الاستراتيجية'],
    prefecture: { kind: 'prefecture', name: 'فاس' },
    attendance: [{ id: 'attendance:1', person: 'person:1', title: 'والي' }],
    statements: [
      { id: 'statement:1', speaker: 'person:1', text: 'النص الأول', order: '80' },
      { id: 'statement:2', speaker: 'person:1', text: 'النص الثاني', order: 'c' },
      { id: 'statement:3', speaker: 'person:1', text: 'النص الثالث', order: 'e' },
    ],
    decisions: [],
  };
  const copy = () => structuredClone(approved);

  it('finds nothing in the same minutes, whatever the order of their keys', () => {
    const same = Object.fromEntries(Object.entries(copy()).reverse());
    expect(snapshotChanges(approved, same)).toEqual([]);
  });

  it("names an edited statement's text by the statement's id, with the text before and after", () => {
    const now = copy();
    now.statements[1].text = 'النص الثاني (تصويب)';
    expect(snapshotChanges(approved, now)).toEqual([
      { path: 'statements[statement:2].text', before: 'النص الثاني', after: 'النص الثاني (تصويب)' },
    ]);
  });

  it('an item added or removed is one change with the whole item; null on the other side', () => {
    const now = copy();
    const removed = now.statements.splice(0, 1)[0];
    const added = { id: 'statement:4', speaker: 'person:1', text: 'نص جديد', order: 'f' };
    now.statements.push(added);
    expect(snapshotChanges(approved, now)).toEqual([
      { path: 'statements[statement:1]', before: removed, after: null },
      { path: 'statements[statement:4]', before: null, after: added },
    ]);
    // An empty list is a list of items too: a first decision is an added item.
    const decided = copy();
    (decided.decisions as unknown[]).push({ id: 'decision:1', text: 'قرار' });
    expect(snapshotChanges(approved, decided)).toEqual([{ path: 'decisions[decision:1]', before: null, after: { id: 'decision:1', text: 'قرار' } }]);
  });

  it('a move is the changed order key, then the order of the items in both lists', () => {
    const now = copy();
    const [first, second, third] = now.statements;
    second.order = '4';
    now.statements = [second, first, third];
    expect(snapshotChanges(approved, now)).toEqual([
      { path: 'statements[statement:2].order', before: 'c', after: '4' },
      { path: 'statements (order)', before: ['statement:1', 'statement:2', 'statement:3'], after: ['statement:2', 'statement:1', 'statement:3'] },
    ]);
  });

  it('compares the rest key by key, in the order of the keys; lists without ids and values as a whole', () => {
    const now = copy() as typeof approved & { date?: string };
    now.venue = 'مقر الولاية';
    now.purpose = ['تنزيل الاستراتيجية', 'التتبع'];
    now.prefecture.name = 'مكناس';
    now.date = '2026-11-28';
    now.attendance[0].title = 'والي جهة فاس مكناس';
    expect(snapshotChanges(approved, now)).toEqual([
      { path: 'attendance[attendance:1].title', before: 'والي', after: 'والي جهة فاس مكناس' },
      { path: 'date', before: null, after: '2026-11-28' },
      { path: 'prefecture.name', before: 'فاس', after: 'مكناس' },
      { path: 'purpose', before: ['تنزيل الاستراتيجية'], after: ['تنزيل الاستراتيجية', 'التتبع'] },
      { path: 'venue', before: null, after: 'مقر الولاية' },
    ]);
  });

  it('a key now null that was absent is a change; a list whose items lack ids is a whole value', () => {
    expect(snapshotChanges({ a: 1 }, { a: 1, b: null })).toEqual([{ path: 'b', before: null, after: null }]);
    expect(snapshotChanges({ l: [] }, { l: ['x'] })).toEqual([{ path: 'l', before: [], after: ['x'] }]);
    expect(snapshotChanges({ l: [{ id: 'a' }] }, { l: [{ id: 'a' }, { name: 'no id' }] })).toEqual([
      { path: 'l', before: [{ id: 'a' }], after: [{ id: 'a' }, { name: 'no id' }] },
    ]);
    expect(snapshotChanges('before', 'after')).toEqual([{ path: '(minutes)', before: 'before', after: 'after' }]);
  });

  it('leaves out what the snapshot leaves out (follow-up of actions, revisions)', () => {
    const record = { id: 'meeting:1', rev: '3-a', actions: [{ id: 'action:1', rev: '2-b', title: 'تأهيل', status: 'agreed', due: null }] };
    const later = { id: 'meeting:1', rev: '5-c', actions: [{ id: 'action:1', rev: '4-d', title: 'تأهيل', status: 'done', due: '2027-06-30' }] };
    expect(snapshotChanges(snapshotOf(record), snapshotOf(later))).toEqual([]);
  });
});

describe('SHA-256', () => {
  it('gives the FIPS 180-2 test vectors', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('hashes the UTF-8 bytes of Arabic text as 64 lower-case hex digits', async () => {
    const h = await sha256Hex('محضر الاجتماع التاسع');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(await sha256Hex('محضر الاجتماع التاسع')).toBe(h);
    expect(await sha256Hex('محضر الاجتماع العاشر')).not.toBe(h);
  });
});

describe('matters arising: the earlier meetings of the same series or region', () => {
  const meeting = (id: string, series: string | null, region: string | null, date: string | null) =>
    ({ id, series, region, date }) as Parameters<typeof earlierRelated>[0];
  const all = [
    meeting('meeting:01', 'series:a', 'fes-meknes', null),
    meeting('meeting:02', 'series:a', 'oriental', '2026-01-10'),
    meeting('meeting:03', null, 'fes-meknes', '2026-03-01'),
    meeting('meeting:04', 'series:b', 'oriental', '2026-02-01'),
    meeting('meeting:05', 'series:a', 'souss-massa', '2026-12-01'),
    meeting('meeting:09', 'series:a', 'fes-meknes', '2026-06-01'),
  ];

  it('takes the same series or region, earlier by date, else by creation', () => {
    const current = all[5];
    // 01: no date, created earlier; 02: same series, earlier; 03: same region, earlier;
    // 04: neither; 05: same series but later; 09: itself.
    expect([...earlierRelated(current, all)].sort()).toEqual(['meeting:01', 'meeting:02', 'meeting:03']);
  });

  it('compares by creation when either date is missing', () => {
    const undated = meeting('meeting:06', 'series:a', null, null);
    expect([...earlierRelated(undated, all)].sort()).toEqual(['meeting:01', 'meeting:02', 'meeting:05']);
  });

  it('finds nothing for a meeting without series or region', () => {
    expect(earlierRelated(meeting('meeting:10', null, null, '2027-01-01'), all).size).toBe(0);
  });
});
