import {Box, Text} from 'ink';
import {useState} from 'react';
import {
  applyCommandNote,
  commandRows,
  dayStart,
  formatDay,
  formatMonth,
  printable,
} from '../../procedure/index.js';
import {Busy} from '../components/Busy.js';
import {Checklist} from '../components/Checklist.js';
import {Flagged} from '../components/Flagged.js';
import {StepFrame} from '../components/StepFrame.js';
import {everywhereHints, hint} from '../keys.js';
import {useLayout} from '../layout.js';
import type {PlanStep} from '../state.js';
import {billsEarlier, candidateLabel, planRunLine} from '../wording.js';

export interface PlanScreenProps {
  readonly step: PlanStep;
  readonly account: string;
  /** Enter on the list: write the plan with these customers. */
  readonly onWrite: (chosen: ReadonlySet<string>) => void;
  /** Esc: back where Ctrl+P was pressed; the customers checked are kept for the same day's next plan. */
  readonly onBack: (checked?: ReadonlySet<string>) => void;
  readonly isActive?: boolean;
}

/**
 * Planning the 1st from the wizard: the trial customers with what switching each on the planned day costs against
 * leaving it, checked in or out; Enter writes the plan and shows the command to run on the day.
 */
export function PlanScreen({step, account, onWrite, onBack, isActive}: PlanScreenProps) {
  const layout = useLayout();
  const [filtering, setFiltering] = useState(false);
  const [filtered, setFiltered] = useState(false);
  const when = formatDay(dayStart(step.day));
  const month = formatMonth(dayStart(step.day));
  const narrow = layout.columns < 64;
  const hints =
    step.phase === 'choosing'
      ? filtering
        ? [hint('enter', 'end the filter'), hint('back', 'clear it'), ...everywhereHints]
        : [
            hint('toggle', 'check'),
            hint('all', filtered ? 'all shown' : 'all'),
            hint('none', filtered ? 'none shown' : 'none'),
            hint('filter', filtered ? 'change the filter' : 'filter'),
            hint('enter', 'write the plan'),
            hint('back', filtered ? 'clear the filter' : 'back'),
            ...everywhereHints,
          ]
      : step.phase === 'written'
        ? [hint('enter', 'another tenant'), hint('quit', 'quit'), ...everywhereHints]
        : [hint('back', 'back'), ...everywhereHints];
  // Around the list: the title, the account, the explanation, the count line, the hints (more when narrow), and
  // an error when there is one.
  const around =
    (layout.compact ? (narrow ? 9 : 7) + (step.endingBefore.length > 0 ? 1 : 0) : 12) + (step.error ? 2 : 0);
  const limit = narrow
    ? Math.max(1, layout.rows - around - 2)
    : Math.max(1, Math.floor((layout.rows - around) / 2));
  const earlier = (count: number) => `${count.toLocaleString('en')} billed earlier than if left`;
  return (
    <StepFrame step={0} title={`Plan the 1st: ${when}`} account={account} error={step.error} hints={hints}>
      {step.phase === 'reading' ? <Busy>Reading the trial customers and their pricing…</Busy> : null}
      {step.phase === 'writing' ? <Busy>Writing the plan…</Busy> : null}
      {step.phase === 'choosing' ? (
        <Box flexDirection="column">
          {layout.compact ? (
            <>
              <Text wrap="truncate-end">Checked ones switch on {when} (UTC).</Text>
              {step.endingBefore.length > 0 ? (
                <Text wrap="truncate-end">{step.endingBefore.length} ending sooner left out.</Text>
              ) : null}
            </>
          ) : (
            <>
              <Text wrap="wrap">
                Checked customers are switched on {when} (UTC) by tenant-mode apply, and billed from {month}.
                * If left alone: likely billed from the month its trial ends (docs/month-start.md).
              </Text>
              {step.endingBefore.length > 0 ? (
                <Text wrap="wrap">
                  Left out, their trial ends before {when}:{' '}
                  {step.endingBefore
                    .slice(0, 3)
                    .map(
                      (candidate) => `${printable(candidate.name)} (${formatDay(candidate.autoSwitch ?? 0)})`,
                    )
                    .join(', ')}
                  {step.endingBefore.length > 3 ? ` and ${step.endingBefore.length - 3} more` : ''}.
                </Text>
              ) : null}
            </>
          )}
          {step.candidates.length === 0 ? (
            <Text>No customer in trial to plan.</Text>
          ) : (
            <Checklist
              items={step.candidates.map((candidate) => ({
                id: candidate.id,
                label: candidateLabel(candidate, !layout.compact),
                flagged: billsEarlier(candidate),
              }))}
              initiallyChecked={step.chosen}
              limit={limit}
              detailsOnlyWhenSelected={narrow}
              isActive={isActive}
              flaggedText={earlier}
              onFilteringChange={setFiltering}
              onFilteredChange={setFiltered}
              onDone={onWrite}
              onEscape={onBack}
            />
          )}
        </Box>
      ) : null}
      {step.phase === 'written' && step.file ? (
        <Box flexDirection="column">
          <Flagged symbol="✔" tone="success">
            Plan written, {step.chosen?.size ?? 0} {step.chosen?.size === 1 ? 'customer' : 'customers'},
            readable by you only:
          </Flagged>
          <Text wrap="truncate-middle">{printable(step.file)}</Text>
          {layout.compact && !step.signIn?.lesson ? (
            // A small terminal: the command, too long to read here, is printed whole when you leave.
            <Text wrap="wrap">
              On {when} (UTC) run tenant-mode apply with it: the command is printed when you leave.
            </Text>
          ) : (
            <>
              <Text wrap="wrap">{planRunLine(when, step.signIn, true)}</Text>
              {/* In rows that paste as one command (a backslash ends each but the last), never broken mid-word. */}
              {commandRows(printable(step.command ?? ''), layout.columns - 1).map((row) => (
                <Text key={row} bold wrap="wrap">
                  {row}
                </Text>
              ))}
            </>
          )}
          {step.signIn ? <Text wrap="wrap">{applyCommandNote(step.signIn, layout.compact)}</Text> : null}
          {layout.compact ? null : (
            <Text wrap="wrap">
              The day before, add --check to see what it would do. From cron at 00:05 UTC: add --yes and
              --client-secret-file FILE (docs/month-start.md).
            </Text>
          )}
        </Box>
      ) : null}
    </StepFrame>
  );
}
