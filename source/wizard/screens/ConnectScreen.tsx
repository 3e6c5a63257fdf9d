import {Box, Text} from 'ink';
import {useEffect, useState} from 'react';
import {hostOf, printable} from '../../procedure/index.js';
import type {ConnectAnswers} from '../answers.js';
import {Busy} from '../components/Busy.js';
import {Choice} from '../components/Choice.js';
import {StepFrame} from '../components/StepFrame.js';
import {TextField} from '../components/TextField.js';
import {knownDataCenters} from '../data-centers.js';
import {everywhereHints, type Hint, hint} from '../keys.js';
import {useLayout} from '../layout.js';
import type {Account, ConnectField, ConnectForm} from '../state.js';
import {theme} from '../theme.js';
import {
  chooseDataCenter,
  dataCenterChoices,
  type ListedAccount,
  preferredDataCenter,
  rememberChoices,
  signedInChoices,
  validateClientId,
  validateSecret,
  validateUrl,
} from '../wording.js';

export interface ConnectScreenProps extends ConnectAnswers {
  readonly field: ConnectField;
  readonly form: ConnectForm;
  readonly error?: string;
  readonly account?: Account;
  /** Signed in before "Use another account": Esc on the data center list goes back to it. */
  readonly earlierAccount?: Account;
  /** Offer the embedded sandbox first. */
  readonly sandboxOffered: boolean;
  /** Where remembered credentials go, in words (shown with the question). */
  readonly rememberedWhere: string;
  /** The data center signed in to last (its API base URL), selected first in the list. */
  readonly lastDataCenter?: string;
  /** The remembered accounts, listed first (the default one selected). */
  readonly accounts?: readonly (ListedAccount & {readonly isDefault: boolean})[];
  readonly isActive?: boolean;
}

/** Step 1: data center, client id, secret (masked), whether to remember them; then the sign-in. */
export function ConnectScreen({
  field,
  form,
  error,
  account,
  earlierAccount,
  sandboxOffered,
  rememberedWhere,
  lastDataCenter,
  accounts = [],
  isActive,
  ...on
}: ConnectScreenProps) {
  const layout = useLayout();
  // An error about what was submitted goes once the value is edited: it no longer speaks of what is on screen
  // (a DNS error for the last URL stayed beside the new URL's own problem). A new submission may bring its own.
  const [edited, setEdited] = useState(false);
  const edit = () => setEdited(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: shown again for each new error, and on another field
  useEffect(() => setEdited(false), [field, error]);
  const dataCenterItems = dataCenterChoices(sandboxOffered, layout.compact, accounts);
  const hints: Hint[] = [];
  // Signed in: a choice (continue, or another account), said as the line mode says it; at 40×12 the only hint.
  if (field !== 'signingIn') hints.push(hint('enter', field === 'signedIn' ? 'choose' : 'next'));
  if (field !== 'dataCenter' && field !== 'signingIn' && field !== 'signedIn')
    hints.push(hint('back', 'back'));
  if (field === 'dataCenter' && earlierAccount)
    hints.push(hint('back', `back to ${earlierAccount.name ?? printable(earlierAccount.tenantName)}`));
  hints.push(...everywhereHints);
  const summary = [
    form.dataCenter ? `Data center  ${form.dataCenter}` : undefined,
    form.clientId && field !== 'clientId' ? `Client id    ${form.clientId}` : undefined,
  ].filter((line) => line !== undefined);

  return (
    <StepFrame step={1} title="Connect" error={edited ? undefined : error} hints={hints}>
      {field !== 'dataCenter' && field !== 'customUrl' && field !== 'signedIn'
        ? summary.map((line) => (
            <Text key={line} color={theme.muted}>
              {line}
            </Text>
          ))
        : null}
      {field === 'dataCenter' ? (
        <Box flexDirection="column">
          <Text>
            {layout.compact ? 'Which data center?' : "Which data center is the customer's tenant on?"}
          </Text>
          <Choice
            isActive={isActive}
            items={dataCenterItems}
            limit={layout.compact ? Math.max(3, layout.rows - 4) : undefined}
            initialIndex={preferredDataCenter(
              dataCenterItems,
              form.dataCenter,
              accounts.find((account) => account.isDefault)?.name,
              lastDataCenter,
            )}
            onSelect={(value) => chooseDataCenter(value, on)}
          />
        </Box>
      ) : null}
      {field === 'customUrl' ? (
        <TextField
          key="customUrl"
          label="Data center URL:"
          // After a refusal the URL typed is kept, to be corrected rather than typed again.
          defaultValue={
            knownDataCenters.some((known) => known.url === form.dataCenter) ? '' : form.dataCenter
          }
          placeholder="https://…"
          isActive={isActive}
          validate={validateUrl}
          onEdit={edit}
          onSubmit={(value) => on.onTypedUrl(value.trim())}
        />
      ) : null}
      {field === 'clientId' ? (
        <TextField
          key="clientId"
          label="API client id:"
          defaultValue={form.clientId}
          isActive={isActive}
          validate={validateClientId}
          onEdit={edit}
          onSubmit={(value) => on.onClientId(value.trim().toLowerCase())}
        />
      ) : null}
      {field === 'secret' ? (
        <TextField
          key="secret"
          label="Client secret:"
          mask
          isActive={isActive}
          validate={validateSecret}
          onEdit={edit}
          onSubmit={on.onSecret}
        />
      ) : null}
      {field === 'remember' ? (
        <Box flexDirection="column">
          <Text>Remember these credentials on this computer?</Text>
          <Text color={theme.muted}>(saved {rememberedWhere})</Text>
          <Choice isActive={isActive} items={rememberChoices} onSelect={on.onRemember} />
        </Box>
      ) : null}
      {field === 'checkingUrl' ? <Busy>Reaching {hostOf(form.dataCenter)}…</Busy> : null}
      {field === 'signingIn' ? <Busy>Signing in to {hostOf(form.dataCenter)}…</Busy> : null}
      {field === 'signedIn' && account ? (
        <Box flexDirection="column">
          <Text>
            Signed in to <Text bold>{account.tenantName}</Text> at {account.host} as client {account.clientId}
            .
          </Text>
          <Choice
            isActive={isActive}
            items={signedInChoices}
            onSelect={(value) => (value === 'continue' ? on.onContinue() : on.onOtherAccount())}
          />
        </Box>
      ) : null}
    </StepFrame>
  );
}
