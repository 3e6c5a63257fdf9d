import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo, Socket} from 'node:net';
import type {Clock} from '../clock.js';
import {messageOf} from '../text/index.js';
import type {IncomingCall} from './call.js';
import {OAuthError, SandboxError} from './errors.js';
import {type FaultRule, Faults} from './faults.js';
import {RateLimit} from './rate-limit.js';
import {route} from './routes.js';
import {type SeededCredentials, seedWorld} from './seed.js';
import {lockState, readState, restoreRest, writeState} from './state.js';
import {World} from './world.js';

export interface SandboxOptions {
  /** 0 (the default) takes any free port. */
  port?: number;
  /** Loopback only: the sandbox is never reachable from another machine. */
  host?: '127.0.0.1' | '::1';
  /** Extra customers to seed, for scale tests. */
  tenants?: number;
  /**
   * The extra customers' trials end within this many days from today (60). A lesson spreads them over 120: its plan
   * then has customers that switching on the 1st bills a month or more early (docs/onboarding.md).
   */
  trialsWithinDays?: number;
  /** Seconds an access token lives (the platform's: 7200). */
  tokenLifetimeSeconds?: number;
  /** Added to every answer, in real time: a data center at a usual distance (40 ms) for the bench and demos. */
  latencyMs?: number;
  /** At most this many requests a second; more are answered 429 with Retry-After (rate-limit.ts). */
  ratePerSecond?: number;
  /** The sandbox's clock: the run's one clock (tests fix it so that dates are stable). */
  clock: Clock;
  /** `--state FILE`: the tenants an earlier run left are read from it, and every change is written to it. */
  statePath?: string;
}

/** One request as the sandbox saw it, so that tests can count what was sent (e.g. exactly one PUT). */
export interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Response status; 0 when the connection was dropped without an answer. */
  status: number;
  /**
   * The status of what the sandbox carried out, whatever answer left (a fault may drop it or answer another);
   * undefined when nothing was carried out (refused by the rate limit, or a fault answered instead).
   */
  handled?: number;
}

export interface Sandbox extends SeededCredentials {
  /** `http://127.0.0.1:<port>`: what to give as the data center. */
  readonly url: string;
  readonly port: number;
  readonly world: World;
  readonly faults: Faults;
  readonly requests: RecordedRequest[];
  /** The sandbox's clock: a client talking to it judges token expiry by the same one. */
  readonly clock: Clock;
  close(): Promise<void>;
}

const apiPrefix = '/api/2';

/** Starts the platform double on a loopback port, seeded with the demo world. */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const {clock} = options;
  const world = new World(() => clock.now(), options.tokenLifetimeSeconds);
  const credentials = seedWorld(world, {
    extraCustomers: options.tenants,
    trialsWithinDays: options.trialsWithinDays,
  });
  const {statePath} = options;
  const releaseState = statePath ? lockState(statePath) : () => {};
  if (statePath) {
    let saved: ReturnType<typeof readState>;
    try {
      saved = readState(statePath);
    } catch (error) {
      releaseState();
      throw error;
    }
    if (saved) {
      world.restore(saved.tenants);
      restoreRest(world, saved);
    }
    // Written after every change: a sandbox killed mid-afternoon keeps the morning's switches.
    world.onChange = () => writeState(world, statePath);
    writeState(world, statePath);
  }
  const faults = new Faults();
  const limit = options.ratePerSecond ? new RateLimit(options.ratePerSecond, () => clock.now()) : undefined;
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();

  const server: Server = createServer((request, response) => {
    void handle(world, faults, requests, request, response, options.latencyMs ?? 0, limit);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const {port} = server.address() as AddressInfo;
  const shownHost = host === '::1' ? '[::1]' : host;
  return {
    ...credentials,
    url: `http://${shownHost}:${port}`,
    port,
    world,
    faults,
    requests,
    clock,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }).then(() => {
        try {
          if (statePath) writeState(world, statePath);
        } finally {
          releaseState();
        }
      }),
  };
}

