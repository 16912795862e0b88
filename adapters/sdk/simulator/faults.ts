/**
 * Fault knobs of the simulated agencies: added latency, error rate, failing the next N calls, down
 * windows (connections reset), malformed answers of many kinds, slow drip, and hung connections.
 * Set by options at start and at run time through the admin endpoint (`PUT /__admin/faults`).
 */
import Joi from 'joi';

export const MALFORMED_KINDS = [
  'html',
  'wrong-types',
  'missing-fields',
  'truncated',
  'doctype',
  'entity-bomb',
  'huge',
  'invalid-utf8',
  'tcvn3',
] as const;
export type MalformedKind = (typeof MALFORMED_KINDS)[number];

export interface Faults {
  /** Added to every answer, in ms. @defaultValue 0 */
  latencyMs?: number;
  /** Share of calls answered with `errorStatus`, 0–1 (seeded, so runs repeat). @defaultValue 0 */
  errorRate?: number;
  /** Status of injected errors. @defaultValue 503 */
  errorStatus?: number;
  /** The next N calls fail with `errorStatus`. */
  failNext?: number;
  /** While true, connections are reset without an answer. */
  down?: boolean;
  /** Down from now for this many ms (sets `downUntil`). */
  downForMs?: number;
  /** Down until this time (epoch ms). */
  downUntil?: number;
  /** Answer with this kind of malformed body. */
  malformed?: MalformedKind | null;
  /** Send the answer in small chunks this many ms apart. */
  slowDripMs?: number;
  /** Accept calls and never answer. */
  hang?: boolean;
}

export const faultsSchema = Joi.object<Faults>({
  latencyMs: Joi.number().integer().min(0).max(600_000),
  errorRate: Joi.number().min(0).max(1),
  errorStatus: Joi.number().integer().min(400).max(599),
  failNext: Joi.number().integer().min(0).max(1_000_000),
  down: Joi.boolean(),
  downForMs: Joi.number().integer().min(0).max(3_600_000),
  downUntil: Joi.number().integer().min(0),
  malformed: Joi.string()
    .valid(...MALFORMED_KINDS)
    .allow(null),
  slowDripMs: Joi.number().integer().min(0).max(60_000),
  hang: Joi.boolean(),
});

/** A small seeded PRNG (mulberry32): the error rate is reproducible run to run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultState {
  private current: Faults = {};
  private readonly random: () => number;

  constructor(initial: Faults = {}, seed = 1) {
    this.random = seededRandom(seed);
    this.set(initial);
  }

  get(): Faults {
    return { ...this.current };
  }

  /** Merges new settings (null/0 clear a knob); `downForMs` becomes an absolute `downUntil`. */
  set(f: Faults): void {
    const next: Faults = { ...this.current, ...f };
    if (f.downForMs !== undefined) {
      next.downUntil = f.downForMs > 0 ? Date.now() + f.downForMs : undefined;
      delete next.downForMs;
    }
    this.current = next;
  }

  reset(): void {
    this.current = {};
  }

  isDown(now = Date.now()): boolean {
    return (
      Boolean(this.current.down) || (this.current.downUntil !== undefined && now < this.current.downUntil)
    );
  }

  /** Decides whether this call fails with an injected error status. */
  takeError(): number | undefined {
    const f = this.current;
    if (f.failNext && f.failNext > 0) {
      this.current = { ...f, failNext: f.failNext - 1 };
      return f.errorStatus ?? 503;
    }
    if (f.errorRate && this.random() < f.errorRate) return f.errorStatus ?? 503;
    return undefined;
  }
}
