import type {ConnectAnswers, StepAnswers} from './answers.js';
import {ChooseTenantScreen} from './screens/ChooseTenantScreen.js';
import {ConfirmScreen} from './screens/ConfirmScreen.js';
import {ConnectScreen} from './screens/ConnectScreen.js';
import {PlanScreen} from './screens/PlanScreen.js';
import {PricingScreen} from './screens/PricingScreen.js';
import {ResultScreen} from './screens/ResultScreen.js';
import type {WizardState} from './state.js';
import type {ListedAccount} from './wording.js';

export interface StepScreenProps extends StepAnswers {
  readonly state: WizardState;
  /** "Signed in to … at …", shown under each step's title once known. */
  readonly accountLine: string;
  readonly now: number;
  readonly sandboxOffered: boolean;
  readonly rememberedWhere: string;
  /** The data center signed in to last, selected first in step 1's list. */
  readonly lastDataCenter?: string;
  /** The remembered accounts, listed first in step 1 (the default one selected). */
  readonly accounts?: readonly (ListedAccount & {readonly isDefault: boolean})[];
  /** Step 3 on a compact terminal: the JSON whole (`j`). */
  readonly jsonShown?: boolean;
  /** Step 1's answers. */
  readonly connect: ConnectAnswers;
  readonly onBack: () => void;
  /** False while the HTTP panel covers the step: its field or list does not take keys. */
  readonly isActive?: boolean;
}

/** The screen of the current step, given its state and what to call back: no state of its own. */
export function StepScreen({
  state,
  accountLine,
  now,
  onLookUp,
  onChoose,
  onConfirm,
  onPlan,
  onWritePlan,
  onBack,
  onLeavePlan,
  sandboxOffered,
  rememberedWhere,
  lastDataCenter,
  accounts,
  jsonShown,
  connect,
  isActive = true,
}: StepScreenProps) {
  const {step, form, account} = state;
  switch (step.name) {
    case 'connect':
      return (
        <ConnectScreen
          field={step.field}
          form={form}
          error={step.error}
          account={account}
          earlierAccount={state.earlierAccount?.account}
          sandboxOffered={sandboxOffered}
          rememberedWhere={rememberedWhere}
          lastDataCenter={lastDataCenter}
          accounts={accounts}
          isActive={isActive}
          {...connect}
        />
      );
    case 'chooseTenant':
      return (
        <ChooseTenantScreen
          step={step}
          account={accountLine}
          isActive={isActive}
          onLookUp={onLookUp}
          onChoose={(row) => onChoose(row, step.query)}
          onPlan={onPlan}
        />
      );
    case 'plan':
      return (
        <PlanScreen
          step={step}
          account={accountLine}
          isActive={isActive}
          onWrite={onWritePlan}
          onBack={(checked) => (checked ? onLeavePlan(checked) : onBack())}
        />
      );
    case 'viewPricing':
      return (
        <PricingScreen
          row={step.row}
          pricing={step.pricing}
          account={accountLine}
          now={now}
          jsonShown={jsonShown}
        />
      );
    case 'confirm':
      return (
        <ConfirmScreen
          row={step.row}
          pricing={step.pricing}
          account={accountLine}
          now={now}
          error={step.error}
          namesakes={step.namesakes}
          isActive={isActive}
          onConfirm={onConfirm}
        />
      );
    case 'switching':
      return <ResultScreen row={step.row} account={accountLine} before={step.pricing} />;
    case 'result':
      return (
        <ResultScreen
          row={step.row}
          account={accountLine}
          before={step.before}
          outcome={step.outcome}
          auditWarning={step.auditWarning}
        />
      );
  }
}
