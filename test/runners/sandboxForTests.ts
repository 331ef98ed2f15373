// Integration tests talk to the Swift services sandbox, never to the real services: the runner starts
// it on a free loopback port and hands its URLs to the tests (environment) and to the extension
// (workspace settings).
import { startSandbox } from '../sandbox/server';
import { SANDBOX_ORIGIN_ENV } from './integrationEnv';

export interface TestSandbox {
  readonly origin: string;
  readonly env: Record<string, string>;
  readonly workspaceSettings: Record<string, unknown>;
  stop(): Promise<void>;
}

export async function startTestSandbox(): Promise<TestSandbox> {
  const sandbox = await startSandbox({ port: 0 });
  console.log(`[runner] sandbox at ${sandbox.origin}`);
  return {
    origin: sandbox.origin,
    env: { [SANDBOX_ORIGIN_ENV]: sandbox.origin },
    workspaceSettings: {
      'swiftObservatory.xrt.baseUrl': sandbox.xrtBaseUrl,
      'swiftObservatory.too.baseUrl': sandbox.tooBaseUrl,
      'swiftObservatory.xrt.rebinUrl': `${sandbox.origin}/API/main.php`,
    },
    stop: () => sandbox.stop(),
  };
}
