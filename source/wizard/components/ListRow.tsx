import {Box, Text} from 'ink';
import {theme} from '../theme.js';

/**
 * One row of a list (Choice, Checklist): the selection indicator and any marker (`[x] `) in a column that never
 * shrinks, then the label, whose first line is its name and whose further lines stay under it.
 */
export function ListRow({
  label,
  isSelected,
  marker = '',
  showDetails,
}: {
  readonly label: string;
  readonly isSelected: boolean;
  readonly marker?: string;
  readonly showDetails: boolean;
}) {
  const [name, ...rest] = label.split('\n');
  return (
    <>
      <Box flexShrink={0}>
        <Text color={theme.accent}>{isSelected ? '❯ ' : '  '}</Text>
        {marker ? <Text>{marker}</Text> : null}
      </Box>
      <Text>
        {/* The selection is said by ❯ and bold; colour only adds to the marker. */}
        <Text bold={isSelected}>{name}</Text>
        {rest.length > 0 && showDetails ? <Text color={theme.muted}>{`\n${rest.join('\n')}`}</Text> : null}
      </Text>
    </>
  );
}
