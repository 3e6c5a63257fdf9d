import {Box, Text} from 'ink';
import {type Candidate, dayStart, formatDay, formatMonth, printable} from '../../procedure/index.js';
import {Busy} from '../components/Busy.js';
import {Checklist} from '../components/Checklist.js';
import {Flagged} from '../components/Flagged.js';
import {StepFrame} from '../components/StepFrame.js';
import {everywhereHints, hint} from '../keys.js';
import {useLayout} from '../layout.js';
import type {PlanStep} from '../state.js';

export interface PlanScreenProps {
  readonly step: PlanStep;
  readonly account: string;
  /** Enter on the list: write the plan with these customers. */
  readonly onWrite: (chosen: ReadonlySet<string>) => void;
  readonly onBack: () => void;
  readonly isActive?: boolean;
}

/**
 * Planning the 1st from the wizard: the trial customers with what switching each on the planned day costs against
 * leaving it, checked in or out; Enter writes the plan and shows the command to run on the day.
 */
export function PlanScreen({step, account, onWrite, onBack, isActive}: PlanScreenProps) {
  const layout = useLayout();
  const when = formatDay(dayStart(step.day));
  const narrow = layout.columns < 64;
  const hints =
    step.phase === 'choosing'
      ? [
          hint('toggle', 'check'),
          hint('all', 'all'),
          hint('none', 'none'),
          hint('filter', 'filter'),
          hint('enter', 'write the plan'),
          hint('back', 'back'),
          ...everywhereHints,
        ]
      : step.phase === 'written'
        ? [hint('enter', 'another tenant'), hint('quit', 'quit'), ...everywhereHints]
        : [hint('back', 'back'), ...everywhereHints];
  // Around the list: the title, the account, the explanation, the count line, the hints (more lines when narrow).
  const around = layout.compact ? (narrow ? 9 : 7) : 11;
  const limit = narrow
    ? Math.max(1, layout.rows - around - 2)
    : Math.max(1, Math.floor((layout.rows - around) / 2));
  return (
    <StepFrame step={2} title={`Plan the 1st: ${when}`} account={account} error={step.error} hints={hints}>
      {step.phase === 'reading' ? <Busy>Reading the trial customers and their pricing…</Busy> : null}
      {step.phase === 'writing' ? <Busy>Writing the plan…</Busy> : null}
      {step.phase === 'choosing' ? (
        <Box flexDirection="column">
          {layout.compact ? (
            <Text wrap="truncate-end">
              Checked: switched on {when}.
              {step.endingBefore.length > 0 ? ` ${step.endingBefore.length} end before.` : ''}
            </Text>
          ) : (
            <>
              <Text wrap="wrap">
                Checked customers are switched on {when} (UTC) by tenant-mode apply. *Left alone: [assumed]
                billed from the month its trial ends, as a switch is.
              </Text>
              {step.endingBefore.length > 0 ? (
                <Text wrap="wrap">
                  {step.endingBefore.length} more end their trial by themselves before {when}: not planned (
                  {step.endingBefore
                    .slice(0, 3)
                    .map(
                      (candidate) => `${printable(candidate.name)} ${formatDay(candidate.autoSwitch ?? 0)}`,
                    )
                    .join(', ')}
                  {step.endingBefore.length > 3 ? ', …' : ''}).
                </Text>
              ) : null}
            </>
          )}
          {step.candidates.length === 0 ? (
            <Text>No customer in trial to plan.</Text>
          ) : (
            <Checklist
              items={step.candidates.map((candidate) => ({id: candidate.id, label: label(candidate)}))}
              initiallyChecked={step.chosen}
              limit={limit}
              detailsOnlyWhenSelected={narrow}
              isActive={isActive}
              onDone={onWrite}
              onEscape={onBack}
            />
          )}
        </Box>
      ) : null}
      {step.phase === 'written' && step.file ? (
        <Box flexDirection="column">
          <Flagged symbol="✔" tone="success">
            Plan written: {printable(step.file)} (readable by you only), {step.chosen?.size ?? 0} customers.
          </Flagged>
          <Text>On {when} (UTC), run:</Text>
          <Text bold>{`  tenant-mode apply '${printable(step.file)}'`}</Text>
          <Text wrap="wrap">The day before, see what it would do: tenant-mode apply … --check</Text>
          <Text wrap="wrap">
            Unattended, from cron: CRON_TZ=UTC, 5 0 {new Date(dayStart(step.day)).getUTCDate()}{' '}
            {new Date(dayStart(step.day)).getUTCMonth() + 1} *, with --yes --client-secret-file FILE
            (readme.md).
          </Text>
        </Box>
      ) : null}
    </StepFrame>
  );
}

/**
 * A customer's row: where it is (and, when switching it on the day bills a month more than leaving it, so); then
 * when its trial ends and the first month billed either way.
 */
function label(candidate: Candidate): string {
  const where = [...candidate.path.slice(1), candidate.name].map(printable).join(' / ');
  const ends = candidate.autoSwitch === undefined ? 'no end date' : `ends ${formatDay(candidate.autoSwitch)}`;
  const left = candidate.billedIfLeft === undefined ? '?' : formatMonth(candidate.billedIfLeft);
  const earlier =
    candidate.billedIfLeft !== undefined && candidate.billedIfLeft > candidate.billedIfSwitched
      ? ' · a month earlier'
      : '';
  return `${where}${earlier}\n  ${ends} · billed from ${formatMonth(candidate.billedIfSwitched)}, left alone ${left}*`;
}
