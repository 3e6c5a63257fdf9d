/**
 * The wizard's requests, one at a time: `run` starts an operation (a procedure call that returns a value) and hands
 * its value or failure to the wizard's callbacks, unless it was aborted meanwhile (the operator moved on).
 * Starting one aborts the one before; `abortCurrent` is Esc's; `abortAll` is leaving's. The switch runs on
 * `lasting`, which only leaving aborts: Esc never cancels a request that may change the tenant.
 */
export class OperationRunner {
  private readonly session = new AbortController();
  private current: AbortController | undefined;
  readonly lasting = this.session.signal;

  readonly run = <T>(
    work: (signal: AbortSignal) => Promise<T>,
    done: (value: T) => void,
    failed: (error: unknown) => void,
  ): void => {
    this.current?.abort();
    const controller = new AbortController();
    this.current = controller;
    const signal = AbortSignal.any([controller.signal, this.session.signal]);
    work(signal).then(
      (value) => {
        if (!signal.aborted) done(value);
      },
      (error: unknown) => {
        if (!signal.aborted) failed(error);
      },
    );
  };

  readonly abortCurrent = (): void => this.current?.abort();
  readonly abortAll = (): void => this.session.abort();
}
