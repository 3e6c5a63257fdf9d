import {Box, render, Text, useStdout} from 'ink';
import {useEffect, useState} from 'react';
import {type ApplyProgress, durationText, printable} from '../procedure/index.js';
import {theme} from './theme.js';

/** The apply's progress on a terminal: where it is, what became of the tenants so far, what is in flight. */
export function ApplyProgressView({
  progress,
  title,
  ending,
}: {
  readonly progress: ApplyProgress;
  readonly title: string;
  /** Said instead of the rate once the run has stopped before its end ("Interrupted."). */
  readonly ending?: string;
}) {
  const {total, done, inFlight, perSecond, etaMs, pausedMs} = progress;
  // The stream Ink draws on (stderr for apply): its width, not the process's stdout's.
  const {stdout} = useStdout();
  const width = Math.max(10, Math.min(40, (stdout.columns || 80) - 30));
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
  return (
    <Box flexDirection="column">
      <Text bold>{printable(title)}</Text>
      <Text>
        <Text color={theme.accent}>{'█'.repeat(filled)}</Text>
        {'░'.repeat(width - filled)} {done.toLocaleString('en')} of {total.toLocaleString('en')} ({percent} %)
      </Text>
      <Box flexWrap="wrap" columnGap={2}>
        <Text>
          <Text color={theme.success}>✔</Text> {progress.switched} switched
        </Text>
        <Text>{progress.nothingToDo} nothing to do</Text>
        <Text>
          <Text color={theme.error}>✘</Text> {progress.refused} refused
        </Text>
        <Text>{progress.failed} failed</Text>
        <Text>
          <Text color={theme.warning}>?</Text> {progress.unknown} unknown
        </Text>
      </Box>
      <Text>
        {ending ??
          (perSecond === undefined
            ? 'Starting…'
            : `${perSecond.toFixed(1)} tenants a second${etaMs !== undefined && done < total ? ` · about ${durationText(etaMs)} left` : ''}`)}
      </Text>
      {pausedMs !== undefined ? (
        <Text>
          <Text color={theme.warning}>⏳</Text> The platform asked to slow down (429): every request waits{' '}
          {durationText(pausedMs)}.
        </Text>
      ) : null}
      <Text wrap="truncate-end">
        {inFlight.length === 0 ? ' ' : `In flight: ${inFlight.map((name) => printable(name)).join(', ')}`}
      </Text>
    </Box>
  );
}

/** Holds the latest progress for the view; the command pushes, the view redraws. */
function Live({source, title}: {readonly source: ProgressSource; readonly title: string}) {
  const [progress, setProgress] = useState(source.current);
  useEffect(() => source.subscribe(setProgress), [source]);
  return <ApplyProgressView progress={progress} title={title} />;
}

interface ProgressSource {
  current: ApplyProgress;
  subscribe(listener: (progress: ApplyProgress) => void): () => void;
}

/** Draws the progress on stderr until `close`; `update` may be called as often as wanted (Ink throttles). */
export function showApplyProgress(title: string, first: ApplyProgress) {
  const listeners = new Set<(progress: ApplyProgress) => void>();
  const source: ProgressSource = {
    current: first,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const instance = render(<Live source={source} title={title} />, {
    stdout: process.stderr,
    patchConsole: false,
    exitOnCtrlC: false,
  });
  return {
    update(progress: ApplyProgress) {
      source.current = progress;
      for (const listener of listeners) listener(progress);
    },
    /** Draws `last` (the end of the run) at once, then leaves it on the screen. */
    async close(last: ApplyProgress, ending?: string) {
      instance.rerender(
        <ApplyProgressView progress={{...last, inFlight: []}} title={title} ending={ending} />,
      );
      instance.unmount();
      await instance.waitUntilExit();
    },
  };
}
