// Test-only misbehaviour: tests (and, later, a trainer's `--faults` file) make the sandbox answer as a broken
// network, proxy or platform would. Nothing here runs unless a rule was added.

export interface FaultRule {
  /** Only this method (default: any). */
  method?: string;
  /** Matches the path below `/api/2`, e.g. `/tenants/…/pricing`; a string must match exactly. */
  path: string | RegExp;
  /** Wait this long before handling (a slow platform). */
  delayMs?: number;
  /** Answer with this status instead of handling the request (with `applied`: after handling it). */
  status?: number;
  /**
   * Handle the request first (the change is made), then answer with `status` and `body` instead of the real
   * answer: a proxy's or gateway's answer to a request the platform did carry out.
   */
  applied?: boolean;
  /** The body to answer with: an object is sent as JSON, a string as it is (an HTML page, say). */
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * Drop the connection: `before` handling (nothing happened), or `after` handling (the change was made, but the
   * answer never arrives: the outcome is unknown to the client).
   */
  drop?: 'before' | 'after';
  /**
   * Someone else edits the tenant's pricing first (its currency, so its version moves on), then the request is
   * handled as usual: a switch carrying the version read before meets the platform's own 409.
   */
  editedFirst?: boolean;
  /** How many requests this rule applies to (default: all). */
  times?: number;
  /** Let this many matching requests through untouched first (e.g. the read before the switch). */
  skip?: number;
}

export class Faults {
  #rules: FaultRule[] = [];

  add(rule: FaultRule): void {
    this.#rules.push({...rule});
  }

  clear(): void {
    this.#rules = [];
  }

  /** The first rule for this request, counting it as used. */
  take(method: string, path: string): FaultRule | undefined {
    const index = this.#rules.findIndex(
      (rule) =>
        (!rule.method || rule.method === method) &&
        (typeof rule.path === 'string' ? rule.path === path : rule.path.test(path)),
    );
    const rule = this.#rules[index];
    if (!rule) return undefined;
    if (rule.skip) {
      rule.skip -= 1;
      return undefined;
    }
    if (rule.times !== undefined && --rule.times <= 0) this.#rules.splice(index, 1);
    return rule;
  }
}
