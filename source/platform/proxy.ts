import type {Agent} from 'node:http';
import {HttpProxyAgent} from 'http-proxy-agent';
import {HttpsProxyAgent} from 'https-proxy-agent';
import {getProxyForUrl} from 'proxy-from-env';
import {isLoopbackHost} from './base-url.js';

// Neither node-fetch nor Node's own fetch reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY (ink-and-friends.md), so we pick
// an agent per request from them. Loopback (the embedded sandbox) never goes through a proxy: an operator's
// corporate proxy cannot reach our 127.0.0.1. NODE_EXTRA_CA_CERTS needs nothing here: Node reads it at start-up.

/**
 * The agent for one request, or undefined for a direct connection. One agent a request (they keep no connections
 * alive, so nothing is lost), because its socket to the proxy is bound to that request's `signal`: a proxy that
 * takes the connection and never answers CONNECT would otherwise hold it open after the request's timeout or
 * Ctrl+C — the request is given up, but the socket keeps the process alive for good (node-fetch aborts the request,
 * not the tunnel the agent is still building). Both agents pass `signal` on to net.connect / tls.connect.
 */
export function agentFor(url: URL, signal?: AbortSignal): Agent | undefined {
  if (isLoopbackHost(url.hostname)) return undefined;
  const proxy = getProxyForUrl(url.href);
  if (!proxy) return undefined;
  return url.protocol === 'https:'
    ? new HttpsProxyAgent(proxy, {signal})
    : new HttpProxyAgent(proxy, {signal});
}
