import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import type {Hint} from '../keys.js';
import {theme} from '../theme.js';

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
}

/** Every step's screen: "Step N of 5 · Title", the account line, the body, an error, and one line of key hints. */
export function StepFrame({step, title, account, error, hints, children}: StepFrameProps) {
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold color={theme.accent}>
          Step {step} of 5 · {title}
        </Text>
      </Text>
      {account ? <Text color={theme.muted}>{account}</Text> : null}
      <Box flexDirection="column" marginTop={1}>
        {children}
      </Box>
      {error ? (
        <Box marginTop={1}>
          <Text color={theme.error}>✘ {error}</Text>
        </Box>
      ) : null}
      <Box marginTop={1}>
        <Text color={theme.muted}>
          {hints.map(([key, action], index) => (
            <Text key={key}>
              {index > 0 ? ' · ' : ''}
              <Text bold>{key}</Text> {action}
            </Text>
          ))}
        </Text>
      </Box>
    </Box>
  );
}
