import {describe, expect, it} from 'vitest';
import {confirmsName, confirmsTenant, foldName, hasVisibleName, searchKey} from '../source/procedure/fold.js';
import {printable} from '../source/text/index.js';

describe('names as people type them', () => {
  it.each([
    ['Żabka Sp. z o.o.', 'Zabka Sp. z o.o.'],
    ['Müller Bäckerei GmbH', 'Muller Backerei GmbH'],
    ['Šťastný Dvůr s.r.o.', 'Stastny Dvur s.r.o.'],
    ['Łódź Ølkompagni', 'Lodz Olkompagni'],
    ['Straße Æble Œuvre', 'Strasse Aeble Oeuvre'],
    ['Đurđevac Þór ıstanbul', 'Durdevac Thor istanbul'],
    ['ﬁnance ① Ｆｕｌｌ', 'finance 1 Full'],
  ])('%s folds to %s', (name, folded) => {
    expect(foldName(name)).toBe(folded);
  });

  it('confirms a name typed without accents, decomposed, or with a trailing space; never another name', () => {
    const name = 'Żabka Sp. z o.o.';
    expect(confirmsName('Zabka Sp. z o.o.', name)).toBe(true);
    expect(confirmsName('Z\u0307abka Sp. z o.o.', name)).toBe(true);
    expect(confirmsName('Żabka Sp. z o.o. ', name)).toBe(true);
    expect(confirmsName('zabka sp. z o.o.', name)).toBe(false);
    expect(confirmsName('Zabka Sp z o.o.', name)).toBe(false);
    expect(confirmsName('Zabka', name)).toBe(false);
  });

  it('a search key ignores case and accents', () => {
    expect(searchKey('  BÄCKEREI ')).toBe('backerei');
  });
});

describe('a name with nothing to see', () => {
  it.each([[''], [' '], ['\u00a0'], ['\u0301\u0301'], ['\u200b']])(
    'is never confirmed by what is typed, an empty answer least of all (%j); its UUID confirms it',
    (name) => {
      const tenant = {id: '6d7c3f5e-1b2a-4c3d-8e9f-0a1b2c3d4e5f', name};
      expect(hasVisibleName(name)).toBe(false);
      for (const typed of ['', ' ', name]) expect(confirmsTenant(typed, tenant)).toBe(false);
      expect(confirmsTenant(tenant.id.toUpperCase(), tenant)).toBe(true);
    },
  );

  it('a name to see is confirmed by its name, never by an empty answer', () => {
    const tenant = {id: '6d7c3f5e-1b2a-4c3d-8e9f-0a1b2c3d4e5f', name: 'Acme'};
    expect(confirmsTenant('Acme', tenant)).toBe(true);
    expect(confirmsTenant('', tenant)).toBe(false);
    expect(confirmsTenant(tenant.id, tenant)).toBe(false);
  });
});

describe('printable', () => {
  it('shows the line and paragraph separators as escapes: they break lines where screen readers read', () => {
    expect(printable('a\u2028b\u2029c')).toBe('a\\u2028b\\u2029c');
  });
});
