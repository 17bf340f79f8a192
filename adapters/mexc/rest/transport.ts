/**
 * One MEXC REST call, start to finish: admission by the rate limiter (or a fast failure while a
 * 429/418 hold lasts), the signed or plain query string, fetch with a time-out, and the answer
 * validated against its wire schema or mapped to a typed error. Results, not exceptions: every
 * expected failure comes back as `{ ok: false, error }`.
 */
import type { z } from 'zod';
import type { Clock } from '../../../core/clock.ts';
import { ConfigError, DecodeError, IpBannedError, RateLimitError, UnknownOutcomeError } from '../../../core/errors.ts';
import type { Logger } from '../../../core/logger.ts';
import { err, ok, type Result } from '../../../core/result.ts';
import type { MexcRestConfig } from './client-config.ts';
import type { MexcCredentials } from './credentials.ts';
import { isSuccessCode, mapHttpError, mapTransportError, parseErrorBody, type MexcRestError, type RequestFacts } from './errors.ts';
import { RateLimiter, type LimitScope } from './rate-limit.ts';
import { encodeParams, type Params } from './sign.ts';

/** The config without apiKey/apiSecret: those live only inside MexcCredentials. */
export type PublicRestConfig = Readonly<Omit<MexcRestConfig, 'apiKey' | 'apiSecret'>>;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface EndpointSpec<S extends z.ZodType> {
  readonly method: HttpMethod;
  readonly path: string;
  /** 'api' = the Open API host, 'web' = the website host (calendar, symbolsV2). */
  readonly host: 'api' | 'web';
  readonly signed: boolean;
  /** Order placement and cancels: a lost answer means an unknown outcome. */
  readonly stateChanging: boolean;
  /** Rate-limit key when it differs from `METHOD /path` (e.g. the `:all` ticker variants). */
  readonly limitKey?: string;
  readonly schema: S;
}

export interface TransportDeps {
  readonly clock: Clock;
  readonly logger?: Logger;
  readonly sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class RestTransport {
  /** Server time minus local time, ms; added to every signed timestamp. */
  offsetMs = 0;
  readonly limiter: RateLimiter;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly config: PublicRestConfig,
    private readonly credentials: MexcCredentials | undefined,
    private readonly deps: TransportDeps,
  ) {
    this.limiter = new RateLimiter(config.rateLimit, deps.clock);
    this.sleep = deps.sleep ?? realSleep;
  }

  /** The timestamp a signed request carries now: local clock plus the server offset. */
  timestampMs(): number {
    return Math.round(this.deps.clock.nowMs() + this.offsetMs);
  }

  get hasCredentials(): boolean {
    return this.credentials !== undefined;
  }

  async call<S extends z.ZodType>(spec: EndpointSpec<S>, params: Params = {}): Promise<Result<z.output<S>, MexcRestError>> {
    const facts: RequestFacts = { method: spec.method, path: spec.path, stateChanging: spec.stateChanging };
    if (spec.signed && this.credentials === undefined) {
      return err(new ConfigError(`${spec.method} ${spec.path} is a signed endpoint: configure apiKey and apiSecret`));
    }
    const scope: LimitScope = spec.host === 'web' ? 'web' : spec.signed ? 'uid' : 'ip';
    const admitted = await this.admit(spec, scope);
    if (admitted !== undefined) return err(admitted);

    const query = spec.signed
      ? this.credentials!.sign(params, this.timestampMs(), this.config.recvWindow).query
      : encodeParams(params);
    const base = spec.host === 'web' ? this.config.webBaseUrl : this.config.baseUrl;
    const url = `${base}${spec.path}${query === '' ? '' : `?${query}`}`;
    const headers: Record<string, string> = {};
    if (spec.signed) headers['X-MEXC-APIKEY'] = this.credentials!.headerValue();
    if (spec.method !== 'GET') headers['Content-Type'] = 'application/json';

    const started = this.deps.clock.nowMs();
    let status: number;
    let bodyText: string;
    let retryAfterHeader: string | null;
    try {
      const response = await fetch(url, {
        method: spec.method, headers, signal: AbortSignal.timeout(this.config.timeoutMs), redirect: 'error',
      });
      status = response.status;
      retryAfterHeader = response.headers.get('retry-after');
      bodyText = await response.text();
    } catch (cause) {
      const error = mapTransportError(cause, facts, this.config.timeoutMs);
      this.deps.logger?.warn({ method: spec.method, path: spec.path, code: error.code }, 'mexc rest: no answer');
      return err(error);
    }
    this.deps.logger?.debug({ method: spec.method, path: spec.path, status, ms: this.deps.clock.nowMs() - started }, 'mexc rest');
    return this.interpret(spec, facts, scope, { status, bodyText, retryAfterHeader });
  }

