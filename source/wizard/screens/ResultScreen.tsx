import {Box, Text} from 'ink';
import {
  describeOutcome,
  mayConfirmAgain,
  type Pricing,
  type SwitchOutcome,
  type SwitchVerdict,
} from '../../procedure/index.js';
import {Busy} from '../components/Busy.js';
import {Flagged} from '../components/Flagged.js';
import {JsonView} from '../components/JsonView.js';
import {StepFrame} from '../components/StepFrame.js';
import {type Hint, hint} from '../keys.js';
import {useLayout} from '../layout.js';
import type {TenantRow} from '../state.js';
import {theme} from '../theme.js';
import {switchingText} from '../wording.js';

export interface ResultScreenProps {
  readonly row: TenantRow;
  readonly account: string;
  readonly before: Pricing;
  /** Undefined while the switch is under way. */
  readonly outcome?: SwitchOutcome;
  /** The outcome could not be added to the audit log. */
  readonly auditWarning?: string;
}

/** The role of each verdict's headline colour (read from the theme when drawn: NO_COLOR empties it). */
const headlineRole: Record<SwitchVerdict, 'success' | 'error' | 'warning'> = {
  switched: 'success',
  'switched-confirmed-by-reread': 'success',
  'already-production': 'success',
  failed: 'error',
  unknown: 'warning',
};

/** Step 5: the status and the new pricing, or the error explained and the tenant's real mode, read again. */
export function ResultScreen({row, account, before, outcome, auditWarning}: ResultScreenProps) {
  const layout = useLayout();
  const hints: Hint[] = [];
  if (mayConfirmAgain(outcome)) {
    // After a 409 the pricing is new: the operator decides on it; otherwise it is the same request once more.
    const stale = outcome.error.status === 409;
    hints.push(
      hint('again', stale ? 'review the new pricing and decide again' : 'try again (confirm once more)'),
    );
  }
  if (outcome) hints.push(hint('enter', 'another tenant'), hint('quit', 'quit'));
  hints.push(hint('panel', 'HTTP calls'));
  if (!outcome) {
    return (
      <StepFrame step={5} title="Result" account={account} hints={hints}>
        <Busy>{switchingText(row.tenant.name)}</Busy>
      </StepFrame>
    );
  }
  const text = describeOutcome(outcome, row.tenant.name, before);
  const {compact} = layout;
  return (
    <StepFrame step={5} title="Result" account={account} error={auditWarning} hints={hints}>
      <Flagged
        bold
        symbol={text.verdict === 'failed' ? '✘' : text.verdict === 'unknown' ? '?' : '✔'}
        tone={headlineRole[text.verdict]}
      >
        {text.headline}
      </Flagged>
      {text.details.map((line) => (
        <Text key={line}>{line}</Text>
      ))}
      {text.pricingNow && compact ? (
        // Compact: the pricing in one line (the HTTP panel, Tab, has the whole answer).
        <Text>
          Pricing now: mode {text.pricingNow.mode} · version {text.pricingNow.version}
        </Text>
      ) : text.pricingNow ? (
        <Box flexDirection="column" marginTop={1} marginLeft={2}>
          <Text color={theme.muted}>
            {outcome.kind === 'switched' ? 'New pricing, as the platform answered:' : 'Pricing, read again:'}
          </Text>
          <JsonView value={text.pricingNow} />
        </Box>
      ) : null}
    </StepFrame>
  );
}
