import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/index.svelte';
import { STEPS, STEP_TITLE, finishRoute, isLast, nextStep, passphraseDecision, previousStep, skippable, stepNumber } from './steps';

describe('the first-run setup', () => {
  it('goes language, profile, passphrase, sync, example', () => {
    expect([...STEPS]).toEqual(['language', 'profile', 'passphrase', 'sync', 'example']);
    expect(STEPS.map(stepNumber)).toEqual([1, 2, 3, 4, 5]);
    expect(STEPS.map(nextStep)).toEqual(['profile', 'passphrase', 'sync', 'example', null]);
    expect(STEPS.map(previousStep)).toEqual([null, 'language', 'profile', 'passphrase', 'sync']);
    expect(STEPS.filter(isLast)).toEqual(['example']);
  });

  it('lets the optional steps be skipped; the language is already chosen, the last step finishes', () => {
    expect(STEPS.filter(skippable)).toEqual(['profile', 'passphrase', 'sync']);
  });

  it('names its steps and says where the person is, in Arabic first', () => {
    expect(translate('ar', 'firstRun.stepOf', { n: 2, total: STEPS.length })).toBe('الخطوة 2 من 5');
    expect(translate('fr', 'firstRun.stepOf', { n: 2, total: STEPS.length })).toBe('Étape 2 sur 5');
    expect(translate('ar', STEP_TITLE.example)).toBe('الاجتماع النموذجي');
  });

  it('encrypts only with a passphrase long enough, typed twice the same; nothing typed is nothing to do', () => {
    expect(passphraseDecision('', '')).toEqual({ action: 'none' });
    expect(passphraseDecision('قصيرة', 'قصيرة')).toEqual({ action: 'refused', focus: 'passphrase' });
    expect(passphraseDecision('', 'عبارة مرور طويلة'), 'the confirmation alone is not a passphrase').toEqual({ action: 'refused', focus: 'passphrase' });
    expect(passphraseDecision('عبارة مرور طويلة', 'عبارة مرور اخرى')).toEqual({ action: 'refused', focus: 'confirmation' });
    expect(passphraseDecision('عبارة مرور طويلة', '')).toEqual({ action: 'refused', focus: 'confirmation' });
    expect(passphraseDecision('عبارة مرور طويلة', 'عبارة مرور طويلة')).toEqual({ action: 'encrypt' });
  });

  it('ends on the example meeting when it was loaded, else on the list', () => {
    const meeting = 'meeting:018bcfe5-6801-7d61-a864-617253656501' as const;
    expect(finishRoute({ meeting, created: 40, already_present: 0 })).toEqual({ name: 'meeting', id: meeting });
    expect(finishRoute(null)).toEqual({ name: 'meetings' });
  });
});