  /** Wait for local budget when the wait is short; otherwise (or during a hold) fail fast. */
  private async admit(spec: EndpointSpec<z.ZodType>, scope: LimitScope): Promise<MexcRestError | undefined> {
    const key = spec.limitKey ?? `${spec.method} ${spec.path}`;
    for (let attempt = 0; attempt < 8; attempt++) {
      const admission = this.limiter.tryAcquire({ key, scope });
      if (admission.ok) return undefined;
      const waitMs = Math.ceil(admission.waitMs);
      if (admission.reason === 'hold') {
        const message = `${key}: not sent, ${admission.banned ? 'IP ban (418)' : 'rate limit (429)'} hold for another ${waitMs} ms`;
        const fields = { retryable: true, retryAfterMs: waitMs };
        return admission.banned ? new IpBannedError(message, fields) : new RateLimitError(message, fields);
      }
      if (waitMs > this.config.rateLimit.maxWaitMs) {
        return new RateLimitError(`${key}: not sent, local ${admission.bucket} budget needs ${waitMs} ms to free up`,
          { retryable: true, retryAfterMs: waitMs });
      }
      await this.sleep(waitMs);
    }
    return new RateLimitError(`${key}: not sent, local budget still exhausted after waiting`, { retryable: true });
  }

  private interpret<S extends z.ZodType>(
    spec: EndpointSpec<S>, facts: RequestFacts, scope: LimitScope,
    answer: { status: number; bodyText: string; retryAfterHeader: string | null },
  ): Result<z.output<S>, MexcRestError> {
    const nowMs = this.deps.clock.nowMs();
    const defaults = { rateLimited: this.config.rateLimit.defaultRetryAfterMs, banned: this.config.rateLimit.defaultBanMs };
    const failure = { ...answer, nowMs };
    if (answer.status < 200 || answer.status >= 300) {
      const error = mapHttpError(failure, facts, this.config.errorCodeRules, defaults);
      if (error instanceof RateLimitError || error instanceof IpBannedError) {
        this.limiter.noteLimited(scope, answer.status === 418 ? 418 : 429, error.retryAfterMs);
      }
      return err(error);
    }
    let json: unknown;
    try {
      json = JSON.parse(answer.bodyText);
    } catch (cause) {
      return err(spec.stateChanging
        ? new UnknownOutcomeError(`${spec.method} ${spec.path}: HTTP ${answer.status} with an unreadable body; reconcile`, { cause })
        : new DecodeError('bad_json', `${spec.method} ${spec.path}: answer is not JSON: ${answer.bodyText.slice(0, 80)}`, { cause }));
    }
    const envelope = typeof json === 'object' && json !== null && !Array.isArray(json) && 'msg' in json
      ? parseErrorBody(answer.bodyText) : undefined;
    if (envelope !== undefined && !isSuccessCode(envelope.code)) {
      return err(mapHttpError(failure, facts, this.config.errorCodeRules, defaults));
    }
    const parsed = spec.schema.safeParse(json);
    if (parsed.success) return ok(parsed.data);
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid';
    return err(spec.stateChanging
      ? new UnknownOutcomeError(`${spec.method} ${spec.path}: HTTP ${answer.status} with an unexpected body (${where}); reconcile`)
      : new DecodeError('malformed', `${spec.method} ${spec.path}: unexpected answer (${where})`, { cause: parsed.error }));
  }
}
