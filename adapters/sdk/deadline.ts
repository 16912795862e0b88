/** Deadlines: one AbortSignal that fires at the call's deadline or when the caller aborts. */
export interface DeadlineSignal {
  signal: AbortSignal;
  /** True when the deadline (not the caller) aborted the call. */
  timedOut(): boolean;
  /** Clears the timer; call when the call settles. */
  done(): void;
}

export function deadlineSignal(deadline: number, parent?: AbortSignal): DeadlineSignal {
  const controller = new AbortController();
  let expired = false;
  const remaining = Math.max(0, deadline - Date.now());
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new Error('deadline exceeded'));
  }, remaining);
  const onParent = () => controller.abort(parent?.reason ?? new Error('aborted'));
  if (parent) {
    if (parent.aborted) onParent();
    else parent.addEventListener('abort', onParent, { once: true });
  }
  return {
    signal: controller.signal,
    timedOut: () => expired,
    done() {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParent);
    },
  };
}
