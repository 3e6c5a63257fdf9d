import {Box, Text} from 'ink';
import {type Pricing, switchRequest} from '../../procedure/index.js';
import {Flagged} from '../components/Flagged.js';
import {StepFrame} from '../components/StepFrame.js';
import {TextField} from '../components/TextField.js';
import {everywhereHints, hint} from '../keys.js';
import {useAccountMark, useLayout} from '../layout.js';
import type {TenantRow} from '../state.js';
import {type ConfirmForm, confirmWording} from '../wording.js';

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

type Form = ConfirmForm;

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
  const layout = useLayout();
  const accountName = useAccountMark();
  const text = confirmWording(row, pricing, now, namesakes, accountName);
  const via = accountName ? ` (${accountName})` : '';
  const {name, path} = text;
  const request = switchRequest(row.tenant.id, pricing.version);
  const [before, after] = request.path.split(row.tenant.id);
  // The request on one line needs this many columns ("Request: PUT /api/2/tenants/<uuid>/pricing").
  const requestOnOneLine = layout.columns >= `Request: ${request.method} ${request.path}`.length + 1;
  /** The rows the step takes in a form, its error and a wrong name's message included (wrapped at this width). */
  const height = (form: Form) => {
    const width = layout.columns;
    const flagged = (line: string) => linesOf(line, width - 2);
    const full = form === 'full';
    const identity = text.identity(form);
    const requestLines = form === 'bare' ? 0 : full && requestOnOneLine ? 3 : 5 + (full ? 1 : 0);
    return (
      1 + // the title
      (full ? 2 : 0) + // the account line and a blank line
      linesOf(text.question(form), width) +
      identity.reduce((sum, line) => sum + flagged(line), 0) +
      (identity.length > 0 && !full ? 1 : 0) + // the UUID on a line of its own
      text.facts(form).reduce((sum, line) => sum + flagged(line), 0) +
      requestLines +
      (full ? 1 : 0) +
      (form === 'bare' ? 0 : linesOf(text.prompt(form), width)) +
      1 + // the field
      flagged(text.refusal(form, 'x'.repeat(40)) ?? '') +
      (error ? flagged(error) + (full ? 1 : 0) : 0) +
      (full ? 1 : 0) +
      (full
        ? linesOf('Enter switch · Esc cancel · Tab HTTP calls · Ctrl+C quit', width)
        : form === 'compact'
          ? 1
          : 0)
    );
  };
  const form: Form =
    !layout.compact && height('full') <= layout.rows
      ? 'full'
      : height('compact') <= layout.rows
        ? 'compact'
        : 'bare';
  const full = form === 'full';
  return (
    <StepFrame
      step={4}
      title="Confirm the switch"
      account={account}
      error={error}
      compact={!full}
      // The smallest form leaves the hints out when they do not fit (the question says what to type).
      hints={
        form === 'bare' && height('bare') >= layout.rows
          ? []
          : [hint('enter', 'switch'), hint('back', 'cancel'), ...everywhereHints]
      }
    >
      {form === 'bare' && text.byUuid ? (
        <Text>{text.prompt(form)}</Text>
      ) : form === 'bare' ? (
        <Text>
          Type <Text bold>{name}</Text> to switch it to production{via}:
        </Text>
      ) : (
        <Text>
          Switch <Text bold>{name}</Text>
          {full && path ? ` (${path})` : ''}
          {full ? ' from trial to production?' : ` to production${via}?`}
        </Text>
      )}
      <Box flexDirection="column">
        {text.identity(form).map((line) => (
          <Flagged key={line} symbol="⚠" tone="warning">
            {line}
          </Flagged>
        ))}
        {!full && text.identity(form).length > 0 ? <Text>{row.tenant.id}</Text> : null}
        {text.facts(form).map((fact) => (
          <Flagged key={fact} symbol="⚠" tone="warning">
            {fact}
          </Flagged>
        ))}
      </Box>
      {form === 'bare' ? null : full && requestOnOneLine ? (
        <Box marginTop={1}>
          <Text>Request: </Text>
          <Box flexDirection="column" flexShrink={1}>
            <Text>
              {request.method} {request.path}
            </Text>
            <Text>{JSON.stringify(request.body)}</Text>
          </Box>
        </Box>
      ) : (
        // The request, with the UUID whole on a line of its own (36 columns): never broken where it wraps.
        <Box flexDirection="column" marginTop={full ? 1 : 0}>
          <Text>
            {request.method} {before}
          </Text>
          <Text>{row.tenant.id}</Text>
          <Text>{after}</Text>
          {/* One field a line: at 40 columns the body would otherwise wrap inside a key or a value. */}
          <Text>{`{"version":${request.body.version},`}</Text>
          <Text>{` "mode":"${request.body.mode}"}`}</Text>
        </Box>
      )}
      <Box flexDirection="column" marginTop={full ? 1 : 0}>
        {full && !text.byUuid ? (
          <Text>
            Type the tenant's name, <Text bold>{name}</Text>, to confirm. Nothing is sent before that.
          </Text>
        ) : full || form === 'compact' ? (
          <Text>{text.prompt(form)}</Text>
        ) : null}
        <TextField
          label={text.byUuid ? 'UUID:' : 'Name:'}
          isActive={isActive}
          validate={(value) => text.refusal(form, value)}
          onSubmit={onConfirm}
        />
      </Box>
    </StepFrame>
  );
}

/** Rows a text takes at this width (each of its lines at least one). */
function linesOf(text: string, width: number): number {
  return text
    .split('\n')
    .reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / Math.max(1, width))), 0);
}
