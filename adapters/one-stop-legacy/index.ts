/**
 * one-stop-legacy: a district's electronic one-stop system (một cửa điện tử of a district People's Committee,
 * built around 2012), REST/JSON in its own legacy dialect — TCVN3 text, dd/MM/yy dates, pre-2025 commune and
 * district codes, 11-digit phones, its own status, channel and procedure codes. A source: the hub pulls the
 * dossiers it received and gets them normalised to dossier@2.
 */
import { defineAdapter, RestTransport } from '../sdk';
import { readError } from './mapping';
import { dossier } from './services/dossier';
import { listDossiers } from './services/list-dossiers';

export type LegacyClient = RestTransport;

export const adapter = defineAdapter<LegacyClient>({
  id: 'one-stop-legacy',
  version: 1,
  protocol: 'rest',
  title: 'Legacy district one-stop system (một cửa điện tử, 2012)',
  spec: 'upstream/openapi.yaml',
  services: [listDossiers, dossier],
  createClient: (config, deps) =>
    new RestTransport(
      {
        upstream: 'one-stop-legacy',
        baseUrl: config.baseUrl,
        agent: deps.agent,
        maxBodyBytes: config.maxBodyBytes,
      },
      readError,
    ),
  async ping(ctx) {
    await ctx.client.request(ctx, { method: 'GET', path: '/mcdt/api/HeThong/KiemTra' });
  },
});
