/**
 * The portal's on-time flag (đúng hạn), as a pure function the hub can share: a dossier was handled on
 * time when processing finished (status 9, or 10 when no 9 was recorded) no later than the due date,
 * not counting the time the citizen took to supplement (time spent in status 5).
 *
 * Rules, in the order they apply:
 * - History entries are taken in time order (entries with the same time keep their given order).
 * - The finishing moment is the start of the LAST run of finished statuses (9/10): a dossier that was
 *   finished, reopened and finished again is judged by its final finish.
 * - No finishing moment (still processing, or ended as 3 rejected / 7 withdrawn / 8 stopped): undefined —
 *   the portal rates timeliness only of dossiers it finished.
 * - Supplement time: each status-5 entry counts until the next entry (or the finishing moment, if earlier);
 *   repeated requests add up. Time waiting for a payment (status 6) is not deducted.
 * - On time ⇔ finishedAt − supplementTime ≤ dueAt (equality is on time), to the second. Limits are
 *   counted in working days, so the time past the due date and the supplement time are measured in
 *   office time when a `workingMs` measure is given (the hub passes its working-day calendar's): on time
 *   ⇔ workingMs(due, finish) ≤ Σ workingMs(supplement periods). Without one, calendar time.
 */
import { parseTimestamp } from '../../contracts/validators/date';

/** Time between two instants (epoch ms) as the limit counts it; 0 when `to` ≤ `from`. */
export type Measure = (from: number, to: number) => number;

const calendarTime: Measure = (from, to) => Math.max(0, to - from);

export interface TimedStatus {
  status: number;
  /** A timestamp parseTimestamp accepts: canonical ISO 8601 (+07:00) or the portal's yyyyMMddHHmmss. */
  at: string;
}

const FINISHED = new Set([9, 10]);
const SUPPLEMENT = 5;

/** Epoch milliseconds of a timestamp. @throws RangeError when it is not a timestamp. */
function epoch(at: string): number {
  const r = parseTimestamp(at);
  if (!r.ok) throw new RangeError(`Not a timestamp: ${String(at)}`);
  return Date.parse(r.value);
}

/** When processing finished for good, in epoch ms, or undefined when it has not. */
function finishedAt(sorted: readonly { status: number; t: number }[]): number | undefined {
  let finish: number | undefined;
  for (const e of sorted) {
    if (FINISHED.has(e.status)) finish ??= e.t;
    else finish = undefined;
  }
  return finish;
}

/**
 * The on-time flag of a dossier: true, false, or undefined while it has not finished (or has no due date).
 * @throws RangeError when `dueAt` or an entry's `at` is not a timestamp (pass validated values).
 */
export function computeOnTime(
  dueAt: string | undefined,
  history: readonly TimedStatus[],
  options: { workingMs?: Measure } = {},
): boolean | undefined {
  const measure = options.workingMs ?? calendarTime;
  if (dueAt === undefined) return undefined;
  const due = epoch(dueAt);
  const sorted = history
    .map((e, i) => ({ status: e.status, t: epoch(e.at), i }))
    .sort((a, b) => a.t - b.t || a.i - b.i);
  const finish = finishedAt(sorted);
  if (finish === undefined) return undefined;
  return measure(due, finish) <= supplementMs(sorted, finish, measure);
}

/** Time spent in status 5 before `finish`, in ms of `measure`. */
function supplementMs(
  sorted: readonly { status: number; t: number }[],
  finish: number,
  measure: Measure,
): number {
  let paused = 0;
  sorted.forEach((e, i) => {
    if (e.status !== SUPPLEMENT || e.t >= finish) return;
    const end = Math.min(sorted[i + 1]?.t ?? finish, finish);
    paused += measure(e.t, end);
  });
  return paused;
}
