import {Box, Text} from 'ink';
import {Busy} from '../components/Busy.js';
import {Choice} from '../components/Choice.js';
import {StepFrame} from '../components/StepFrame.js';
import {TextField} from '../components/TextField.js';
import {everywhereHints, hint} from '../keys.js';
import {useLayout} from '../layout.js';
import type {ChooseTenantStep, TenantRow} from '../state.js';
import {planEntryLabel, tenantRowLabel} from '../wording.js';

export interface ChooseTenantScreenProps {
  readonly step: ChooseTenantStep;
  readonly account: string;
  /** Enter in the field: a UUID, a name to search, or nothing to browse the customers. */
  readonly onLookUp: (query: string) => void;
  readonly onChoose: (row: TenantRow) => void;
  /** "Plan the 1st of the month…": the first entry of the browse list (and Ctrl+P). */
  readonly onPlan: () => void;
  readonly isActive?: boolean;
}

/** The browse list's first entry, which is no tenant. */
const planEntry = 'plan' as const;

/** Step 2: one field for a name or a UUID; the matches (or the customers) to choose from. */
export function ChooseTenantScreen({
  step,
  account,
  onLookUp,
  onChoose,
  onPlan,
  isActive,
}: ChooseTenantScreenProps) {
  const layout = useLayout();
  // On a narrow terminal a row is one line, and the selected one shows its path and UUID on two more; otherwise
  // each row takes two lines. Around the list: the title, the account, the list's title, its count, the hints.
  const narrow = layout.columns < 64;
  // Wide: a trial customer's row also says when its trial ends (the month-start question at a glance).
  const wide = layout.columns >= 120;
  const around = layout.compact ? 6 : 9;
  const rowsThatFit = narrow
    ? Math.max(1, layout.rows - around - 2)
    : Math.max(1, Math.floor((layout.rows - around) / 2));
  // Browsing the customers (an empty search, not a folder): the month-start batch is the list's first entry.
  const browsing = step.query === '' && !step.up;
  const hints = [
    ...(step.phase === 'list'
      ? [
          hint('move', 'move'),
          hint('enter', 'choose'),
          // In a folder Esc goes up to the list it was opened from (state.ts, BACK).
          step.up ? hint('back', 'up a level') : hint('back', 'back to the search'),
          hint('plan', 'plan the 1st'),
        ]
      : step.phase === 'input'
        ? [
            hint('enter', 'search (empty: browse your customers)'),
            hint('back', 'account'),
            hint('plan', 'plan the 1st'),
          ]
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
          <Choice<TenantRow | typeof planEntry>
            isActive={isActive}
            key={`${step.listTitle}:${step.rows.length}`}
            initialIndex={step.selected === undefined ? undefined : step.selected + (browsing ? 1 : 0)}
            limit={rowsThatFit}
            detailsOnlyWhenSelected={narrow}
            filterable
            items={[
              ...(browsing
                ? [
                    {
                      label: planEntryLabel,
                      value: planEntry,
                    },
                  ]
                : []),
              ...step.rows.map((row) => ({label: tenantRowLabel(row, narrow, wide), value: row})),
            ]}
            onSelect={(value) => (value === planEntry ? onPlan() : onChoose(value as TenantRow))}
          />
        </Box>
      ) : null}
    </StepFrame>
  );
}
