// Every command of tenant-mode, in the order the tool's help lists them (each declared in its own file).
import {accounts} from './accounts.js';
import {apply} from './apply.js';
import {audit} from './audit.js';
import {completion} from './completion.js';
import {help} from './help.js';
import {learn} from './learn.js';
import {list} from './list.js';
import {login} from './login.js';
import {logout} from './logout.js';
import {plan} from './plan.js';
import {receipt} from './receipt.js';
import {report} from './report.js';
import {sandbox} from './sandbox.js';
import {status} from './status.js';
import {switchCommand} from './switch.js';
import {wizard} from './wizard.js';

export const commands = [
  wizard,
  status,
  list,
  switchCommand,
  plan,
  apply,
  report,
  audit,
  receipt,
  sandbox,
  learn,
  login,
  accounts,
  logout,
  help,
  completion,
];
