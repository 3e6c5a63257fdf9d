import type {PlatformError} from '../platform/index.js';
import {type SwitchOutcome, verdictOf} from './switch.js';

/** Exit codes of tenant-mode (readme.md and --help say the same). */
export const exitCodes = {
  done: 0,
  refused: 1,
  usage: 2,
  authentication: 3,
  unreachable: 4,
  unknownOutcome: 5,
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
      return exitCodeFor(outcome.error);
  }
}
