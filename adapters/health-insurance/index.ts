/**
 * health-insurance: Vietnam Social Security (BHXH Việt Nam), REST/JSON. A citizen's health-insurance card,
 * a card for a child under 6 and the electronic birth certificates health facilities send (birth joint
 * procedure), and the funeral grant (death joint procedure).
 */
import { defineAdapter, RestTransport } from '../sdk';
import { readError } from './mapping';
import { birthCertificate } from './services/birth-certificate';
import { cardOfPerson } from './services/card-of-person';
import { funeralAllowanceClaimService } from './services/funeral-allowance-claim';
import { issueChildCard } from './services/issue-child-card';

export { scenarioBirthCertificateNumber } from './scenario';

export type HealthInsuranceClient = RestTransport;

export const adapter = defineAdapter<HealthInsuranceClient>({
  id: 'health-insurance',
  version: 1,
  protocol: 'rest',
  title: 'Vietnam Social Security (BHXH Việt Nam)',
  spec: 'upstream/openapi.yaml',
  services: [cardOfPerson, issueChildCard, funeralAllowanceClaimService, birthCertificate],
  createClient: (config, deps) =>
    new RestTransport(
      {
        upstream: 'health-insurance',
        baseUrl: config.baseUrl,
        agent: deps.agent,
        maxBodyBytes: config.maxBodyBytes,
      },
      readError,
    ),
  async ping(ctx) {
    await ctx.client.request(ctx, { method: 'GET', path: '/api/v1/ping' });
  },
});
