// The HTTP transport of the TOO client: an axios instance whose requests carry the `session`
// cookie from a tough-cookie jar, directly or through a proxy.
//
// Why two paths: axios-cookiejar-support keeps cookies by installing its own http-cookie-agent
// agents on every request and refuses any other `httpAgent`/`httpsAgent`, so it cannot be combined
// with a proxy agent. Left to itself, axios would also replace our agent with its own CONNECT
// tunnel when it finds a proxy in the environment, and the cookies would silently stop flowing.
// So the proxy is decided here, once, and axios's own proxy handling is switched off (`proxy: false`):
//  - no proxy: `wrapper(axios.create({ jar }))`, the mandated package doing the cookie work;
//  - a proxy: the same cookie logic mixed into the proxy agents (`createCookieAgent` of
//    http-cookie-agent over `HttpProxyAgent` / `HttpsProxyAgent`), given to axios directly.
import axios, { type AxiosInstance } from 'axios';
import { wrapper } from 'axios-cookiejar-support';
import { createCookieAgent } from 'http-cookie-agent/http';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent, type HttpsProxyAgentOptions } from 'https-proxy-agent';
import type * as http from 'node:http';
import type { CookieJar } from 'tough-cookie';

export interface CookieTransportOptions {
  readonly jar: CookieJar;
  /** Proxy URL (`http://host:port`), or undefined for a direct connection. */
  readonly proxyUrl?: string;
}

const CookieHttpProxyAgent = createCookieAgent(HttpProxyAgent);
// https-proxy-agent 5 builds on agent-base 6, whose Agent is an http.Agent at runtime but is not
// declared as one; the cast states what the mixin relies on.
type HttpsProxyAgentConstructor = new (options: HttpsProxyAgentOptions & http.AgentOptions) => http.Agent;
const CookieHttpsProxyAgent = createCookieAgent(HttpsProxyAgent as unknown as HttpsProxyAgentConstructor);

export function createCookieTransport(options: CookieTransportOptions): AxiosInstance {
  const { jar, proxyUrl } = options;
  if (!proxyUrl) return wrapper(axios.create({ jar, proxy: false }));
  const proxy = new URL(proxyUrl);
  return axios.create({
    proxy: false,
    httpAgent: new CookieHttpProxyAgent(proxy, { cookies: { jar } }),
    // https-proxy-agent 5 (the version axios itself depends on) takes one options object; the
    // cookie mixin finds its `cookies` option in it.
    httpsAgent: new CookieHttpsProxyAgent({
      protocol: proxy.protocol,
      host: proxy.hostname,
      port: proxy.port ? Number(proxy.port) : proxy.protocol === 'https:' ? 443 : 80,
      auth: proxy.username ? `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}` : undefined,
      cookies: { jar },
    }),
  });
}

export interface ProxyEnvironment {
  readonly [name: string]: string | undefined;
}

/**
 * The proxy for `targetUrl`: the `http.proxy` setting when set, else the usual environment
 * variables (HTTPS_PROXY / HTTP_PROXY, either case), unless NO_PROXY names the host. Loopback
 * targets (the sandbox) never go through a proxy.
 */
export function proxyFor(targetUrl: string, configuredProxy: string | undefined, env: ProxyEnvironment = process.env): string | undefined {
  let target: URL;
  try {
    target = new URL(targetUrl);
  } catch {
    // A malformed base URL fails later with its own clear message; no proxy decision to make.
    return undefined;
  }
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1' || /^127\./.test(host)) return undefined;
  if (bypassedByNoProxy(host, env.NO_PROXY ?? env.no_proxy)) return undefined;
  const configured = configuredProxy?.trim();
  if (configured) return configured;
  const fromEnv = target.protocol === 'https:' ? env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy : env.HTTP_PROXY ?? env.http_proxy;
  return fromEnv?.trim() || undefined;
}

function bypassedByNoProxy(host: string, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  return noProxy
    .split(/[\s,]+/)
    .map((entry) => entry.trim().toLowerCase().replace(/:\d+$/, ''))
    .filter(Boolean)
    .some((entry) => entry === '*' || host === entry.replace(/^\*?\./, '') || host.endsWith(entry.startsWith('.') ? entry : `.${entry.replace(/^\*\./, '')}`));
}
