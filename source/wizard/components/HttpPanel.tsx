import {Box, Text} from 'ink';
import type {Exchange} from '../../procedure/index.js';
import {callLines, explanationLines, type PanelView, startOf} from '../call-lines.js';
import {useLayout} from '../layout.js';
import {theme} from '../theme.js';

export interface HttpPanelProps {
  /** The exchanges this step made, oldest first (already redacted by the client). */
  readonly exchanges: readonly Exchange[];
  readonly view: PanelView;
  /** How many lines of calls fit (below the explanation, if any). */
  readonly height: number;
  /** How wide a line is: longer ones are broken, never cut. */
  readonly width: number;
  /** Step 2's plan screen: its reads have no counterpart in the vendor's guide. */
  readonly planning?: boolean;
  /** A lesson's explanation of the step, above the calls (its lines are taken from the calls' height). */
  readonly intro?: readonly string[];
}

/**
 * The HTTP calls a step made, as a lesson (call-lines.ts): a window of their lines that ↑↓ PgUp PgDn Home End
 * scroll, n and p move between calls, Enter opens or closes one. Whole bodies, never cut with "…".
 */
export function HttpPanel({exchanges, view, height, width, planning = false, intro}: HttpPanelProps) {
  const {compact} = useLayout();
  // The height given is the calls' (the wizard takes the explanation's lines from it: callsHeight).
  const above = explanationLines({intro, planning, compact}, width);
  const callsHeight = height;
  const lines = callLines(exchanges, view, width);
  const start = startOf(view, lines, callsHeight);
  const shown = lines.slice(start, start + callsHeight);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.muted} paddingX={1}>
      <Text bold>
        {exchanges.length === 0
          ? 'No HTTP call yet.'
          : compact
            ? `${exchanges.length} calls · ${start + 1}–${start + shown.length}/${lines.length}`
            : `HTTP calls of this step: ${exchanges.length} · lines ${start + 1}–${start + shown.length} of ${lines.length}`}
      </Text>
      {/* Above the calls, always in view: the lesson's explanation, or what the plan's reads are. */}
      {above.map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the explanation's lines, redrawn whole
        <Text key={`above-${index}`}>{line}</Text>
      ))}
      {shown.map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a window of lines, redrawn whole
        <Text key={index} bold={line.tone === 'heading' || line.tone === 'label'} wrap="truncate-end">
          {line.text}
        </Text>
      ))}
    </Box>
  );
}
