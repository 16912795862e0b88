/**
 * Refusals before authentication (CONVENTIONS §11, "bound everything an outsider can make us do"). Anyone
 * can send a request that is refused before the hub knows who sent it — unsigned, badly signed, signed by
 * an unknown key, replayed, too large, to an unknown path — so such refusals must cost the hub a bounded
 * amount whatever the rate:
 *
 * - **rate-limited per source address** (rate-limiter-flexible on Redis, shared by every hub process; an
 *   IPv6 source by its /64, which one host usually holds whole): past `points` refusals in `durationSec`
 *   a source gets RATE_LIMITED with Retry-After instead of the refusal's own code, so it also learns
 *   nothing more (no kid or signature oracle at speed); a source over its budget is then refused from
 *   memory, without a Redis round trip;
 * - **audited in aggregate**: not one audit record per refusal (200 unsigned requests wrote 200 chained
 *   records), but per source and window one record counting the refusals by code, written when the
 *   window closes (and on shutdown). At most `maxSources` sources per window get a record of their own;
 *   the rest share one. No refusal carries a subject, so the subject index does not grow at all;
 * - **counted** in `lienthong_refusals_before_auth_total{code}`.
 */
import { randomUUID } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import type { Request } from 'express';
import type { Counter } from 'prom-client';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { PROBLEMS, type ProblemCode } from '../../contracts';
import type { Audit } from '../audit';

export interface RefusalGateOptions {
  limiter: RateLimiterAbstract;
  audit: Pick<Audit, 'append'>;
  counter: Counter<'code'>;
  /** Seconds per aggregate audit record. @defaultValue 60 */
  windowSec?: number;
  /** Sources with a record of their own per window. @defaultValue 100 */
  maxSources?: number;
  logger: { error(obj: object, msg?: string): void };
  clock?: () => number;
}

export interface RefusalGate {
  /**
   * Counts one refusal of `source`; resolves with the seconds it must wait when it is over its budget
   * (answer RATE_LIMITED then), undefined otherwise.
   */
  refuse(source: string, code: ProblemCode, claimedClient?: string): Promise<number | undefined>;
  /** Writes the aggregate records of the window so far. */
  flush(): Promise<void>;
  /** Stops the window timer and writes what is left. */
  close(): Promise<void>;
}

/** Key of the source a request comes from: its IPv4 address, or the /64 of its IPv6 address. */
export function sourceOf(req: Pick<Request, 'socket'>): string {
  let addr = req.socket?.remoteAddress ?? 'unknown';
  if (addr.startsWith('::ffff:') && isIPv4(addr.slice(7))) addr = addr.slice(7);
  if (!isIPv6(addr)) return addr;
  const [head, tail = ''] = addr.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g || '0', 16).toString(16))
    .join(':')}::/64`;
}

interface Tally {
  since: number;
  count: number;
  codes: Map<string, number>;
  claimed: Set<string>;
}

const OTHERS = 'other-sources';
const MAX_CLAIMED = 5;

export function createRefusalGate(opts: RefusalGateOptions): RefusalGate {
  const clock = opts.clock ?? Date.now;
  const maxSources = opts.maxSources ?? 100;
  let tallies = new Map<string, Tally>();

  const tally = (source: string, code: string, claimed?: string) => {
    const key = tallies.has(source) || tallies.size < maxSources ? source : OTHERS;
    let t = tallies.get(key);
    if (!t) tallies.set(key, (t = { since: clock(), count: 0, codes: new Map(), claimed: new Set() }));
    t.count += 1;
    t.codes.set(code, (t.codes.get(code) ?? 0) + 1);
    if (claimed && t.claimed.size < MAX_CLAIMED) t.claimed.add(claimed);
  };

  const flush = async () => {
    const done = tallies;
    tallies = new Map();
    const writes = [...done].map(([source, t]) => {
      const codes = [...t.codes].sort((a, b) => b[1] - a[1]);
      const top = codes[0][0] as ProblemCode;
      return opts.audit
        .append({
          time: new Date(t.since).toISOString(),
          messageId: `refusals-${randomUUID()}`,
          client: `unauthenticated@${source}`,
          service: `hub:refused before authentication${t.claimed.size ? ` (claimed ${[...t.claimed].join(', ')})` : ''}`,
          outcome: 'REFUSED_BEFORE_AUTH',
          status: PROBLEMS[top]?.status ?? 400,
          count: t.count,
          outcomes: Object.fromEntries(codes),
          durationMs: clock() - t.since,
        })
        .catch((err: unknown) =>
          opts.logger.error(
            { err: err instanceof Error ? err.message : String(err), source, count: t.count },
            'aggregate refusal record could not be appended',
          ),
        );
    });
    await Promise.all(writes);
  };

  const timer = setInterval(() => void flush(), (opts.windowSec ?? 60) * 1000);
  timer.unref();

  return {
    async refuse(source, code, claimedClient) {
      let retryAfter: number | undefined;
      try {
        await opts.limiter.consume(source);
      } catch (err) {
        // Over the budget: RATE_LIMITED. Redis unreachable: the refusal stands as it is.
        if (err instanceof RateLimiterRes) retryAfter = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      }
      const counted: ProblemCode = retryAfter ? 'RATE_LIMITED' : code;
      opts.counter.inc({ code: counted });
      tally(source, counted, claimedClient);
      return retryAfter;
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
