import type {Exchange} from '../../procedure/index.js';
import type {PanelView} from '../call-lines.js';
import {HttpPanel} from '../components/HttpPanel.js';
import {StepFrame} from '../components/StepFrame.js';
import {hint, keyNames} from '../keys.js';
import {useLayout} from '../layout.js';

export interface HttpCallsScreenProps {
  readonly step: number;
  readonly account: string;
  readonly exchanges: readonly Exchange[];
  readonly view: PanelView;
  readonly height: number;
  readonly width: number;
  readonly planning?: boolean;
  /** A lesson's explanation of the step, above the calls. */
  readonly intro?: readonly string[];
}

/** Tab on any step: that step's HTTP calls and the seed's Python lines, in place of the step's screen. */
export function HttpCallsScreen({
  step,
  account,
  exchanges,
  view,
  height,
  width,
  planning,
  intro,
}: HttpCallsScreenProps) {
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
      <HttpPanel
        exchanges={exchanges}
        view={view}
        height={height}
        width={width}
        planning={planning}
        intro={intro}
      />
    </StepFrame>
  );
}
