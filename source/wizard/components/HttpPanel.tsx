import {Box, Text} from 'ink';
import type {Exchange} from '../../procedure/index.js';
import {type PanelShape, type PanelView, panelLines, startOf} from '../call-lines.js';
import {useLayout} from '../layout.js';
import {theme} from '../theme.js';

export interface HttpPanelProps {
  /** The exchanges this step made, oldest first (already redacted by the client). */
  readonly exchanges: readonly Exchange[];
  readonly view: PanelView;
  /** Its explanation (in view, or scrolling with the calls), the window's height and the lines' width. */
  readonly shape: PanelShape;
  /** A key was typed that the panel does not take: its heading says where typing goes (its height unchanged). */
  readonly note?: boolean;
}

/**
 * The HTTP calls a step made, as a lesson (call-lines.ts): a window of their lines that ↑↓ PgUp PgDn Home End
 * scroll, n and p move between calls, Enter opens or closes one. Whole bodies, never cut with "…".
 */
export function HttpPanel({exchanges, view, shape, note = false}: HttpPanelProps) {
  const {compact} = useLayout();
  const lines = panelLines(exchanges, view, shape);
  const start = startOf(view, lines, shape.height);
  const shown = lines.slice(start, start + shape.height);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.muted} paddingX={1}>
      <Text bold wrap="truncate-end">
        {note
          ? compact
            ? 'Typed keys go nowhere here: Esc'
            : 'Keys typed here go nowhere: Esc or Tab shows the step, to type there.'
          : exchanges.length === 0
            ? 'No HTTP call yet.'
            : compact
              ? `${exchanges.length === 1 ? '1 call' : `${exchanges.length} calls`} · ${start + 1}–${start + shown.length}/${lines.length}`
              : `HTTP calls of this step: ${exchanges.length} · lines ${start + 1}–${start + shown.length} of ${lines.length}`}
      </Text>
      {/* Above the calls, in view: the lesson's explanation, or what the plan's reads are. */}
      {shape.pinned.map((line, index) => (
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
