/**
 * What the wizard is started with: the flags and environment the command line was given. The flag parser
 * (commands/main.ts) makes it and the wizard (wizard/start.ts) takes it; cli.tsx hands it from one to the other.
 */
export interface WizardRequest {
  /** --account NAME (or TENANT_MODE_ACCOUNT): the remembered account to start with. */
  readonly account?: string;
  readonly url?: string;
  readonly clientId?: string;
  readonly secret?: string;
  readonly timeoutSeconds: number;
  /** Start the embedded sandbox now rather than when it is chosen. */
  readonly sandbox: boolean;
  /** False for --no-color or NO_COLOR. */
  readonly color: boolean;
  /**
   * The line mode: each screen printed once as plain lines, lists numbered, nothing redrawn, no escape code — for a
   * screen reader or a terminal without cursor control. --accessible, INK_SCREEN_READER=true, or TERM=dumb.
   */
  readonly lineMode: boolean;
  /**
   * `tenant-mode learn`: the wizard as a lesson against the embedded sandbox (docs/onboarding.md), with a scenario
   * of what goes wrong (checked before the wizard starts) and a transcript written at its end.
   */
  readonly lesson?: {readonly scenario?: string; readonly transcript?: string};
}
