// jsonc-parser's package "main" is a UMD build that loads its parts with a dynamic require, which a bundle cannot
// follow: its ES module build is taken by path.
import {createHash} from 'node:crypto';
import {type Node, type ParseError, parseTree, printParseErrorCode} from 'jsonc-parser/lib/esm/main.js';
import {isUuid} from '../text/index.js';

// The plan file: one JSON document that `plan` (or the wizard) writes and `apply` reads on the day. People review
// and edit it, so it is written one tenant per line (delete a line to leave a tenant out), and it is read strictly:
// a file that does not parse, or that has a field this version does not know, is refused with its line — an
// apply never guesses what a hand edit meant.

export const planKind = 'tenant-mode/plan';
export const planFormatVersion = 1;

/** One customer the plan switches, as it was read when the plan was made. */
export interface PlannedTenant {
  readonly id: string;
  readonly name: string;
  /** Names from the operator's tenant down to the customer's parent. */
  readonly path: readonly string[];
  /** The pricing `version` read: the PUT carries it, so that a tenant changed since is refused (409), not switched. */
  readonly pricing_version: number;
  readonly mode: 'trial';
  /** When its trial ends by itself (the platform's `production_start_date`), or null when it gives none. */
  readonly auto_switch_date: string | null;
}

export interface Plan {
  readonly kind: typeof planKind;
  readonly version: typeof planFormatVersion;
  /** The data center's API base, `https://host/api/2`: apply refuses another. */
  readonly data_center: string;
  /** The operator's own tenant (the API client's): apply refuses a plan of another account. */
  readonly operator_tenant: {readonly id: string; readonly name: string};
  /** The day (UTC) to apply it: YYYY-MM-DD. */
  readonly planned_date: string;
  readonly made_at: string;
  readonly tenants: readonly PlannedTenant[];
}

const planFields = [
  'kind',
  'version',
  'data_center',
  'operator_tenant',
  'planned_date',
  'made_at',
  'tenants',
];
const operatorFields = ['id', 'name'];
const tenantFields = ['id', 'name', 'path', 'pricing_version', 'mode', 'auto_switch_date'];

