/**
 * payment-platform: the national online payment platform (Nền tảng thanh toán trực tuyến of the national
 * public-service portal), REST/JSON, OAuth 2.0 client credentials. Payment requests for a dossier's fees
 * and obligations, their status, and the platform's signed notification when a payment is paid, expires
 * or fails (notification.ts). Duplicates are detected on X-Request-Id (409, maLoi 21).
 *
 * Options (config/services.json `upstreams.payment-platform.options`): `notificationUrl`, where the
 * platform posts its notifications (sent with each request).
 */
import { defineAdapter, RestTransport } from '../sdk';
import { readError } from './mapping';
import { readEnvelope } from './services/common';
import { paymentStatus } from './services/payment-status';
import { requestPayment } from './services/request-payment';

export interface PaymentClient {
  transport: RestTransport;
  notificationUrl?: string;
}

export const adapter = defineAdapter<PaymentClient>({
  id: 'payment-platform',
  version: 1,
  protocol: 'rest',
  title: 'National online payment platform (Nền tảng thanh toán trực tuyến)',
  spec: 'upstream/openapi.yaml',
  auth: { kind: 'oauth2-client-credentials', tokenPath: '/oauth2/token', scope: 'thanh-toan' },
  // 409 with maLoi 21 only: a 409 with maLoi 22 is a reference reused by another request, a refusal.
  idempotency: { header: 'X-Request-Id', duplicate: { upstreamCodes: ['21'] } },
  services: [requestPayment, paymentStatus],
  createClient: (config, deps) => ({
    transport: new RestTransport(
      {
        upstream: 'payment-platform',
        baseUrl: config.baseUrl,
        agent: deps.agent,
        maxBodyBytes: config.maxBodyBytes,
        auth: deps.auth,
      },
      readError,
    ),
    notificationUrl:
      typeof config.options?.notificationUrl === 'string' && config.options.notificationUrl
        ? config.options.notificationUrl
        : undefined,
  }),
  async ping(ctx) {
    const res = await ctx.client.transport.request(ctx, { method: 'GET', path: '/api/v1/trang-thai' });
    readEnvelope(ctx.client.transport.upstream, res);
  },
});
