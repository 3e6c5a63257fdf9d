import {Box, Text} from 'ink';
import {useRef, useState} from 'react';
import {printable, searchKey} from '../../procedure/index.js';
import {useKeys} from '../key-router.js';
import {keyNames} from '../keys.js';
import {ListRow} from './ListRow.js';
import {listWindow, pageOf} from './list-window.js';

export interface ChecklistItem {
  readonly id: string;
  /** First line: what is filtered on (a name and its path); further lines: details. */
  readonly label: string;
  /** Counted in the line under the list when checked (e.g. "bills a month early"). */
  readonly flagged?: boolean;
}

export interface ChecklistProps {
  readonly items: readonly ChecklistItem[];
  /** Checked at first (default: all). */
  readonly initiallyChecked?: ReadonlySet<string>;
  /** Enter, outside the filter: the ids checked, in the items' order. */
  readonly onDone: (checked: ReadonlySet<string>) => void;
  /** Esc with no filter on: the screen goes back. With a filter, Esc clears it first. */
  /** Esc with no filter on: told what is checked, so that the choice can be offered again. */
  readonly onEscape: (checked: ReadonlySet<string>) => void;
  readonly limit: number;
  readonly isActive?: boolean;
  /** A label's further lines only for the selected row (narrow terminals). */
  readonly detailsOnlyWhenSelected?: boolean;
  /** What the checked flagged items are called in the count line: "9 bill a month early". */
  readonly flaggedText?: (count: number) => string;
  /** Told when typing starts or stops going to the filter: the screen's hints change with it. */
  readonly onFilteringChange?: (filtering: boolean) => void;
  /** Told when a filter comes to be applied or is cleared (the keys then act on the rows shown only). */
  readonly onFilteredChange?: (filtered: boolean) => void;
}

const up = new Set(['\u001b[A', '\u001bOA']);
const down = new Set(['\u001b[B', '\u001bOB']);

interface Shown {
  readonly index: number;
  readonly checked: ReadonlySet<string>;
  readonly filter: string;
  /** `/` was pressed: typed text goes to the filter until Enter. */
  readonly filtering: boolean;
}

/**
 * A list of items to check: ↑↓ PgUp/PgDn Home/End move, Space checks or unchecks, `+` checks all the rows shown,
 * `-` unchecks them, `/` or any letter starts a filter (typed text, Backspace, Ctrl+U; Enter ends it, Esc clears
 * it), Enter is done. As in Choice, the state lives in a ref too, so that keys faster than a render all count.
 */
