/**
 * national-population: the national population database (Cơ sở dữ liệu quốc gia về dân cư), REST/JSON.
 * Person by personal ID, identity check (ID + name + date of birth), and a personal ID for a newborn.
 */
import { defineAdapter, RestTransport } from '../sdk';
import { readError } from './mapping';
import { identityCheck } from './services/identity-check';
import { issuePersonalId } from './services/issue-personal-id';
import { personById } from './services/person-by-id';

export type PopulationClient = RestTransport;

export const adapter = defineAdapter<PopulationClient>({
  id: 'national-population',
  version: 1,
  protocol: 'rest',
  title: 'National population database (CSDLQG về dân cư)',
  spec: 'upstream/openapi.yaml',
  services: [personById, identityCheck, issuePersonalId],
  createClient: (config, deps) =>
    new RestTransport(
      {
        upstream: 'national-population',
        baseUrl: config.baseUrl,
        agent: deps.agent,
        maxBodyBytes: config.maxBodyBytes,
      },
      readError,
    ),
  async ping(ctx) {
    await ctx.client.request(ctx, { method: 'GET', path: '/api/v1/suc-khoe' });
  },
});
