// Colours by role, never literals in screens (gemini-cli's semantic colours). With NO_COLOR or --no-color every
// role is `undefined`: no colour at all, while bold and inverse video (the text cursor, the selection) stay —
// NO_COLOR is about colour (no-color.org), and a field without its cursor cannot be edited.

// Colour is an extra cue, never the only one: text that must be read is in the terminal's own foreground (readable
// on light and dark themes alike), emphasised by bold, inverse and the symbols ⚠ ✘ ✔; colours go on symbols and
// the selection marker. No grey (1:1 on Solarized Dark) and no yellow text (1.7:1 on white) on its own: `muted`
// and the JSON roles are the terminal's foreground.
const colours = {
  accent: 'cyan',
  success: 'green',
  error: 'red',
  warning: 'yellow',
  muted: undefined,
  jsonKey: undefined,
  jsonString: undefined,
  jsonNumber: undefined,
  jsonLiteral: undefined,
} as const;

export const theme: {-readonly [role in keyof typeof colours]: string | undefined} = {...colours};

/** For NO_COLOR and --no-color: every role prints in the terminal's own colours. */
export function withoutColour(): void {
  for (const role of Object.keys(theme) as Array<keyof typeof colours>) theme[role] = undefined;
}
