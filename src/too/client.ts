// Client of the Swift TOO API v2 (test/fixtures/protocol/swift-too-v2.md): one method per endpoint, replies
// checked against the zod schemas, every failure a ServiceError with a specific message.
//
// Rules: GETs are retried with back-off on transient failures; POSTs never (a second
// `POST /swift/too` could file a second TOO). A 401 while signed in means the session expired on
// the server: the client logs in again once and repeats the request once — also a POST, because a
// 401 answer means the service did not process it. A second 401 is reported, not retried.
// Anonymous use (no credentials) sends no cookie and never logs in (§2).
//
// Like the official client (swift_too 2.0.1), sign-in and sign-out are decided by the HTTP status
// alone (their bodies are unknown), and no endpoint whose contract is unknown is a gate: one TOO is
// read through the documented list endpoint, the upload switch is only ever advisory.
import type { AxiosInstance } from 'axios';
import * as z from 'zod';
import { describeError, ServiceError, type ServiceErrorKind } from '../http/errors';
import { formatIssues } from '../http/issues';
import { JsonClient, type JsonReply } from '../http/jsonClient';
import { DEFAULT_READ_RETRY, retryIdempotent, type RetryPolicy } from '../http/retry';
import { createCookieTransport } from './cookieTransport';
import { optInt } from './lenient';
import {
  QUERY_ENDPOINT_PATHS,
  NICER_QUERY_PATHS,
  toPassthroughQueryString,
  toQueryParams,
  type PassthroughQuery,
  type QueryEndpoint,
  type QueryParams,
} from './querySchemas';
import { toFormFields, type TooRequest } from './request/requestSchema';
import {
  calendarResponseSchema,
  clockResponseSchema,
  dataResponseSchema,
  describeSkipped,
  describeTooError,
  fastApiDetailSchema,
  foldStatus,
  guanoResponseSchema,
  obsQueryResponseSchema,
  planQueryResponseSchema,
  resolveResponseSchema,
  saaResponseSchema,
  sessionResponseSchema,
  skippedRecords,
  statusFromBody,
  tooListResponseSchema,
  uvotModeResponseSchema,
  visQueryResponseSchema,
  type CalendarResponse,
  type ClockResponse,
  type DataResponse,
  type GuanoResponse,
  type ObsQueryResponse,
  type PlanQueryResponse,
  type ResolveResponse,
  type SaaResponse,
  type SessionResponse,
  type TooListResponse,
  type TooRecord,
  type UvotModeResponse,
  type VisQueryResponse,
} from './responseSchemas';
import type { TooCredentials, TooSession } from './session';

const SERVICE = 'Swift TOO API' as const;
/** Error statuses whose JSON body explains the refusal; read here rather than by JsonClient. */
const EXPLAINED_STATUSES = [400, 401, 403, 404, 409, 422] as const;

interface TooClientOptions {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly userAgent: string;
  readonly session: TooSession;
  /** The cookie-carrying axios instance; by default a direct one on the session's jar. */
  readonly http?: AxiosInstance;
  readonly retry?: RetryPolicy;
  /** One line per request (method, path, HTTP status); never bodies, never credentials. */
  readonly log?: (line: string) => void;
  /** Things the user may need to know about (records left out, a sign-in without a visible cookie); default: `log`. */
  readonly warn?: (line: string) => void;
}

/** A problem the service pinned on one request field (422 `loc`), or on none. */
export interface TooFieldIssue {
  /** The form field (last `loc` element), when the service named one. */
  readonly field?: string;
  readonly message: string;
}

export class TooServiceError extends ServiceError {
  readonly fieldIssues: readonly TooFieldIssue[];
  readonly warnings: readonly string[];

  constructor(
    init: ConstructorParameters<typeof ServiceError>[0] & { fieldIssues?: readonly TooFieldIssue[]; warnings?: readonly string[] },
  ) {
    super(init);
    this.fieldIssues = init.fieldIssues ?? [];
    this.warnings = init.warnings ?? [];
  }
}

/**
 * What a 2xx answer to `POST /swift/too` proves. Only a `too_id` is the service's evidence that a TOO
 * exists; a 2xx without one (and without errors) may or may not have filed anything.
 */
