import type {AuditLog, Clock, CredentialStore} from '../procedure/index.js';
import type {Lesson} from './lesson.js';

/** What the wizard is given to work with: the stores, the clock, request settings, and the sandbox to offer. */
export interface WizardServices {
  readonly store: CredentialStore;
  /** Where every switch attempt, confirmed or cancelled, is recorded. */
  readonly audit: AuditLog;
  /** The run's one clock: the confirm step's "today", token expiry, audit times, retry waits. */
  readonly clock: Clock;
  readonly timeoutMs?: number;
  readonly retry?: {readonly attempts: number; readonly delayMs: number};
  /** The words that run this tool from a fresh shell, for the commands the wizard prints (commands/program.ts). */
  readonly program?: readonly string[];
  /** Starts (once) the embedded sandbox, offered first in the data center list, and gives its demo credentials. */
  readonly openSandbox?: () => Promise<{
    readonly url: string;
    readonly clientId: string;
    readonly clientSecret: string;
  }>;
  /**
   * A lesson (tenant-mode learn): each step opens with its explanation in the HTTP panel, opened by itself, signing
   * in stops on the account screen so that its calls are read, and every call is kept for the transcript.
   */
  readonly lesson?: Lesson;
}

/** How the wizard ended, for the line printed after Ink has let go of the terminal. */
export interface WizardExit {
  readonly reason: 'quit' | 'interrupted';
  readonly switchesSent: number;
  /** A switch was sent and no answer had come when the operator left. */
  readonly switchInFlight: boolean;
  /** The line left on screen: what each switch came to, or that nothing was sent. */
  readonly summary: string;
  /** As `switch`'s table: the last switch's code; 130 while one was in flight, or Ctrl+C with nothing sent. */
  readonly exitCode: number;
  /**
   * Written after the wizard's last frame, outside Ink, so that the terminal (not Ink) wraps it and a command in it
   * is copied whole: the apply command of each plan written this run.
   */
  readonly afterwards?: string;
}
