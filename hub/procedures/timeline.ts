/**
 * A dossier's timeline: its status history, each step with its agency, times, attempts, last error, every
 * failed attempt's error and whether it is past its statutory limit, and the on-time flag computed the
 * portal's way (finished by the due date, minus the time the citizen took to supplement) in working time.
 * Every timestamp is shown in Vietnam time (+07:00), the queue's own (UTC) ones included.
 */
import { attemptErrorForMember } from '../exchange/egress';
import { computeOnTime } from '../../adapters/national-portal/on-time';
import { DOSSIER_STATUSES } from '../../contracts/schemas/dossier';
import type { HubConfig } from '../../config/loader';
import type { AttemptError, DeliveryQueues } from '../../queue';
import type { ProcedureDef } from './definition';
import { vnTime, type WorkingCalendar } from './calendar';
import { isOverdue } from './overdue';
import type { DossierDoc } from './types';

const shownError = (e: AttemptError | undefined) =>
  e ? { ...attemptErrorForMember(e), at: vnTime(e.at) } : undefined;

/** The most attempt errors a step of the timeline lists (the latest). */
const MAX_ERRORS = 20;

export async function timelineOf(
  def: ProcedureDef,
  doc: DossierDoc,
  deps: { config: HubConfig; deliveries: DeliveryQueues; clock: () => number; calendar: WorkingCalendar },
): Promise<Record<string, unknown>> {
  const now = deps.clock();
  const memberName = (service: string) => {
    const member = service.split('/')[0];
    return deps.config.members.find((m) => m.id === member)?.name ?? member;
  };
  const stepErrors = (attempts: ({ errors?: AttemptError[] } | undefined)[]) => {
    const all = attempts.flatMap((s) => s?.errors ?? []);
    return all.length ? all.slice(-MAX_ERRORS).map(shownError) : undefined;
  };
  const steps = await Promise.all(
    def.steps.map(async (step) => {
      const st = doc.steps[step.id];
      const due = st.dueAt ? Date.parse(st.dueAt) : undefined;
      const end = st.finishedAt ? Date.parse(st.finishedAt) : now;
      const attempts = await Promise.all(
        (st.items ?? []).map(async (_item, i) => {
          const id = st.deliveryIds?.[i];
          return id ? deps.deliveries.status(id) : undefined;
        }),
      );
      return {
        id: step.id,
        title: step.title,
        agency: memberName(step.service),
        service: step.service,
        state: st.state,
        // A step that takes the result to the applicant (the post): it runs after processing finished (9).
        ...(step.deliversResult ? { deliversResult: true } : {}),
        startedAt: st.startedAt,
        finishedAt: st.finishedAt,
        dueAt: st.dueAt,
        overdue: due !== undefined && st.state !== 'waiting' && end > due,
        attempts: attempts.reduce((a, s) => a + (s?.attempts ?? 0), 0) || undefined,
        lastError:
          st.error ??
          shownError(
            attempts
              .map((s) => s?.lastError)
              .filter((e) => e !== undefined)
              .pop(),
          ),
        // Every failed attempt of the step's deliveries, oldest first (the last MAX_ERRORS).
        errors: stepErrors(attempts),
        items: st.items && st.items.length > 1 ? st.items.length : undefined,
        // A step that waits on a confirmation (an `until` read) asks again until it comes: how many times
        // it asked, so that a reader does not take the repeated reads for failed attempts.
        polls:
          step.until && st.items?.length ? st.items.reduce((n, i) => n + i.generation + 1, 0) : undefined,
        // Completed (or failed) by an external confirmation — the payment platform's signed notification —
        // rather than by the step's own polling.
        confirmedBy: st.items?.find((i) => i.confirmedBy)?.confirmedBy,
      };
    }),
  );
  return {
    dossierCode: doc.code,
    procedure: { id: def.id, code: def.procedureCode, name: def.name },
    status: { code: doc.status, ...DOSSIER_STATUSES[doc.status as keyof typeof DOSSIER_STATUSES] },
    receivedAt: doc.receivedAt,
    dueAt: doc.dueAt,
    finishedAt: doc.finishedAt,
    returnedAt: doc.returnedAt,
    onTime: computeOnTime(doc.dueAt, doc.history, { workingMs: deps.calendar.workingMs }),
    overdue: isOverdue(doc, now, deps.calendar),
    reason: doc.reason,
    // The applicant's level-4 choices (the address stays with the dossier), and where a posted result is.
    ...(doc.choices
      ? { choices: { payOnline: doc.choices.payOnline, resultBy: doc.choices.result.by } }
      : {}),
    ...(doc.resultDelivery ? { resultDelivery: doc.resultDelivery } : {}),
    needsOfficer: doc.needsOfficer,
    decisions: doc.decisions,
    history: doc.history.map((h) => ({
      ...h,
      ...DOSSIER_STATUSES[h.status as keyof typeof DOSSIER_STATUSES],
    })),
    steps,
    // The applicant's rating, once given (never the link's token).
    rating: doc.rating?.ratedAt
      ? { ratedAt: doc.rating.ratedAt, answers: doc.rating.answers, comment: doc.rating.comment }
      : undefined,
    sources: Object.fromEntries(
      Object.entries(doc.provenance).map(([k, p]) => [
        k,
        { source: p.service, fetchedAt: vnTime(p.fetchedAt) },
      ]),
    ),
  };
}
