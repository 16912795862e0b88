/**
 * GET /v1/kpis?from=&to=&procedure=&agency= — the service KPIs (kpis.ts) of the procedures the caller
 * receives, or of all of them for a member with the `procedures` right (a province's oversight). The
 * period is local days, both included; the current month when none is given; at most 366 days.
 */
import Joi from 'joi';
import { contractProblem, fieldErrorsFromJoi } from '../../contracts';
import type { HubDeps } from '../context';
import { jsonAnswer } from '../exchange/respond';
import { memberRoute } from '../http/member-route';
import { HubError } from '../http/problem';
import { vnTime } from './calendar';
import type { ProcedureEngine } from './engine';
import { kpiReport } from './kpis';

const day = Joi.string()
  .pattern(/^\d{4}-\d{2}-\d{2}$/)
  .custom((v: string, h) => (Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ? h.error('any.invalid') : v));

export const kpiQuerySchema = Joi.object({
  from: day,
  to: day,
  procedure: Joi.string().pattern(/^[a-z][a-z0-9-]{0,40}$/),
  agency: Joi.string().pattern(/^[A-Za-z0-9._-]{1,60}$/),
});

export function createKpiRoute(deps: HubDeps, engine: ProcedureEngine) {
  return memberRoute(deps, {
    route: 'kpis',
    service: () => 'hub:GET /v1/kpis',
    async handle(req, _res, _raw, v) {
      const q = kpiQuerySchema.validate(req.query, { abortEarly: false });
      if (q.error) {
        const p = contractProblem('KPI query', fieldErrorsFromJoi(q.error));
        throw new HubError('CONTRACT_INVALID', { contract: 'KPI query' }, { errors: p.errors });
      }
      const now = (deps.procedureClock ?? deps.clock ?? Date.now)();
      const today = vnTime(now).slice(0, 10);
      const from = (q.value.from as string | undefined) ?? `${today.slice(0, 8)}01`;
      const to = (q.value.to as string | undefined) ?? today;
      const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
      if (days < 0)
        throw new HubError(
          'PERIOD_INVALID',
          { reason: 'from > to' },
          { detailVi: 'Ngày bắt đầu sau ngày kết thúc' },
        );
      if (days > 365)
        throw new HubError(
          'PERIOD_INVALID',
          { reason: 'longer than 366 days' },
          { detailVi: 'Dài hơn 366 ngày' },
        );
      const oversight = deps.policy.hasRight(v.memberId, 'procedures');
      const visible = engine.procedures().filter((d) => oversight || d.client.split('/')[0] === v.memberId);
      return jsonAnswer(
        200,
        await kpiReport(
          { store: deps.procedureStore!, calendar: deps.calendar! },
          visible,
          {
            from,
            to,
            procedure: q.value.procedure as string | undefined,
            agency: q.value.agency as string | undefined,
          },
          now,
        ),
      );
    },
  });
}
