// Names as people type them. A name pasted from a web page or macOS may come decomposed (Z + combining dot), a
// trailing space rides along, and Ż is not on most keyboards: the confirmation and the search compare names
// folded the same way, everywhere (this module), and nowhere else.

/** Letters that Unicode does not decompose into a base letter and a mark. */
const letters: Record<string, string> = {
  ł: 'l',
  Ł: 'L',
  ø: 'o',
  Ø: 'O',
  ß: 'ss',
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'Ae',
  œ: 'oe',
  Œ: 'Oe',
  đ: 'd',
  Đ: 'D',
  ı: 'i',
  þ: 'th',
  Þ: 'Th',
};
const special = new RegExp(`[${Object.keys(letters).join('')}]`, 'g');

/**
 * A name without its diacritics, case kept: compatibility-decomposed (NFKD), combining marks dropped, then the
 * letters above replaced; surrounding space trimmed. "Żabka Sp. z o.o." and "Zabka Sp. z o.o." fold alike.
 */
export function foldName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(special, (letter) => letters[letter] ?? letter)
    .trim();
}

/** What a search compares: the folded name, in lower case too. */
export function searchKey(text: string): string {
  return foldName(text).toLocaleLowerCase();
}

/**
 * Whether what was typed confirms this name: the same after normalisation (NFC) and trimming, or the same once
 * both are folded. Case and every other character count.
 */
export function confirmsName(typed: string, name: string): boolean {
  // Nothing typed never confirms, and a name with nothing to see cannot be typed: it is confirmed by its UUID.
  if (!hasVisibleName(name) || !hasVisibleName(typed)) return false;
  const same = typed.normalize('NFC').trim() === name.normalize('NFC').trim();
  return same || foldName(typed) === foldName(name);
}

/**
 * Whether a name has a character to see: not only spaces, marks with no letter, format and other invisible
 * characters. A tenant whose name has none ("", " ", a no-break space) is confirmed by typing its UUID.
 */
export function hasVisibleName(name: string): boolean {
  return foldName(name).replace(/[\s\p{Cf}\p{Cc}\p{Z}\p{M}]/gu, '') !== '';
}

/** What confirms a switch of this tenant: its name, or its UUID when the name has nothing to see. */
export function confirmsTenant(typed: string, tenant: {readonly id: string; readonly name: string}): boolean {
  return hasVisibleName(tenant.name)
    ? confirmsName(typed, tenant.name)
    : typed.trim().toLowerCase() === tenant.id.toLowerCase();
}
