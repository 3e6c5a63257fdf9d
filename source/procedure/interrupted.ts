/** What the operator is told on leaving with Ctrl+C (or SIGTERM): whether a switch was sent, and what to do. */
export function interruptedText(switches: {readonly inFlight: boolean; readonly answered: number}): string {
  if (switches.inFlight) {
    return 'Interrupted while a switch request was in flight: it was sent, and its outcome is unknown. Check with "tenant-mode status" before trying again.';
  }
  if (switches.answered > 0)
    return `Interrupted. ${switches.answered} switch request(s) had been sent and answered.`;
  return 'Interrupted. No switch was sent.';
}
