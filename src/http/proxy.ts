// Which proxy, if any, the TOO client goes through: VS Code's `http.proxy` setting, else the usual
// environment variables, with NO_PROXY and loopback (the sandbox) going direct.

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
  const fromEnv =
    target.protocol === 'https:'
      ? (env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy)
      : (env.HTTP_PROXY ?? env.http_proxy);
  return fromEnv?.trim() || undefined;
}

function bypassedByNoProxy(host: string, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  return noProxy
    .split(/[\s,]+/)
    .map((entry) => entry.trim().toLowerCase().replace(/:\d+$/, ''))
    .filter(Boolean)
    .some(
      (entry) =>
        entry === '*' ||
        host === entry.replace(/^\*?\./, '') ||
        host.endsWith(entry.startsWith('.') ? entry : `.${entry.replace(/^\*\./, '')}`),
    );
}
