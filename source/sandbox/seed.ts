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
export function seedWorld(world: World, options: {extraCustomers?: number} = {}): SeededCredentials {
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
  for (let index = 1; index <= (options.extraCustomers ?? 0); index++) {
    under(`Customer ${String(index).padStart(5, '0')}`, {createdAt: thisMonth});
  }

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
