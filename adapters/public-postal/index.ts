/**
 * public-postal: the public postal service (bưu chính công ích) for results sent to the applicant's home
 * (Decision 45/2016/QĐ-TTg), REST/JSON with an API key. Pick-up booking at the one-stop desk, tracking,
 * and the proof of delivery. A repeated X-Client-Request-Id is answered with code 208 and no data.
 */
import { defineAdapter, RestTransport } from '../sdk';
import { readError } from './mapping';
import { bookPickup } from './services/book-pickup';
import { readEnvelope } from './services/common';
import { proofOfDelivery } from './services/proof-of-delivery';
import { trackShipment } from './services/track-shipment';

export type PostalClient = RestTransport;

export const adapter = defineAdapter<PostalClient>({
  id: 'public-postal',
  version: 1,
  protocol: 'rest',
  title: 'Public postal service (Bưu chính công ích) — results sent home',
  spec: 'upstream/openapi.yaml',
  auth: { kind: 'api-key', header: 'X-Api-Key' },
  idempotency: { header: 'X-Client-Request-Id', duplicate: { upstreamCodes: ['208'] } },
  services: [bookPickup, trackShipment, proofOfDelivery],
  createClient: (config, deps) =>
    new RestTransport(
      {
        upstream: 'public-postal',
        baseUrl: config.baseUrl,
        agent: deps.agent,
        maxBodyBytes: config.maxBodyBytes,
        auth: deps.auth,
      },
      readError,
    ),
  async ping(ctx) {
    readEnvelope(
      ctx.client.upstream,
      await ctx.client.request(ctx, { method: 'GET', path: '/api/v2/health' }),
    );
  },
});
