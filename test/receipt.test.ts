import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {hostname, userInfo} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {loginMarkedSandbox, newConfigDirectory, runInProcess, sandboxCli} from './helpers/cli.js';
import {sandboxPerFile, tenantId} from './helpers/sandbox.js';
import {cliSchemaErrors} from './helpers/schemas.js';

// Receipts (docs/audit-log.md): one switch attempt as a document for a ticket, from the audit log alone.

const sandbox = sandboxPerFile();
const put = {method: 'PUT', path: /\/pricing$/};

/** `tenant-mode …` for the commands that read only local files (receipt, audit), in this config folder. */
function localCli(config: string) {
  return (args: string[]) =>
    runInProcess(args, {TENANT_MODE_CONFIG_DIR: config}, {clock: sandbox.current.clock});
}

/** Every file the config folder holds, read: the receipts and the log must hold no secret. */
function everyText(folder: string): string {
  return readdirSync(folder)
    .filter(
      (name) =>
        name.endsWith('.log') || name.endsWith('.md') || name.endsWith('.html') || name.endsWith('.json'),
    )
    .map((name) => readFileSync(join(folder, name), 'utf8'))
    .join('\n');
}

function secretsOf(): string[] {
  return [sandbox.current.clientSecret, ...sandbox.current.world.tokens.keys()];
}

