/**
 * The life of one simulated dossier: reception, intake, processing, a supplement request or a financial
 * obligation now and then, finishing and returning the result — each step a progress entry on a working day,
 * none after the population's reference date (the state of the system as of then). Deterministic given the PRNG.
 */
import type { ProgressOut, UnitOut } from '../mapping';
import { nextDay } from '../two-digit-year';
import { NOTES, ONE_STOP_DESK, type SimProcedure } from './catalogue';

/** A moment in Asia/Ho_Chi_Minh local time: 'YYYY-MM-DDTHH:mm'. */
export type Local = string;

/** Nothing happens after the last office day before the population's reference date. */
export const CUTOFF: Local = '2025-12-31T17:00';

const weekday = (day: string): number => new Date(`${day}T00:00:00Z`).getUTCDay();
const isWorkday = (day: string): boolean => weekday(day) !== 0 && weekday(day) !== 6;

/** The first working day on or after `day`. */
export function workdayFrom(day: string): string {
  let d = day;
  while (!isWorkday(d)) d = nextDay(d);
  return d;
}

/** `n` working days after the day of `at`, at `time`. */
export function addWorkdays(at: Local, n: number, time: string): Local {
  let d = at.slice(0, 10);
  for (let i = 0; i < n; i++) d = workdayFrom(nextDay(d));
  return `${d}T${time}`;
}

export const canonical = (at: Local): string => `${at}:00+07:00`;

export interface Timeline {
  status: number;
  dueAt: Local;
  finishedAt?: Local;
  returnedAt?: Local;
  history: ProgressOut[];
}

export interface TimelineRandom {
  chance(p: number): boolean;
  int(min: number, max: number): number;
}

const plusMinutes = (at: Local, minutes: number): Local => {
  const t = new Date(`${at}:00Z`);
  t.setUTCMinutes(t.getUTCMinutes() + minutes);
  return t.toISOString().slice(0, 16);
};
const later = (a: Local, b: Local): Local => (a > b ? a : b);

/**
 * Builds the progress entries of a dossier received at `received` (a working day, 07:30–16:00), cut at CUTOFF.
 * Outcomes: 4 % refused at intake, 3 % withdrawn, 3 % stopped, the rest finished (18 % after a supplement
 * request, land dossiers after the financial obligation; 10 % late) and returned.
 */
export function buildTimeline(
  received: Local,
  proc: SimProcedure,
  officers: readonly string[],
  r: TimelineRandom,
): Timeline {
  const dueAt = addWorkdays(received, proc.days, '17:00');
  // The desk's officers take and return dossiers; the department's process them.
  const half = Math.max(1, Math.floor(officers.length / 2));
  const deskOfficer = officers[r.int(0, half - 1)];
  const unitOfficer = officers[r.int(half, Math.max(half, officers.length - 1))] ?? deskOfficer;
  const history: ProgressOut[] = [];
  let last = received;
  /** Appends a step unless it falls after CUTOFF; false once the dossier's story is cut. */
  const step = (at: Local, status: number, unit: UnitOut, extra: Partial<ProgressOut> = {}): boolean => {
    if (at > CUTOFF) return false;
    last = at;
    const note = NOTES[status];
    const actor = unit.code === ONE_STOP_DESK.code ? deskOfficer : unitOfficer;
    history.push({ at: canonical(at), status, unit, actor, ...(note && { note }), ...extra });
    return true;
  };
  const done = (): Timeline => ({ status: history[history.length - 1].status, dueAt, history });
  const desk = ONE_STOP_DESK;
  const outcome = r.int(1, 100);
  if (!step(received, 1, desk)) return done();
  if (outcome <= 4) {
    step(plusMinutes(received, 25), 3, desk);
    return done();
  }
  if (!step(plusMinutes(received, 20), 2, desk)) return done();
  if (!step(addWorkdays(received, 1, '08:30'), 4, proc.unit)) return done();
  if (outcome <= 7) {
    step(addWorkdays(last, 1, '10:00'), 7, desk);
    return done();
  }
  if (outcome <= 10) {
    step(addWorkdays(last, 2, '14:00'), 8, proc.unit);
    return done();
  }
  if (proc.days > 1 && r.chance(0.18)) {
    const asked = addWorkdays(last, 1, '10:00');
    if (!step(asked, 5, proc.unit, { dueAt: canonical(addWorkdays(asked, 10, '17:00')) })) return done();
    if (!step(addWorkdays(asked, r.int(2, 6), '09:00'), 4, proc.unit)) return done();
  }
  if (proc.financial) {
    if (!step(addWorkdays(last, 2, '15:00'), 6, proc.unit)) return done();
    if (!step(addWorkdays(last, r.int(2, 5), '09:30'), 4, proc.unit)) return done();
  }
  const planned = r.chance(0.1)
    ? addWorkdays(dueAt, 2, '15:00')
    : addWorkdays(received, Math.max(0, proc.days - r.int(0, 1)), '15:00');
  if (!step(later(planned, addWorkdays(last, 0, '16:00')), 9, proc.unit)) return done();
  const finishedAt = last;
  const returned = step(addWorkdays(last, r.int(0, 3), '16:30'), 10, desk);
  return { ...done(), finishedAt, ...(returned && { returnedAt: last }) };
}
