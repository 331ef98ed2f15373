// The runtime bundle (dist/runtime.js): everything the extension does beyond showing its first state.
// The entry bundle (src/extension.ts, src/startup/) loads it on first use — a command, a request file
// opened, a view drawn, a job to poll, a panel to restore — and hands over what it already registered
// (src/common/startupHandover.ts). Here the features are built and wired exactly as they always were.
import type * as vscode from 'vscode';
import { receiveStartupHandover, type StartupHandover } from './common/startupHandover';
import { RequestFileDiagnostics } from './editing/requestFileDiagnostics';
import { log } from './log';
import { activateProducts, type ProductsFeatureApi } from './products/productsFeature';
import { registerTooQueries } from './too/queries';
import { activateToo, type TooFeatureApi } from './too/tooFeature';
import { activateXrt, type XrtFeatureApi } from './xrt/xrtFeature';

/** The features, as the integration tests reach them (src/testHooks.ts). */
export interface RuntimeFeatures {
  readonly xrt: XrtFeatureApi;
  readonly too: TooFeatureApi;
  readonly products: ProductsFeatureApi;
}

export async function activateRuntime(context: vscode.ExtensionContext, handover: StartupHandover): Promise<RuntimeFeatures> {
  receiveStartupHandover(handover);
  // Each feature's share of the first use goes to the log, so a slow start can be traced to its part.
  const timings = new StepTimer();
  context.subscriptions.push(new RequestFileDiagnostics());
  timings.step('request diagnostics');
  const xrt = await activateXrt(context, log());
  timings.step('XRT');
  const products = activateProducts(context, log(), xrt.registry);
  timings.step('products');
  const too = activateToo(context, log());
  timings.step('TOO');
  registerTooQueries(context, () => too.client(), log(), { xrtJob: (jobId) => xrt.registry.get(jobId) });
  timings.step('TOO queries');
  log().info(`Features activated: ${timings.summary()}`);
  return { xrt, too, products };
}

/** Milliseconds spent in named steps, in order. */
class StepTimer {
  private last = performance.now();
  private readonly steps: string[] = [];

  step(name: string): void {
    const now = performance.now();
    this.steps.push(`${name} ${(now - this.last).toFixed(0)} ms`);
    this.last = now;
  }

  summary(): string {
    return this.steps.join(', ');
  }
}
