import type {Exchange} from '../../procedure/index.js';
import {HttpPanel} from '../components/HttpPanel.js';
import {StepFrame} from '../components/StepFrame.js';
import {hint, keyNames} from '../keys.js';

export interface HttpCallsScreenProps {
  readonly step: number;
  readonly account: string;
  readonly exchanges: readonly Exchange[];
  readonly planning?: boolean;
}

/** Tab on any step: that step's HTTP calls and the seed's Python lines, in place of the step's screen. */
export function HttpCallsScreen({step, account, exchanges, planning}: HttpCallsScreenProps) {
  return (
    <StepFrame
      step={step}
      title="HTTP calls of this step"
      account={account}
      hints={[[`${keyNames.back}/${keyNames.panel}`, 'back to the step'], hint('leave', 'quit')]}
    >
      <HttpPanel step={step} exchanges={exchanges} planning={planning} />
    </StepFrame>
  );
}