export function Checklist({
  items,
  initiallyChecked,
  onDone,
  onEscape,
  limit,
  isActive = true,
  detailsOnlyWhenSelected = false,
  flaggedText,
  onFilteringChange,
  onFilteredChange,
}: ChecklistProps) {
  const state = useRef<Shown>({
    index: 0,
    checked: initiallyChecked ?? new Set(items.map((item) => item.id)),
    filter: '',
    filtering: false,
  });
  const [shown, setShown] = useState(state.current);
  const rowsFor = (filter: string) => {
    if (filter === '') return items;
    const wanted = searchKey(filter);
    return items.filter((item) => searchKey(item.label.split('\n')[0] ?? '').includes(wanted));
  };
  /** One key, or one character of a burst (typed fast over SSH, or pasted). */
  const apply = (raw: string, current: Shown): Shown | 'done' | 'escape' | undefined => {
    let {index, checked, filter, filtering} = current;
    const rows = rowsFor(filter);
    const page = pageOf(limit, rows.length);
    if (raw === '\u001b') {
      if (!filtering && filter === '') return 'escape';
      return {index: 0, checked, filter: '', filtering: false};
    }
    if (raw === '\r' || raw === '\n') return filtering ? {index, checked, filter, filtering: false} : 'done';
    if (filtering) {
      if (raw === '\u007f' || raw === '\b') filter = filter.slice(0, -1);
      else if (raw === '\u0015') filter = '';
      else if (isText(raw)) filter += raw;
      else return undefined;
      return {index: 0, checked, filter, filtering};
    }
    if (up.has(raw)) index = Math.max(0, index - 1);
    else if (down.has(raw)) index = Math.min(rows.length - 1, index + 1);
    else if (raw === '\u001b[5~') index = Math.max(0, index - page);
    else if (raw === '\u001b[6~') index = Math.min(rows.length - 1, index + page);
    else if (['\u001b[H', '\u001b[1~', '\u001bOH'].includes(raw)) index = 0;
    else if (['\u001b[F', '\u001b[4~', '\u001bOF'].includes(raw)) index = rows.length - 1;
    else if (raw === ' ') {
      const item = rows[index];
      if (!item) return undefined;
      const next = new Set(checked);
      if (next.has(item.id)) next.delete(item.id);
      else next.add(item.id);
      checked = next;
    } else if (raw === keyNames.all || raw === keyNames.none) {
      const next = new Set(checked);
      for (const item of rows) {
        if (raw === keyNames.all) next.add(item.id);
        else next.delete(item.id);
      }
      checked = next;
    } else if (raw === '/') filtering = true;
    // Any letter (any text but the keys above) starts the filter with it, as in the other lists: a name typed is
    // looked for, and never taken for keys.
    else if (isText(raw)) return {index: 0, checked, filter: raw, filtering: true};
    else return undefined;
    return {index: Math.max(0, index), checked, filter, filtering};
  };
  useKeys((raw) => {
    // A burst of text is taken character by character (`/ret` starts a filter and types "ret"); an escape
    // sequence is one key.
    const keys = raw.startsWith('\u001b') || raw.length === 1 ? [raw] : [...raw];
    const before = state.current;
    let current = before;
    for (const key of keys) {
      const next = apply(key, current);
      if (next === 'done') return onDone(current.checked);
      if (next === 'escape') return onEscape(current.checked);
      if (next) current = next;
    }
    if (current === before) return;
    state.current = current;
    setShown(current);
    if (current.filtering !== before.filtering) onFilteringChange?.(current.filtering);
    if ((current.filter === '') !== (before.filter === '')) onFilteredChange?.(current.filter !== '');
  }, isActive);

  const rows = rowsFor(shown.filter);
  const index = Math.min(shown.index, Math.max(0, rows.length - 1));
  const {start, visible} = listWindow(rows, index, limit);
  const checkedCount = items.filter((item) => shown.checked.has(item.id)).length;
  const flaggedCount = items.filter((item) => item.flagged && shown.checked.has(item.id)).length;
  return (
    <Box flexDirection="column">
      {visible.map((item, offset) => {
        const isSelected = start + offset === index;
        const isChecked = shown.checked.has(item.id);
        return (
          <Box key={item.id}>
            <ListRow
              label={item.label}
              isSelected={isSelected}
              marker={isChecked ? '[x] ' : '[ ] '}
              showDetails={isSelected || !detailsOnlyWhenSelected}
            />
          </Box>
        );
      })}
      <Text wrap="wrap">
        {checkedCount.toLocaleString('en')} of {items.length.toLocaleString('en')} in the plan
        {flaggedText && flaggedCount > 0 ? ` (${flaggedText(flaggedCount)})` : ''}
        {rows.length === 0
          ? ' · none shown'
          : ` · ${(index + 1).toLocaleString('en')} of ${rows.length.toLocaleString('en')}`}
        {shown.filtering
          ? ` · filter: ${printable(shown.filter)}▏`
          : shown.filter
            ? ` matching "${printable(shown.filter)}" (/ changes it)`
            : ''}
      </Text>
    </Box>
  );
}

/** Typed or pasted text: no escape sequence, no control character. */
function isText(raw: string): boolean {
  return raw !== '' && [...raw].every((character) => character >= ' ' && character !== '\u007f');
}
