import {createInterface} from 'node:readline/promises';
import {Writable} from 'node:stream';
import {PlatformError} from '../procedure/index.js';
import type {CommandIo} from './io.js';

/**
 * Asks one question on the terminal (stderr) and gives the answer; undefined when the input ended (Ctrl+D): no
 * answer. On a terminal readline takes Ctrl+C itself: it is an interruption, as anywhere else (PlatformError
 * `aborted`), and so is SIGTERM while the question is open.
 */
export async function ask(question: string, io: CommandIo): Promise<string | undefined> {
  const prompt = createInterface({
    input: io.stdin,
    output: io.stderr as NodeJS.WritableStream,
    terminal: true,
  });
  const asked = new AbortController();
  prompt.on('SIGINT', () => asked.abort());
  try {
    return await prompt.question(question, {signal: AbortSignal.any([io.interrupt, asked.signal])});
  } catch {
    if (!io.interrupt.aborted && !asked.signal.aborted) return undefined;
    throw new PlatformError('aborted', 'Interrupted at the confirmation.');
  } finally {
    prompt.close();
  }
}

/**
 * Asks for a secret on the terminal: the question on stderr, nothing echoed as it is typed (the terminal's own
 * line editing still works); undefined when the input ended. Ctrl+C and SIGTERM interrupt, as in `ask`.
 */
export async function askSecret(question: string, io: CommandIo): Promise<string | undefined> {
  io.stderr.write(question);
  const silent = new Writable({write: (_chunk, _encoding, done) => done()});
  const prompt = createInterface({input: io.stdin, output: silent, terminal: true});
  const asked = new AbortController();
  prompt.on('SIGINT', () => asked.abort());
  try {
    return await prompt.question('', {signal: AbortSignal.any([io.interrupt, asked.signal])});
  } catch {
    if (!io.interrupt.aborted && !asked.signal.aborted) return undefined;
    throw new PlatformError('aborted', 'Interrupted while the secret was asked for.');
  } finally {
    io.stderr.write('\n');
    prompt.close();
  }
}
