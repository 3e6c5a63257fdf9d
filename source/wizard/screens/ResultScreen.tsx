import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import {
  explainError,
  formatDayTime,
  parsePlatformDate,
  printable,
  type SwitchOutcome,
} from '../../platform/index.js';
import {JsonView} from '../components/JsonView.js';
import {StepFrame} from '../components/StepFrame.js';
import type {TenantRow} from '../state.js';
import {theme} from '../theme.js';

export interface ResultScreenProps {
  readonly row: TenantRow;
  readonly account: string;
  /** Undefined while the switch is under way. */
  readonly outcome?: SwitchOutcome;
}

const statusTexts: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const statusLine = (status: number) => `${status} ${statusTexts[status] ?? ''}`.trim();

/** Step 5: the status, the new pricing, or the error explained and the tenant's real mode, re-read. */
export function ResultScreen({row, account, outcome}: ResultScreenProps) {
  const name = printable(row.tenant.name);
  const hints: Array<readonly [string, string]> = outcome
    ? [
        ['Enter', 'another tenant'],
        ['q', 'quit'],
        ['Tab', 'HTTP calls'],
      ]
    : [['Tab', 'HTTP calls']];
  return (
    <StepFrame step={5} title="Result" account={account} hints={hints}>
      {outcome === undefined ? (
        <Text>
          <Text color={theme.accent}>
            <Spinner type="dots" />
          </Text>{' '}
          Switching {name} to production… (sent once; not cancelled by Esc)
        </Text>
      ) : null}
      {outcome?.kind === 'switched' ? (
        <Box flexDirection="column">
          <Text bold color={theme.success}>
            ✔ {name} is now in production. Status {statusLine(outcome.status)}.
          </Text>
          {outcome.pricing.production_start_date ? (
            <Text>
              Production since {formatDayTime(parsePlatformDate(outcome.pricing.production_start_date))}; this
              is not reversible.
            </Text>
          ) : null}
          <Box flexDirection="column" marginTop={1} marginLeft={2}>
            <Text color={theme.muted}>New pricing, as the platform answered:</Text>
            <JsonView value={outcome.pricing} />
          </Box>
        </Box>
      ) : null}
      {outcome?.kind === 'failed' ? <Failure name={name} outcome={outcome} /> : null}
    </StepFrame>
  );
}

function Failure({
  name,
  outcome,
}: {
  readonly name: string;
  readonly outcome: Extract<SwitchOutcome, {kind: 'failed'}>;
}) {
  const {error, pricingAfter, rereadError} = outcome;
  const explanation = explainError(error);
  return (
    <Box flexDirection="column">
      <Text bold color={theme.error}>
        ✘ The switch did not go through{error.status ? `: status ${statusLine(error.status)}` : ''}.
      </Text>
      <Text>{error.message}</Text>
      {error.code !== undefined ? (
        <Text color={theme.muted}>
          Platform error code {String(error.code)}
          {error.domain ? ` (${error.domain})` : ''}
        </Text>
      ) : null}
      {error.info ? <Text color={theme.muted}>{error.info}</Text> : null}
      <Box flexDirection="column" marginTop={1}>
        <Text>What it means: {explanation.meaning}</Text>
        <Text>What to do: {explanation.next}</Text>
      </Box>
      <Box flexDirection="column" marginTop={1}>
        {pricingAfter ? (
          <>
            <Text bold color={pricingAfter.mode === 'production' ? theme.success : theme.warning}>
              {pricingAfter.mode === 'production'
                ? `Re-read the pricing: ${name} IS in production now.`
                : `Re-read the pricing: ${name} is still in ${pricingAfter.mode}; nothing changed.`}
            </Text>
            <Box flexDirection="column" marginLeft={2}>
              <JsonView value={pricingAfter} />
            </Box>
          </>
        ) : (
          <Text bold color={theme.warning}>
            The outcome is unknown: the pricing could not be read again
            {rereadError ? ` (${rereadError.message})` : ''}. Check the tenant before trying again; nothing
            will be resent.
          </Text>
        )}
      </Box>
    </Box>
  );
}
