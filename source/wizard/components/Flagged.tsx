import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {theme} from '../theme.js';

export interface FlaggedProps {
  /** ⚠ ✘ ✔ ⏳: the symbol says what the line is, its colour only adds to it. */
  readonly symbol: string;
  readonly tone: 'warning' | 'error' | 'success' | 'accent';
  /** The line in bold. */
  readonly bold?: boolean;
  readonly children: ReactNode;
}

/**
 * A line that must be read, flagged by a symbol: the text in the terminal's own colour (readable on a light or a
 * dark theme, and without colour), the symbol bold and coloured as an extra cue; wrapped lines hang under the text.
 * (The line mode, lines/, says the symbol as a word: "Warning: …".)
 */
export function Flagged({symbol, tone, bold, children}: FlaggedProps) {
  return (
    <Box>
      <Box flexShrink={0}>
        <Text bold color={theme[tone]}>
          {symbol}{' '}
        </Text>
      </Box>
      <Box flexShrink={1}>
        <Text bold={bold}>{children}</Text>
      </Box>
    </Box>
  );
}
