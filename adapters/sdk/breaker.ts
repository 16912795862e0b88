/**
 * One circuit breaker per upstream (opossum). It guards the exchanges only (CallContext.exchange), and only
 * failures that say the upstream is unwell count — timeouts and unavailability; a refused request (4xx)
 * or a bad answer does not open the breaker, and a request we could not build never reaches it.
 * While open, calls fail at once with a retryable `unavailable` UpstreamError, so a downed agency is not
 * hammered and callers do not wait on it.
 */
import CircuitBreaker from 'opossum';
import type { BreakerOptions } from './types';
import { UpstreamError } from './upstream-error';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface UpstreamBreaker {
  run<T>(fn: () => Promise<T>): Promise<T>;
  state(): BreakerState;
  /** Registers a listener for state changes (metrics, logs). */
  onStateChange(listener: (state: BreakerState) => void): void;
  shutdown(): void;
}

const counts = (err: unknown): boolean =>
  err instanceof UpstreamError && (err.code === 'timeout' || err.code === 'unavailable');

export function createBreaker(upstream: string, opts: BreakerOptions = {}): UpstreamBreaker {
  const breaker = new CircuitBreaker((fn: () => Promise<unknown>) => fn(), {
    timeout: false,
    errorThresholdPercentage: opts.errorThresholdPercentage ?? 50,
    volumeThreshold: opts.volumeThreshold ?? 10,
    resetTimeout: opts.resetTimeoutMs ?? 5000,
    rollingCountTimeout: opts.rollingCountTimeoutMs ?? 10000,
    // errorFilter returning true means "not a failure of the upstream": it does not count.
    errorFilter: (err: unknown) => !counts(err),
  });
  const state = (): BreakerState => (breaker.opened ? 'open' : breaker.halfOpen ? 'half-open' : 'closed');
  const listeners: ((s: BreakerState) => void)[] = [];
  const emit = () => listeners.forEach((l) => l(state()));
  breaker.on('open', emit);
  breaker.on('halfOpen', emit);
  breaker.on('close', emit);
  return {
    async run<T>(fn: () => Promise<T>): Promise<T> {
      try {
        return (await breaker.fire(fn)) as T;
      } catch (err) {
        if ((err as { code?: string })?.code === 'EOPENBREAKER') {
          throw new UpstreamError({
            upstream,
            code: 'unavailable',
            reason: 'circuit open: the upstream failed repeatedly',
          });
        }
        throw err;
      }
    },
    state,
    onStateChange(listener) {
      listeners.push(listener);
    },
    shutdown() {
      breaker.shutdown();
    },
  };
}
