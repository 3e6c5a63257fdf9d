import type {TenantRow} from './state.js';

/**
 * What the operator answers at each step, as both ways of drawing the wizard hand it on: the full-screen screens
 * (StepScreen.tsx) and the line mode (lines/). The wizard turns each into an event or an operation.
 */
export interface ConnectAnswers {
  /** A data center from the list, or a URL typed for "Another URL…". */
  readonly onDataCenter: (url: string) => void;
  readonly onSandbox: () => void;
  /** A remembered account, by name: signed in with its own secret. */
  readonly onAccount: (name: string) => void;
  /** "Another URL…": ask for one. */
  readonly onOtherUrl: () => void;
  /** A URL typed for "Another URL…": reached before anything else is asked. */
  readonly onTypedUrl: (url: string) => void;
  readonly onClientId: (clientId: string) => void;
  readonly onSecret: (secret: string) => void;
  readonly onRemember: (remember: boolean) => void;
  /** Already signed in: go on with this account, or sign in with another. */
  readonly onContinue: () => void;
  readonly onOtherAccount: () => void;
}

export interface StepAnswers {
  readonly onLookUp: (query: string) => void;
  readonly onChoose: (row: TenantRow, query: string) => void;
  readonly onConfirm: () => void;
  /** Step 2's plan: Ctrl+P or the browse list's first entry; Enter on its list writes it. */
  readonly onPlan: () => void;
  readonly onWritePlan: (chosen: ReadonlySet<string>) => void;
  /** Esc on the plan's checklist, with what was checked there. */
  readonly onLeavePlan: (checked: ReadonlySet<string>) => void;
}
