import {useRef} from 'react';
import {OperationRunner} from './operation-runner.js';

/** The wizard's requests (operation-runner.ts), one runner for the life of the full-screen wizard. */
export function useOperation(): OperationRunner {
  const runner = useRef<OperationRunner>(undefined);
  runner.current ??= new OperationRunner();
  return runner.current;
}
