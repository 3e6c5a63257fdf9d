import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import {hostOf, isUuid, normalizeBaseUrl, PlatformError} from '../../procedure/index.js';
import {Choice} from '../components/Choice.js';
import {StepFrame} from '../components/StepFrame.js';
import {TextField} from '../components/TextField.js';
import {knownDataCenters} from '../data-centers.js';
import type {Account, ConnectField, ConnectForm, WizardEvent} from '../state.js';
import {theme} from '../theme.js';

export interface ConnectScreenProps {
  readonly field: ConnectField;
  readonly form: ConnectForm;
  readonly error?: string;
  readonly account?: Account;
  /** Offer the embedded sandbox first. */
  readonly sandboxOffered: boolean;
  /** Where remembered credentials go (shown with the question). */
  readonly credentialsPath: string;
  readonly onEvent: (event: WizardEvent | {readonly type: 'SANDBOX_CHOSEN'}) => void;
  readonly isActive?: boolean;
}

const another = 'another';
const sandbox = 'sandbox';

/** Step 1: data center, client id, secret (masked), whether to remember them; then the sign-in. */
export function ConnectScreen({
  field,
  form,
  error,
  account,
  sandboxOffered,
  credentialsPath,
  onEvent,
  isActive,
}: ConnectScreenProps) {
  const hints: Array<readonly [string, string]> = [];
  if (field !== 'signingIn' && field !== 'signedIn') hints.push(['Enter', 'next']);
  if (field !== 'dataCenter' && field !== 'signingIn' && field !== 'signedIn') hints.push(['Esc', 'back']);
  hints.push(['Tab', 'HTTP calls'], ['Ctrl+C', 'quit']);
  const summary = [
    form.dataCenter ? `Data center  ${form.dataCenter}` : undefined,
    form.clientId && field !== 'clientId' ? `Client id    ${form.clientId}` : undefined,
  ].filter((line) => line !== undefined);

  return (
    <StepFrame step={1} title="Connect" error={error} hints={hints}>
      {field !== 'dataCenter' && field !== 'customUrl' && field !== 'signedIn'
        ? summary.map((line) => (
            <Text key={line} color={theme.muted}>
              {line}
            </Text>
          ))
        : null}
      {field === 'dataCenter' ? (
        <Box flexDirection="column">
          <Text>Which data center is the customer's tenant on?</Text>
          <Choice
            isActive={isActive}
            items={[
              ...(sandboxOffered
                ? [{label: 'Embedded sandbox (local, no account needed)', value: sandbox}]
                : []),
              ...knownDataCenters.map(({label, url}) => ({label, value: url})),
              {label: 'Another URL…', value: another},
            ]}
            onSelect={(value) =>
              onEvent(
                value === sandbox
                  ? {type: 'SANDBOX_CHOSEN'}
                  : value === another
                    ? {type: 'CUSTOM_URL_REQUESTED'}
                    : {type: 'DATA_CENTER_CHOSEN', dataCenter: value},
              )
            }
          />
        </Box>
      ) : null}
      {field === 'customUrl' ? (
        <TextField
          key="customUrl"
          label="Data center URL:"
          placeholder="https://…"
          isActive={isActive}
          validate={validateUrl}
          onSubmit={(value) => onEvent({type: 'DATA_CENTER_CHOSEN', dataCenter: value.trim()})}
        />
      ) : null}
      {field === 'clientId' ? (
        <TextField
          key="clientId"
          label="API client id:"
          defaultValue={form.clientId}
          isActive={isActive}
          validate={(value) =>
            isUuid(value.trim().toLowerCase()) ? undefined : 'A client id is a UUID: 8-4-4-4-12 hex digits.'
          }
          onSubmit={(value) => onEvent({type: 'CLIENT_ID_ENTERED', clientId: value.trim().toLowerCase()})}
        />
      ) : null}
      {field === 'secret' ? (
        <TextField
          key="secret"
          label="Client secret:"
          mask
          isActive={isActive}
          validate={(value) => (value === '' ? 'Type the client secret (it is not shown).' : undefined)}
          onSubmit={(value) => onEvent({type: 'SECRET_ENTERED', secret: value})}
        />
      ) : null}
      {field === 'remember' ? (
        <Box flexDirection="column">
          <Text>Remember these credentials on this computer?</Text>
          <Text color={theme.muted}>(saved in {credentialsPath}, readable by you only)</Text>
          <Choice
            isActive={isActive}
            items={[
              {label: 'No, ask every time', value: false},
              {label: 'Yes, remember them', value: true},
            ]}
            onSelect={(remember) => onEvent({type: 'REMEMBER_ANSWERED', remember})}
          />
        </Box>
      ) : null}
      {field === 'signingIn' ? (
        <Text>
          <Text color={theme.accent}>
            <Spinner type="dots" />
          </Text>{' '}
          Signing in to {hostOf(form.dataCenter)}…
        </Text>
      ) : null}
      {field === 'signedIn' && account ? (
        <Box flexDirection="column">
          <Text>
            Signed in to <Text bold>{account.tenantName}</Text> at {account.host} as client {account.clientId}
            .
          </Text>
          <Choice
            isActive={isActive}
            items={[
              {label: 'Continue with this account', value: 'continue'},
              {label: 'Use another account', value: 'switch'},
            ]}
            onSelect={(value) =>
              onEvent(
                value === 'continue'
                  ? {type: 'ANOTHER_TENANT_REQUESTED'}
                  : {type: 'ACCOUNT_SWITCH_REQUESTED'},
              )
            }
          />
        </Box>
      ) : null}
    </StepFrame>
  );
}

function validateUrl(value: string): string | undefined {
  try {
    normalizeBaseUrl(value);
    return undefined;
  } catch (error) {
    return error instanceof PlatformError ? error.message : String(error);
  }
}
