import {Box, Text} from 'ink';
import {useRef, useState} from 'react';
import {printable, searchKey} from '../../procedure/index.js';
import {useKeys} from '../key-router.js';
import {ListRow} from './ListRow.js';
import {listWindow, pageOf} from './list-window.js';

export interface ChoiceProps<V> {
  readonly items: ReadonlyArray<{readonly label: string; readonly value: V}>;
  readonly onSelect: (value: V) => void;
  /** Rows shown at once; the list scrolls to keep the selection in view. */
  readonly limit?: number;
  /** @default true */
  readonly isActive?: boolean;
  /** A label's further lines only for the selected row: on narrow terminals, more rows fit. */
  readonly detailsOnlyWhenSelected?: boolean;
  /** The row selected at first (the one chosen last, or the data center used last). */
  readonly initialIndex?: number;
  /** Typed letters filter the rows by their first line (accents and case aside), and a line says where one is. */
  readonly filterable?: boolean;
}

/** What each key does to the selected index of `count` items, `page` rows at a time. It stops at the ends. */
const moves: Record<string, (index: number, count: number, page: number) => number> = {
  '\u001b[A': (index) => Math.max(0, index - 1),
  '\u001bOA': (index) => Math.max(0, index - 1),
  '\u001b[B': (index, count) => Math.min(count - 1, index + 1),
  '\u001bOB': (index, count) => Math.min(count - 1, index + 1),
  '\u001b[5~': (index, _count, page) => Math.max(0, index - page),
  '\u001b[6~': (index, count, page) => Math.min(count - 1, index + page),
  '\u001b[H': () => 0,
  '\u001b[1~': () => 0,
  '\u001bOH': () => 0,
  '\u001b[F': (_index, count) => count - 1,
  '\u001b[4~': (_index, count) => count - 1,
  '\u001bOF': (_index, count) => count - 1,
};

/**
 * A list to choose from with ↑/↓, PgUp/PgDn, Home/End and Enter; labels may span lines (the first is the name).
 * The selection and the filter live in refs as well as in state, so that a burst of keys faster than a render
 * all count, and Enter chooses the row they led to.
 */
export function Choice<V>({
  items,
  onSelect,
  limit = items.length,
  isActive = true,
  detailsOnlyWhenSelected = false,
  initialIndex = 0,
  filterable = false,
}: ChoiceProps<V>) {
  const first = Math.min(Math.max(0, initialIndex), Math.max(0, items.length - 1));
  const state = useRef({index: first, filter: ''});
  const [shown, setShown] = useState(state.current);
  const rowsFor = (filter: string) => {
    if (filter === '') return items;
    const wanted = searchKey(filter);
    return items.filter((item) => searchKey(item.label.split('\n')[0] ?? '').includes(wanted));
  };
  useKeys((raw) => {
    let {index, filter} = state.current;
    const rows = rowsFor(filter);
    if (raw === '\r' || raw === '\n') {
      const item = rows[index];
      if (item) onSelect(item.value);
      return;
    }
    const page = pageOf(limit, rows.length);
    const move = moves[raw];
    if (move && rows.length > 0) index = move(index, rows.length, page);
    else if (filterable && (raw === '\u007f' || raw === '\b')) filter = filter.slice(0, -1);
    else if (filterable && raw === '\u0015') filter = '';
    else if (filterable && isText(raw)) filter += raw;
    else return;
    if (filter !== state.current.filter) index = 0;
    state.current = {index, filter};
    setShown(state.current);
  }, isActive);

  const rows = rowsFor(shown.filter);
  const index = Math.min(shown.index, Math.max(0, rows.length - 1));
  const page = pageOf(limit, rows.length);
  const {start, visible} = listWindow(rows, index, limit);
  return (
    <Box flexDirection="column">
      {visible.map((item, offset) => {
        const isSelected = start + offset === index;
        return (
          // Two columns: the indicator, and the label, whose further lines stay under its first. Labels are unique
          // (a tenant's holds its UUID).
          <Box key={item.label}>
            <ListRow
              label={item.label}
              isSelected={isSelected}
              showDetails={isSelected || !detailsOnlyWhenSelected}
            />
          </Box>
        );
      })}
      {filterable && (items.length > page || shown.filter !== '') ? (
        <Text>
          {rows.length === 0
            ? 'None'
            : `${(index + 1).toLocaleString('en')} of ${rows.length.toLocaleString('en')}`}
          {shown.filter === ''
            ? ' · type to filter'
            : ` matching "${printable(shown.filter)}" (of ${items.length.toLocaleString('en')}) · Backspace, Ctrl+U`}
        </Text>
      ) : null}
    </Box>
  );
}

/** Typed or pasted text: no escape sequence, no control character. */
function isText(raw: string): boolean {
  return [...raw].every((character) => character >= ' ' && character !== '\u007f');
}
