import {accessSync, constants, readFileSync, statSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {modeText, otherOwner} from './ownership.js';
import {ensurePrivateFolder} from './private-folder.js';
import {WholeFileError, wholeFileProblem as why, writeWholeFile} from './whole-file.js';

/** A plan (or results) file that cannot be read, written or trusted: the message names the file and why. */
export class PlanFileError extends Error {
  override readonly name = 'PlanFileError';
}

/** Bigger than any plan (100,000 tenants are about 25 MB): not a plan file. */
const largest = 64 * 1024 * 1024;

/** Reads a plan file's text. */
export function readPlanFile(path: string): string {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch (error) {
    throw new PlanFileError(`Cannot read the plan ${path}: ${why(error)}.`);
  }
  if (!stat.isFile()) throw new PlanFileError(`The plan ${path} is not a file.`);
  if (stat.size > largest) throw new PlanFileError(`The plan ${path} is over 64 MB: it is not a plan file.`);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new PlanFileError(`Cannot read the plan ${path}: ${why(error)}.`);
  }
}

/**
 * Why nobody else should be trusted with this file, or undefined when it is only its owner's to change: another
 * user owns it, or group or others may write it. An unattended apply (`--yes`) acts on what the file says without a
 * person reading it first, so whoever can write it could choose which tenants are switched.
 */
export function writableByOthers(path: string): string | undefined {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch {
    return undefined;
  }
  if (process.platform === 'win32') return undefined;
  const owner = otherOwner(stat);
  if (owner !== undefined) return `${path} belongs to another user (uid ${owner})`;
  if ((Number(stat.mode) & 0o022) !== 0)
    return `others can write ${path} (mode ${modeText(stat)}): chmod 600 ${path}`;
  return undefined;
}

/**
 * Writes a plan file whole or not at all: a private (0600) file beside it, flushed, then renamed over the target,
 * so that a crash never leaves half a plan and a reader never sees one.
 */
export function writePlanFile(path: string, text: string): void {
  try {
    writeWholeFile(path, text, 0o600);
  } catch (error) {
    if (error instanceof WholeFileError)
      throw new PlanFileError(`Cannot write the plan ${path}: ${error.reason}.`);
    throw error;
  }
}

/** Whether a path exists (the plan's results file: a plan that was applied is not overwritten). */
export function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where the wizard writes a plan: `plans/plan-YYYY-MM-DD.json` in the private config folder, or `-2`, `-3`… when
 * that name is taken: a plan written earlier (perhaps the one a cron line names) is never overwritten.
 */
export function wizardPlanPath(configDirectory: string, day: string): string {
  const folder = join(configDirectory, 'plans');
  try {
    ensurePrivateFolder(folder);
  } catch (error) {
    throw new PlanFileError(`Cannot write into ${folder}: ${why(error)}.`);
  }
  for (let number = 1; ; number++) {
    const path = join(folder, `plan-${day}${number === 1 ? '' : `-${number}`}.json`);
    if (!exists(path) && !exists(`${path}.results.jsonl`)) return path;
  }
}

/** Why a plan could not be written at `path` (its folder is missing or not writable), checked before the work. */
export function cannotWritePlan(path: string): string | undefined {
  const folder = dirname(path);
  try {
    if (!statSync(folder).isDirectory()) return `${folder} is not a folder`;
    accessSync(folder, constants.W_OK);
    return undefined;
  } catch (error) {
    return `${folder}: ${why(error)}`;
  }
}
