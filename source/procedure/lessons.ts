// Each HTTP call as a lesson (docs/onboarding.md): what it does in the procedure, in one plain sentence, and the
// vendor's Python lines that do the same — matched by the call actually made, not by the wizard's step, and numbered
// as the vendor's guide numbers its steps (test/fixtures/seed-procedure.py runs them). Where tenant-mode makes a
// different call than the guide, one line says what the guide does, what the tool does, and why.

/** A call as a lesson needs it: what was asked and what came back. */
export interface CallSeen {
  readonly method: string;
  readonly url: string;
  readonly status?: number;
}

export interface CallLesson {
  /** What this call does in the procedure. */
  readonly purpose: string;
  /** The guide's steps that do the same, as it numbers them, with their Python lines; absent when none does. */
  readonly guide?: {readonly steps: string; readonly lines: readonly string[]};
  /** Lines that are tenant-mode's, not the guide's (the guide shows no code for them), said so. */
  readonly ours?: {readonly label: string; readonly lines: readonly string[]};
  /** What the guide does, what tenant-mode does instead, and why. */
  readonly differs?: string;
}

/** The guide's Python, step by step (its numbering). Step 1 has no code: "authenticate via the Python shell". */
export const guideLines: Readonly<Record<number, readonly string[]>> = {
  2: ['>>> tenant_id = created_tenant_id', '>>> tenant_id'],
  3: [">>> response = requests.get(f'{base_url}/tenants/{tenant_id}/pricing', headers=auth)"],
  4: ['>>> response.status_code'],
  5: ['>>> tenant_pricing = response.json()', '>>> pprint.pprint(tenant_pricing)'],
  6: [">>> tenant_pricing['mode'] = 'production'"],
  7: ['>>> tenant_pricing = json.dumps(tenant_pricing, indent=4)'],
  8: [
    '>>> response = requests.put(',
    "...     f'{base_url}/tenants/{tenant_id}/pricing',",
    "...     headers={'Content-Type': 'application/json', **auth},",
    '...     data=tenant_pricing,',
    '... )',
  ],
  9: ['>>> response.status_code'],
};

const steps = (from: number, to: number) => {
  const lines: string[] = [];
  for (let step = from; step <= to; step++) lines.push(`# ${step}.`, ...(guideLines[step] ?? []));
  return lines;
};

/** tenant-mode's sign-in in the guide's style: the guide's step 1 only says to authenticate. */
export const signInLines: readonly string[] = [
  ">>> base_url = f'{data_center}/api/2'",
  ">>> response = requests.post(f'{base_url}/idp/token', auth=(client_id, client_secret),",
  "...     data={'grant_type': 'client_credentials'})",
  ">>> auth = {'Authorization': 'Bearer ' + response.json()['access_token']}",
];

const searchLines: readonly string[] = [
  ">>> response = requests.get(f'{base_url}/search', headers=auth,",
  "...     params={'tenant': my_tenant_id, 'text': name, 'limit': 50})",
  ">>> tenant_id = next(hit['id'] for hit in response.json()['items'] if hit['name'] == name)",
];

/** The path of a call below the API base (`/tenants/…/pricing`), and its query. */
function pathOf(url: string): {path: string; query: URLSearchParams} {
  try {
    const parsed = new URL(url);
    return {path: parsed.pathname.replace(/^\/api\/2(?=\/)/, ''), query: parsed.searchParams};
  } catch {
    return {path: url, query: new URLSearchParams()};
  }
}

const pricingPath = /^\/tenants\/[^/]+\/pricing$/;

