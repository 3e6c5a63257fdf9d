import {Box, Text} from 'ink';
import {type Exchange, printable} from '../../procedure/index.js';
import {useLayout} from '../layout.js';
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
  // A small terminal (40×12 up): the last call only, each on one line, and the Python lines left out, so that the
  // step's title stays on screen.
  const {compact} = useLayout();
  const shown = exchanges.slice(compact ? -1 : -shownExchanges);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.muted} paddingX={1}>
      <Text bold>
        HTTP calls of this step{exchanges.length > shown.length ? ` (last ${shown.length})` : ''}
      </Text>
      {shown.length === 0 ? <Text color={theme.muted}>None yet.</Text> : null}
      {shown.map((exchange, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: exchanges are only ever appended
        <Box key={index} flexDirection="column">
          {compact ? (
            // The answer first, whole; the path after it, cut at the edge.
            <>
              <Text>
                <Text bold>{exchange.method}</Text> <Answer exchange={exchange} />
              </Text>
              <Text wrap="truncate-end">{printable(new URL(exchange.url).pathname)}</Text>
            </>
          ) : (
            <Text>
              <Text bold>{exchange.method}</Text> {printable(exchange.url)} <Answer exchange={exchange} />
            </Text>
          )}
          {exchange.requestBody ? <Body label="sent" text={exchange.requestBody} /> : null}
          {exchange.responseBody ? <Body label="received" text={exchange.responseBody} /> : null}
          {exchange.error ? (
            <Text>
              {' '}
              <Text color={theme.error}>✘</Text> {printable(exchange.error)}
            </Text>
          ) : null}
        </Box>
      ))}
      {compact ? (
        <Text color={theme.muted}>The vendor's Python lines: on a terminal of 60×20 or more.</Text>
      ) : planning ? (
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

/** "→ 200 14 ms": the status (or that none came) and how long it took. */
function Answer({exchange}: {readonly exchange: Exchange}) {
  return (
    <>
      {/* The status is read in the terminal's own colour (green read 2.1:1 on white, red 3.6:1 on black). */}
      <Text>→ {exchange.status ?? 'no answer'}</Text>{' '}
      <Text color={theme.muted}>{exchange.durationMs} ms</Text>
    </>
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
