import {Box, Text} from 'ink';
import {useRef, useState} from 'react';
import {useKeys} from '../key-router.js';
import {theme} from '../theme.js';

export interface ChoiceProps<V> {
  readonly items: ReadonlyArray<{readonly label: string; readonly value: V}>;
  readonly onSelect: (value: V) => void;
  /** Rows shown at once; the list scrolls to keep the selection in view. */
  readonly limit?: number;
  /** @default true */
  readonly isActive?: boolean;
  /** A label's further lines only for the selected row: on narrow terminals, more rows fit. */
  readonly detailsOnlyWhenSelected?: boolean;
}

/** What each key does to the selected index of `count` items, `page` rows at a time. */
const moves: Record<string, (index: number, count: number, page: number) => number> = {
  '\u001b[A': (index, count) => (index - 1 + count) % count,
  '\u001bOA': (index, count) => (index - 1 + count) % count,
  '\u001b[B': (index, count) => (index + 1) % count,
  '\u001bOB': (index, count) => (index + 1) % count,
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
 * A list to choose from with ↑/↓ (PgUp/PgDn, Home/End) and Enter; labels may span lines (the first is the name).
 * The selection lives in a ref as well as in state, so that a burst of keys faster than a render all count and
 * Enter chooses the row they led to.
 */
export function Choice<V>({
  items,
  onSelect,
  limit = items.length,
  isActive = true,
  detailsOnlyWhenSelected = false,
}: ChoiceProps<V>) {
  const selected = useRef(0);
  const [shown, setShown] = useState(0);
  const page = Math.max(1, Math.min(limit, items.length));
  useKeys((raw) => {
    if (items.length === 0) return;
    if (raw === '\r' || raw === '\n') {
      const item = items[selected.current];
      if (item) onSelect(item.value);
      return;
    }
    const move = moves[raw];
    if (!move) return;
    selected.current = move(selected.current, items.length, page);
    setShown(selected.current);
  }, isActive);

  const index = Math.min(shown, items.length - 1);
  // The window keeps the selection in view, as near its middle as the ends of the list allow.
  const start = Math.min(Math.max(0, index - Math.floor(page / 2)), Math.max(0, items.length - page));
  const visible = items.slice(start, start + page);
  return (
    <Box flexDirection="column">
      {visible.map((item, offset) => {
        const isSelected = start + offset === index;
        const [name, ...rest] = item.label.split('\n');
        return (
          // Two columns: the indicator, and the label, whose further lines stay under its first. A row's place
          // in the whole list is what it is (labels may repeat).
          // biome-ignore lint/suspicious/noArrayIndexKey: the position in the list is the row's identity here
          <Box key={start + offset}>
            <Text color={theme.accent}>{isSelected ? '❯ ' : '  '}</Text>
            <Text>
              <Text bold={isSelected} color={isSelected ? theme.accent : undefined}>
                {name}
              </Text>
              {rest.length > 0 && (isSelected || !detailsOnlyWhenSelected) ? (
                <Text color={theme.muted}>{`\n${rest.join('\n')}`}</Text>
              ) : null}
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}
