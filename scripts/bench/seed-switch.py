"""The seed's procedure as an operator scripts it instead of using tenant-mode (`npm run bench`'s reference):
token, own tenant, search, GET pricing, PUT, with Python `requests` as the vendor's guide does. No token cache.

Usage: python3 seed-switch.py <data center URL> <client id> <client secret> <tenant name>
"""
import json
import sys

import requests

data_center, client_id, client_secret, tenant_name = sys.argv[1:5]
base_url = f'{data_center}/api/2'
session = requests.Session()
response = session.post(
    f'{base_url}/idp/token',
    headers={'Content-Type': 'application/x-www-form-urlencoded'},
    auth=(client_id, client_secret),
    data={'grant_type': 'client_credentials'},
)
auth = {'Authorization': 'Bearer ' + response.json()['access_token']}
tenant_id = session.get(f'{base_url}/clients/{client_id}', headers=auth).json()['tenant_id']
response = session.get(f'{base_url}/search', headers=auth, params={'tenant': tenant_id, 'text': tenant_name})
found = [item for item in response.json()['items'] if item['obj_type'] == 'tenant' and item['name'] == tenant_name]
tenant_id = found[0]['id']
pricing = session.get(f'{base_url}/tenants/{tenant_id}/pricing', headers=auth).json()
pricing['mode'] = 'production'
response = session.put(
    f'{base_url}/tenants/{tenant_id}/pricing',
    headers={'Content-Type': 'application/json', **auth},
    data=json.dumps(pricing, indent=4),
)
if response.status_code != 200:
    sys.exit(f'switch answered {response.status_code}')
