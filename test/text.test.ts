// The ground floor (source/text/): dates the platform sends, read strictly; and the words of a shape error.
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {checkTenantPage} from '../source/platform/shapes.js';
import {AuditLog} from '../source/store/index.js';
import {dateAsSent, isDataCenterUrl, parsePlatformDate} from '../source/text/index.js';

describe('a date the platform sent', () => {
  it.each([
    ['2026-12-01T00:00:00', '2026-12-01T00:00:00.000Z'],
    ['2026-12-01T09:30:00Z', '2026-12-01T09:30:00.000Z'],
    ['2026-12-01T09:30:00+01:00', '2026-12-01T08:30:00.000Z'],
    ['2026-12-01T09:30:00+0000', '2026-12-01T09:30:00.000Z'],
    ['2028-02-29', '2028-02-29T00:00:00.000Z'],
  ])('%s is %s', (text, iso) => {
    expect(new Date(parsePlatformDate(text)).toISOString()).toBe(iso);
  });

  it.each(['2026-02-30T00:00:00', '2027-02-29', '2026-13-45T00:00:00', '2026-04-31', 'tomorrow', ''])(
    '%j is no date, never a day rolled over',
    (text) => {
      expect(parsePlatformDate(text)).toBeNaN();
      expect(dateAsSent(text)).toBe(`"${text}" (as the platform wrote it)`);
    },
  );
});

describe('an answer of an unexpected shape', () => {
  it('names the item, without a stray dot', () => {
    const request = {method: 'GET', path: '/tenants'};
    expect(() => checkTenantPage({items: [null]}, request)).toThrow(
      'The platform answered in an unexpected shape: items[0] is null, not an object.',
    );
  });
});

describe('a data center as the audit log records it', () => {
  it.each([
    ['https://eu2-cloud.acronis.com/api/2', true],
    ['http://127.0.0.1:8080/api/2', true],
    ['http://[::1]:8080/api/2', true],
    ['http://eu2-cloud.acronis.com/api/2', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['not a url', false],
  ])('%s: %s', (text, accepted) => {
    expect(isDataCenterUrl(text)).toBe(accepted);
  });

  it('a line whose data center is none is skipped and counted, never shown', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tenant-mode-audit-'));
    const line = {
      kind: 'cancelled',
      time: '2026-12-01T00:05:00.000Z',
      via: 'command',
      data_center: 'javascript:alert(1)',
      client_id: 'c',
      tenant_id: '6d7c3f5e-1b2a-4c3d-8e9f-0a1b2c3d4e5f',
      tenant_name: 'Acme Corp',
      pricing_before: {mode: 'trial', version: 1},
      request: {version: 1, mode: 'production'},
      status: null,
      pricing_after: null,
      outcome: 'cancelled-by-operator',
    };
    writeFileSync(
      join(folder, 'audit.log'),
      `${JSON.stringify(line)}\n${JSON.stringify({...line, data_center: 'https://eu2-cloud.acronis.com/api/2'})}\n`,
      {mode: 0o600},
    );
    const read = await new AuditLog(folder).read();
    expect(read.entries.map((entry) => entry.data_center)).toEqual(['https://eu2-cloud.acronis.com/api/2']);
  });
});
