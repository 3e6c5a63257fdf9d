import {Box, Text} from 'ink';
import {type Exchange, printable} from '../../procedure/index.js';
import {differences, planningNote, pythonLines} from '../python-lines.js';
import {theme} from '../theme.js';

export interface HttpPanelProps {
  readonly step: number;
  /** The exchanges this step made, oldest first (already redacted by the client). */
  readonly exchanges: readonly Exchange[];
  /** Step 2's plan screen: its reads have no counterpart in the vendor's lines. */
  readonly planning?: boolean;
}

const shownExchanges = 3;

/** The HTTP calls a step made, and the seed's Python lines that do the same. */
export function HttpPanel({step, exchanges, planning = false}: HttpPanelProps) {
  const shown = exchanges.slice(-shownExchanges);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.muted} paddingX={1}>
      <Text bold>
        HTTP calls of this step{exchanges.length > shown.length ? ` (last ${shown.length})` : ''}
      </Text>
      {shown.length === 0 ? <Text color={theme.muted}>None yet.</Text> : null}
      {shown.map((exchange, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: exchanges are only ever appended
        <Box key={index} flexDirection="column">
          <Text>
            <Text bold>{exchange.method}</Text> {printable(exchange.url)}{' '}
            <Text color={exchange.status && exchange.status < 400 ? theme.success : theme.error}>
              → {exchange.status ?? 'no answer'}
            </Text>{' '}
            <Text color={theme.muted}>{exchange.durationMs} ms</Text>
          </Text>
          {exchange.requestBody ? <Body label="sent" text={exchange.requestBody} /> : null}
          {exchange.responseBody ? <Body label="received" text={exchange.responseBody} /> : null}
          {exchange.error ? <Text color={theme.error}> {printable(exchange.error)}</Text> : null}
        </Box>
      ))}
      {planning ? (
        <Text>{planningNote}</Text>
      ) : (
        <>
          <Text bold>
            {differences[step]
              ? "The vendor's Python procedure, for comparison"
              : "The same in the vendor's Python procedure"}
          </Text>
          {(pythonLines[step] ?? []).map((line) => (
            <Text key={line} color={theme.muted}>
              {line}
            </Text>
          ))}
          {differences[step] ? <Text>{differences[step]}</Text> : null}
        </>
      )}
    </Box>
  );
}

/** A body on one line, cut at the edge: the panel must fit a 24-row terminal. */
function Body({label, text}: {readonly label: string; readonly text: string}) {
  return (
    <Text color={theme.muted} wrap="truncate-end">
      {`  ${label}: ${printable(text.replace(/\s*\n\s*/g, ' '))}`}
    </Text>
  );
}
