// Colours by role, never literals in screens (gemini-cli's semantic colours). With NO_COLOR or --no-color every
// role is `undefined`: no colour at all, while bold and inverse video (the text cursor, the selection) stay —
// NO_COLOR is about colour (no-color.org), and a field without its cursor cannot be edited.

const colours = {
  accent: 'cyan',
  success: 'green',
  error: 'red',
  warning: 'yellow',
  muted: 'gray',
  jsonKey: 'cyan',
  jsonString: 'green',
  jsonNumber: 'yellow',
  jsonLiteral: 'magenta',
} as const;

export const theme: {-readonly [role in keyof typeof colours]: string | undefined} = {...colours};

/** For NO_COLOR and --no-color: every role prints in the terminal's own colours. */
export function withoutColour(): void {
  for (const role of Object.keys(theme) as Array<keyof typeof colours>) theme[role] = undefined;
}
