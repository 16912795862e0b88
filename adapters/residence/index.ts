/**
 * residence: the residence database (Cơ sở dữ liệu về cư trú, Ministry of Public Security), REST/JSON.
 * A household by id or member, permanent-residence registration with the head's consent, and its removal —
 * the police steps of the birth and death joint procedures.
 */
import { defineAdapter, RestTransport } from '../sdk';
import { readError } from './mapping';
import { household } from './services/household';
import { registerPermanentResidence } from './services/register-permanent-residence';
import { removePermanentResidence } from './services/remove-permanent-residence';

export type ResidenceClient = RestTransport;

export const adapter = defineAdapter<ResidenceClient>({
  id: 'residence',
  version: 1,
  protocol: 'rest',
  title: 'Residence database (CSDL về cư trú)',
  spec: 'upstream/openapi.yaml',
  services: [household, registerPermanentResidence, removePermanentResidence],
  createClient: (config, deps) =>
    new RestTransport(
      {
        upstream: 'residence',
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