type TooSubmitOutcome =
  /** The service gave the request a `too_id`: it exists, whatever the status text says. */
  | { readonly kind: 'received'; readonly tooId: number; readonly warnings: readonly string[]; readonly status: string }
  | { readonly kind: 'validated'; readonly warnings: readonly string[] }
  /** A `debug` submission answered without errors and without a `too_id`: checked, not filed. */
  | { readonly kind: 'debug'; readonly warnings: readonly string[]; readonly status: string }
  /** A 2xx without errors and without a `too_id`: no evidence either way. */
  | { readonly kind: 'uncertain'; readonly warnings: readonly string[]; readonly status: string | undefined };

/** What a submission whose outcome is unknown tells the user (the one rule: ServiceError.deliveryUncertain). */
export const UNCERTAIN_SUBMISSION_NOTE =
  'The TOO request may or may not have reached the service: check the TOO Requests view before submitting it again.';

/** The upload switch's answer, when it has a shape we can read without guessing (§11.4). */
type UploadSwitch = boolean | undefined;

/** The advisory upload check never holds up a submission for longer than this. */
const UPLOAD_CHECK_LIMIT_MS = 5000;

interface TooSubmitOptions {
  readonly validateOnly?: boolean;
  readonly signal?: AbortSignal;
}

type Auth = 'optional' | 'required';

interface CallSpec<S extends z.ZodType> {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly query?: URLSearchParams;
  readonly form?: URLSearchParams;
  readonly auth: Auth;
  readonly schema: S;
  readonly signal?: AbortSignal;
  /** What the request does, for messages ("listing your TOO requests"). */
  readonly doing: string;
}

/** Anything the NICER, sot_stats and upload-switch endpoints send: contracts unknown (§16). */
const looseReplySchema = z.looseObject({});
type LooseReply = Record<string, unknown>;

export class TooClient {
  private readonly json: JsonClient;
  private readonly retry: RetryPolicy;

