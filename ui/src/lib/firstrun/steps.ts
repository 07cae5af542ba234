// The first-run setup's steps, in order, and what each may do: go back, be skipped, be the last
// (with «ابدأ العمل» instead of «التالي»); what an optional step has to save; and where the app
// goes once the setup is finished. Pure functions (steps.test.ts).

import type { DemoReport } from '../ipc/types';
import type { MessageKey } from '../i18n/index.svelte';
import type { Route } from '../common/router.svelte';
import { checkNewPassphrase } from '../lock/passphrase';

export const STEPS = ['language', 'profile', 'passphrase', 'sync', 'example'] as const;
export type Step = (typeof STEPS)[number];

export const STEP_TITLE: Record<Step, MessageKey> = {
  language: 'firstRun.step.language',
  profile: 'firstRun.step.profile',
  passphrase: 'firstRun.step.passphrase',
  sync: 'firstRun.step.sync',
  example: 'firstRun.step.example',
};

/** The step's number, from 1. */
export function stepNumber(step: Step): number {
  return STEPS.indexOf(step) + 1;
}

/** The step after this one; null after the last. */
export function nextStep(step: Step): Step | null {
  return STEPS[STEPS.indexOf(step) + 1] ?? null;
}

/** The step before this one; null on the first. */
export function previousStep(step: Step): Step | null {
  const at = STEPS.indexOf(step);
  return at > 0 ? STEPS[at - 1] : null;
}

/**
 * Whether the step has a «تخطٍّ» button: those that save something the person may not want. The
 * language is already chosen (Arabic unless changed), and the last step's skip is to finish.
 */
export function skippable(step: Step): boolean {
  return step === 'profile' || step === 'passphrase' || step === 'sync';
}

/** Whether the step is the last one (finish instead of next). */
export function isLast(step: Step): boolean {
  return nextStep(step) === null;
}

/**
 * What «التالي» does on the passphrase step: nothing typed, nothing to encrypt (the step is
 * optional); otherwise encrypt, once both boxes hold the same passphrase, long enough
 * (`refused`: what to say, under which box).
 */
export type PassphraseDecision = { action: 'none' } | { action: 'encrypt' } | { action: 'refused'; focus: 'passphrase' | 'confirmation' };

export function passphraseDecision(passphrase: string, confirmation: string): PassphraseDecision {
  if (passphrase === '' && confirmation === '') return { action: 'none' };
  const check = checkNewPassphrase(passphrase, confirmation);
  if (check.ok) return { action: 'encrypt' };
  return { action: 'refused', focus: check.passphrase ? 'passphrase' : 'confirmation' };
}

/** Where the app goes once the setup is finished: the example meeting when it was loaded, else the list. */
export function finishRoute(example: DemoReport | null): Route {
  return example ? { name: 'meeting', id: example.meeting } : { name: 'meetings' };
}
