// axios, and the Node modules it loads with it (http, https, zlib, streams, follow-redirects,
// proxy-from-env), are needed only once the extension first talks to a service. Loading the features
// (the first command, the first view drawn) need not wait for them: axios's module code runs here, at
// the first request. esbuild.js bundles axios as usual and turns this require into a call of axios's
// lazily run module wrapper (its `axios-on-first-use` plugin); every module that uses axios at run time
// reaches it through this file, so no static import runs it early (test/unit/build/bundleBudget.test.ts).
import type { AxiosStatic } from 'axios';

let loaded: AxiosStatic | undefined;

/** axios itself, loaded on the first call. */
export function axiosLibrary(): AxiosStatic {
  // A deliberate lazy load, see above.
  loaded ??= (require('axios') as { default: AxiosStatic }).default;
  return loaded;
}

/** The Node or axios error code of a failed request (`ECONNRESET`, `ETIMEDOUT`, …), if it has one. */
export function transportErrorCode(error: unknown): string | undefined {
  const code = axiosLibrary().isAxiosError(error) ? error.code : (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
