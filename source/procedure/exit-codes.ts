import type {PlatformError} from '../platform/index.js';
import type {SwitchDecision} from './reading.js';
import {type SwitchOutcome, verdictOf} from './switch-record.js';

/** Exit codes of tenant-mode (readme.md and --help say the same: commands/catalogue/exit-codes.ts). */
export const exitCodes = {
  done: 0,
  refused: 1,
  usage: 2,
  authentication: 3,
  unreachable: 4,
  unknownOutcome: 5,
  /** `audit --verify`: the audit log was changed, or a receipt is not in it (docs/audit-log.md). */
  tampered: 6,
  interrupted: 130,
} as const;

/** The exit code a failure stands for. */
export function exitCodeFor(error: PlatformError): number {
  switch (error.kind) {
    case 'invalid-input':
      return exitCodes.usage;
    case 'oauth':
      return exitCodes.authentication;
    case 'aborted':
      return exitCodes.interrupted;
    case 'http':
      if (error.status === 401) return exitCodes.authentication;
      if (error.status === 429 || (error.status ?? 0) >= 500) return exitCodes.unreachable;
      return exitCodes.refused;
    default:
      return exitCodes.unreachable;
  }
}

/** The exit code of a switch that was sent: 0 when the tenant is in production now, whoever switched it. */
export function exitCodeOfSwitch(outcome: SwitchOutcome): number {
  if (outcome.kind === 'switched') return exitCodes.done;
  switch (verdictOf(outcome)) {
    case 'switched':
    case 'switched-confirmed-by-reread':
    case 'already-production':
      return exitCodes.done;
    case 'unknown':
      return exitCodes.unknownOutcome;
    default:
      // After a 401 the pricing was read again with a new token: it changed meanwhile, a refusal like a 409.
      if (outcome.error.status === 401 && outcome.pricingAfter) return exitCodes.refused;
      return exitCodeFor(outcome.error);
  }
}

/** The exit code of a decision not to send: 0 nothing to do, 2 not switchable, 4 a mode nobody documents. */
export function exitCodeOfDecision(decision: Exclude<SwitchDecision, {kind: 'switch'}>): number {
  switch (decision.kind) {
    case 'nothing-to-do':
      return exitCodes.done;
    case 'not-switchable':
      return exitCodes.usage;
    case 'unexpected-mode':
      return exitCodes.unreachable;
  }
}
