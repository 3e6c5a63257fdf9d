import {addMonths, platformTime, startOfMonth} from './dates.js';
import {seededUuid} from './ids.js';
import type {World} from './world.js';

/** What the seeded sandbox hands out: the demo API client, its tenant, and a read-only second client. */
export interface SeededCredentials {
  clientId: string;
  clientSecret: string;
  tenantId: string;
  viewerClientId: string;
  viewerClientSecret: string;
}

// Fixed so that the demo is the same on every machine; these are not secrets of any real system.
export const demoClientSecret = 'sandbox-demo-secret-0000';
const viewerClientSecret = 'sandbox-viewer-secret-0000';
const day = 24 * 60 * 60_000;

/**
 * The demo world: a partner owning the demo API client, and below it customers in every situation the wizard
 * must handle. Trial dates are relative to the sandbox's clock, so the demo always has "this month" cases.
 */
export function seedWorld(
  world: World,
  options: {extraCustomers?: number; trialsWithinDays?: number} = {},
): SeededCredentials {
  const now = world.now();
  const thisMonth = Math.max(startOfMonth(now), now - 3 * day);
  const aMonthAgo = addMonths(now, -1);

  const root = world.addTenant({name: 'Cloud Root', kind: 'root', createdAt: Date.UTC(2019, 0, 1)});
  const partner = world.addTenant({
    name: 'Northwind Partners',
    kind: 'partner',
    parentId: root.id,
    createdAt: Date.UTC(2021, 2, 15),
  });
  const under = (name: string, extra: Partial<Parameters<World['addTenant']>[0]> = {}) =>
    world.addTenant({name, kind: 'customer', parentId: partner.id, ...extra});

  under('Acme Corp', {
    createdAt: thisMonth,
    contactName: 'Wile Coyote',
    email: 'wile@acme.example',
    customerId: 'ACME-001',
  });
  // Started about a month ago: switches by itself in three days.
  under('Globex', {createdAt: aMonthAgo + 3 * day, contactName: 'Hank Scorpio'});
  // Its month of trial is over: it reads as production although nobody switched it.
  under('Stark Industries', {createdAt: aMonthAgo - 2 * day});
  under('Initech', {
    mode: 'production',
    createdAt: Date.UTC(2024, 4, 2),
    switchedAt: Date.UTC(2024, 5, 1),
    currency: 'USD',
  });
  under('Umbrella Health', {
    mode: 'suspended',
    createdAt: Date.UTC(2023, 8, 9),
    switchedAt: Date.UTC(2023, 9, 1),
    currency: 'EUR',
  });
  under('Müller Bäckerei GmbH', {createdAt: thisMonth, currency: 'EUR'});
  under('Šťastný Dvůr s.r.o.', {
    mode: 'production',
    createdAt: Date.UTC(2025, 1, 3),
    switchedAt: Date.UTC(2025, 2, 1),
  });
  // Two customers named alike, told apart by their path and UUID.
  under('Contoso', {key: 'Contoso (direct)', createdAt: thisMonth});
  const folder = world.addTenant({
    name: 'Retail',
    kind: 'folder',
    parentId: partner.id,
    createdAt: Date.UTC(2022, 6, 1),
  });
  world.addTenant({
    name: 'Contoso',
    key: 'Contoso (Retail)',
    kind: 'customer',
    parentId: folder.id,
    createdAt: thisMonth,
  });
  world.addTenant({
    name: 'Fabrikam Stores',
    kind: 'customer',
    parentId: folder.id,
    createdAt: aMonthAgo + 10 * day,
  });
  const wayne = under('Wayne Enterprises', {createdAt: thisMonth});
  world.addTenant({name: 'Wayne R&D', kind: 'unit', parentId: wayne.id, createdAt: thisMonth});
  seedExtraCustomers(world, partner.id, options.extraCustomers ?? 0, now, options.trialsWithinDays ?? 60);

  // Outside the demo client's subtree: reading it answers 403.
  const other = world.addTenant({
    name: 'Other Partner Ltd',
    kind: 'partner',
    parentId: root.id,
    createdAt: Date.UTC(2021, 0, 1),
  });
  world.addTenant({name: 'Hooli', kind: 'customer', parentId: other.id, createdAt: thisMonth});

  world.users.push({
    id: seededUuid('user:wile'),
    tenant_id: seededUuid('Acme Corp'),
    login: 'acme-admin',
    first_name: 'Wile',
    last_name: 'Coyote',
    email: 'wile@acme.example.com',
    created_at: platformTime(thisMonth),
  });

  const clientId = seededUuid('client:demo');
  const viewerClientId = seededUuid('client:viewer');
  const createdAt = platformTime(Date.UTC(2021, 2, 15));
  world.clients.set(clientId, {
    client_id: clientId,
    secret: demoClientSecret,
    tenant_id: partner.id,
    name: 'tenant-mode demo',
    role: 'admin',
    created_at: createdAt,
  });
  world.clients.set(viewerClientId, {
    client_id: viewerClientId,
    secret: viewerClientSecret,
    tenant_id: partner.id,
    name: 'tenant-mode read-only demo',
    role: 'viewer',
    created_at: createdAt,
  });
  return {clientId, clientSecret: demoClientSecret, tenantId: partner.id, viewerClientId, viewerClientSecret};
}

/**
 * `--tenants N`: a partner's realistic mix, the same on every run. Every third customer (3, 6, 9, …) is in
 * production since the 1st of a past month; the others are in trial and switch by themselves on a day spread over
 * the next two months (`within` days; a lesson's sandbox spreads them over four). Every fourth customer is in one of ten folders (`Region 01` … `Region 10`).
 * [assumed] The seed says a trial ends after one full month; trials that end later than a month from today are
 * extended ones (a partner can ask for that), so their end date is set, not derived from their creation.
 */
function seedExtraCustomers(
  world: World,
  partnerId: string,
  count: number,
  now: number,
  within: number,
): void {
  const folders: string[] = [];
  const folderFor = (index: number): string => {
    const number = (Math.floor(index / 4) % 10) + 1;
    let id = folders[number];
    if (!id) {
      id = world.addTenant({
        name: `Region ${String(number).padStart(2, '0')}`,
        kind: 'folder',
        parentId: partnerId,
        createdAt: Date.UTC(2022, 0, number),
      }).id;
      folders[number] = id;
    }
    return id;
  };
  for (let index = 1; index <= count; index++) {
    const name = `Customer ${String(index).padStart(5, '0')}`;
    const parentId = index % 4 === 0 ? folderFor(index) : partnerId;
    if (index % 3 === 0) {
      const switchedAt = startOfMonth(addMonths(now, -1 - (index % 12)));
      world.addTenant({
        name,
        kind: 'customer',
        parentId,
        mode: 'production',
        switchedAt,
        createdAt: switchedAt - 20 * day,
      });
      continue;
    }
    // Days from 1 to `within`, spread (7 and 60 or 120 share no factor), at a time of day that varies too.
    const trialEndsAt = now + (1 + ((index * 7) % within)) * day + (index % 24) * 3_600_000;
    const createdAt = Math.min(addMonths(trialEndsAt, -1), now - day);
    world.addTenant({name, kind: 'customer', parentId, createdAt, trialEndsAt});
  }
}
