import {Box, Text} from 'ink';
import {type Pricing, printable, readPricing, whyNotSwitchable} from '../../procedure/index.js';
import {Flagged} from '../components/Flagged.js';
import {JsonView} from '../components/JsonView.js';
import {StepFrame} from '../components/StepFrame.js';
import {everywhereHints, hint} from '../keys.js';
import type {TenantRow} from '../state.js';
import {theme} from '../theme.js';

export interface PricingScreenProps {
  readonly row: TenantRow;
  readonly pricing: Pricing;
  readonly account: string;
  readonly now: number;
}

/** Step 3: the pricing JSON as the platform returned it, and what it means; a switch only for a trial. */
export function PricingScreen({row, pricing, account, now}: PricingScreenProps) {
  const reason = whyNotSwitchable(row.tenant, pricing);
  const hints = [
    ...(reason
      ? [hint('back', 'back'), hint('quit', 'quit')]
      : [hint('enter', 'continue to the switch'), hint('back', 'back')]),
    ...everywhereHints,
  ];
  return (
    <StepFrame step={3} title="Current pricing" account={account} hints={hints}>
      <Text>
        <Text bold>{printable(row.tenant.name)}</Text>
        <Text color={theme.muted}>
          {'  '}
          {row.path.length > 0 ? `in ${row.path.map(printable).join(' / ')} · ` : ''}
          {row.tenant.id}
        </Text>
      </Text>
      <Box flexDirection="column" marginTop={1} marginLeft={2}>
        <Text color={theme.muted}>GET /tenants/{row.tenant.id}/pricing</Text>
        <JsonView value={pricing} />
      </Box>
      <Box marginTop={1}>
        <Flagged
          bold
          symbol={pricing.mode === 'trial' ? '⚠' : '✔'}
          tone={pricing.mode === 'trial' ? 'warning' : 'success'}
        >
          {readPricing(pricing, now)}
        </Flagged>
      </Box>
      {reason ? (
        <Flagged symbol="⚠" tone="warning">
          {reason} No switch is offered.
        </Flagged>
      ) : (
        <Text>Press Enter to see what switching to production means, before anything is sent.</Text>
      )}
    </StepFrame>
  );
}
