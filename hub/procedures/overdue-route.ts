/**
 * GET /v1/dossiers/overdue?limit= — the dossiers being processed past their due date in working days
 * (overdue.ts), for the member that receives them, or for every procedure to a member with the
 * `procedures` right (an oversight body).
 */
import Joi from 'joi';
import { contractProblem, fieldErrorsFromJoi } from '../../contracts';
import type { HubDeps } from '../context';
import { jsonAnswer } from '../exchange/respond';
import { memberRoute } from '../http/member-route';
import { HubError } from '../http/problem';
import type { ProcedureEngine } from './engine';
import { overdueList } from './overdue';

const query = Joi.object({ limit: Joi.number().integer().min(1).max(1000).default(200) });

export function createOverdueRoute(deps: HubDeps, engine: ProcedureEngine) {
  return memberRoute(deps, {
    route: 'dossiers-overdue',
    service: () => 'hub:GET /v1/dossiers/overdue',
    async handle(req, _res, _raw, v) {
      const q = query.validate(req.query, { abortEarly: false });
      if (q.error) {
        const p = contractProblem('overdue query', fieldErrorsFromJoi(q.error));
        throw new HubError('CONTRACT_INVALID', { contract: 'overdue query' }, { errors: p.errors });
      }
      const oversight = deps.policy.hasRight(v.memberId, 'procedures');
      const list = await overdueList(
        { store: deps.procedureStore!, calendar: deps.calendar!, procedures: (id) => engine.procedure(id) },
        (def) => oversight || def.client.split('/')[0] === v.memberId,
        (deps.procedureClock ?? deps.clock ?? Date.now)(),
        q.value.limit as number,
      );
      return jsonAnswer(200, list);
    },
  });
}
