import { describe, expect, it } from 'vitest';
import type { Change, MeetingRecord } from '../ipc/types';
import { snapshotChanges } from '../ipc/mock-rules';
import { describeChange, describeChanges, excerpt, parsePath, type Shown } from './changes';

const I = (s: string) => `\u2068${s}\u2069`;

const record = {
  id: 'meeting:1',
  title: 'الاجتماع التاسع',
  agenda: [{ id: 'a1', title: 'تقديم الاستراتيجية' }],
  attendance: [
    {
      id: 'attendance:1',
      person: 'person:1',
      title: 'والي جهة فاس مكناس',
      person_record: { id: 'person:1', name_ar: 'السعيد الزنيبر', name_latin: 'Said Zniber' },
    },
  ],
  statements: [
    { id: 'statement:1', speaker: 'person:1', speaker_name: 'السعيد الزنيبر', text: 'افتتح الاجتماع بكلمة ترحيبية.' },
    { id: 'statement:2', speaker: 'person:1', speaker_name: 'السعيد الزنيبر', text: 'أكد على أهمية التتبع.' },
  ],
  decisions: [
    { id: 'decision:1', text: 'تشكيل لجنة جهوية.' },
    { id: 'decision:2', text: 'عقد اجتماع كل ثلاثة أشهر.' },
  ],
  actions: [{ id: 'action:1', title: 'تأهيل المراكز الاجتماعية', amount: { centimes: 250_000_000, currency: 'MAD' } }],
  site_visits: [],
} as unknown as MeetingRecord;

const text = (s: Shown) => ('text' in s ? s.text : s.kind === 'list' ? s.items.map((i) => i.text).join(' | ') : '');

describe('paths of changes', () => {
  it.each([
    ['title', { top: 'title', id: null, order: false, rest: [] }],
    ['prefecture.name', { top: 'prefecture', id: null, order: false, rest: ['name'] }],
    ['statements[statement:0193-ab].text', { top: 'statements', id: 'statement:0193-ab', order: false, rest: ['text'] }],
    ['attendance[attendance:1]', { top: 'attendance', id: 'attendance:1', order: false, rest: [] }],
    ['attendance[attendance:1].person_record.name_ar', { top: 'attendance', id: 'attendance:1', order: false, rest: ['person_record', 'name_ar'] }],
    ['statements (order)', { top: 'statements', id: null, order: true, rest: [] }],
    ['actions[action:1].amount.centimes', { top: 'actions', id: 'action:1', order: false, rest: ['amount', 'centimes'] }],
  ])('%s', (path, parsed) => {
    expect(parsePath(path)).toEqual(parsed);
  });

  it('cuts a long text at a word', () => {
    expect(excerpt('قصير')).toBe('قصير');
    expect(excerpt('كلمة '.repeat(30), 22)).toBe('كلمة كلمة كلمة كلمة…');
  });
});

