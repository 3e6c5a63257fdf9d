// The help texts: one for the tool, one per command with examples (gh's style). Plain text, no colours.

const exitCodeLines = `Exit codes
  0 done, or nothing to do        3 authentication failed
  1 the platform refused (4xx)    4 network, timeout or 5xx
  2 bad usage or input, not       5 outcome unknown after re-reading
    confirmed, or no terminal     129 the terminal was closed (SIGHUP)
    for the wizard                130 interrupted (Ctrl+C, SIGTERM)`;

const signInLines = `  --url <data center>      e.g. https://eu2-cloud.acronis.com (https only; http for loopback)
  --client-id <uuid>       the API client id; the secret comes from TENANT_MODE_CLIENT_SECRET
                           (without them: the credentials the wizard remembered)
  --client-secret-file <f> or the secret from this file, yours alone (chmod 600), for cron
  --timeout <seconds>      how long to wait for each answer, 1 to 600 (default 30);
                           a listing of many pages as a whole: 20 times that`;

export function toolHelp(credentialsPath: string): string {
  return `Switch a customer tenant of the cloud platform from trial to production, safely.

Usage
  $ tenant-mode                             the guided wizard (needs a terminal)
  $ tenant-mode --sandbox                   the wizard with the embedded sandbox started (no account needed)
  $ tenant-mode status <name|uuid>          the tenant and its pricing, read-only
  $ tenant-mode list [--mode trial]         the customer tenants under yours, with mode and dates
  $ tenant-mode switch <name|uuid>          switch one tenant (asks to confirm; --yes in scripts)
  $ tenant-mode audit                       every switch attempt made from this computer, newest first
  $ tenant-mode sandbox                     run the sandbox on its own until Ctrl+C
  $ tenant-mode logout                      forget saved credentials (and revoke the saved token)
  $ tenant-mode <command> --help            a command's own flags and examples

Options
${signInLines}
  --json                   status, list, switch, audit: one JSON document on stdout
  --sandbox                start the embedded sandbox and offer it first in the wizard
  --accessible             the wizard for a screen reader: plain lines, nothing animated
                           (INK_SCREEN_READER=true does the same)
  --no-color               no colours (NO_COLOR is honoured too)
  -v, --version            print the version
  -h, --help               print this help

Saved credentials and the audit log
  ${credentialsPath}
  (readable by you only; TENANT_MODE_CONFIG_DIR moves the folder)

${exitCodeLines}
`;
}

export const commandHelp: Record<string, string> = {
  status: `Show a tenant and its pricing, read-only.

Usage
  $ tenant-mode status <name|uuid> [flags]

Flags
${signInLines}
  --json                   one JSON document on stdout

Examples
  $ tenant-mode status "Acme Corp"
  $ tenant-mode status 6d7c3f5e-1b2a-4c3d-8e9f-0a1b2c3d4e5f --json
`,
  list: `List the customer tenants under yours, with mode and dates.

Usage
  $ tenant-mode list [flags]

Flags
${signInLines}
  --mode <mode>            only trial, production or suspended tenants
  --json                   one JSON document on stdout

Examples
  $ tenant-mode list --mode trial
  $ tenant-mode list --json > tenants.json
`,
  switch: `Switch one customer tenant from trial to production. Not reversible.

Usage
  $ tenant-mode switch <name|uuid> [flags]

Asks you to type the tenant's name to confirm; scripts pass --yes. The request is sent once; when its answer
is lost, the pricing is read again, never resent.

Flags
${signInLines}
  --dry-run                say what would be sent, send nothing
  --yes                    confirmed in advance (needed without a terminal)
  --json                   one JSON document on stdout

Examples
  $ tenant-mode switch "Acme Corp" --dry-run
  $ TENANT_MODE_CLIENT_SECRET=… tenant-mode switch "Acme Corp" --yes --json \\
      --url https://eu2-cloud.acronis.com --client-id 0b1c…

${exitCodeLines}
`,
  audit: `Every switch attempt made from this computer, newest first.

Usage
  $ tenant-mode audit [--since YYYY-MM-DD] [--json]

Flags
  --since <day>            only attempts from this day on (UTC)
  --json                   one JSON document on stdout

Examples
  $ tenant-mode audit
  $ tenant-mode audit --since 2026-12-01
  $ tenant-mode audit --json | jq '.entries[] | select(.outcome != "switched")'
`,
  sandbox: `Run the platform double on its own until Ctrl+C (no account needed).

Usage
  $ tenant-mode sandbox [flags]

Flags
  --port <n>               the port to listen on (default 0: any free port)
  --tenants <n>            seed this many extra customers (0 to 100000)
  --latency <ms>           add this much to every answer, as a distant data center would (0 to 10000)
  --rate <n>               at most n requests a second; more are answered 429 with Retry-After
  --faults <file>          misbehave as a JSON file of fault rules says (readme.md)
  --json                   print its URL and demo credentials as one JSON line

Examples
  $ tenant-mode sandbox --port 8080
  $ tenant-mode sandbox --tenants 5000 --json
`,
  logout: `Forget the saved credentials, and revoke the saved token that is still alive.

Usage
  $ tenant-mode logout
`,
};
