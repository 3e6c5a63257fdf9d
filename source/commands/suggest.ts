/**
 * "Did you mean": the known word closest to what was typed, when it is close enough to be a slip — a letter
 * missing, extra, wrong or two swapped (`swich`, `stauts`, `--mod`). Nothing when two are equally close.
 */
export function closest(typed: string, known: readonly string[]): string | undefined {
  const limit = typed.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tie = false;
  for (const word of known) {
    const distance = slips(typed.toLowerCase(), word);
    if (distance < bestDistance) {
      [best, bestDistance, tie] = [word, distance, false];
    } else if (distance === bestDistance) {
      tie = true;
    }
  }
  return best !== undefined && !tie && bestDistance <= limit ? best : undefined;
}

/** Edits from one word to the other, a swap of two neighbours counting as one (optimal string alignment). */
function slips(a: string, b: string): number {
  const width = b.length + 1;
  const table = new Array<number>((a.length + 1) * width).fill(0);
  const at = (i: number, j: number) => table[i * width + j] ?? 0;
  for (let i = 0; i <= a.length; i++) table[i * width] = i;
  for (let j = 0; j <= b.length; j++) table[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, at(i - 2, j - 2) + 1);
      table[i * width + j] = value;
    }
  }
  return at(a.length, b.length);
}
