/**
 * A shared pause after a 429, in words: "every request waits 5 s", or, when the platform asked for longer than the
 * longest pause taken (platform/gate.ts): "the platform asks for 99,999,999,999 s; every request waits 60 s".
 */
export function pauseWords(ms: number, askedMs: number): string {
  const waits = `every request waits ${Math.ceil(ms / 1000)} s`;
  if (askedMs <= ms) return waits;
  const asked = Number.isFinite(askedMs) ? `${Math.ceil(askedMs / 1000).toLocaleString('en')} s` : 'forever';
  return `the platform asks for ${asked}; ${waits} (the longest pause tenant-mode takes)`;
}