async function handle(
  world: World,
  faults: Faults,
  requests: RecordedRequest[],
  request: IncomingMessage,
  response: ServerResponse,
  latencyMs: number,
  limit?: RateLimit,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://sandbox');
  const method = request.method ?? 'GET';
  const path = url.pathname.startsWith(`${apiPrefix}/`) ? url.pathname.slice(apiPrefix.length) : url.pathname;
  const read = await readBody(request);
  const body = read ?? '';
  const record: RecordedRequest = {
    method,
    path,
    query: url.search,
    headers: request.headers,
    body,
    status: 0,
  };
  requests.push(record);
  if (read === undefined) {
    record.status = 413;
    response.writeHead(413, {'Content-Type': 'application/json; charset=utf-8', Connection: 'close'});
    response.end(
      JSON.stringify(
        new SandboxError(413, 'payload_too_large', `A request body is at most ${bodyAtMost} bytes.`).toBody(),
      ),
    );
    return;
  }

  // A canned answer (a fault rule's, or the rate limit's): a string body is an HTML page, anything else JSON.
  const answerWith = (rule: Pick<FaultRule, 'body' | 'headers'> & {status: number}) => {
    const text = typeof rule.body === 'string' ? rule.body : JSON.stringify(rule.body ?? {});
    const contentType = typeof rule.body === 'string' ? 'text/html; charset=utf-8' : 'application/json';
    record.status = rule.status;
    response.writeHead(rule.status, {'Content-Type': contentType, ...rule.headers});
    response.end(text);
  };

  if (latencyMs > 0) await delay(latencyMs);
  const wait = limit?.refuse();
  if (wait !== undefined) {
    return answerWith({
      status: 429,
      headers: {'Retry-After': String(wait)},
      body: new SandboxError(429, 'too_many_requests', `Rate limit: try again in ${wait} s.`).toBody(),
    });
  }
  const fault = faults.take(method, path);
  if (fault?.delayMs) await delay(fault.delayMs);
  if (fault?.drop === 'before') {
    request.socket.destroy();
    return;
  }
  if (fault?.status !== undefined && !fault.applied) return answerWith({...fault, status: fault.status});
  const edited = fault?.editedFirst ? /^\/tenants\/([^/]+)\/pricing$/.exec(path)?.[1] : undefined;
  if (edited) world.editPricingElsewhere(edited);

  let reply: {status: number; body?: unknown; headers?: Record<string, string>};
  if (!url.pathname.startsWith(`${apiPrefix}/`)) {
    reply = {
      status: 404,
      body: new SandboxError(404, 'not_found', `No such endpoint: ${url.pathname}`).toBody(),
    };
  } else {
    try {
      reply = route(world, {
        method,
        path,
        query: url.searchParams,
        headers: request.headers,
        body,
      } as IncomingCall);
    } catch (error) {
      if (error instanceof SandboxError || error instanceof OAuthError) {
        reply = {
          status: error.status,
          body: error.toBody(),
          ...(error instanceof SandboxError ? {headers: error.headers} : {}),
        };
      } else {
        const message = messageOf(error);
        reply = {status: 500, body: new SandboxError(500, 'internal_error', message).toBody()};
      }
    }
  }
  record.handled = reply.status;
  if (fault?.drop === 'after') {
    request.socket.destroy();
    return;
  }
  if (fault?.status !== undefined) return answerWith({...fault, status: fault.status});
  record.status = reply.status;
  if (reply.body === undefined) {
    response.writeHead(reply.status);
    response.end();
    return;
  }
  response.writeHead(reply.status, {
    'Content-Type': 'application/json; charset=utf-8',
    ...reply.headers,
    ...fault?.headers,
  });
  response.end(JSON.stringify(reply.body));
}

/** The most a request body may hold: more is answered 413 and never kept (a body is held in memory whole). */
const bodyAtMost = 1024 * 1024;

/** The body, or undefined when it is larger than `bodyAtMost` (its rest is drained, never kept). */
function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= bodyAtMost) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > bodyAtMost ? undefined : Buffer.concat(chunks).toString('utf8')));
    // A connection gone mid-body: nothing to answer, and no crash.
    request.on('error', () => resolve(undefined));
  });
}

// A fault's delay is real time, not the clock's: it stands for a slow network, which the client's per-request
// timeout (also real time, since it bounds real sockets) must meet as it would meet the real platform's.
function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
