import type {Exchange} from '../../procedure/index.js';
import type {PanelShape, PanelView} from '../call-lines.js';
import {HttpPanel} from '../components/HttpPanel.js';
import {StepFrame} from '../components/StepFrame.js';
import {hint, keyNames} from '../keys.js';
import {useLayout} from '../layout.js';

export interface HttpCallsScreenProps {
  readonly step: number;
  readonly account: string;
  readonly exchanges: readonly Exchange[];
  readonly view: PanelView;
  /** Its explanation (a lesson's, or the plan's note), the window's height and the lines' width. */
  readonly shape: PanelShape;
  /** A key was typed that the panel does not take: say where typing goes. */
  readonly note?: boolean;
}

/** Tab on any step: that step's HTTP calls and the seed's Python lines, in place of the step's screen. */
export function HttpCallsScreen({step, account, exchanges, view, shape, note}: HttpCallsScreenProps) {
  // A small terminal (40×12 up): the same keys, said shorter, so that the calls keep their rows.
  const {compact} = useLayout();
  return (
    <StepFrame
      step={step}
      title={compact ? 'HTTP calls' : 'HTTP calls of this step'}
      account={account}
      hints={
        compact
          ? [
              ['↑↓ PgUp PgDn', 'scroll'],
              ['n/p', 'call'],
              [keyNames.back, 'back'],
            ]
          : [
              ['↑↓ PgUp PgDn Home End', 'scroll'],
              ['n/p', 'next/previous call'],
              ['Enter', 'open/close it'],
              [`${keyNames.back}/${keyNames.panel}`, 'back to the step'],
              hint('leave', 'quit'),
            ]
      }
    >
      <HttpPanel exchanges={exchanges} view={view} shape={shape} note={note} />
    </StepFrame>
  );
}