  constructor(private readonly options: TooClientOptions) {
    this.json = new JsonClient({
      service: SERVICE,
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      userAgent: options.userAgent,
      axiosInstance: options.http ?? createCookieTransport({ jar: options.session.jar }),
    });
    this.retry = options.retry ?? DEFAULT_READ_RETRY;
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  // ---- account ---------------------------------------------------------------------------

  /** `POST /login` with the stored credentials; throws when signed out or refused. */
  async login(signal?: AbortSignal): Promise<void> {
    const credentials = await this.options.session.credentials();
    if (!credentials) throw notSignedIn('signing in');
    await this.loginAs(credentials, signal);
  }

  /** `POST /logout`, then forget the session cookie (also when the service could not be reached). */
  async logout(signal?: AbortSignal): Promise<void> {
    try {
      const reply = await this.sendStatusOnly({ method: 'POST', path: '/logout', signal, passStatuses: [...EXPLAINED_STATUSES] });
      this.note('POST', '/logout', reply.status);
      // A 401 means the session had already ended on the server: the sign-out's purpose is met.
      if (reply.status === 401) this.options.log?.('Swift TOO logout: the session had already ended (HTTP 401)');
      else if (reply.status >= 400) throw this.errorFor(reply, 'signing out');
    } finally {
      this.options.session.forget();
    }
  }

  /** `GET /session`: who the service thinks is logged in. */
  session(signal?: AbortSignal): Promise<SessionResponse> {
    return this.get({
      method: 'GET',
      path: '/session',
      auth: 'required',
      schema: sessionResponseSchema,
      signal,
      doing: 'checking the session',
    });
  }

  // ---- queries ---------------------------------------------------------------------------

  resolve(name: string, signal?: AbortSignal): Promise<ResolveResponse> {
    return this.query('resolve', { name }, resolveResponseSchema, `resolving "${name}"`, signal);
  }
  visQuery(params: QueryParams<'visquery'>, signal?: AbortSignal): Promise<VisQueryResponse> {
    return this.query('visquery', params, visQueryResponseSchema, 'computing visibility windows', signal);
  }
  saa(params: QueryParams<'saa'>, signal?: AbortSignal): Promise<SaaResponse> {
    return this.query('saa', params, saaResponseSchema, 'listing SAA passages', signal);
  }
  obsQuery(params: QueryParams<'obsquery'>, signal?: AbortSignal): Promise<ObsQueryResponse> {
    return this.query('obsquery', params, obsQueryResponseSchema, 'querying the as-flown timeline', signal);
  }
  planQuery(params: QueryParams<'planquery'>, signal?: AbortSignal): Promise<PlanQueryResponse> {
    return this.query('planquery', params, planQueryResponseSchema, 'querying the planned timeline', signal);
  }
  calendar(params: QueryParams<'calendar'>, signal?: AbortSignal): Promise<CalendarResponse> {
    return this.query('calendar', params, calendarResponseSchema, 'reading the TOO calendar', signal);
  }
  clock(params: QueryParams<'clock'>, signal?: AbortSignal): Promise<ClockResponse> {
    return this.query('clock', params, clockResponseSchema, 'converting times', signal);
  }
  uvotMode(params: QueryParams<'uvotMode'>, signal?: AbortSignal): Promise<UvotModeResponse> {
    return this.query('uvotMode', params, uvotModeResponseSchema, 'looking up the UVOT mode', signal);
  }
  data(params: QueryParams<'data'>, signal?: AbortSignal): Promise<DataResponse> {
    return this.query('data', params, dataResponseSchema, 'listing data files', signal);
  }
  guano(params: QueryParams<'guano'>, signal?: AbortSignal): Promise<GuanoResponse> {
    return this.query('guano', params, guanoResponseSchema, 'querying GUANO dumps', signal);
  }
  /** Parameters and reply unknown (§16): passed through, reply kept as sent. */
  nicerVisQuery(params: PassthroughQuery, signal?: AbortSignal): Promise<LooseReply> {
    return this.passthrough(NICER_QUERY_PATHS.nicerVisquery, params, 'computing NICER visibility', signal);
  }
  nicerPlanQuery(params: PassthroughQuery, signal?: AbortSignal): Promise<LooseReply> {
    return this.passthrough(NICER_QUERY_PATHS.nicerPlanquery, params, 'querying the NICER plan', signal);
  }
  sotStats(params: PassthroughQuery = {}, signal?: AbortSignal): Promise<LooseReply> {
    return this.passthrough('/swift/sot_stats', params, 'reading observatory statistics', signal);
  }

  // ---- TOO requests ----------------------------------------------------------------------

  listToos(params: QueryParams<'tooList'>, signal?: AbortSignal): Promise<TooListResponse> {
    return this.query('tooList', params, tooListResponseSchema, 'listing TOO requests', signal);
  }

  /**
   * One TOO, read as the official client does: `GET /swift/too?too_id=N&detail=true` (the list
   * endpoint; `/swift/too/{id}` has no documented reply). The service lists only requests it has
   * approved, so a pending or rejected TOO is reported as not listed (kind `not-found`).
   */
  async getToo(tooId: number, signal?: AbortSignal): Promise<TooRecord> {
    if (!Number.isInteger(tooId) || tooId < 0) throw new RangeError(`A TOO id is a whole number, not ${tooId}`);
    const doing = `reading TOO ${tooId}`;
    const reply = await this.query('tooList', { too_id: tooId, detail: true }, tooListResponseSchema, doing, signal);
    const record =
      reply.entries.find((entry) => entry.too_id === tooId) ??
      (reply.entries.length === 1 && reply.entries[0].too_id == null ? reply.entries[0] : undefined);
    if (record) return record;
    throw new TooServiceError({
      kind: 'not-found',
      service: SERVICE,
      status: 200,
      endpoint: this.endpoint(QUERY_ENDPOINT_PATHS.tooList),
      message: `The Swift TOO API does not list TOO ${tooId} (it lists approved requests only; a pending or rejected request is not shown).`,
    });
  }

  /**
   * Advisory only: whether the service says it accepts TOO submissions now. `GET
   * /swift/too_upload_enabled` has no documented reply (§11.4), so only a bare JSON boolean, or an
   * object whose `too_upload_enabled` (or `enabled`) is a boolean, is read; any other answer, any
   * failure and any delay beyond a few seconds give `undefined` (logged), never an error — a closed
   * upload is refused by the submission itself.
   */
  async uploadEnabled(signal?: AbortSignal): Promise<UploadSwitch> {
    const path = '/swift/too_upload_enabled';
    const limit = new AbortController();
    const timer = setTimeout(() => limit.abort(), UPLOAD_CHECK_LIMIT_MS);
    const onAbort = () => limit.abort();
    signal?.addEventListener('abort', onAbort);
    try {
      const reply = await this.json.send({ method: 'GET', path, signal: limit.signal, passStatuses: [...EXPLAINED_STATUSES] });
      this.note('GET', path, reply.status);
      const value = reply.status >= 200 && reply.status < 300 ? uploadSwitchValue(reply.data) : undefined;
      if (value === undefined)
        this.options.log?.(`The TOO upload switch gave no answer of a known shape (HTTP ${reply.status}); it is ignored.`);
      return value;
    } catch (error) {
      this.options.log?.(`The TOO upload switch could not be read (ignored): ${describeError(error)}`);
      return undefined;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * `POST /swift/too` once. Accepted (200/201) and validated replies resolve; refusals throw a
   * TooServiceError whose `fieldIssues` name the fields (422) or carry the service's errors (400).
   */
  async submitToo(request: TooRequest, options: TooSubmitOptions = {}): Promise<TooSubmitOutcome> {
    const credentials = await this.options.session.credentials();
    if (!credentials) throw notSignedIn(options.validateOnly ? 'validating a TOO request with the service' : 'submitting a TOO request');
    const form = toFormFields(request, { username: credentials.username, validateOnly: options.validateOnly ?? false });
    const doing = options.validateOnly ? 'validating the TOO request' : 'submitting the TOO request';
    let reply: JsonReply;
    try {
      reply = await this.sendAuthenticated(
        { method: 'POST', path: '/swift/too', form, auth: 'required', schema: z.unknown(), signal: options.signal, doing },
        credentials,
      );
    } catch (error) {
      // The one rule of both services (ServiceError.deliveryUncertain), said in the TOO's own words.
      if (!options.validateOnly && error instanceof ServiceError && error.deliveryUncertain) {
        throw new TooServiceError({
          kind: error.kind,
          service: SERVICE,
          status: error.status,
          endpoint: error.endpoint,
          delivery: 'uncertain',
          message: `${error.message} ${UNCERTAIN_SUBMISSION_NOTE}`,
        });
      }
      throw error;
    }
    if (reply.status >= 400) throw this.errorFor(reply, doing);
    return submissionOutcome(reply.data, { validateOnly: options.validateOnly ?? false, debug: request.debug }, (errors) =>
      this.errorFor(reply, doing, errors),
    );
  }

  // ---- plumbing --------------------------------------------------------------------------

  private query<E extends QueryEndpoint, S extends z.ZodType>(
    endpoint: E,
    params: QueryParams<E>,
    schema: S,
    doing: string,
    signal?: AbortSignal,
  ): Promise<z.output<S>> {
    const query = toQueryParams(endpoint, params);
    return this.get({ method: 'GET', path: QUERY_ENDPOINT_PATHS[endpoint], query, auth: 'optional', schema, signal, doing });
  }

  private passthrough(path: string, params: PassthroughQuery, doing: string, signal?: AbortSignal): Promise<LooseReply> {
    const query = new URLSearchParams(toPassthroughQueryString(params));
    return this.get({ method: 'GET', path, query, auth: 'optional', schema: looseReplySchema, signal, doing });
  }

  /** A read: retried with back-off on transient failures only. */
  private async get<S extends z.ZodType>(spec: CallSpec<S>): Promise<z.output<S>> {
    return retryIdempotent(
      async () => {
        const credentials = await this.options.session.credentials();
        if (spec.auth === 'required' && !credentials) throw notSignedIn(spec.doing);
        const reply = await this.sendAuthenticated(spec, credentials);
        if (reply.status >= 400) throw this.errorFor(reply, spec.doing);
        const body = this.parse(spec.schema, reply, spec.doing);
        const status = statusFromBody(body);
        // A 200 whose status says the service refused (e.g. an unresolvable name) is a refusal too.
        if (status && (status.status === 'Rejected' || status.status === 'Error') && status.errors.length > 0)
          throw this.errorFor(reply, spec.doing);
        return body;
      },
      this.retry,
      spec.signal,
    );
  }

  /** Sends with the session (logging in first when needed); on a 401 logs in again once and repeats once. */
  private async sendAuthenticated(spec: CallSpec<z.ZodType>, credentials: TooCredentials | undefined): Promise<JsonReply> {
    const { session } = this.options;
    if (credentials && !session.isSignedIn()) await session.loginOnce(credentials.username, () => this.loginAs(credentials, spec.signal));
    const send = async (): Promise<JsonReply> => {
      const reply = await this.json.send({
        method: spec.method,
        path: spec.path,
        query: spec.query,
        form: spec.form,
        signal: spec.signal,
        passStatuses: [...EXPLAINED_STATUSES],
      });
      this.note(spec.method, spec.path, reply.status);
      return reply;
    };
    const first = await send();
    if (first.status !== 401 || !credentials) return first;
    this.options.log?.(`Swift TOO session expired; signing in again as ${credentials.username}`);
    session.forget();
    await session.loginOnce(credentials.username, () => this.loginAs(credentials, spec.signal));
    const second = await send();
    if (second.status === 401) {
      throw new TooServiceError({
        kind: 'unauthorized',
        service: SERVICE,
        status: 401,
        endpoint: this.endpoint(spec.path),
        message: `The Swift TOO API refused ${spec.doing} even after signing in again as "${credentials.username}" (HTTP 401): ${detailOf(second)}`,
      });
    }
    return second;
  }

  /**
   * `POST /login`, decided by the HTTP status as the official client does: any 2xx is a success,
   * whatever the body (empty, 204, text, JSON). The `session` cookie is looked up by name; when none
   * is visible the sign-in still stands, and the first 401 takes the re-login path.
   */
  private async loginAs(credentials: TooCredentials, signal?: AbortSignal): Promise<void> {
    let reply: JsonReply;
    try {
      reply = await this.sendStatusOnly({
        method: 'POST',
        path: '/login',
        json: { username: credentials.username, password: credentials.apiKey },
        signal,
        passStatuses: [...EXPLAINED_STATUSES],
      });
    } catch (error) {
      // Rebuilt without `cause`: the transport error holds the request config, whose body has the key.
      // `not-sent`: whatever happened to the login, the request that needed it was never sent.
      if (error instanceof ServiceError)
        throw new ServiceError({
          kind: error.kind,
          service: SERVICE,
          status: error.status,
          endpoint: error.endpoint,
          delivery: 'not-sent',
          message: `Signing in to the Swift TOO API failed: ${error.message}`,
        });
      throw new ServiceError({
        kind: 'network',
        service: SERVICE,
        delivery: 'not-sent',
        message: 'Signing in to the Swift TOO API failed for an unknown reason.',
      });
    }
    this.note('POST', '/login', reply.status);
    if (reply.status === 401 || reply.status === 403) {
      throw new TooServiceError({
        kind: 'unauthorized',
        service: SERVICE,
        status: reply.status,
        endpoint: this.endpoint('/login'),
        message: `Signing in to the Swift TOO API as "${credentials.username}" failed: the username or API key was not accepted (HTTP ${reply.status}). Sign in again with the API key from your Swift TOO account page.`,
      });
    }
    if (reply.status >= 300) throw this.errorFor(reply, `signing in as "${credentials.username}"`);
    if (!this.options.session.hasSessionCookie()) {
      this.options.session.markSignedInWithoutCookie();
      this.warn(
        `Swift TOO sign-in as ${credentials.username} answered HTTP ${reply.status} without a visible session cookie; continuing (a 401 will sign in again)`,
      );
    }
  }

  /**
   * A request whose body does not matter (login, logout): a 2xx body that is empty or not JSON is
   * not an error here; the reply then carries `data: undefined`.
   */
  private async sendStatusOnly(request: Parameters<JsonClient['send']>[0]): Promise<JsonReply> {
    try {
      return await this.json.send(request);
    } catch (error) {
      const unreadableBody =
        error instanceof ServiceError && (error.kind === 'not-json' || error.kind === 'html-page' || error.kind === 'truncated-json');
      if (unreadableBody && error.status !== undefined && error.status >= 200 && error.status < 300)
        return { status: error.status, data: undefined, headers: {} };
      throw error;
    }
  }

  private parse<S extends z.ZodType>(schema: S, reply: JsonReply, doing: string): z.output<S> {
    const parsed = schema.safeParse(reply.data);
    if (parsed.success) {
      const skipped = skippedRecords(parsed.data);
      if (skipped.length) this.warn(`While ${doing}: ${describeSkipped(skipped)}`);
      return parsed.data;
    }
    const where = formatIssues(parsed.error.issues, { max: 3, root: 'reply' });
    throw this.shapeError(doing, reply.status, where.join('; '));
  }

  private shapeError(doing: string, status: number, what: string): ServiceError {
    return new ServiceError({
      kind: 'unexpected-shape',
      service: SERVICE,
      status,
      message: `The Swift TOO API's answer to ${doing} does not have the documented shape (${what}).`,
    });
  }

  private errorFor(reply: JsonReply, doing: string, errors?: readonly string[]): TooServiceError {
    const status = statusFromBody(reply.data);
    const fieldIssues: TooFieldIssue[] = errors ? errors.map((message) => ({ message })) : fieldIssuesOf(reply.data);
    return new TooServiceError({
      kind: kindFor(reply.status),
      service: SERVICE,
      status: reply.status,
      message: `${describeTooError(reply.status, reply.data).replace(/\.$/, '')} (while ${doing}).`,
      details: fieldIssues.length > 1 ? fieldIssues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)) : [],
      fieldIssues,
      warnings: status?.warnings ?? [],
    });
  }

  private endpoint(path: string): string {
    return `${this.options.baseUrl}${path}`;
  }

  private warn(line: string): void {
    (this.options.warn ?? this.options.log)?.(line);
  }

  private note(method: string, path: string, status: number): void {
    this.options.log?.(`${method} ${path} → HTTP ${status}`);
  }
}

function kindFor(status: number): ServiceErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status >= 500) return 'server';
  if (status >= 400) return 'rejected';
  return 'rejected'; // a 2xx whose status object says Rejected/Error
}