/** The file's text: the header fields one per line, then one tenant per line. */
export function planText(plan: Plan): string {
  const {tenants, ...header} = plan;
  const head = Object.entries(header).map(
    ([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`,
  );
  const rows = tenants.map((tenant) => `    ${JSON.stringify(tenant)}`);
  const list = rows.length === 0 ? '"tenants": []' : `"tenants": [\n${rows.join(',\n')}\n  ]`;
  return `{\n${head.join(',\n')},\n  ${list}\n}\n`;
}

/** The SHA-256 of the plan file's bytes: each audit line of its apply names it. */
export function planDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A plan file that cannot be used: the message names the line and what is wrong there. */
export class PlanFormatError extends Error {
  override readonly name = 'PlanFormatError';
}

/** A YYYY-MM-DD day that exists. */
export function isDay(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

/** Reads a plan file's text, checking every field; throws PlanFormatError with the line of the first problem. */
export function parsePlan(text: string, fileName: string): Plan {
  const at = (offset: number) => `${fileName} line ${lineOf(text, offset)}`;
  if (text.trim() === '') throw new PlanFormatError(`${fileName}: the file is empty, not a plan.`);
  // A byte-order mark, as some editors write, is not part of the JSON.
  const json = text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text;
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(json, errors, {disallowComments: true, allowTrailingComma: false});
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new PlanFormatError(`${fileName}: nested too deeply to be a plan.`);
  }
  const [first] = errors;
  if (first) {
    const what = parseProblems[printParseErrorCode(first.error)] ?? printParseErrorCode(first.error);
    throw new PlanFormatError(
      `${at(first.offset)}: ${what} (the plan file is JSON: fix it, or make the plan again).`,
    );
  }
  if (root?.type !== 'object') {
    throw new PlanFormatError(`${fileName}: not a tenant-mode plan (a plan is one JSON object).`);
  }
  const plan = fields(root, planFields, 'the plan', at);
  const kind = plan.get('kind');
  if (kind?.value !== planKind) {
    throw new PlanFormatError(`${fileName}: not a tenant-mode plan ("kind" must be "${planKind}").`);
  }
  const version = required(plan, 'version', root, at);
  if (version.value !== planFormatVersion) {
    throw new PlanFormatError(
      `${at(version.offset)}: plan format version ${JSON.stringify(version.value)} is not one this tenant-mode reads (it reads ${planFormatVersion}); use the tenant-mode that made it, or make the plan again.`,
    );
  }
  const dataCenter = text1(required(plan, 'data_center', root, at), 'data_center', at);
  if (!URL.canParse(dataCenter))
    throw new PlanFormatError(`${at(plan.get('data_center')?.offset ?? 0)}: "data_center" is not a URL.`);
  const operatorNode = required(plan, 'operator_tenant', root, at);
  if (operatorNode.type !== 'object') {
    throw new PlanFormatError(
      `${at(operatorNode.offset)}: "operator_tenant" must be an object with id and name.`,
    );
  }
  const operator = fields(operatorNode, operatorFields, '"operator_tenant"', at);
  const operatorId = uuid(required(operator, 'id', operatorNode, at), 'operator_tenant.id', at);
  const operatorName = text1(required(operator, 'name', operatorNode, at), 'operator_tenant.name', at);
  const dayNode = required(plan, 'planned_date', root, at);
  const plannedDate = text1(dayNode, 'planned_date', at);
  if (!isDay(plannedDate)) {
    throw new PlanFormatError(
      `${at(dayNode.offset)}: "planned_date" must be a day as YYYY-MM-DD (got ${JSON.stringify(plannedDate)}).`,
    );
  }
  const madeAt = text1(required(plan, 'made_at', root, at), 'made_at', at);
  const list = required(plan, 'tenants', root, at);
  if (list.type !== 'array') throw new PlanFormatError(`${at(list.offset)}: "tenants" must be a list.`);
  const seen = new Set<string>();
  const tenants = (list.children ?? []).map((node, index): PlannedTenant => {
    const which = `tenant ${index + 1}`;
    if (node.type !== 'object') throw new PlanFormatError(`${at(node.offset)}: ${which} is not an object.`);
    const tenant = fields(node, tenantFields, which, at);
    const id = uuid(required(tenant, 'id', node, at), `${which}'s id`, at);
    if (seen.has(id)) throw new PlanFormatError(`${at(node.offset)}: ${which} (${id}) is in the plan twice.`);
    seen.add(id);
    const pathNode = required(tenant, 'path', node, at);
    const path = pathNode.type === 'array' ? (pathNode.children ?? []).map((part) => part.value) : undefined;
    if (!path || path.some((part) => typeof part !== 'string')) {
      throw new PlanFormatError(`${at(pathNode.offset)}: ${which}'s "path" must be a list of names.`);
    }
    const versionNode = required(tenant, 'pricing_version', node, at);
    if (!Number.isSafeInteger(versionNode.value)) {
      throw new PlanFormatError(
        `${at(versionNode.offset)}: ${which}'s "pricing_version" must be a whole number.`,
      );
    }
    const modeNode = required(tenant, 'mode', node, at);
    if (modeNode.value !== 'trial') {
      throw new PlanFormatError(
        `${at(modeNode.offset)}: ${which}'s "mode" must be "trial": a plan switches trial customers only.`,
      );
    }
    const dateNode = required(tenant, 'auto_switch_date', node, at);
    if (dateNode.value !== null && typeof dateNode.value !== 'string') {
      throw new PlanFormatError(
        `${at(dateNode.offset)}: ${which}'s "auto_switch_date" must be a date or null.`,
      );
    }
    return {
      id,
      name: text1(required(tenant, 'name', node, at), `${which}'s name`, at),
      path: path as string[],
      pricing_version: versionNode.value as number,
      mode: 'trial',
      auto_switch_date: dateNode.value as string | null,
    };
  });
  return {
    kind: planKind,
    version: planFormatVersion,
    data_center: dataCenter,
    operator_tenant: {id: operatorId, name: operatorName},
    planned_date: plannedDate,
    made_at: madeAt,
    tenants,
  };
}

const parseProblems: Record<string, string> = {
  InvalidSymbol: 'a character that JSON does not allow here',
  InvalidNumberFormat: 'a number JSON does not allow',
  PropertyNameExpected: 'a field name (in double quotes) was expected — a comma too many before "}"?',
  ValueExpected: 'a value was expected — a comma too many before "]" or "}"?',
  ColonExpected: 'a ":" was expected after a field name',
  CommaExpected: 'a comma was expected between two entries',
  CloseBraceExpected: 'a "}" was expected',
  CloseBracketExpected: 'a "]" was expected',
  EndOfFileExpected: 'text after the end of the plan',
  InvalidCommentToken: 'comments are not allowed in a plan file',
  UnexpectedEndOfComment: 'comments are not allowed in a plan file',
  UnexpectedEndOfString: 'a text that does not end (a missing ")',
  UnexpectedEndOfNumber: 'a number that does not end',
  InvalidUnicode: 'an invalid \\u escape',
  InvalidEscapeCharacter: 'an invalid escape (\\) in a text',
  InvalidCharacter: 'a character that JSON does not allow in a text',
};

type At = (offset: number) => string;

/** The object's fields by name; a field this version does not know, or one given twice, is refused with its line. */
function fields(node: Node, known: readonly string[], what: string, at: At): Map<string, Node> {
  const found = new Map<string, Node>();
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    const name = String(key?.value);
    if (!known.includes(name)) {
      throw new PlanFormatError(
        `${at(property.offset)}: unknown field ${JSON.stringify(name)} in ${what} (its fields are ${known.join(', ')}).`,
      );
    }
    if (found.has(name))
      throw new PlanFormatError(`${at(property.offset)}: ${JSON.stringify(name)} is given twice in ${what}.`);
    if (value) found.set(name, value);
  }
  return found;
}

function required(found: Map<string, Node>, name: string, parent: Node, at: At): Node {
  const node = found.get(name);
  if (!node) throw new PlanFormatError(`${at(parent.offset)}: ${JSON.stringify(name)} is missing.`);
  return node;
}

function text1(node: Node, what: string, at: At): string {
  if (typeof node.value !== 'string' || node.value === '') {
    throw new PlanFormatError(`${at(node.offset)}: ${what} must be a text that is not empty.`);
  }
  return node.value;
}

function uuid(node: Node, what: string, at: At): string {
  const value = text1(node, what, at);
  if (!isUuid(value.toLowerCase()))
    throw new PlanFormatError(`${at(node.offset)}: ${what} is not a UUID (${JSON.stringify(value)}).`);
  return value.toLowerCase();
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1))
    line++;
  return line;
}
