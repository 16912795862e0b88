/**
 * Overdue, counted on the working-day calendar the way the portal judges on time: a dossier still being
 * processed is overdue when, were it finished now, it would be late — the office time past its due date
 * exceeds the office time the citizen took to supplement. A dossier waiting for the citizen (status 5)
 * is not overdue: its clock is stopped. The overdue list is the unfinished dossiers of the procedures a
 * member receives (or of all, for a member with the `procedures` right), most overdue first.
 */
import { computeOnTime } from '../../adapters/national-portal/on-time';
import type { WorkingCalendar } from './calendar';
import { vnTime } from './calendar';
import type { ProcedureDef } from './definition';
import type { DossierStore } from './store';
import type { DossierDoc } from './types';

/** Statuses in which a dossier is in the agencies' hands (its limit runs). */
const RUNNING = new Set([1, 2, 4, 6]);

/** True when the dossier is being processed past its due date, in working time. */
export function isOverdue(doc: DossierDoc, now: number, calendar: WorkingCalendar): boolean {
  if (!RUNNING.has(doc.status)) return false;
  const ifFinishedNow = [...doc.history, { status: 9, at: vnTime(now) }];
  return computeOnTime(doc.dueAt, ifFinishedNow, { workingMs: calendar.workingMs }) === false;
}

export interface OverdueEntry {
  dossierCode: string;
  procedure: { id: string; code: string };
  processingUnit: string;
  status: number;
  receivedAt: string;
  dueAt: string;
  /** Working days past the due date (office time / one day's office time), one decimal. */
  overdueWorkingDays: number;
  /** Steps running past their own limits. */
  stepsOverdue: string[];
}

export async function overdueList(
  deps: {
    store: DossierStore;
    calendar: WorkingCalendar;
    procedures: (id: string) => ProcedureDef | undefined;
  },
  visible: (def: ProcedureDef) => boolean,
  now: number,
  limit: number,
): Promise<{ at: string; dossiers: OverdueEntry[]; truncated: boolean }> {
  const docs = await deps.store.getMany(await deps.store.active());
  const out: OverdueEntry[] = [];
  for (const doc of docs) {
    const def = deps.procedures(doc.procedure);
    if (!def || !visible(def) || !isOverdue(doc, now, deps.calendar)) continue;
    out.push({
      dossierCode: doc.code,
      procedure: { id: def.id, code: def.procedureCode },
      processingUnit: def.processingUnit.code,
      status: doc.status,
      receivedAt: doc.receivedAt,
      dueAt: doc.dueAt,
      overdueWorkingDays:
        Math.round((deps.calendar.workingMs(Date.parse(doc.dueAt), now) / deps.calendar.dayMs) * 10) / 10,
      stepsOverdue: def.steps
        .filter((s) => {
          const st = doc.steps[s.id];
          return st.state === 'queued' && st.dueAt !== undefined && now > Date.parse(st.dueAt);
        })
        .map((s) => s.id),
    });
  }
  out.sort(
    (a, b) => b.overdueWorkingDays - a.overdueWorkingDays || a.dossierCode.localeCompare(b.dossierCode),
  );
  return { at: vnTime(now), dossiers: out.slice(0, limit), truncated: out.length > limit };
}
