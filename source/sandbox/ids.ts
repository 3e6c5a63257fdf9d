import {createHash, randomBytes} from 'node:crypto';

/** A stable UUID for a seeded name, so that the same sandbox always has the same ids (stable snapshots). */
export function seededUuid(name: string): string {
  const hex = createHash('sha1').update(`tenant-mode sandbox:${name}`).digest('hex');
  const variant = ((Number.parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

export function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}
