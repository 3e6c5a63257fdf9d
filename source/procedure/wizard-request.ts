/**
 * What the wizard is started with: the flags and environment the command line was given. The flag parser
 * (commands/main.ts) makes it and the wizard (wizard/start.ts) takes it; cli.tsx hands it from one to the other.
 */
export interface WizardRequest {
  readonly url?: string;
  readonly clientId?: string;
  readonly secret?: string;
  readonly timeoutSeconds: number;
  /** Start the embedded sandbox now rather than when it is chosen. */
  readonly sandbox: boolean;
  /** False for --no-color or NO_COLOR. */
  readonly color: boolean;
  /**
   * --accessible: Ink's screen-reader output (plain lines, no animation, list items with their position and state).
   * INK_SCREEN_READER=true does the same (Ink reads it).
   */
  readonly accessible: boolean;
}
