// Colours by role, never literals in screens (gemini-cli's semantic colours). With NO_COLOR or --no-color, chalk's
// level is 0 and every one of these prints as plain text.
export const theme = {
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
