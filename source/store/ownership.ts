import type {Stats} from 'node:fs';

// The two questions ssh asks before trusting a key file or its folder, shared by the config folder and the secret file.

/** The uid of the other user who owns it; undefined when it is ours (or the system has no uids: Windows). */
export function otherOwner(stat: Stats): number | undefined {
  const uid = process.getuid?.();
  return uid !== undefined && stat.uid !== uid ? stat.uid : undefined;
}

/** Its permission bits as chmod takes them: 0644, 1777. */
export function modeText(stat: Stats): string {
  return (Number(stat.mode) & 0o7777).toString(8).padStart(4, '0');
}
