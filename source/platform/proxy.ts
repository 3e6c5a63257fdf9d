import type {Agent} from 'node:http';
import {HttpProxyAgent} from 'http-proxy-agent';
import {HttpsProxyAgent} from 'https-proxy-agent';
import {getProxyForUrl} from 'proxy-from-env';
import {isLoopbackHost} from './base-url.js';
import {PlatformError} from './errors.js';

// Neither node-fetch nor Node's own fetch reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY (docs/development.md, "Traps we measured"), so we pick
// an agent per request from them. Loopback (the embedded sandbox) never goes through a proxy: an operator's
// corporate proxy cannot reach our 127.0.0.1. NODE_EXTRA_CA_CERTS needs nothing here: Node reads it at start-up.

/** The way one request goes out through a proxy: its agent, the proxy as it may be shown, and its answer. */
export interface ProxyRoute {
  readonly agent: Agent;
  /** `http://proxy.example:3128`: scheme, host and port only, never a user or password from the variable. */
  readonly proxy: string;
  /** The proxy's answer to CONNECT, once it came: anything but 200 is the proxy's refusal, not the platform's. */
  readonly connect: () => {readonly statusCode: number; readonly statusText: string} | undefined;
}

/**
 * The route for one request, or undefined for a direct connection. One agent a request (they keep no connections
 * alive, so nothing is lost), because its socket to the proxy is bound to that request's `signal`: a proxy that
 * takes the connection and never answers CONNECT would otherwise hold it open after the request's timeout or
 * Ctrl+C — the request is given up, but the socket keeps the process alive for good (node-fetch aborts the request,
 * not the tunnel the agent is still building). Both agents pass `signal` on to net.connect / tls.connect.
 * A proxy that answers CONNECT with 403 or 407 has its answer handed to node-fetch as if the data center had sent
 * it (https-proxy-agent replays it): `connect` tells the two apart.
 */
export function routeFor(url: URL, signal?: AbortSignal): ProxyRoute | undefined {
  if (isLoopbackHost(url.hostname)) return undefined;
  const proxy = getProxyForUrl(url.href);
  if (!proxy) return undefined;
  const usable = URL.canParse(proxy) && ['http:', 'https:'].includes(new URL(proxy).protocol);
  if (!usable) {
    // Never echoed: the variable may hold a password.
    throw new PlatformError(
      'invalid-input',
      'HTTPS_PROXY (or HTTP_PROXY) is not a proxy tenant-mode can use: give it as http://host:port or https://host:port (a user and password may go before the host; socks proxies are not supported).',
    );
  }
  const agent =
    url.protocol === 'https:' ? new HttpsProxyAgent(proxy, {signal}) : new HttpProxyAgent(proxy, {signal});
  let connect: {statusCode: number; statusText: string} | undefined;
  agent.on('proxyConnect', (answer: {statusCode?: number; statusText?: string}) => {
    connect = {statusCode: answer.statusCode ?? 200, statusText: answer.statusText ?? ''};
  });
  return {agent, proxy: shown(proxy), connect: () => connect};
}

/** The proxy without credentials: `http://user:secret@proxy:3128` is shown as `http://proxy:3128`. */
function shown(proxy: string): string {
  try {
    const url = new URL(proxy);
    return `${url.protocol}//${url.host}`;
  } catch {
    return 'the proxy';
  }
}
