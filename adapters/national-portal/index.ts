/**
 * national-portal: the National Public Service Portal (Cổng Dịch vụ công quốc gia), its dossier sync API,
 * REST/JSON. Whole dossiers, ordered status changes and satisfaction ratings go to the portal; the portal's
 * copy of a dossier (status, history, on-time flag) can be read back. Every answer is an envelope
 * `{ error_code, message, data }` — refusals too (envelope.ts).
 */
import { defineAdapter, RestTransport } from '../sdk';
import { pingSchema } from './dialect';
import { readEnvelope, readError } from './envelope';
import { dossierStatusService } from './services/dossier-status';
import { rateDossier } from './services/rate-dossier';
import { syncDossier } from './services/sync-dossier';
import { updateProgress } from './services/update-progress';

export type PortalClient = RestTransport;

export const adapter = defineAdapter<PortalClient>({
  id: 'national-portal',
  version: 1,
  protocol: 'rest',
  title: 'National Public Service Portal (Cổng Dịch vụ công quốc gia) — dossier sync',
  spec: 'upstream/openapi.yaml',
  services: [syncDossier, updateProgress, rateDossier, dossierStatusService],
  createClient: (config, deps) =>
    new RestTransport(
      {
        upstream: 'national-portal',
        baseUrl: config.baseUrl,
        agent: deps.agent,
        maxBodyBytes: config.maxBodyBytes,
      },
      readError,
    ),
  async ping(ctx) {
    const res = await ctx.client.request(ctx, { method: 'GET', path: '/api/v1/ping' });
    readEnvelope(ctx.client.upstream, res.data, pingSchema, res.status);
  },
});