function notSignedIn(doing: string): TooServiceError {
  return new TooServiceError({
    kind: 'unauthorized',
    service: SERVICE,
    message: `Not signed in: ${doing} needs a Swift TOO account. Run "Swift TOO: Sign in to Swift TOO API" first.`,
  });
}

function detailOf(reply: JsonReply): string {
  return describeTooError(reply.status, reply.data);
}

/** 422 `detail` items as (field, message), the field being the last `loc` element; 400 errors without a field. */
function fieldIssuesOf(body: unknown): TooFieldIssue[] {
  const detail = fastApiDetailSchema.safeParse(body);
  if (detail.success) {
    const d = detail.data.detail;
    if (typeof d === 'string') return [{ message: d }];
    return d.map((item) => {
      const last = item.loc.length > 1 ? item.loc[item.loc.length - 1] : undefined;
      return typeof last === 'string' ? { field: last, message: item.msg } : { message: item.msg };
    });
  }
  const status = statusFromBody(body);
  return status ? status.errors.map((message) => ({ message })) : [];
}

/** A bare boolean, or the `too_upload_enabled` / `enabled` boolean of an object; anything else is unknown. */
function uploadSwitchValue(body: unknown): UploadSwitch {
  if (typeof body === 'boolean') return body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  for (const name of ['too_upload_enabled', 'enabled']) if (typeof record[name] === 'boolean') return record[name] as boolean;
  return undefined;
}

