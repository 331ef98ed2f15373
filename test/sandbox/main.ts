// `npm run sandbox`: the sandbox on its own, for demos and for trying other clients against it
// (e.g. the Python swifttools with SWIFT_TOO_API_URL pointed at the printed TOO base URL).
import { DEFAULT_PORT, startSandbox } from './server';

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`${name}=${raw} is not a non-negative number`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({
    port: numberFromEnv('SWIFT_SANDBOX_PORT', DEFAULT_PORT),
    speed: numberFromEnv('SWIFT_SANDBOX_SPEED', 1),
    productDurationMs: numberFromEnv('SWIFT_SANDBOX_PRODUCT_SECONDS', 60) * 1000,
  });
  console.log('Swift services sandbox (loopback only)');
  console.log(`  XRT product generator: ${sandbox.xrtBaseUrl}`);
  console.log(`  UKSSDC API (rebin):    ${sandbox.origin}/API/main.php`);
  console.log(`  TOO API v2:            ${sandbox.tooBaseUrl}`);
  console.log(`  control API:           ${sandbox.origin}/__sandbox/`);
  console.log('  accounts: XRT astro@example.org / other@example.org; TOO astro:sandbox-key / other:other-key');
  const stop = (): void => {
    void sandbox.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
