/**
 * GET /v1/subjects/{personalId}/access-log: the data tracker — who read this citizen's data, when, which
 * fields, for what purpose. Only for members holding the `data-tracker` right (the citizen portal).
 */
import { fieldError } from '../../contracts';
import { parsePersonalId } from '../../contracts/validators/personal-id';
import { AccessLogQueryError, DEFAULT_ACCESS_LOG_LIMIT, toAccessLogResponse } from '../audit';
import type { HubDeps } from '../context';
import { jsonAnswer } from '../exchange/respond';
import { memberRoute } from '../http/member-route';
import { HubError } from '../http/problem';

export function createAccessLogRoute(deps: HubDeps) {
  return memberRoute(deps, {
    route: 'access-log',
    service: () => 'hub:GET /v1/subjects/{personalId}/access-log',
    async handle(req, _res, _raw, v, st) {
      if (!deps.policy.hasRight(v.memberId, 'data-tracker')) {
        throw new HubError('FORBIDDEN_RIGHT', { member: v.memberId, right: 'data-tracker' });
      }
      const id = parsePersonalId(String((req.params as Record<string, string>).personalId));
      if (!id.ok) {
        throw new HubError(
          'CONTRACT_INVALID',
          { contract: 'access-log request' },
          { errors: [fieldError(['personalId'], id.code, id.context)] },
        );
      }
      st.subject = { kind: 'citizen', id: id.value.id };
      const limit = req.query.limit === undefined ? undefined : Number(req.query.limit);
      const before = typeof req.query.before === 'string' ? req.query.before : undefined;
      try {
        const entries = await deps.audit.accessLog(id.value.id, { limit, before });
        const body = toAccessLogResponse(entries, { limit: limit ?? DEFAULT_ACCESS_LOG_LIMIT });
        st.fields = ['accessLog'];
        return jsonAnswer(200, { personalId: id.value.id, ...body });
      } catch (err) {
        if (err instanceof AccessLogQueryError) {
          throw new HubError(
            'CONTRACT_INVALID',
            { contract: 'access-log request' },
            {
              errors: [fieldError([err.field], 'FIELD_INVALID')],
            },
          );
        }
        throw err;
      }
    },
  });
}
