// Registers the Swift TOO query commands: each asks for its inputs (or takes `{ params }` from a
// caller), runs the query, shows the result in the shared results panel and returns the parsed reply.
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import type { TooClient } from '../client';
import { describeError, isServiceError } from '../../http/errors';
import { extensionUserAgent } from '../../http/userAgent';
import { ASKERS, type Asked } from './inputs';
import { prefillFrom, programmaticParams, type XrtJobLike } from './prefill';
import { QUERY_CATALOG, buildResultView, fetchAnchors, queryDefinition, type ParamsByKind } from './queryCatalog';
import { QUERY_KINDS, type QueryKind } from '../../shared/queryResultModel';
import type { ResponseByKind } from './resultTables';
import { QueryResultsPanel, type RenderedRecord } from './resultsPanel';
import { TooCommands } from '../../common/commandIds';
import { registerCommand } from '../../common/startupHandover';
import { withCancellableProgress } from '../../common/cancellableProgress';
import { extensionVersion } from '../../common/extensionManifest';

/** Not in the manifest: lets integration tests see what the results view drew. */
const RENDERED_RESULTS_COMMAND = TooCommands.renderedQueryResults;

interface TooQueriesOptions {
  /** Finds an XRT job by ID, so queries started from the XRT Jobs view pre-fill its position. */
  readonly xrtJob?: (jobId: string) => XrtJobLike | undefined;
}

interface TooQueriesApi {
  readonly panel: QueryResultsPanel;
  run<K extends QueryKind>(kind: K, params: ParamsByKind[K], label?: string): Promise<ResponseByKind[K]>;
}

export function registerTooQueries(
  context: vscode.ExtensionContext,
  getClient: () => TooClient,
  log: vscode.LogOutputChannel,
  options: TooQueriesOptions = {},
): TooQueriesApi {
  const panel = new QueryResultsPanel(context.extensionUri, log, extensionUserAgent(extensionVersion(context.extension)));
  context.subscriptions.push(panel);

  async function run<K extends QueryKind>(kind: K, params: ParamsByKind[K], label?: string): Promise<ResponseByKind[K]> {
    const definition = queryDefinition(kind);
    const title = definition.title.replace(/…$/, '');
    return withCancellableProgress(`Swift TOO: ${title}…`, async (_progress, signal) => {
      const client = getClient();
      const reply = await definition.call(client, params, signal);
      const view = await buildResultView(kind, params, reply, {
        id: crypto.randomUUID(),
        now: new Date(),
        label,
        anchors: (base, fromMs, toMs) => fetchAnchors(client, base, fromMs, toMs, signal),
      });
      log.info(`Swift TOO ${kind}: ${view.table.rows.length} row(s) for ${view.summary}`);
      panel.show(view);
      return reply;
    });
  }

  function register<K extends QueryKind>(kind: K): vscode.Disposable {
    const definition = QUERY_CATALOG[kind];
    return registerCommand(definition.command, async (arg?: unknown) => {
      const given = programmaticParams(arg);
      const asked: Asked<K> | undefined = given
        ? { params: given.params as ParamsByKind[K], ...(given.label ? { label: given.label } : {}) }
        : await ASKERS[kind](prefillFrom(arg, options.xrtJob), { client: getClient, now: () => new Date() });
      if (!asked) return undefined;
      try {
        return await run(kind, asked.params, asked.label);
      } catch (error) {
        const message = `${definition.title.replace(/…$/, '')} failed: ${describeError(error)}`;
        log.warn(isServiceError(error) ? `${message}\n${error.fullText()}` : message);
        void vscode.window.showErrorMessage(message);
        // A caller that passed parameters gets the failure too; a user already saw the message.
        if (given) throw new Error(message, { cause: error });
        return undefined;
      }
    });
  }

  context.subscriptions.push(
    ...QUERY_KINDS.map((kind) => register(kind)),
    registerCommand(RENDERED_RESULTS_COMMAND, (): readonly RenderedRecord[] => panel.renderedResults()),
  );
  return { panel, run };
}
