// The cookie stack of the TOO client: a tough-cookie jar, and an axios instance whose requests carry
// the `session` cookie from it, directly or through a proxy. Loaded only when the TOO client is first
// used (see cookieTransport.ts): the extension ships it as a separate bundle, dist/cookieStack.js.
//
// Why two paths: axios-cookiejar-support keeps cookies by installing its own http-cookie-agent
// agents on every request and refuses any other `httpAgent`/`httpsAgent`, so it cannot be combined
// with a proxy agent. Left to itself, axios would also replace our agent with its own CONNECT
// tunnel when it finds a proxy in the environment, and the cookies would silently stop flowing.
// So the proxy is decided here, once, and axios's own proxy handling is switched off (`proxy: false`):
//  - no proxy: `wrapper(axios.create({ jar }))`, the mandated package doing the cookie work;
//  - a proxy: the same cookie logic mixed into the proxy agents (`createCookieAgent` of
//    http-cookie-agent over `HttpProxyAgent` / `HttpsProxyAgent`), given to axios directly.
import type { AxiosInstance, AxiosStatic } from 'axios';
import { wrapper } from 'axios-cookiejar-support';
import { createCookieAgent } from 'http-cookie-agent/http';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent, type HttpsProxyAgentOptions } from 'https-proxy-agent';
import type * as http from 'node:http';
import { CookieJar } from 'tough-cookie';

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

export function createCookieJar(): CookieJar {
  return new CookieJar();
}

/**
 * `axios` is passed in so this bundle does not carry a second copy of it. Redirects are off on the
 * instance itself (`maxRedirects: 0`): a redirected sign-in must never re-post the credentials, and
 * a GET is followed only within the TOO API's origin, by src/http/redirects.ts, never by the library.
 */
export function createCookieTransport(axios: AxiosStatic, options: CookieTransportOptions): AxiosInstance {
  const { jar, proxyUrl } = options;
  if (!proxyUrl) return wrapper(axios.create({ jar, proxy: false, maxRedirects: 0 }));
  const proxy = new URL(proxyUrl);
  return axios.create({
    proxy: false,
    maxRedirects: 0,
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
