// The words of a lesson (tenant-mode learn, docs/onboarding.md): what each step of the wizard does and why, which
// step of the vendor's guide it is, and what it costs the customer with this tenant's own dates; what was learned
// at the end; and the session as a Python script in the guide's style.
import type {Pricing} from '../platform/index.js';
import {lessonOf} from './lessons.js';
import {readPricing, switchFacts} from './reading.js';

/** Where the lesson is: the wizard's screen, and what is known there. */
export interface LessonPlace {
  readonly step:
    | 'connect'
    | 'signedIn'
    | 'chooseTenant'
    | 'viewPricing'
    | 'confirm'
    | 'switching'
    | 'result'
    | 'plan';
  readonly tenantName?: string;
  readonly pricing?: Pricing;
  readonly now: number;
  /** The scenario a trainer staged (sandbox/scenarios.ts): what to do, and what goes wrong. */
  readonly scenario?: {readonly name: string; readonly lesson: string};
}

/** A short explanation that opens a step: what happens now and why, the guide's step, what it costs. */
export function stepIntro(place: LessonPlace): string[] {
  // What the switch costs applies to a trial only: of any other, what it is, and that there is nothing to switch.
  const costs = !place.pricing
    ? []
    : place.pricing.mode === 'trial'
      ? switchFacts(place.pricing, place.now).slice(1)
      : [`${readPricing(place.pricing, place.now)} Nothing to switch, and nothing bills differently.`];
  switch (place.step) {
    case 'connect':
      return [
        ...(place.scenario ? [`Scenario ${place.scenario.name}: ${place.scenario.lesson}`] : []),
        'Step 1, sign in (the guide’s step 1, "Authenticate to the cloud platform"). Enter chooses the lesson’s sandbox, first in the list: tenant-mode exchanges its API client’s id and secret for a bearer token.',
      ];
    case 'signedIn':
      return [
        'Step 1, signed in. The first call below exchanged the API client’s id and secret for a bearer token (POST /idp/token); every call after it carries the token. Then tenant-mode read which tenant the client belongs to: your searches start there. Nothing costs anything yet.',
      ];
    case 'chooseTenant':
      return [
        "Step 2, choose the customer (the guide's step 2: tenant_id is the UUID of a sub-tenant created via the API or found by its name). Type part of a name to search, or Enter to browse the customers under yours. Nothing is changed.",
      ];
    case 'viewPricing':
      return [
        `Step 3, read ${place.tenantName ?? 'the tenant'}'s pricing (the guide's steps 3–5): its mode, when its trial ends by itself, and its version, which the switch will carry.`,
        ...costs,
      ];
    case 'confirm':
      return [
        // What it costs is on the confirmation itself, with this tenant's dates (and in step 3's explanation).
        "Step 4, confirm (the guide's steps 6–7 prepare the change). The switch cannot be undone, so tenant-mode asks for the tenant's name first; the confirmation says what it costs this customer, with its own dates.",
      ];
    case 'switching':
    case 'result':
      return [
        "Step 5, the switch (the guide's steps 8–9): one PUT of {version, mode}. A clear answer settles it; a lost or unclear one is settled by reading the pricing again, never by sending the PUT twice.",
      ];
    case 'plan':
      return [
        'Planning the 1st (not in the guide): every trial customer under yours, and what switching each on the 1st costs against leaving its trial to end by itself; "bills a month early" marks those it costs a month more. Nothing is changed until apply: Enter writes the plan, and apply rehearses it from a second terminal.',
      ];
  }
}

/** A call as the lesson's summary counts it. */
export interface LessonCall {
  readonly method: string;
  readonly url: string;
  readonly status?: number;
}

/** What was learned: the calls made (grouped by what they are for), the billing rule, and what a lost answer does. */
export function lessonLearned(calls: readonly LessonCall[]): string[] {
  const purposes = new Map<string, number>();
  calls.forEach((call, index) => {
    const purpose = lessonOf(call, calls.slice(0, index)).purpose;
    purposes.set(purpose, (purposes.get(purpose) ?? 0) + 1);
  });
  return [
    `The calls made (${calls.length}):`,
    ...[...purposes].map(([purpose, count]) => `  ${count} × ${purpose}`),
    'The billing rule: a customer switched in the middle of a month has the whole month in the monthly usage report, so the vendor recommends the 1st; a trial ends by itself after one full month.',
    'When an answer is lost: tenant-mode never sends the switch again; it reads the pricing — production means it was switched, trial at the same version means it was not — and says which.',
  ];
}

