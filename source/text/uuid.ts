/** The platform's UUID pattern (vendor OpenAPI `uuid` schema, docs/platform-notes.md), anchored: lower-case hex only. */
const uuidPattern = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/;

export function isUuid(text: string): boolean {
  return uuidPattern.test(text);
}
