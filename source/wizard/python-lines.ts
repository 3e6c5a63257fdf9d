// The lines of the vendor's Python procedure (the vendor's guide, test/fixtures/seed-procedure.py) that do what each
// wizard step does, shown in the HTTP panel for guided onboarding sessions; and, where tenant-mode does it
// differently, why.
export const pythonLines: Record<number, readonly string[]> = {
  1: [
    ">>> response = requests.post(f'{base_url}/idp/token', auth=(client_id, client_secret),",
    "...     data={'grant_type': 'client_credentials'})",
    ">>> auth = {'Authorization': 'Bearer ' + response.json()['access_token']}",
  ],
  2: [
    ">>> response = requests.get(f'{base_url}/search', headers=auth,",
    "...     params={'tenant': tenant_id, 'text': name})",
    '>>> tenant_id = created_tenant_id  # the UUID of the chosen tenant',
  ],
  3: [
    ">>> response = requests.get(f'{base_url}/tenants/{tenant_id}/pricing', headers=auth)",
    '>>> response.status_code',
    '>>> tenant_pricing = response.json()',
  ],
  4: [
    ">>> tenant_pricing['mode'] = 'production'",
    '>>> tenant_pricing = json.dumps(tenant_pricing, indent=4)',
  ],
  5: [
    '>>> response = requests.put(',
    "...     f'{base_url}/tenants/{tenant_id}/pricing',",
    "...     headers={'Content-Type': 'application/json', **auth},",
    '...     data=tenant_pricing,',
    '... )',
    '>>> response.status_code',
  ],
};

/** Where the step's request differs from the vendor's lines, and why. */
const sentLess =
  'The procedure PUTs the whole pricing object back; tenant-mode sends only {version, mode}: the PUT schema takes version, mode and currency (no dates), and the currency is left as it is.';
export const differences: Record<number, string> = {4: sentLess, 5: sentLess};

/** Step 2's plan has no lines in the vendor's procedure: what it reads instead. */
export const planningNote =
  "Planning the 1st is not in the vendor's procedure: tenant-mode lists your subtree (GET /tenants?subtree_root_id=, pages of 1,000) and reads each trial customer's pricing (GET /tenants/{id}/pricing). Nothing is changed until apply.";
