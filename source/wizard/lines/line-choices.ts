// Lists in the line mode: numbered choices, answered with a number or with text that finds one; the plan's
// checklist, answered with numbers to check or uncheck. Pure: what to print, and what an answer comes to.
import {searchKey} from '../../procedure/index.js';
import type {ChoiceItem} from './line-screens.js';

/** How many entries a list prints at once: more are found by typing part of a name. */
const printedAtMost = 20;

/** "3. Contoso  (customer · trial)" and its details indented under it. */
function entry(item: ChoiceItem, index: number, state?: string): string[] {
  const [first = '', ...rest] = item.label.split('\n');
  return [`${index + 1}. ${first}${state ? `: ${state}` : ''}`, ...rest.map((more) => `   ${more.trim()}`)];
}

export function choiceLines(
  items: readonly ChoiceItem[],
  indexes = items.map((_, index) => index),
): string[] {
  const shown = indexes.slice(0, printedAtMost);
  const more = indexes.length - shown.length;
  return [
    ...shown.flatMap((index) => entry(items[index] as ChoiceItem, index)),
    ...(more > 0 ? [`… and ${more.toLocaleString('en')} more: type part of a name to find one.`] : []),
  ];
}

/** The entries that have the text anywhere in them — name, path, UUID (accents and case aside). */
function matching(items: readonly ChoiceItem[], text: string): number[] {
  const wanted = searchKey(text);
  return items.flatMap((item, index) => (searchKey(item.label).includes(wanted) ? [index] : []));
}

const have = (count: number, text: string) => `${count} ${count === 1 ? 'has' : 'have'} "${text}":`;

/**
 * An answer to a numbered choice: Enter alone takes the preferred entry, a number its entry, text the one entry
 * that has it; otherwise what to print before asking again (the entries found, or why none).
 */
export function choiceAnswer(
  items: readonly ChoiceItem[],
  typed: string,
  preferred: number,
): {readonly index?: number; readonly lines: readonly string[]} {
  const text = typed.trim();
  if (text === '') return {index: preferred, lines: []};
  if (/^\d+$/.test(text)) {
    const index = Number(text) - 1;
    return index >= 0 && index < items.length
      ? {index, lines: []}
      : {lines: [`Error: ${text} is not in the list: type a number from 1 to ${items.length}.`]};
  }
  const found = matching(items, text);
  if (found.length === 1) {
    const index = found[0] as number;
    return {index, lines: [`Chosen: ${index + 1}. ${items[index]?.label.split('\n')[0] ?? ''}`]};
  }
  if (found.length === 0) {
    return {
      lines: [
        `Error: nothing in the list has "${text}": type a number from 1 to ${items.length}, or other text.`,
      ],
    };
  }
  return {lines: [have(found.length, text), ...choiceLines(items, found)]};
}

export function checklistLines(
  items: readonly (ChoiceItem & {readonly id: string})[],
  checked: ReadonlySet<string>,
  indexes = items.map((_, index) => index),
): string[] {
  const shown = indexes.slice(0, printedAtMost);
  const more = indexes.length - shown.length;
  return [
    ...shown.flatMap((index) => {
      const item = items[index] as ChoiceItem & {readonly id: string};
      return entry(item, index, checked.has(item.id) ? 'in the plan' : 'left out');
    }),
    ...(more > 0
      ? [
          `… and ${more.toLocaleString('en')} more (${checked.size} checked in all): type part of a name to find one.`,
        ]
      : []),
  ];
}

/**
 * An answer to the plan's checklist: Enter alone is done; numbers and ranges ("2 4-6") check or uncheck those
 * entries, `+` checks all, `-` none; other text finds entries. What changed is printed, then the count.
 */
export function checklistAnswer(
  items: readonly (ChoiceItem & {readonly id: string})[],
  checked: ReadonlySet<string>,
  typed: string,
): {readonly done: boolean; readonly checked: ReadonlySet<string>; readonly lines: readonly string[]} {
  const text = typed.trim();
  if (text === '') return {done: true, checked, lines: []};
  const count = (set: ReadonlySet<string>) => `${set.size} of ${items.length} in the plan.`;
  if (text === '+' || text === '-') {
    const next = new Set(text === '+' ? items.map((item) => item.id) : []);
    return {done: false, checked: next, lines: [count(next)]};
  }
  const words = text.split(/[\s,]+/);
  const indexes: number[] = [];
  for (const word of words) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(word);
    if (!range) {
      const found = matching(items, text);
      return {
        done: false,
        checked,
        lines:
          found.length === 0
            ? [`Error: nothing in the list has "${text}".`]
            : [have(found.length, text), ...checklistLines(items, checked, found.slice(0, printedAtMost))],
      };
    }
    const from = Number(range[1]);
    const to = Number(range[2] ?? range[1]);
    if (from > to) {
      return {
        done: false,
        checked,
        lines: [`Error: ${word}: a range goes from the lower number to the higher (${to}-${from}).`],
      };
    }
    if (from < 1 || to > items.length) {
      return {
        done: false,
        checked,
        lines: [`Error: ${word} is not in the list: numbers go from 1 to ${items.length}.`],
      };
    }
    for (let number = from; number <= to; number++) indexes.push(number - 1);
  }
  const next = new Set(checked);
  for (const index of indexes) {
    const id = items[index]?.id as string;
    if (next.has(id)) next.delete(id);
    else next.add(id);
  }
  return {done: false, checked: next, lines: [...checklistLines(items, next, indexes), count(next)]};
}
