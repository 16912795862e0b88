/**
 * tax: the tax authority (Tổng cục Thuế / Cục Thuế), REST/JSON, with its own location codes (crosswalk.ts).
 * Taxpayer registration and look-up, the notices of obligations on a land-use-right transfer (from the land
 * office's Mẫu 15 slip), and their payment status.
 */
import { defineAdapter, RestTransport } from '../sdk';
import { readError, UPSTREAM } from './mapping';
import { obligationsForTransfer } from './services/obligations-for-transfer';
import { paymentStatus } from './services/payment-status';
import { registerTaxpayer } from './services/register-taxpayer';
import { taxpayer } from './services/taxpayer';

export type TaxClient = RestTransport;

export const adapter = defineAdapter<TaxClient>({
  id: 'tax',
  version: 1,
  protocol: 'rest',
  title: 'Tax authority (Tổng cục Thuế / Cục Thuế)',
  spec: 'upstream/openapi.yaml',
  services: [taxpayer, registerTaxpayer, obligationsForTransfer, paymentStatus],
  createClient: (config, deps) =>
    new RestTransport(
      { upstream: UPSTREAM, baseUrl: config.baseUrl, agent: deps.agent, maxBodyBytes: config.maxBodyBytes },
      readError,
    ),
  async ping(ctx) {
    await ctx.client.request(ctx, { method: 'GET', path: '/api/trang-thai' });
  },
});
