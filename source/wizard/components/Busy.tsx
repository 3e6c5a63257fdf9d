import {Text, useIsScreenReaderEnabled} from 'ink';
import Spinner from 'ink-spinner';
import type {ReactNode} from 'react';
import {theme} from '../theme.js';

/** What is under way, with a spinner; for a screen reader, the words alone ("Working: …"), nothing animated. */
export function Busy({children}: {readonly children: ReactNode}) {
  if (useIsScreenReaderEnabled()) return <Text>Working: {children}</Text>;
  return (
    <Text>
      <Text color={theme.accent}>
        <Spinner type="dots" />
      </Text>{' '}
      {children}
    </Text>
  );
}
