// The TOO client's cookie-carrying HTTP transport, loaded on first use. tough-cookie (with its public
// suffix list), the cookie agents and the proxy agents make up about a third of the extension's code
// and are needed only once the TOO API is used, so the shipped extension keeps them in a separate
// bundle (dist/cookieStack.js, see esbuild.js) that this module requires lazily; in tests they are
// bundled in as usual.
import type { AxiosInstance } from 'axios';
import { axiosLibrary } from '../http/axiosLoader';
import type { CookieJar } from 'tough-cookie';
import type * as CookieStack from './cookieStack';
import type { CookieTransportOptions } from './cookieStack';

export type { CookieTransportOptions };
export { proxyFor, type ProxyEnvironment } from '../http/proxy';

let stack: typeof CookieStack | undefined;

function cookieStack(): typeof CookieStack {
  // A deliberate lazy load, see above.
  stack ??= require('./cookieStack') as typeof CookieStack;
  return stack;
}

export function newCookieJar(): CookieJar {
  return cookieStack().createCookieJar();
}

export function createCookieTransport(options: CookieTransportOptions): AxiosInstance {
  return cookieStack().createCookieTransport(axiosLibrary(), options);
}
