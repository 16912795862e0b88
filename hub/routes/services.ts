/**
 * GET /v1/services: what the signed-in client may call — each service with its purposes, the fields
 * each purpose allows, and its request and response contracts (as OpenAPI component names).
 */
import type { HubDeps } from '../context';
import { jsonAnswer } from '../exchange/respond';
import { memberRoute } from '../http/member-route';

export function createServicesListRoute(deps: HubDeps) {
  return memberRoute(deps, {
    route: 'services',
    service: () => 'hub:GET /v1/services',
    async handle(_req, _res, _raw, v) {
      const services = deps.policy.servicesFor(v.client).flatMap(({ service, purposes }) => {
        const entry = deps.catalog.get(service);
        if (!entry) return [];
        const grants = purposes.map((code) => {
          const { fields } = deps.policy.authorise(v.client, service, code);
          return { purpose: code, fields };
        });
        return [
          {
            id: service,
            title: entry.config.title ?? entry.service.title,
            kind: entry.service.kind,
            path: `/v1/services/${service}`,
            request: String((entry.service.input.describe().flags as { id?: string } | undefined)?.id ?? ''),
            response: entry.outputName,
            purposes: grants,
          },
        ];
      });
      return jsonAnswer(200, { client: v.client, services, openapi: '/openapi.json' });
    },
  });
}
