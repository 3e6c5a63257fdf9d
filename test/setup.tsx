import {Text} from 'ink';
import {vi} from 'vitest';

// The spinner animates on a timer: frames would never be stable for snapshots. Every test sees a still one.
vi.mock('ink-spinner', () => ({default: () => <Text>…</Text>}));
