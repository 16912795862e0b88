/**
 * POST /v1/deliveries — an asynchronous delivery to a destination service (also reached with
 * `Prefer: respond-async` on a service call); GET /v1/deliveries/{id} — its state, attempts and last error
 * (for the member that sent it), and its result released to the reader through the egress (the reader's
 * grant for the delivery's service and purpose, exactly as a synchronous answer).
 */
import { contractProblem, fieldErrorsFromJoi, Joi } from '../../contracts';
import { SERVICE_ID_PATTERN } from '../../contracts/schemas/envelope';
import { acceptDelivery } from '../deliveries/accept';
import type { HubDeps } from '../context';
import { attemptErrorForMember, release, UpstreamRecord } from '../exchange/egress';
import { jsonAnswer } from '../exchange/respond';
import { parseJsonBody } from '../http/body';
import { memberRoute } from '../http/member-route';
import { HubError } from '../http/problem';

// Built with the contracts' Joi, so its free text (dossierCode) gets the free-text check.
export const deliveryRequest = Joi.object({
  service: Joi.string().pattern(SERVICE_ID_PATTERN).required(),
  input: Joi.object().unknown().required(),
  orderingKey: Joi.string().pattern(/^[A-Za-z0-9._-]{1,100}$/),
  dossierCode: Joi.string().max(50),
}).id('DeliveryRequest_v1');

export function createDeliveryRoutes(deps: HubDeps) {
  const post = memberRoute(deps, {
    route: 'deliveries',
    service: () => 'hub:POST /v1/deliveries',
    async handle(req, _res, raw, v, st) {
      const body = parseJsonBody(req, raw, deps.config.hub.limits.jsonDepth);
      const r = deliveryRequest.validate(body, { abortEarly: false, errors: { render: false } });
      if (r.error) {
        const p = contractProblem('DeliveryRequest_v1', fieldErrorsFromJoi(r.error));
        throw new HubError(
          'CONTRACT_INVALID',
          { contract: 'DeliveryRequest_v1' },
          { detail: p.detail, detailVi: p.detailVi, errors: p.errors },
        );
      }
      const { service, input, orderingKey, dossierCode } = r.value as {
        service: string;
        input: unknown;
        orderingKey?: string;
        dossierCode?: string;
      };
      const entry = deps.catalog.get(service);
      if (!entry) throw new HubError('SERVICE_UNKNOWN', { service });
      st.service = service;
      const signature = String(req.headers['hub-signature']);
      return acceptDelivery(deps, v, raw, signature, st, { entry, input, orderingKey, dossierCode });
    },
  });

  const get = memberRoute(deps, {
    route: 'delivery-status',
    service: () => 'hub:GET /v1/deliveries/{id}',
    async handle(req, _res, _raw, v, st) {
      if (!deps.deliveries) throw new HubError('NOT_FOUND');
      const id = String((req.params as Record<string, string>).id);
      const status = /^[A-Za-z0-9._-]{1,100}$/.test(id) ? await deps.deliveries.status(id) : undefined;
      // Another member's delivery is as good as unknown to the caller.
      if (!status || status.client.split('/')[0] !== v.memberId) throw new HubError('NOT_FOUND');
      const { result, lastError, errors, ...envelope } = status;
      const rest = {
        ...envelope,
        lastError: lastError && attemptErrorForMember(lastError),
        errors: errors.map(attemptErrorForMember),
      };
      if (result === undefined || result === null || typeof result !== 'object') return jsonAnswer(200, rest);
      const released = release(deps.policy, UpstreamRecord.seal(result as Record<string, unknown>), {
        kind: 'member',
        client: v.client,
        service: status.service,
        purpose: status.purpose,
      });
      st.fields = released.fields;
      return jsonAnswer(200, { ...rest, result: released.value });
    },
  });
  return { post, get };
}
