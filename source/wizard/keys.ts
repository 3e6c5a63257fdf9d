import {mayConfirmAgain} from '../procedure/index.js';
import {isPanelKey} from './call-lines.js';
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
  plan: 'Ctrl+P',
  toggle: 'Space',
  // Not letters: on a checklist any letter starts the filter, so that "Acme" or "Northwind" typed is looked for
  // (Midnight Commander's keys for marking a group).
  all: '+',
  none: '-',
  filter: '/',
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
  /** Step 2: plan the 1st of the month (the wizard knows today). */
  | {readonly type: 'plan'}
  /** Taken, and nothing done (a step too small to show). */
  | {readonly type: 'ignore'}
  /** A key the open HTTP panel does not take: said there, so that typing into it is never silently lost. */
  | {readonly type: 'panelIgnored'}
  /** A key the open HTTP panel takes: scrolling, moving between calls, opening one (call-lines.ts). */
  | {readonly type: 'panelKey'; readonly raw: string}
  | {readonly type: 'event'; readonly event: WizardEvent};

/**
 * The key map of the whole wizard, on input events as the terminal sends them: Ctrl+C leaves, Tab opens the step's
 * HTTP calls, Esc goes back; on the pricing and result screens (no text field there) Enter moves on, `q` quits and,
 * after a failure worth another try, `r` goes back to the confirmation. Anything else belongs to the field or list
 * on show.
 */
export function wizardKey(
  step: Step,
  raw: string,
  panelOpen = false,
  tooSmall = false,
): KeyAction | undefined {
  if (raw === '\u0003') return {type: 'leave', reason: 'interrupted'};
  if (raw === '\t') return {type: 'togglePanel'};
  // The HTTP panel is modal: no key reaches the step behind it (its screen keeps what was typed). Esc closes it, as
  // it closes a pane in k9s or lazygit.
  if (panelOpen) {
    if (raw === '\u001b') return {type: 'togglePanel'};
    return isPanelKey(raw) ? {type: 'panelKey', raw} : {type: 'panelIgnored'};
  }
  // A step the terminal is too small for is not on screen: Esc goes back, and no other key acts on it unseen.
  if (tooSmall) return raw === '\u001b' ? {type: 'back'} : {type: 'ignore'};
  // On the plan's checklist Esc first clears a filter: the list takes it, and goes back itself when none is on.
  if (raw === '\u001b' && !(step.name === 'plan' && step.phase === 'choosing')) return {type: 'back'};
  // Ctrl+P: no text field uses it (line-editing.ts), so it plans from the search field and from a list alike.
  if (step.name === 'chooseTenant' && raw === '\u0010' && step.phase !== 'working') return {type: 'plan'};
  if (step.name === 'plan' && step.phase === 'written') {
    if (raw === keyNames.quit) return {type: 'leave', reason: 'quit'};
    if (raw === '\r' || raw === '\n') return {type: 'event', event: {type: 'ANOTHER_TENANT_REQUESTED'}};
  }
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
