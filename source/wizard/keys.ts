import {mayConfirmAgain} from '../procedure/index.js';
import type {Step, WizardEvent} from './state.js';

/**
 * Every key the wizard answers to, as a hint line names it: one table for `wizardKey` below and for the hints
 * each screen shows, so that a hint never names a key that does something else.
 */
export const keyNames = {
  leave: 'Ctrl+C',
  panel: 'Tab',
  back: 'Esc',
  enter: 'Enter',
  quit: 'q',
  again: 'r',
  json: 'j',
  move: '↑↓',
} as const;

/** One hint: the key's name and what it does on this screen. */
export type Hint = readonly [key: string, does: string];

export function hint(key: keyof typeof keyNames, does: string): Hint {
  return [keyNames[key], does];
}

/** The hints that end every step's line: the HTTP panel and leaving. */
export const everywhereHints: readonly Hint[] = [hint('panel', 'HTTP calls'), hint('leave', 'quit')];

/** What a wizard-wide key asks for; the screens handle their own keys (typing, lists, choices). */
export type KeyAction =
  | {readonly type: 'leave'; readonly reason: 'quit' | 'interrupted'}
  | {readonly type: 'togglePanel'}
  /** On the pricing step of a compact terminal: the JSON whole, or one line. */
  | {readonly type: 'toggleJson'}
  | {readonly type: 'back'}
  /** Taken, and nothing done (the HTTP panel is open). */
  | {readonly type: 'ignore'}
  | {readonly type: 'event'; readonly event: WizardEvent};

/**
 * The key map of the whole wizard, on input events as the terminal sends them: Ctrl+C leaves, Tab opens the step's
 * HTTP calls, Esc goes back; on the pricing and result screens (no text field there) Enter moves on, `q` quits and,
 * after a failure worth another try, `r` goes back to the confirmation. Anything else belongs to the field or list
 * on show.
 */
export function wizardKey(step: Step, raw: string, panelOpen = false): KeyAction | undefined {
  if (raw === '\u0003') return {type: 'leave', reason: 'interrupted'};
  if (raw === '\t') return {type: 'togglePanel'};
  // The HTTP panel is modal: no key reaches the step behind it (its screen keeps what was typed).
  if (panelOpen) return {type: 'ignore'};
  if (raw === '\u001b') return {type: 'back'};
  if (step.name === 'result' && raw === keyNames.again && mayConfirmAgain(step.outcome)) {
    return {type: 'event', event: {type: 'RECONFIRM_REQUESTED', pricing: step.outcome.pricingAfter}};
  }
  if (step.name !== 'viewPricing' && step.name !== 'result') return undefined;
  if (raw === keyNames.quit) return {type: 'leave', reason: 'quit'};
  if (raw === keyNames.json && step.name === 'viewPricing') return {type: 'toggleJson'};
  if (raw !== '\r' && raw !== '\n') return undefined;
  return {
    type: 'event',
    event: {type: step.name === 'result' ? 'ANOTHER_TENANT_REQUESTED' : 'SWITCH_REQUESTED'},
  };
}
