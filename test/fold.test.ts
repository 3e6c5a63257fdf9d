import {describe, expect, it} from 'vitest';
import {confirmsName, foldName, searchKey} from '../source/procedure/fold.js';

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
