import {Box, Text} from 'ink';
import {printable} from '../../procedure/index.js';
import {Busy} from '../components/Busy.js';
import {Choice} from '../components/Choice.js';
import {StepFrame} from '../components/StepFrame.js';
import {TextField} from '../components/TextField.js';
import {everywhereHints, hint} from '../keys.js';
import {useLayout} from '../layout.js';
import type {ChooseTenantStep, TenantRow} from '../state.js';

export interface ChooseTenantScreenProps {
  readonly step: ChooseTenantStep;
  readonly account: string;
  /** Enter in the field: a UUID, a name to search, or nothing to browse the customers. */
  readonly onLookUp: (query: string) => void;
  readonly onChoose: (row: TenantRow) => void;
  readonly isActive?: boolean;
}

/** Step 2: one field for a name or a UUID; the matches (or the customers) to choose from. */
export function ChooseTenantScreen({step, account, onLookUp, onChoose, isActive}: ChooseTenantScreenProps) {
  const layout = useLayout();
  // On a narrow terminal a row is one line, and the selected one shows its path and UUID on two more; otherwise
  // each row takes two lines. Around the list: the title, the account, the list's title, its count, the hints.
  const narrow = layout.columns < 64;
  const around = layout.compact ? 6 : 9;
  const rowsThatFit = narrow
    ? Math.max(1, layout.rows - around - 2)
    : Math.max(1, Math.floor((layout.rows - around) / 2));
  const hints = [
    ...(step.phase === 'list'
      ? [hint('move', 'move'), hint('enter', 'choose'), hint('back', 'back to the search')]
      : step.phase === 'input'
        ? [hint('enter', 'search (empty: browse your customers)'), hint('back', 'account')]
        : []),
    ...everywhereHints,
  ];
  return (
    <StepFrame step={2} title="Choose the tenant" account={account} error={step.error} hints={hints}>
      {step.phase === 'input' ? (
        <TextField
          key={`query:${step.query}`}
          label="Tenant name or UUID:"
          defaultValue={step.query}
          isActive={isActive}
          onSubmit={onLookUp}
        />
      ) : null}
      {step.phase === 'working' ? <Busy>{step.busy}</Busy> : null}
      {step.phase === 'list' ? (
        <Box flexDirection="column">
          <Text>{step.listTitle}</Text>
          <Choice
            isActive={isActive}
            key={`${step.listTitle}:${step.rows.length}`}
            initialIndex={step.selected}
            limit={rowsThatFit}
            detailsOnlyWhenSelected={narrow}
            filterable
            items={step.rows.map((row) => ({label: rowLabel(row, narrow), value: row}))}
            onSelect={onChoose}
          />
        </Box>
      ) : null}
    </StepFrame>
  );
}

/** Two lines: the name with kind and mode (or why it cannot be chosen); then where it sits and its UUID. */
function rowLabel({tenant, path}: TenantRow, narrow: boolean): string {
  const what =
    tenant.kind === 'customer'
      ? `customer · ${tenant.pricing_mode}`
      : tenant.has_children && tenant.kind !== 'unit'
        ? `${tenant.kind} · Enter opens it`
        : `${tenant.kind} · not a customer, cannot be switched`;
  const where = path.length > 0 ? path.map(printable).join(' / ') : '(top)';
  // Narrow: the UUID on a line of its own, whole.
  return narrow
    ? `${printable(tenant.name)}  (${what})\n  ${where}\n  ${tenant.id}`
    : `${printable(tenant.name)}  (${what})\n  ${where} · ${tenant.id}`;
}