describe('changes since the approved version, as a person reads them', () => {
  it("a statement's text: which statement (its speaker), which field, the text before and after with the changed words marked", () => {
    const row = describeChange(
      'ar',
      { path: 'statements[statement:2].text', before: 'أكد على أهمية التتبع.', after: 'أكد على أهمية التتبع الدقيق.' },
      record,
    );
    expect(row.subject).toBe(`مداخلة ${I('السعيد الزنيبر')}`);
    expect(row.field).toBe('النص');
    expect(row.before).toEqual({
      kind: 'text',
      text: 'أكد على أهمية التتبع.',
      segments: [{ text: 'أكد على أهمية ', changed: false }, { text: 'التتبع.', changed: true }],
    });
    expect(row.after.kind).toBe('text');
    expect(text(row.after)).toBe('أكد على أهمية التتبع الدقيق.');
  });

  it('a field of the meeting, named as the conflicts panel names it, in each language', () => {
    const c: Change = { path: 'title', before: 'الاجتماع التاسع', after: 'الاجتماع التاسع للجنة' };
    expect(describeChange('ar', c, record)).toMatchObject({ subject: 'معلومات الاجتماع', field: 'العنوان' });
    expect(describeChange('fr', c, record)).toMatchObject({ subject: 'Informations de la réunion', field: 'Titre' });
    expect(describeChange('en', { path: 'prefecture.name', before: 'فاس', after: 'مكناس' }, record)).toMatchObject({
      subject: 'Meeting details',
      field: 'Prefecture or province',
    });
  });

  it('added and removed: the word on the missing side, the item by its text on the other', () => {
    const added = describeChange(
      'ar',
      { path: 'decisions[decision:2]', before: null, after: { id: 'decision:2', text: 'عقد اجتماع كل ثلاثة أشهر.' } },
      record,
    );
    expect(added.subject).toBe('القرار 2');
    expect(added.field).toBeNull();
    expect(added.before).toEqual({ kind: 'added', text: 'أُضيف بعد المصادقة' });
    expect(text(added.after)).toBe('عقد اجتماع كل ثلاثة أشهر.');

    const removed = describeChange(
      'en',
      { path: 'statements[statement:9]', before: { id: 'statement:9', speaker_name: 'Ahmed', text: 'Removed words.' }, after: null },
      record,
    );
    expect(removed.subject).toBe(`Statement by ${I('Ahmed')}`);
    expect(text(removed.before)).toBe('Removed words.');
    expect(removed.after).toEqual({ kind: 'removed', text: 'removed since approval' });

    const gone = describeChange('en', { path: 'decisions[decision:7]', before: { id: 'decision:7', text: 'Old.' }, after: null }, record);
    expect(gone.subject).toBe('Decision');
  });

  it('other values as compact JSON; an attendance entry by the person, its title as the one held that day', () => {
    const amount = describeChange('fr', { path: 'actions[action:1].amount.centimes', before: 200_000_000, after: 250_000_000 }, record);
    expect(amount).toMatchObject({ subject: `Action : ${I('تأهيل المراكز الاجتماعية')}`, field: 'Montant' });
    expect(amount.before).toEqual({ kind: 'json', text: '200000000' });
    const title = describeChange('en', { path: 'attendance[attendance:1].title', before: 'والي', after: 'والي جهة فاس مكناس' }, record);
    expect(title.subject).toBe(`Attendance: ${I('Said Zniber')}`);
    expect(title.field).toBe('Title held that day');
    const name = describeChange('ar', { path: 'attendance[attendance:1].person_record.name_ar', before: 'السعيد', after: 'السعيد الزنيبر' }, record);
    expect(name.field).toBe('الاسم بالعربية');
    const purpose = describeChange('en', { path: 'purpose', before: ['a'], after: ['a', 'b'] }, record);
    expect(purpose.before).toEqual({ kind: 'json', text: '["a"]' });
  });

  it('an order of items by their names', () => {
    const row = describeChange('ar', { path: 'statements (order)', before: ['statement:2', 'statement:1'], after: ['statement:1', 'statement:2'] }, record);
    expect(row.subject).toBe('ترتيب المداخلات');
    expect(row.before).toEqual({
      kind: 'list',
      items: [
        { text: 'السعيد الزنيبر: أكد على أهمية التتبع.', moved: true },
        { text: 'السعيد الزنيبر: افتتح الاجتماع بكلمة ترحيبية.', moved: true },
      ],
    });
  });

  it("a moved item's order key as its place among the items of both versions, with the order beside it", () => {
    const changes: Change[] = [
      { path: 'statements[statement:1].order', before: '80', after: 'c' },
      { path: 'statements (order)', before: ['statement:1', 'statement:2', 'statement:3'], after: ['statement:2', 'statement:1', 'statement:3'] },
    ];
    const [key, order] = describeChanges('en', changes, record);
    expect(key).toMatchObject({ field: 'Position in the list', before: { kind: 'text', text: '1' }, after: { kind: 'text', text: '2' } });
    expect(order.after).toMatchObject({ kind: 'list', items: [{ moved: true }, { moved: true }, { text: 'statement:3', moved: false }] });
    // Without the order of the list, the keys as they are.
    expect(describeChange('en', changes[0], record).before).toMatchObject({ kind: 'text', text: '80' });
  });

  it('the whole minutes, and a value that is null on both sides', () => {
    expect(describeChange('en', { path: '(minutes)', before: 1, after: 2 }, record).subject).toBe('The whole minutes');
    const both = describeChange('en', { path: 'venue', before: null, after: null }, record);
    expect(both.before).toEqual({ kind: 'none', text: '—' });
    expect(both.after).toEqual({ kind: 'none', text: '—' });
  });

  it("reads the mock's diff of a record end to end, one row per change", () => {
    const approved = structuredClone(record) as unknown as Record<string, unknown>;
    const now = structuredClone(record) as unknown as { statements: { text: string }[]; venue?: string };
    now.statements[0].text = 'افتتح الاجتماع بكلمة ترحيبية مطولة.';
    now.venue = 'مقر الولاية';
    const rows = describeChanges('ar', snapshotChanges(approved, now), record);
    expect(rows.map((r) => [r.subject, r.field, text(r.before), text(r.after)])).toEqual([
      [`مداخلة ${I('السعيد الزنيبر')}`, 'النص', 'افتتح الاجتماع بكلمة ترحيبية.', 'افتتح الاجتماع بكلمة ترحيبية مطولة.'],
      ['معلومات الاجتماع', 'مكان الانعقاد', 'أُضيف بعد المصادقة', 'مقر الولاية'],
    ]);
  });
});
