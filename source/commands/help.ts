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
  $ tenant-mode plan --out plan.json        plan the 1st: which trial customers to switch, and what it costs
  $ tenant-mode apply plan.json             run that plan on its day (resumable; --check any day before)
  $ tenant-mode audit                       every switch attempt made from this computer, newest first
  $ tenant-mode sandbox                     run the sandbox on its own until Ctrl+C
  $ tenant-mode logout                      forget saved credentials (and revoke the saved token)
  $ tenant-mode <command> --help            a command's own flags and examples

Options
${signInLines}
  --json                   status, list, switch, plan, apply, audit: one JSON document on stdout
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
  plan: `Plan the month-start batch: every trial customer under yours, what switching it on the planned day costs
against leaving it to switch by itself, and (with --out) the plan file that apply runs on the day.

Usage
  $ tenant-mode plan [--on YYYY-MM-DD] [--out FILE] [--only NAME|UUID]… [--except NAME|UUID]… [flags]

A plan keeps each tenant's pricing version: on the day, a tenant that changed since is refused by the
platform (409), never switched unseen. Tenants whose trial ends before the planned day are listed apart.
The file is JSON, one tenant a line: delete a line to leave a tenant out (readme.md: "Planning the 1st").

Flags
${signInLines}
  --on <day>               the day to switch, UTC (default: the coming 1st; today when today is the 1st)
  --out <file>             write the plan there (readable by you only); without it nothing is written
  --only <name|uuid>       plan only this customer (repeat for more)
  --except <name|uuid>     leave this customer out (repeat for more)
  --json                   one JSON document on stdout

Examples
  $ tenant-mode plan
  $ tenant-mode plan --out dec.json --except "Acme Corp"
  $ tenant-mode plan --on 2027-01-01 --out jan.json --json | jq '.tenants | length'
`,
  apply: `Run a plan on its day: switch its tenants from trial to production. Not reversible.

Usage
  $ tenant-mode apply <plan file> [flags]

Refused on another day than the plan's (UTC) unless --not-on-date, and for another data center or account.
Each switch carries the version the plan read; attempts and outcomes go to FILE.results.jsonl (flushed before
each request) and the audit log. Run it again after any stop or crash: it skips what is done and reads again
every tenant whose outcome is not known before deciding. On a terminal it asks you to type the number of
tenants; scripts and cron pass --yes (and then the plan must be yours alone: chmod 600).

Flags
${signInLines}
  --check                  any day: read every tenant again and say what would happen; send nothing
  --dry-run                the same, on the planned day
  --yes                    confirmed in advance (needed without a terminal)
  --not-on-date            apply on another day than planned (says what that costs)
  --concurrency <n>        switches in flight at once, 1 to 32 (default 4); a 429 pauses them all
  --max-failures <n>       stop sending after this many failures in a row (default 10)
  --json                   one JSON document on stdout with every tenant's outcome

Examples
  $ tenant-mode apply dec.json --check
  $ tenant-mode apply dec.json
  $ CRON_TZ=UTC  5 0 1 * *  tenant-mode apply ~/plans/next.json --yes --client-secret-file ~/.tm-secret

Exit codes
  0 every tenant switched, or nothing to do   4 failures (network, 5xx) or not reached
  1 some refused (changed since the plan)     5 some outcome unknown after re-reading
  2 bad usage, or the plan was refused        130 interrupted: run it again to resume
  3 authentication failed                     129 the terminal closed (SIGHUP): the same
  mixed outcomes: the highest of 5, 4, 1, 0
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
