/**
 * A small closed-loop load generator: `concurrency` workers call back to back for a fixed time (or until
 * a supply of prepared requests runs out), recording each call's latency; plus a keep-alive HTTP client on
 * node:http and interleaved rounds of several contenders with the median of each figure.
 */
import { Agent, request } from 'node:http';

export interface RoundStats {
  callsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  calls: number;
  errors: number;
}

/** A call: resolves true for a good answer, false (or throws) for a bad one. */
export type Call = (seq: number) => Promise<boolean>;

export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Runs `call` from `concurrency` workers for `durationMs`, or until `limit` calls have started. */
export async function closedLoop(
  call: Call,
  concurrency: number,
  durationMs: number,
  limit = Infinity,
): Promise<RoundStats> {
  const latencies: number[] = [];
  let seq = 0;
  let errors = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(durationMs * 1e6));
  const worker = async () => {
    while (seq < limit) {
      const t0 = process.hrtime.bigint();
      if (t0 >= end) return;
      let ok: boolean;
      try {
        ok = await call(seq++);
      } catch {
        ok = false;
      }
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (!ok) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedS = Number(process.hrtime.bigint() - start) / 1e9;
  const sorted = Float64Array.from(latencies).sort();
  return {
    callsPerSecond: latencies.length / elapsedS,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    calls: latencies.length,
    errors,
  };
}

/** Returns the round's figures, or throws when calls failed: a benchmark of failing calls measures nothing. */
export function failFast(name: string, s: RoundStats): RoundStats {
  if (s.errors) throw new Error(`${name}: ${s.errors} of ${s.calls} calls failed`);
  return s;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Runs each contender once per round, in turn, for `rounds` rounds; returns, per contender, the median
 * of each figure over the rounds. Interleaving exposes every contender to the same swings of a shared
 * machine. A round with failed calls ends the run.
 */
export async function interleavedRounds(
  contenders: Record<string, () => Promise<RoundStats>>,
  rounds: number,
): Promise<Record<string, RoundStats>> {
  const samples: Record<string, RoundStats[]> = {};
  for (const name of Object.keys(contenders)) samples[name] = [];
  for (let r = 0; r < rounds; r++) {
    for (const [name, run] of Object.entries(contenders)) samples[name].push(failFast(name, await run()));
  }
  const out: Record<string, RoundStats> = {};
  for (const [name, xs] of Object.entries(samples)) {
    out[name] = {
      callsPerSecond: median(xs.map((x) => x.callsPerSecond)),
      p50Ms: median(xs.map((x) => x.p50Ms)),
      p99Ms: median(xs.map((x) => x.p99Ms)),
      calls: xs.reduce((a, x) => a + x.calls, 0),
      errors: xs.reduce((a, x) => a + x.errors, 0),
    };
  }
  return out;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A minimal HTTP/1.1 client over one keep-alive agent (no redirects, no parsing). */
export class HttpClient {
  private readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string, maxSockets: number) {
    const u = new URL(baseUrl);
    this.host = u.hostname;
    this.port = Number(u.port);
    this.agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  send(
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: Buffer | string,
  ): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const all =
        body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
      const req = request(
        { host: this.host, port: this.port, method, path, headers: all, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
