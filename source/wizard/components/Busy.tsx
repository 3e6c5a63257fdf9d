import {Text} from 'ink';
import Spinner from 'ink-spinner';
import type {ReactNode} from 'react';
import {theme} from '../theme.js';

/** What is under way, with a spinner (the line mode, lines/, prints the words alone, once). */
export function Busy({children}: {readonly children: ReactNode}) {
  return (
    <Text>
      <Text color={theme.accent}>
        <Spinner type="dots" />
      </Text>{' '}
      {children}
    </Text>
  );
}
