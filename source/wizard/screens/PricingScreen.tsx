import {Box, Text} from 'ink';
import {type Pricing, printable, readPricing, whyNotSwitchable} from '../../procedure/index.js';
import {Flagged} from '../components/Flagged.js';
import {JsonView} from '../components/JsonView.js';
import {StepFrame} from '../components/StepFrame.js';
import {everywhereHints, hint} from '../keys.js';
import {useLayout} from '../layout.js';
import type {TenantRow} from '../state.js';

export interface PricingScreenProps {
  readonly row: TenantRow;
  readonly pricing: Pricing;
  readonly account: string;
  readonly now: number;
  /** On a compact terminal the JSON is one line until `j` shows it whole. */
  readonly jsonShown?: boolean;
}

/** Step 3: the pricing JSON as the platform returned it, and what it means; a switch only for a trial. */
export function PricingScreen({row, pricing, account, now, jsonShown = false}: PricingScreenProps) {
  const {compact} = useLayout();
  const reason = whyNotSwitchable(row.tenant, pricing);
  const hints = [
    ...(reason
      ? [hint('back', 'back'), hint('quit', 'quit')]
      : [hint('enter', compact ? 'continue' : 'continue to the switch'), hint('back', 'back')]),
    ...(compact ? [hint('json', jsonShown ? 'hide the JSON' : 'show the JSON')] : []),
    ...everywhereHints,
  ];
  const where = row.path.length > 0 ? `in ${row.path.map(printable).join(' / ')}` : '';
  return (
    <StepFrame step={3} title="Current pricing" account={account} hints={hints}>
      {compact && jsonShown ? (
        // `j` on a small terminal: the JSON whole in place of where it sits and what it means, so that the title
        // stays on screen.
        <Text bold>{printable(row.tenant.name)}</Text>
      ) : compact ? (
        // Narrow: the UUID whole on a line of its own.
        <Box flexDirection="column">
          <Text bold>{printable(row.tenant.name)}</Text>
          {where ? <Text>{where}</Text> : null}
          <Text>{row.tenant.id}</Text>
        </Box>
      ) : (
        <Text>
          <Text bold>{printable(row.tenant.name)}</Text>
          <Text>
            {'  '}
            {where ? `${where} · ` : ''}
            {row.tenant.id}
          </Text>
        </Text>
      )}
      {compact && !jsonShown ? (
        <Text>
          JSON: mode {printable(String(pricing.mode))} · version {pricing.version}
        </Text>
      ) : (
        <Box flexDirection="column" marginTop={compact ? 0 : 1} marginLeft={compact ? 0 : 2}>
          {compact ? null : <Text>GET /tenants/{row.tenant.id}/pricing</Text>}
          <JsonView value={pricing} />
        </Box>
      )}
      {compact && jsonShown ? null : (
        <Box marginTop={compact ? 0 : 1}>
          <Flagged
            bold
            symbol={pricing.mode === 'trial' ? '⚠' : '✔'}
            tone={pricing.mode === 'trial' ? 'warning' : 'success'}
          >
            {readPricing(pricing, now)}
          </Flagged>
        </Box>
      )}
      {reason ? (
        <Flagged symbol="⚠" tone="warning">
          {reason} No switch is offered.
        </Flagged>
      ) : compact ? null : (
        <Text>Press Enter to see what switching to production means, before anything is sent.</Text>
      )}
    </StepFrame>
  );
}
