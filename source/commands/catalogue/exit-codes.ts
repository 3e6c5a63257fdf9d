/** The exit codes every command shares (docs/scripting.md); apply adds its own reading of them. */
export const toolExitCodes: readonly (readonly [string, string])[] = [
  ['0', 'done, or nothing to do'],
  ['1', 'the platform refused (4xx)'],
  ['2', 'bad usage or input, not confirmed, or no terminal for the wizard'],
  ['3', 'authentication failed'],
  ['4', 'network, timeout or 5xx'],
  ['5', 'outcome unknown after re-reading'],
  ['6', 'audit --verify: the audit log was changed, or a receipt does not match it'],
  ['70', 'a bug in tenant-mode: please report it'],
  ['129', 'the terminal was closed (SIGHUP)'],
  ['130', 'interrupted (Ctrl+C, SIGTERM, SIGQUIT)'],
];
