import type {WizardExit, WizardServices} from '../services.js';
import type {ConnectForm} from '../state.js';
import {LineWizard} from './line-wizard.js';

export interface LineTerminal {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
}

/**
 * Runs the line mode on the terminal until the operator leaves: keys are read one by one (raw mode, so that Esc,
 * Tab and Ctrl+C act at once, as in the full-screen wizard) and echoed by the wizard itself. Resolves with how it
 * ended; the terminal is given back as it was.
 */
export function runLineWizard(options: {
  readonly services: WizardServices;
  readonly initialForm?: Partial<ConnectForm>;
  readonly notice?: string;
  readonly terminate: AbortSignal;
  readonly terminal: LineTerminal;
  readonly env: NodeJS.ProcessEnv;
}): Promise<WizardExit> {
  const {stdin, stdout} = options.terminal;
  return new Promise((resolve) => {
    const wasRaw = stdin.isTTY ? stdin.isRaw : false;
    const onData = (chunk: string | Buffer) => wizard.input(String(chunk));
    const onEnd = () => wizard.endOfInput();
    const onTerminate = () => wizard.interrupt();
    // Back from a stop (Ctrl+Z here, or SIGTSTP from outside): the shell gave the terminal back cooked; raw again
    // (off, then on: libuv skips a mode it believes is set already), and the question again.
    const onContinue = () => {
      if (stdin.isTTY) {
        stdin.setRawMode(false);
        stdin.setRawMode(true);
      }
      wizard.resumed();
    };
    // A terminal gone (SIGHUP) or a closed pipe: what is written goes nowhere, and its error is not a crash.
    const onWriteError = () => {};
    const wizard = new LineWizard({
      services: options.services,
      initialForm: options.initialForm,
      notice: options.notice,
      write: (text) => {
        if (stdout.writable) stdout.write(text);
      },
      // Emacs's shell shows the line being typed itself: an echo would print every answer twice.
      echo: !options.env.INSIDE_EMACS,
      columns: () => (stdout.isTTY ? stdout.columns || undefined : undefined),
      onSuspend: () => {
        if (stdin.isTTY) stdin.setRawMode(wasRaw);
        process.kill(process.pid, 'SIGTSTP');
      },
      onExit: (exit) => {
        process.off('SIGCONT', onContinue);
        stdin.off('data', onData);
        stdin.off('end', onEnd);
        options.terminate.removeEventListener('abort', onTerminate);
        if (stdin.isTTY) stdin.setRawMode(wasRaw);
        stdin.pause();
        resolve(exit);
      },
    });
    stdout.on('error', onWriteError);
    if (stdin.isTTY) stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    options.terminate.addEventListener('abort', onTerminate, {once: true});
    process.on('SIGCONT', onContinue);
    wizard.start();
    stdin.resume();
  });
}