/**
 * Reads a 2xx answer to a submission (official client: any 2xx is handled as a success, the status
 * text only reported). A `too_id` proves a TOO exists; errors without one are a refusal; otherwise
 * validation passed, a debug submission was checked, or the outcome is uncertain.
 */
function submissionOutcome(
  body: unknown,
  request: { readonly validateOnly: boolean; readonly debug: boolean },
  refusal: (errors: readonly string[]) => Error,
): TooSubmitOutcome {
  const status = statusFromBody(foldStatus(body));
  // A body without any status word may still carry the id (read as leniently as the status's own).
  const topLevel = typeof body === 'object' && body !== null ? optInt.safeParse((body as Record<string, unknown>).too_id) : undefined;
  const tooId = status?.too_id ?? (topLevel?.success ? topLevel.data : undefined);
  const errors = status?.errors ?? [];
  const warnings = status?.warnings ?? [];
  if (tooId !== undefined && tooId !== null && !request.validateOnly) {
    // Errors next to a too_id are kept as warnings: the TOO exists and must not be sent again.
    return { kind: 'received', tooId, warnings: [...errors, ...warnings], status: status?.status ?? '' };
  }
  if (errors.length > 0) throw refusal(errors);
  if (request.validateOnly) return { kind: 'validated', warnings };
  if (request.debug) return { kind: 'debug', warnings, status: status?.status ?? '' };
  return { kind: 'uncertain', warnings, status: status?.status };
}
