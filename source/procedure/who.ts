import {hostname, userInfo} from 'node:os';

/**
 * Who runs this switch, as the audit line records it for a receipt: the OS user and the computer's name. Neither is
 * a secret, and neither is proof (both can be set by whoever runs the tool); they answer "who, from where" in a
 * ticket. A user with no entry in the password database (a container's numeric uid) is named by `USER` or its uid.
 */
export function whoRuns(env: NodeJS.ProcessEnv = process.env): {
  readonly os_user: string;
  readonly host: string;
} {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    user = env.USER ?? env.LOGNAME ?? `uid ${process.getuid?.() ?? 'unknown'}`;
  }
  return {os_user: user, host: hostname()};
}
