import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {KeysPaused} from '../key-router.js';
import {everywhereHints, type Hint, hint} from '../keys.js';
import {smallest, tooSmall, useAccountMark, useLayout, useSandboxMark} from '../layout.js';
import {stepCount} from '../state.js';
import {theme} from '../theme.js';
import {Flagged} from './Flagged.js';

export interface StepFrameProps {
  /** 1 to 5. */
  readonly step: number;
  readonly title: string;
  /** Who is signed in where, once known. */
  readonly account?: string;
  /** An error to show above the hints, in red. */
  readonly error?: string;
  /** The key hints, e.g. [['Enter', 'search'], ['Esc', 'back']]. */
  readonly hints: readonly Hint[];
  readonly children: ReactNode;
  /** The smallest terminal the step is drawn in whole (default: 40×12). */
  readonly needs?: {readonly columns: number; readonly rows: number};
  /** Drawn without decoration even on a large terminal, when the step's own content needs the room. */
  readonly compact?: boolean;
}

/**
 * Every step's screen: "Step N of 5 · Title" (state.ts numbers the steps), the account line, the body, an error, and one line of key hints. On
 * a short or narrow terminal decoration goes first (blank lines, the account line, the wizard-wide hints); below
 * the size the step needs, it says so instead.
 */
export function StepFrame({
  step,
  title,
  account,
  error,
  hints,
  children,
  needs = smallest.step,
  compact,
}: StepFrameProps) {
  const measured = useLayout();
  const layout = {...measured, compact: compact ?? measured.compact};
  const sandbox = useSandboxMark();
  const accountName = useAccountMark();
  const gap = layout.compact ? 0 : 1;
  const heading = (
    <Text>
      {/* Bold in the terminal's own colour: cyan title text read 1.9:1 on a white background. */}
      <Text bold>
        {step === 0
          ? ''
          : layout.compact
            ? `Step ${step}/${stepCount} · `
            : `Step ${step} of ${stepCount} · `}
        {title}
      </Text>
      {sandbox ? <Text bold> · SANDBOX</Text> : null}
      {accountName && !layout.compact ? <Text> · {accountName}</Text> : null}
    </Text>
  );
  // Too small: it says so instead of drawing a step whose warning or prompt would scroll away. The step stays in
  // place, hidden and deaf to keys, so that what was typed is there again once the terminal is larger.
  const small = tooSmall(layout, needs);
  const kept = hints.filter(([key]) => key === 'Esc' || key === 'Ctrl+C' || key === 'Tab');
  const shown = small
    ? kept.length > 0
      ? kept
      : [hint('back', 'back'), hint('leave', 'quit')]
    : layout.compact
      ? hints.filter((hint) => !everywhereHints.includes(hint))
      : hints;
  return (
    <Box flexDirection="column">
      {heading}
      {small ? (
        <Text>
          Enlarge the terminal: this step needs {needs.columns}×{needs.rows} (it is {layout.columns}×
          {layout.rows}).
        </Text>
      ) : null}
      {account && !layout.compact && !small ? <Text color={theme.muted}>{account}</Text> : null}
      <KeysPaused paused={small}>
        <Box flexDirection="column" marginTop={gap} display={small ? 'none' : 'flex'}>
          {children}
        </Box>
      </KeysPaused>
      {error && !small ? (
        <Box marginTop={gap}>
          <Flagged symbol="✘" tone="error">
            {error}
          </Flagged>
        </Box>
      ) : null}
      <Box marginTop={small ? 0 : gap}>
        <Hints hints={shown} />
      </Box>
    </Box>
  );
}

/** One line of hints that wraps between hints, never inside one nor after a dangling "·". */
function Hints({hints}: {readonly hints: readonly Hint[]}) {
  return (
    <Box flexWrap="wrap">
      {hints.map(([key, action], index) => (
        <Box key={key} flexShrink={0}>
          <Text>
            {index > 0 ? ' · ' : ''}
            <Text bold>{key}</Text> {action}
          </Text>
        </Box>
      ))}
    </Box>
  );
}
