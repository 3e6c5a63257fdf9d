import type {Agent} from 'node:http';
import {HttpProxyAgent} from 'http-proxy-agent';
import {HttpsProxyAgent} from 'https-proxy-agent';
import {getProxyForUrl} from 'proxy-from-env';
import {isLoopbackHost} from './base-url.js';

// Neither node-fetch nor Node's own fetch reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY (ink-and-friends.md), so we pick
// an agent per request from them. Loopback (the embedded sandbox) never goes through a proxy: an operator's
// corporate proxy cannot reach our 127.0.0.1. NODE_EXTRA_CA_CERTS needs nothing here: Node reads it at start-up.
const agents = new Map<string, Agent>();

export function agentFor(url: URL): Agent | undefined {
  if (isLoopbackHost(url.hostname)) return undefined;
  const proxy = getProxyForUrl(url.href);
  if (!proxy) return undefined;
  const key = `${url.protocol}${proxy}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = url.protocol === 'https:' ? new HttpsProxyAgent(proxy) : new HttpProxyAgent(proxy);
    agents.set(key, agent);
  }
  return agent;
}