describe('tenant-mode receipt', () => {
  it('a switched, a refused and an unknown attempt: each format has every field, and no secret or token', async () => {
    const config = newConfigDirectory();
    const cli = sandboxCli(sandbox.current, config);
    const local = localCli(config);
    expect((await cli(['switch', 'Acme Corp', '--yes'])).code).toBe(0);
    sandbox.current.faults.add({
      ...put,
      status: 403,
      body: {error: {code: 'forbidden', message: 'Not allowed for this client.'}},
      times: 1,
    });
    expect((await cli(['switch', 'Globex', '--yes'])).code).toBe(1);
    sandbox.current.faults.add({...put, drop: 'before' as const, times: 1});
    expect((await cli(['switch', 'Müller Bäckerei GmbH', '--yes'])).code).toBe(5);
    sandbox.current.faults.clear();

    const cases = [
      [
        'Acme Corp',
        'switched',
        'Acme Corp was switched to production',
        'Answered: the platform answered status 200',
      ],
      ['Globex', 'failed', 'Globex was NOT switched', 'Not switched: the platform refused (status 403)'],
      ['Müller Bäckerei GmbH', 'unknown', 'Outcome UNKNOWN', 'UNKNOWN: neither the answer'],
    ] as const;
    const receipts: string[] = [];
    for (const [name, outcome, headline, established] of cases) {
      const json = await local(['receipt', name, '--format', 'json']);
      expect(json.code).toBe(0);
      const receipt = JSON.parse(json.stdout);
      expect(cliSchemaErrors('receipt', receipt)).toEqual([]);
      expect(receipt).toMatchObject({
        rehearsal: false,
        tenant: {name, id: tenantId(sandbox.current, name), path: ['Northwind Partners']},
        data_center: `${sandbox.current.url}/api/2`,
        account: {client_id: sandbox.current.clientId, partner_tenant: 'Northwind Partners'},
        ran_by: {os_user: userInfo().username, host: hostname()},
        request: {method: 'PUT', path: `/api/2/tenants/${tenantId(sandbox.current, name)}/pricing`},
        answer: {outcome},
        via: 'command',
      });
      expect(receipt.answer.established).toContain(established);
      expect(receipt.request.body).toMatchObject({mode: 'production'});
      expect(receipt.billing).toMatch(/not the 1st|is the 1st|switches by itself/);
      expect(receipt.time.utc).toBe('2026-11-26T09:00:00.000Z');
      expect(receipt.audit_lines.attempt.sha256).toMatch(/^[0-9a-f]{64}$/);
      const markdown = (await local(['receipt', name])).stdout;
      expect(markdown).toContain(`# Switch receipt: ${headline}`);
      for (const field of [
        name,
        receipt.tenant.id,
        'Northwind Partners',
        sandbox.current.clientId,
        `${userInfo().username} on ${hostname()}`,
        receipt.time.local,
        `PUT /api/2/tenants/${receipt.tenant.id}/pricing`,
        receipt.billing,
        receipt.attempt_id,
        `sha256:${receipt.audit_lines.attempt.sha256}`,
      ]) {
        expect(markdown).toContain(field);
      }
      const html = (await local(['receipt', receipt.attempt_id, '--format', 'html'])).stdout;
      expect(html).toContain(headline);
      expect(html).toContain(`sha256:${receipt.audit_lines.attempt.sha256}`);
      expect(html).not.toMatch(/<(script|link|img)\b|url\(|https?:\/\/(?!127\.0\.0\.1)/);
      receipts.push(json.stdout, markdown, html);
    }
    // The unknown one quotes its outcome line too: its outcome line was written ("unknown" is an outcome).
    const unknown = JSON.parse(receipts[6] as string);
    expect(unknown.audit_lines.outcome.sha256).toMatch(/^[0-9a-f]{64}$/);
    const all = receipts.join('\n') + everyText(config);
    for (const secret of secretsOf()) expect(all).not.toContain(secret);
  });

  it('--out writes the format its name says; the receipt then checks out against the log, and not once edited', async () => {
    const config = newConfigDirectory();
    const cli = sandboxCli(sandbox.current, config);
    const local = localCli(config);
    const file = join(config, '..', 'wayne.html');
    const written = await local([
      'receipt',
      tenantId(sandbox.current, 'Wayne Enterprises') ?? '',
      '--out',
      file,
    ]);
    expect(written.code).toBe(2);
    expect(written.stderr).toContain('No switch was sent from this computer');
    const wayne = await cli(['switch', 'Wayne Enterprises', '--yes']);
    expect(wayne.code).toBe(0);
    const out = await local(['receipt', 'Wayne Enterprises', '--out', file]);
    expect(out.code).toBe(0);
    expect(out.stderr).toContain(`written to ${file}`);
    expect(readFileSync(file, 'utf8')).toMatch(/^<!doctype html>/);
    const check = await local(['audit', '--verify', '--receipt', file]);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('matches the audit log');
    // The JSON receipt checks out too.
    const json = join(config, '..', 'wayne.json');
    expect((await local(['receipt', 'Wayne Enterprises', '--out', json])).code).toBe(0);
    const jsonCheck = await local(['audit', '--verify', '--receipt', json]);
    expect(jsonCheck.stdout).toContain(`${json} matches the audit log`);
    expect(jsonCheck.code).toBe(0);
    // A receipt edited by hand quotes the right lines but says something else: it does not match.
    const edited = join(config, '..', 'edited.md');
    const markdown = (await local(['receipt', 'Wayne Enterprises'])).stdout;
    writeFileSync(edited, markdown.replace('| Status | 200 |', '| Status | 500 |'));
    const forged = await local(['audit', '--verify', '--receipt', edited]);
    expect(forged.code).toBe(6);
    expect(forged.stdout).toMatch(
      /edited\.md does not say what the log recorded: its line \d+ is not what the log recorded/,
    );
    const forgedJson = join(config, '..', 'edited.json');
    writeFileSync(forgedJson, readFileSync(json, 'utf8').replace('"Wayne Enterprises"', '"Evil Corp"'));
    expect((await local(['audit', '--verify', '--receipt', forgedJson])).stdout).toContain(
      'its "tenant" is not what the log recorded',
    );
    // A line edited before the receipt's: its lines are found, after the break, and not vouched for.
    const log = join(config, 'audit.log');
    const original = readFileSync(log, 'utf8');
    const lines = original.split('\n');
    lines[0] = (lines[0] as string).replace('"via":"command"', '"via":"wizard"');
    writeFileSync(log, lines.join('\n'));
    const broken = await local(['audit', '--verify', '--receipt', file]);
    expect(broken.code).toBe(6);
    expect(broken.stdout).toMatch(/is line \d+, after the break: it cannot be vouched for/);
    writeFileSync(log, original);
    // The log's attempt line edited afterwards (the outcome written over): the receipt no longer matches.
    const text = readFileSync(log, 'utf8').replace(/"outcome":"switched"/g, '"outcome":"failed"');
    writeFileSync(log, text);
    const after = await local(['audit', '--verify', '--receipt', file]);
    expect(after.code).toBe(6);
    expect(after.stdout).toContain('is not in the log');
  });

  it('namesakes are not guessed: the receipt asks for the UUID; a wrong format is refused', async () => {
    const config = newConfigDirectory();
    const cli = sandboxCli(sandbox.current, config);
    const local = localCli(config);
    const ids = [...sandbox.current.world.tenants.values()]
      .filter((tenant) => tenant.name === 'Contoso')
      .map((tenant) => tenant.id);
    expect(ids).toHaveLength(2);
    for (const id of ids) expect((await cli(['switch', id, '--yes'])).code).toBe(0);
    const asked = await local(['receipt', 'contoso']);
    expect(asked.code).toBe(2);
    expect(asked.stderr).toContain('Several tenants called "contoso"');
    for (const id of ids) expect(asked.stderr).toContain(id);
    // Where each sits tells them apart.
    expect(asked.stderr).toContain('Northwind Partners / Retail / Contoso');
    expect((await local(['receipt', 'Contoso', '--format', 'pdf'])).stderr).toContain(
      '--format is md, html or json',
    );
    expect((await local(['receipt', 'Contoso', '--out', 'receipt.txt'])).stderr).toContain('Which format is');
  });

  it('a rehearsal (an account marked as a sandbox) is only under audit --rehearsals, and its receipt says so', async () => {
    const config = newConfigDirectory();
    const options = {clock: sandbox.current.clock};
    // A switch sent with --url and --client-id to the same (loopback) sandbox, before it is marked: a real switch.
    // What makes a rehearsal is the mark, not the address.
    const real = sandboxCli(sandbox.current, config);
    expect((await real(['switch', 'Fabrikam Stores', '--yes'])).code).toBe(0);
    const login = await loginMarkedSandbox(sandbox.current, config, 'practice');
    expect(login.code).toBe(0);
    expect(login.stdout).toContain('Marked as a sandbox');
    const accounts = await runInProcess(['accounts'], {TENANT_MODE_CONFIG_DIR: config}, options);
    expect(accounts.stdout).toContain('practice  (the default)  (a sandbox: switches are rehearsals)');
    const bare = {TENANT_MODE_CONFIG_DIR: config};
    expect(
      (await runInProcess(['switch', 'Globex', '--yes', '--account', 'practice'], bare, options)).code,
    ).toBe(0);

    const audit = await runInProcess(['audit'], bare, options);
    expect(audit.stdout).toContain('Fabrikam Stores');
    expect(audit.stdout).not.toContain('Globex');
    expect(audit.stdout).toContain('1 rehearsal against a sandbox is not shown');
    const rehearsals = await runInProcess(['audit', '--rehearsals'], bare, options);
    expect(rehearsals.stdout).toMatch(/^REHEARSAL {2}.*Globex/m);
    expect(rehearsals.stdout).not.toContain('Fabrikam Stores');

    const markdown = (await runInProcess(['receipt', 'Globex'], bare, options)).stdout;
    expect(markdown.split('\n')[0]).toBe('> **REHEARSAL — no customer was switched**');
    expect(markdown.trimEnd().split('\n').at(-1)).toBe('> **REHEARSAL — no customer was switched**');
    const json = JSON.parse(
      (await runInProcess(['receipt', 'Globex', '--format', 'json'], bare, options)).stdout,
    );
    expect(json).toMatchObject({rehearsal: true, account: {name: 'practice'}});
  });
});
