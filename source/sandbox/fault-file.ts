import {readFileSync, statSync} from 'node:fs';
import {fileProblem} from '../store/file-problem.js';
import type {FaultRule} from './faults.js';

/**
 * Reads a trainer's fault file for `tenant-mode sandbox --faults <file>`: a JSON array of rules, each
 * `{"method"?, "path", "status"?, "body"?, "headers"?, "delayMs"?, "drop"?: "before"|"after", "applied"?,
 * "times"?, "skip"?}`,
 * where `path` is a regular expression matched against the whole path below /api/2.
 * Throws an Error with a message that says which rule and field are wrong.
 */
export function loadFaultFile(path: string): FaultRule[] {
  let parsed: unknown;
  try {
    // A FIFO or a device would block the read for good: only a regular file is read.
    if (!statSync(path).isFile()) throw Object.assign(new Error('not a regular file'), {code: 'ENOTFILE'});
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as {code?: string}).code;
    throw new Error(
      code
        ? `cannot read the fault file ${path} (${fileProblem(error)})`
        : `the fault file ${path} is not valid JSON: ${(error as Error).message}`,
    );
  }
  if (!Array.isArray(parsed)) throw new Error(`the fault file ${path} must hold a JSON array of rules`);
  return parsed.map((rule, index) => toRule(rule, `rule ${index + 1}`));
}

function toRule(value: unknown, where: string): FaultRule {
  if (typeof value !== 'object' || value === null) throw new Error(`${where} is not an object`);
  const rule = value as Record<string, unknown>;
  const known = [
    'method',
    'path',
    'status',
    'body',
    'headers',
    'delayMs',
    'drop',
    'applied',
    'editedFirst',
    'times',
    'skip',
    'comment',
  ];
  const unknown = Object.keys(rule).filter((key) => !known.includes(key));
  if (unknown.length > 0) throw new Error(`${where} has unknown fields: ${unknown.join(', ')}`);
  if (typeof rule.path !== 'string') throw new Error(`${where} needs a "path" (a regular expression)`);
  let path: RegExp;
  try {
    path = new RegExp(`^(?:${rule.path})$`);
  } catch {
    throw new Error(`${where}: "${rule.path}" is not a regular expression`);
  }
  const whole = (name: string, min: number, max: number) => {
    const field = rule[name];
    if (field === undefined) return undefined;
    if (!Number.isInteger(field) || (field as number) < min || (field as number) > max) {
      throw new Error(`${where}: "${name}" must be a whole number from ${min} to ${max}`);
    }
    return field as number;
  };
  if (rule.method !== undefined && !['GET', 'POST', 'PUT'].includes(rule.method as string)) {
    throw new Error(`${where}: "method" must be GET, POST or PUT`);
  }
  if (rule.drop !== undefined && rule.drop !== 'before' && rule.drop !== 'after') {
    throw new Error(`${where}: "drop" must be "before" or "after"`);
  }
  if (rule.headers !== undefined) checkHeaders(rule.headers, where);
  for (const name of ['applied', 'editedFirst']) {
    if (rule[name] !== undefined && typeof rule[name] !== 'boolean') {
      throw new Error(`${where}: "${name}" must be true or false`);
    }
  }
  return {
    method: rule.method as string | undefined,
    path,
    status: whole('status', 100, 599),
    body: rule.body,
    headers: rule.headers as Record<string, string> | undefined,
    delayMs: whole('delayMs', 0, 600_000),
    drop: rule.drop as FaultRule['drop'],
    applied: rule.applied as boolean | undefined,
    editedFirst: rule.editedFirst as boolean | undefined,
    times: whole('times', 1, 1_000_000),
    skip: whole('skip', 0, 1_000_000),
  };
}

/** Headers a Node server can send: names that are HTTP tokens, string values without line breaks. */
function checkHeaders(headers: unknown, where: string): void {
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw new Error(`${where}: "headers" must be an object of header names and values`);
  }
  for (const [name, value] of Object.entries(headers)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      throw new Error(`${where}: "headers" has "${name}", which is not a header name`);
    }
    if (typeof value !== 'string' || /[\r\n\0]/.test(value)) {
      throw new Error(`${where}: the header "${name}" must be a string on one line`);
    }
  }
}
