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
  context.subscriptions.push(new RequestFileDiagnostics());
  const xrt = await activateXrt(context, log());
  const products = activateProducts(context, log(), xrt.registry);
  const too = activateToo(context, log());
  registerTooQueries(context, () => too.client(), log(), { xrtJob: (jobId) => xrt.registry.get(jobId) });
  return { xrt, too, products };
}
