/**
 * business-registry: the household-business registration office of the commune (cơ quan đăng ký kinh doanh
 * cấp xã, since 1 July 2025 under Decree 168/2025/NĐ-CP), REST/JSON. A household business by registration
 * number or owner, and the registration of a new one.
 */
import { defineAdapter, RestTransport } from '../sdk';
import { readError } from './mapping';
import { householdBusiness } from './services/household-business';
import { registerHouseholdBusiness } from './services/register-household-business';

export type BusinessRegistryClient = RestTransport;

export const adapter = defineAdapter<BusinessRegistryClient>({
  id: 'business-registry',
  version: 1,
  protocol: 'rest',
  title: 'Household-business registration (cơ quan đăng ký kinh doanh cấp xã)',
  spec: 'upstream/openapi.yaml',
  services: [householdBusiness, registerHouseholdBusiness],
  createClient: (config, deps) =>
    new RestTransport(
      {
        upstream: 'business-registry',
        baseUrl: config.baseUrl,
        agent: deps.agent,
        maxBodyBytes: config.maxBodyBytes,
      },
      readError,
    ),
  async ping(ctx) {
    await ctx.client.request(ctx, { method: 'GET', path: '/api/v1/trang-thai' });
  },
});
