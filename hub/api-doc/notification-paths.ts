/**
 * Notifications the hub receives from upstreams in the hub's OpenAPI document: the national payment
 * platform's signed payment notification. The platform is not a member: no Hub-Signature, its own
 * ECDSA signature over the body (X-Chu-Ky, X-Ma-Khoa); the answer is signed by the hub as every answer
 * under /v1.
 */
import { OPERATOR_SIGNED_HEADERS, responseRef, schemaRef } from './components';
import { json } from './operation';

export function notificationPaths(): Record<string, unknown> {
  return {
    '/v1/notifications/payment-platform': {
      post: {
        operationId: 'receivePaymentNotification',
        tags: ['procedures'],
        summary:
          'The national payment platform’s signed notification that a payment was paid, expired or failed: completes (or fails) the dossier step waiting for it',
        security: [],
        parameters: [
          {
            name: 'X-Chu-Ky',
            in: 'header',
            required: true,
            schema: { type: 'string' },
            description: 'ECDSA P-256 / SHA-256 signature (DER, base64) over the exact body bytes',
          },
          {
            name: 'X-Ma-Khoa',
            in: 'header',
            required: true,
            schema: { type: 'string' },
            description:
              'The id of the platform key that signed; its public key is the trust dir’s upstreams/payment-platform/<id>.pem',
          },
        ],
        requestBody: {
          required: true,
          description: 'The platform’s GiaoDich (adapters/payment-platform/upstream/openapi.yaml), as signed',
          content: json(schemaRef('JsonObject')),
        },
        responses: {
          '200': {
            description:
              'Handled: `confirmed` (paid: the step completes), `failed` (expired or failed: the step fails), `pending`, or `duplicate` (this body was handled before: nothing changes)',
            headers: OPERATOR_SIGNED_HEADERS,
            content: json(schemaRef('PaymentNotificationOutcome')),
          },
          '4XX': {
            description:
              'A problem, signed: not signed, not verified or an unknown key (401 NOTIFICATION_REFUSED, audited in aggregate per source), no dossier waits for it (409 NOTIFICATION_UNEXPECTED: an old notification replayed, or none of ours), too many refusals from the address (429)',
            headers: OPERATOR_SIGNED_HEADERS,
            content: { 'application/problem+json': { schema: schemaRef('Problem') } },
          },
          '5XX': responseRef('ServerProblem'),
        },
      },
    },
  };
}

export const NOTIFICATION_SCHEMAS: Record<string, unknown> = {
  PaymentNotificationOutcome: {
    type: 'object',
    required: ['outcome', 'paymentRef'],
    properties: {
      outcome: { type: 'string', enum: ['confirmed', 'failed', 'pending', 'duplicate'] },
      paymentRef: { type: 'string' },
      dossierCode: { type: 'string' },
    },
  },
};
