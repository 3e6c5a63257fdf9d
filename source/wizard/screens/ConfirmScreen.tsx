import {Box, Text} from 'ink';
import {
  confirmsName,
  hasHiddenCharacters,
  type Pricing,
  printable,
  switchFacts,
  switchFactsShort,
  switchRequest,
} from '../../procedure/index.js';
import {Flagged} from '../components/Flagged.js';
import {StepFrame} from '../components/StepFrame.js';
import {TextField} from '../components/TextField.js';
import {everywhereHints, hint} from '../keys.js';
import {useLayout} from '../layout.js';
import type {TenantRow} from '../state.js';

export interface ConfirmScreenProps {
  readonly row: TenantRow;
  readonly pricing: Pricing;
  readonly account: string;
  readonly now: number;
  /** Why the last confirmation sent nothing. */
  readonly error?: string;
  /** How many tenants of the list it was chosen from share its name. */
  readonly namesakes?: number;
  readonly onConfirm: () => void;
  readonly isActive?: boolean;
}

/** Step 4: the seed's warnings applied to today, the exact request, and the tenant's name typed to confirm. */
export function ConfirmScreen({
  row,
  pricing,
  account,
  now,
  error,
  namesakes = 0,
  onConfirm,
  isActive,
}: ConfirmScreenProps) {
  const {compact, rows} = useLayout();
  // On a short terminal the request gives way to what must be seen: the warnings, the name and the field then fit
  // 40×12, a wrong name's message included. From 20 rows, and on every terminal that is not compact, it is shown.
  const showRequest = !compact || rows >= 20;
  const name = printable(row.tenant.name);
  const request = switchRequest(row.tenant.id, pricing.version);
  const facts = compact ? switchFactsShort(pricing, now) : switchFacts(pricing, now);
  const [before, after] = request.path.split(row.tenant.id);
  return (
    <StepFrame
      step={4}
      title="Confirm the switch"
      account={account}
      error={error}
      hints={[hint('enter', 'switch'), hint('back', 'cancel'), ...everywhereHints]}
    >
      <Text>
        Switch <Text bold>{name}</Text>
        {row.path.length > 0 && !compact ? ` (${row.path.map(printable).join(' / ')})` : ''}
        {compact ? ' to production?' : ' from trial to production?'}
      </Text>
      <Box flexDirection="column">
        {hasHiddenCharacters(row.tenant.name) ? (
          <Flagged symbol="⚠" tone="warning">
            This name contains invisible or direction-changing characters, shown here as \u escapes: check the
            UUID {row.tenant.id}.
          </Flagged>
        ) : null}
        {namesakes > 1 ? (
          <Flagged symbol="⚠" tone="warning">
            {namesakes} tenants are named {name}: this is the one in{' '}
            {row.path.map(printable).join(' / ') || 'your tenant'}, {row.tenant.id}.
          </Flagged>
        ) : null}
        {facts.map((fact) => (
          <Flagged key={fact} symbol="⚠" tone="warning">
            {fact}
          </Flagged>
        ))}
      </Box>
      {!showRequest ? null : compact ? (
        // The request, with the UUID whole on a line of its own (36 columns): never broken where it wraps.
        <Box flexDirection="column">
          <Text>
            {request.method} {before}
          </Text>
          <Text>{row.tenant.id}</Text>
          <Text>{after}</Text>
          {/* One field a line: at 40 columns the body would otherwise wrap inside a key or a value. */}
          <Text>{`{"version":${request.body.version},`}</Text>
          <Text>{` "mode":"${request.body.mode}"}`}</Text>
        </Box>
      ) : (
        <Box marginTop={1}>
          <Text>Request: </Text>
          <Box flexDirection="column" flexShrink={1}>
            <Text>
              {request.method} {request.path}
            </Text>
            <Text>{JSON.stringify(request.body)}</Text>
          </Box>
        </Box>
      )}
      <Box flexDirection="column" marginTop={compact ? 0 : 1}>
        {compact ? (
          <Text>
            Type <Text bold>{name}</Text> to confirm:
          </Text>
        ) : (
          <Text>
            Type the tenant's name, <Text bold>{name}</Text>, to confirm. Nothing is sent before that.
          </Text>
        )}
        <TextField
          label="Name:"
          isActive={isActive}
          validate={(value) =>
            confirmsName(value, row.tenant.name)
              ? undefined
              : compact
                ? 'Not the name: capitals count, accents may be left out.'
                : `That is not the name: you typed "${printable(value)}". Type ${name} (capitals count; accents may be left out).`
          }
          onSubmit={onConfirm}
        />
      </Box>
    </StepFrame>
  );
}
