import {describe, expect, it} from 'vitest';
import {sandboxPerFile} from './helpers/sandbox.js';
import {keys, wizardStarter} from './helpers/wizard-driver.js';

// Issue "The wizard in any terminal": every step at 40×12, 60×20, 80×24 and 120×40, each frame within its
// terminal (lines and columns), kept as snapshots so that a layout change is seen in review.
const sandbox = sandboxPerFile();
const start = wizardStarter(sandbox);
const sizes = [
  [40, 12],
  [60, 20],
  [80, 24],
  [120, 40],
] as const;

describe.each(sizes)('every step at %i×%i', (columns, rows) => {
  it('fits, and looks as reviewed', async () => {
    const name = `Snap ${columns}x${rows}`;
    sandbox.current.world.addTenant({name, kind: 'customer', parentId: sandbox.current.tenantId});
    const wizard = start({columns, rows});
    const height: number = rows;
    const fits = (frame: string) => {
      const lines = frame.split('\n');
      expect(lines.length, frame).toBeLessThanOrEqual(height);
      expect(Math.max(...lines.map((line) => line.length)), frame).toBeLessThanOrEqual(columns);
      return frame.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>');
    };
    expect(fits(await wizard.waitFor('Which data center'))).toMatchSnapshot('1 connect');
    await wizard.press(keys.enter);
    expect(fits(await wizard.waitFor('Tenant name or UUID:'))).toMatchSnapshot('2 tenant field');
    await wizard.press(keys.enter);
    expect(fits(await wizard.waitFor('Tenants under'))).toMatchSnapshot('2 browse list');
    await wizard.press(keys.escape);
    await wizard.waitFor('Tenant name or UUID:');
    await wizard.chooseTenant(name);
    expect(fits(wizard.frame())).toMatchSnapshot('3 pricing');
    await wizard.press(keys.enter);
    expect(fits(await wizard.waitFor('Name:'))).toMatchSnapshot('4 confirm');
    wizard.instance.stdin.write(`${name}\r`);
    expect(fits(await wizard.waitFor('is now in production'))).toMatchSnapshot('5 result');
  });
});
