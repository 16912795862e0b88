/**
 * What an adapter hands the conformance kit (its `conformance()`), and the small vocabulary the checks
 * share: the call context, a silent logger, a failed check and the environment a run gives each check.
 */
import type { AdapterInstance } from '../define-adapter';
import type { RunningSimulator, Simulator, SimulatorOptions } from '../simulator/server';
import type { AdapterConfig, AdapterDefinition, AdapterDeps, CallContext, Logger } from '../types';

/** An example whose canonical answer is stated: every field given must come out as given. */
export class Example {
  constructor(
    readonly input: unknown,
    readonly expected?: unknown,
  ) {}
}

/**
 * `example(input, expected)`: an example with its expected canonical output. `input` may be a function
 * (a fresh input per call); `expected` may be a function of the input. Objects in `expected` are matched
 * field by field (fields not named are not compared); arrays element by element, with their length.
 */
export const example = (input: unknown, expected?: unknown): Example => new Example(input, expected);

export interface Refusal {
  service: string;
  input: unknown;
  notFound?: boolean;
  /** The upstream's own error code that must reach the hub (UpstreamError.upstreamCode). */
  upstreamCode?: string;
}

export interface ConformanceSpec<Client = unknown> {
  adapter: AdapterDefinition<Client>;
  simulator: (opts?: SimulatorOptions) => Simulator;
  /**
   * Per service (`name/vN`): inputs that must succeed against a fresh simulator. Every service needs one.
   * A function is called for a fresh input each time (writes whose upstream refuses a repeat, e.g. the same
   * birth certificate twice, need new data per call). `example(input, expected)` also states the answer.
   */
  examples: Record<string, (unknown | (() => unknown) | Example)[]>;
  /** Inputs the upstream must refuse. */
  refusals?: Refusal[];
  /**
   * The example the fault checks run on (`name/vN` and its index in `examples`). By default the first
   * example of a read service whose answer holds Vietnamese text (so a TCVN3-encoded answer is visible).
   */
  faultExample?: { service: string; index?: number };
  /** Adapter-specific config (`options`) for the instance under test. */
  config?: Partial<AdapterConfig>;
  /** What the hub would lend the adapter beyond the agent and logger (e.g. a signer for XML-DSig). */
  deps?: Partial<AdapterDeps>;
  /** The source speaks a legacy encoding the adapter converts (one-stop-legacy): TCVN3 may succeed, converted. */
  convertsLegacyText?: boolean;
  /**
   * The upstream's answers hold no text in Vietnamese at all (codes, numbers, ids — an SMS gateway's
   * receipts): the TCVN3 check then only requires that nothing garbled gets through.
   */
  answersHoldNoText?: boolean;
}

export interface CheckEnv {
  sim: RunningSimulator;
  /** An instance with a relaxed breaker; each check starts with faults reset. */
  instance: AdapterInstance;
  config: AdapterConfig;
  /** Builds another instance of the adapter (own breaker, own token cache) with config changes. */
  newInstance(change?: Partial<AdapterConfig>, deps?: Partial<AdapterDeps>): AdapterInstance;
}

export interface Check {
  name: string;
  run(env: CheckEnv): Promise<void>;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  detail?: string;
  ms: number;
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};

export class CheckFailed extends Error {}

export function expect(cond: unknown, message: string): asserts cond {
  if (!cond) throw new CheckFailed(message);
}

export function callContext(timeoutMs = 2000, extra: Partial<CallContext> = {}): CallContext {
  return {
    messageId: `conformance-${Math.random().toString(16).slice(2)}`,
    deadline: Date.now() + timeoutMs,
    signal: new AbortController().signal,
    logger: silentLogger,
    ...extra,
  };
}

/** An example's input, fresh when it is a function. */
export const inputOf = (ex: unknown): unknown => {
  const raw = ex instanceof Example ? ex.input : ex;
  return typeof raw === 'function' ? (raw as () => unknown)() : raw;
};

/** An example's expected output for an input, if it states one. */
export const expectedOf = (ex: unknown, input: unknown): unknown =>
  ex instanceof Example
    ? typeof ex.expected === 'function'
      ? (ex.expected as (i: unknown) => unknown)(input)
      : ex.expected
    : undefined;

/** A fresh input per call: a function, or an example(…) whose input is one. */
export const isFresh = (ex: unknown): boolean =>
  typeof ex === 'function' || (ex instanceof Example && typeof ex.input === 'function');