/** The lesson of `call`, given the calls made before it in the session (a re-read is known by the PUT before it). */
export function lessonOf(call: CallSeen, before: readonly CallSeen[] = []): CallLesson {
  const {path, query} = pathOf(call.url);
  if (call.method === 'POST' && path === '/idp/token') {
    return {
      purpose:
        "Sign in: exchange the API client's id and secret for a bearer token, sent with every call after it.",
      ours: {
        label:
          "The guide's step 1 only says to authenticate in the Python shell; these lines are tenant-mode's:",
        lines: signInLines,
      },
    };
  }
  if (call.method === 'POST' && path === '/idp/revoke_token') {
    return {purpose: 'Sign out: revoke the token, so that it cannot be used again.'};
  }
  if (call.method === 'GET' && /^\/clients\/[^/]+$/.test(path)) {
    return {
      purpose: 'Learn which tenant the API client belongs to: searches start there, and paths end there.',
      differs:
        'The guide has this UUID already (its step 1 lists tenant_id among the variables); tenant-mode reads it from the API client, so that you need not know it.',
    };
  }
  if (call.method === 'GET' && path === '/search') {
    return {
      purpose: `Find the tenant by its name ("${query.get('text') ?? ''}"), among the tenants under yours.`,
      guide: {steps: '2', lines: guideLines[2] ?? []},
      ours: {
        label:
          'The guide\'s step 2 takes "a sub-tenant found by its name" but shows no code for the search; tenant-mode\'s:',
        lines: searchLines,
      },
    };
  }
  if (call.method === 'GET' && path === '/tenants' && query.has('subtree_root_id')) {
    return {
      purpose:
        'List every tenant under yours, the whole subtree (pages of 1,000): to find names the platform\'s search misses ("muller" for "Müller"), or to plan the 1st.',
      guide: {steps: '2', lines: guideLines[2] ?? []},
      differs:
        "Differs: the guide's step 2 starts from the tenant's UUID (or its name); tenant-mode lists the whole subtree under yours (GET /tenants?subtree_root_id=…) and compares names with accents, case and spaces folded, so that a name typed loosely is still found. Then it is the same: tenant_id is the chosen tenant's UUID.",
    };
  }
  if (call.method === 'GET' && path === '/tenants' && query.has('parent_id')) {
    return {
      purpose: 'List the tenants under one tenant, so that you can pick the customer from a list.',
      guide: {steps: '2', lines: guideLines[2] ?? []},
      differs:
        "Differs: the guide's step 2 starts from the tenant's UUID (or its name); tenant-mode lists the tenants under yours (GET /tenants?parent_id=…) so that you can choose one without knowing either. Then it is the same: tenant_id is the chosen tenant's UUID.",
    };
  }
  if (call.method === 'GET' && path === '/tenants' && query.has('uuids')) {
    return {
      purpose: 'Read several tenants at once by their UUIDs (their names and where they sit).',
      differs:
        "Not in the guide: a search answers each tenant's UUID and name only; tenant-mode reads the tenants found, so that a list shows each one's kind and where it sits, and two customers of one name can be told apart.",
    };
  }
  if (call.method === 'GET' && /^\/tenants\/[^/]+$/.test(path)) {
    return {
      purpose:
        'Read one tenant: its name, its kind (a customer can be switched; a partner or folder cannot), and its parent.',
      differs:
        'Not in the guide: its step 2 takes the UUID as it is; tenant-mode reads the tenant first, so that a partner or a folder is never taken for a customer and the confirmation can name where it sits.',
    };
  }
  if (call.method === 'GET' && pricingPath.test(path)) {
    const afterPut = [...before].reverse().find((earlier) => pathOf(earlier.url).path === path);
    if (afterPut?.method === 'PUT' && afterPut.status === 409) {
      return {
        purpose:
          'Read the pricing again after the switch was refused (409: it changed since it was read), to show what changed.',
        guide: {steps: '3', lines: guideLines[3] ?? []},
        differs:
          'Not in the guide: its step 9 stops at the status code. After a 409 tenant-mode reads the pricing again, shows what someone else changed, and asks to confirm once more with the new version; it never sends the old one again.',
      };
    }
    if (afterPut?.method === 'PUT' && (afterPut.status === undefined || afterPut.status >= 300)) {
      return {
        purpose:
          "Read the pricing again after a switch whose answer did not say what happened, to learn the tenant's real mode.",
        guide: {steps: '3', lines: guideLines[3] ?? []},
        differs:
          'Not in the guide: its step 9 stops at the status code. When the answer is lost (no status) or unclear, tenant-mode never sends the PUT again blindly — the first may have worked — it reads the pricing: production means it was switched, trial at the same version means it was not.',
      };
    }
    return {
      purpose:
        "Read the tenant's pricing: its mode (trial or production), when its trial ends by itself, and its version.",
      guide: {steps: '3–5', lines: steps(3, 5)},
    };
  }
  if (call.method === 'PUT' && pricingPath.test(path)) {
    return {
      purpose: 'Switch: set the mode to production. Not reversible: a customer is switched once.',
      guide: {steps: '6–9', lines: steps(6, 9)},
      differs:
        'Differs: the guide sends the whole pricing object back (steps 6–8); tenant-mode sends only {version, mode}: the PUT takes version, mode and currency, and the version read in step 3 makes the platform refuse (409) if someone changed the pricing since.',
    };
  }
  return {purpose: "A call of tenant-mode's own, not one of the guide's steps."};
}

/** What a status says, in a few words. */
export function statusMeaning(status: number | undefined): string {
  if (status === undefined) return 'no answer came';
  const known: Record<number, string> = {
    200: 'OK',
    201: 'created',
    204: 'done, nothing to read',
    400: 'the request was refused as malformed or not allowed',
    401: 'not signed in, or the token expired',
    403: 'not allowed for this API client',
    404: 'not found, or not visible to this API client',
    405: 'this method is not allowed here',
    409: 'conflict: the pricing changed since it was read',
    429: 'too many requests: slow down',
    500: 'the platform failed',
    502: 'a gateway before the platform failed',
    503: 'the platform is unavailable for now',
    504: 'a gateway before the platform timed out',
  };
  return known[status] ?? (status < 300 ? 'success' : status < 500 ? 'refused' : 'the platform failed');
}
