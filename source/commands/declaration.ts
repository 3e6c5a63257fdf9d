import type {WizardRequest} from '../procedure/wizard-request.js';
import type {CommandIo, ShowApplyProgress} from './io.js';

/** One flag as people read it in help and completion, and as util.parseArgs takes it. */
export interface FlagDeclaration {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** Given more than once, each adds to a list (--only, --except). */
  readonly multiple?: boolean;
  /** The value's placeholder in help: `<uuid>`. */
  readonly value?: string;
  /** What the flag does, one sentence or two; wrapped to the terminal in help. */
  readonly help: string;
  /** Shell completion of its value: a file name, or one of these words. */
  readonly completes?: 'file' | readonly string[];
}

/** What parsing hands a command: its flags' values and its operands (words after the command). */
export interface CommandInput {
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly operands: readonly string[];
}

/** What a command's `run` may need from the process beyond its io: the front ends that load Ink. */
export interface CommandContext {
  /** Every command (commands/catalogue/index.ts), for those about the others: help and completion. */
  readonly commands: readonly CommandDeclaration[];
  readonly startWizard: (request: WizardRequest) => Promise<number>;
  readonly showApplyProgress?: ShowApplyProgress;
}

/**
 * A command of tenant-mode, declared once: parsing, `--help`, `help COMMAND`, the dispatch, "did you mean" and
 * shell completion are all derived from this (commands/main.ts, help.ts, completion.ts). `run` loads the command's
 * code when it runs, so that `--help` loads none of it.
 */
export interface CommandDeclaration {
  /** `status`; `''` is the wizard (no command word). */
  readonly name: string;
  /** The tool help's line: the command with its operands, then what it does. */
  readonly synopsis: string;
  readonly summary: string;
  /** The command's own help: its first paragraph (what it does), the usage line and more paragraphs. */
  readonly title: string;
  readonly usage: string;
  readonly about?: readonly string[];
  /** Flag names, in the order help lists them (declared in commands/flags.ts). */
  readonly flags: readonly string[];
  /** What a flag does in this command, where it says more than its general help. */
  readonly flagHelp?: Readonly<Record<string, string>>;
  /** How many operands it takes, and what to say when it gets another number of them. */
  readonly operands: {
    /** Exactly this many (-1: none or one), or one of these numbers. */
    readonly count: number | readonly number[];
    readonly name?: string;
    readonly problem: string;
    readonly completes?: 'file';
  };
  readonly examples: readonly string[];
  /** Its own exit-code list, when it says more than the tool's. */
  readonly exitCodes?: readonly (readonly [string, string])[];
  readonly run: (input: CommandInput, io: CommandIo, context: CommandContext) => Promise<number>;
}