/**
 * The lesson's switch as a Python script in the guide's style, to run again: the secret from the environment, the
 * tenant from the command line (the lesson's own by default). Uses `requests` as the guide does; where it is not
 * installed, a few lines of urllib stand in.
 */
export function pythonScript(facts: {dataCenter: string; clientId: string; tenantId: string}): string {
  return `#!/usr/bin/env python3
"""Switch a customer tenant to production: the vendor's guide, steps 1-9, as the lesson showed them.

Usage: TENANT_MODE_CLIENT_SECRET=... python3 switch.py [TENANT_UUID]
"""
import json
import os
import sys

try:
    import requests
except ImportError:  # a few lines of urllib stand in for the calls used
    import base64
    import urllib.error
    import urllib.request

    class _Response:
        def __init__(self, status, text):
            self.status_code, self.text = status, text

        def json(self):
            return json.loads(self.text)

    class requests:  # noqa: N801
        @staticmethod
        def _send(method, url, headers=None, data=None, auth=None):
            headers = dict(headers or {})
            if auth:
                headers['Authorization'] = 'Basic ' + base64.b64encode(f'{auth[0]}:{auth[1]}'.encode()).decode()
            if isinstance(data, dict):
                data = '&'.join(f'{key}={value}' for key, value in data.items())
                headers['Content-Type'] = 'application/x-www-form-urlencoded'
            body = data.encode() if isinstance(data, str) else data
            request = urllib.request.Request(url, data=body, headers=headers, method=method)
            try:
                with urllib.request.urlopen(request) as response:
                    return _Response(response.status, response.read().decode())
            except urllib.error.HTTPError as error:
                return _Response(error.code, error.read().decode())

        get = staticmethod(lambda url, **kw: requests._send('GET', url, **kw))
        post = staticmethod(lambda url, **kw: requests._send('POST', url, **kw))
        put = staticmethod(lambda url, **kw: requests._send('PUT', url, **kw))

data_center = ${JSON.stringify(facts.dataCenter.replace(/\/api\/2$/, ''))}
client_id = ${JSON.stringify(facts.clientId)}
client_secret = os.environ['TENANT_MODE_CLIENT_SECRET']  # never in the script
# The lesson's tenant by default (the one it switched, or the last one it read).
tenant_id = sys.argv[1] if len(sys.argv) > 1 else ${JSON.stringify(facts.tenantId)}

# 1. Authenticate (the guide shows no code for it: these lines are tenant-mode's).
base_url = f'{data_center}/api/2'
response = requests.post(f'{base_url}/idp/token', auth=(client_id, client_secret),
                         data={'grant_type': 'client_credentials'})
if response.status_code != 200:
    sys.exit(f'Sign-in failed: {response.status_code} (401: a wrong client id or secret).')
auth = {'Authorization': 'Bearer ' + response.json()['access_token']}

# 3.-5. Fetch the pricing, check the status code, read it.
response = requests.get(f'{base_url}/tenants/{tenant_id}/pricing', headers=auth)
print('GET pricing:', response.status_code)
if response.status_code != 200:
    sys.exit(f'The pricing could not be read: {response.status_code} (404: no such tenant under yours).')
tenant_pricing = response.json()
if tenant_pricing.get('mode') != 'trial':
    sys.exit(f"Not in trial (mode {tenant_pricing.get('mode')!r}): nothing to switch.")

# 6.-8. Switch: tenant-mode sends {version, mode}; the version makes the platform refuse (409) a changed pricing.
response = requests.put(
    f'{base_url}/tenants/{tenant_id}/pricing',
    headers={'Content-Type': 'application/json', **auth},
    data=json.dumps({'version': tenant_pricing['version'], 'mode': 'production'}),
)

# 9. Check the status code. Without an answer, read the pricing again: never send the PUT twice.
print('PUT pricing:', response.status_code)
print(json.dumps(response.json(), indent=4))
sys.exit(0 if response.status_code == 200 else 1)
`;
}
