import {Text} from 'ink';
import SelectInput from 'ink-select-input';
import {theme} from '../theme.js';

export interface ChoiceProps<V> {
  readonly items: ReadonlyArray<{readonly label: string; readonly value: V}>;
  readonly onSelect: (value: V) => void;
  /** Rows shown at once; the list scrolls. */
  readonly limit?: number;
  /** @default true */
  readonly isActive?: boolean;
}

/** A list to choose from with ↑/↓ and Enter; labels may span lines (the first is the name). */
export function Choice<V>({items, onSelect, limit, isActive = true}: ChoiceProps<V>) {
  return (
    <SelectInput
      items={items.map((item, index) => ({key: String(index), label: item.label, value: item.value}))}
      limit={limit}
      isFocused={isActive}
      indicatorComponent={({isSelected}) => <Text color={theme.accent}>{isSelected ? '❯ ' : '  '}</Text>}
      itemComponent={({isSelected, label}) => {
        const [first, ...rest] = label.split('\n');
        return (
          <Text>
            <Text bold={isSelected} color={isSelected ? theme.accent : undefined}>
              {first}
            </Text>
            {rest.length > 0 ? <Text color={theme.muted}>{`\n${rest.join('\n')}`}</Text> : null}
          </Text>
        );
      }}
      onSelect={(item) => onSelect(item.value)}
    />
  );
}
