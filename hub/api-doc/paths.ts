/**
 * The hub's own routes in its OpenAPI document: the member routes (services list, deliveries, procedures,
 * dossiers, the data tracker), the operators' routes (dead letters, dashboard) and the public ones
 * (health, readiness, metrics, this document). The service operations are made in document.ts, the
 * procedures' reports and ratings in reporting-paths.ts.
 */
import { responseRef, schemaRef } from './components';
import { json, memberOp, operatorOp, pathParam } from './operation';
import { notificationPaths } from './notification-paths';
import { reportingPaths } from './reporting-paths';

const deliveryId = pathParam('id', 'A delivery id', 'd.notify.3Zc1m9Qf0bq2rW8xYk4LhA7sN5uE6tJ1');
const destination = {
  name: 'destination',
  in: 'query',
  required: false,
  description: 'Only the dead letters of this destination (adapter id)',
  schema: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
  example: 'notify',
};

const SMS_EXAMPLE = {
  service: 'VN:GOV:00:LIENTHONG/THONGBAO/send-sms/v1',
  input: { to: '+84912345678', text: 'Hồ sơ HS-2026-000123 đã được tiếp nhận', reference: 'HS-2026-000123' },
  orderingKey: 'HS-2026-000123',
};

export function hubPaths(): Record<string, unknown> {
  return {
    '/v1/services': {
      get: memberOp({
        operationId: 'listServices',
        tag: 'hub',
        summary: 'The services the caller may call, with purposes, fields and contracts',
        ok: ['200', 'The caller’s services', schemaRef('ServiceList')],
      }),
    },
    '/v1/deliveries': {
      post: memberOp({
        operationId: 'queueDelivery',
        tag: 'deliveries',
        summary: 'Queue a delivery to a service',
        description:
          'Answers 202 with the delivery’s id once Redis holds it. The same Idempotency-Key returns the same delivery; the worker retries with backoff and dead-letters it after its attempts.',
        idempotent: true,
        body: { schema: schemaRef('DeliveryRequest'), example: SMS_EXAMPLE },
        ok: [
          '202',
          'Accepted: Redis holds the delivery',
          schemaRef('DeliveryAccepted'),
          {
            id: 'd.notify.3Zc1m9Qf0bq2rW8xYk4LhA7sN5uE6tJ1',
            status: 'accepted',
            created: true,
            location: '/v1/deliveries/d.notify.3Zc1m9Qf0bq2rW8xYk4LhA7sN5uE6tJ1',
          },
        ],
      }),
    },
    '/v1/deliveries/{id}': {
      get: memberOp({
        operationId: 'getDelivery',
        tag: 'deliveries',
        summary: 'A delivery of the caller: its state, attempts and every failed attempt’s error',
        params: [deliveryId],
        ok: ['200', 'The delivery', schemaRef('DeliveryStatus')],
      }),
    },
    '/v1/procedures': {
      get: memberOp({
        operationId: 'listProcedures',
        tag: 'procedures',
        summary: 'The joint procedures the caller receives dossiers for',
        ok: ['200', 'The procedures', schemaRef('JsonObject')],
      }),
    },
    '/v1/procedures/{procedure}/prefill': {
      get: memberOp({
        operationId: 'prefillDossier',
        tag: 'procedures',
        summary: 'The form prefilled from the sources, each value with its source and time',
        params: [
          pathParam('procedure', 'A joint procedure id', 'birth-registration'),
          {
            name: 'subject',
            in: 'query',
            required: true,
            description: 'The applicant’s personal ID',
            schema: { type: 'string' },
            example: '001099012345',
          },
        ],
        ok: ['200', 'The prefilled form', schemaRef('JsonObject')],
      }),
    },
    '/v1/procedures/{procedure}/dossiers': {
      post: memberOp({
        operationId: 'submitDossier',
        tag: 'procedures',
        summary:
          'Submit a dossier: the applicant, only what no source holds, and the level-4 choices (pay the fees online; receive the result by post at an address, or at the office)',
        idempotent: true,
        params: [pathParam('procedure', 'A joint procedure id', 'birth-registration')],
        body: {
          schema: schemaRef('JsonObject'),
          example: {
            applicant: { personalId: '079303000123' },
            form: { businessName: 'Hộ kinh doanh Tạp Hóa Số 1' },
            choices: {
              payOnline: true,
              result: {
                by: 'post',
                address: {
                  text: '12 Nguyễn Văn Linh, Xã Hưng Long',
                  communeCode: '27628',
                  provinceCode: '79',
                  catalogue: '2026-04-30',
                },
              },
            },
          },
        },
        ok: ['202', 'Accepted, with the dossier code', schemaRef('JsonObject')],
      }),
    },
    '/v1/dossiers/{code}': {
      get: memberOp({
        operationId: 'getDossier',
        tag: 'procedures',
        summary: 'A dossier’s timeline: statuses, steps, agencies, attempts, due dates, the on-time flag',
        params: [pathParam('code', 'A dossier code')],
        ok: ['200', 'The timeline', schemaRef('JsonObject')],
      }),
    },
    '/v1/dossiers/{code}/decisions': {
      post: memberOp({
        operationId: 'decideDossierStep',
        tag: 'procedures',
        summary: 'An officer’s decision about a step handed to them: retry, supplement or stop',
        idempotent: true,
        params: [pathParam('code', 'A dossier code')],
        body: {
          schema: schemaRef('JsonObject'),
          example: { action: 'retry', reason: 'The tax system is back' },
        },
        ok: ['200', 'The decision is applied', schemaRef('JsonObject')],
      }),
    },
    '/v1/subjects/{personalId}/access-log': {
      get: memberOp({
        operationId: 'getAccessLog',
        tag: 'hub',
        summary: 'Data tracker: who read a citizen’s data, when, which fields and why (data-tracker right)',
        params: [
          pathParam('personalId', 'The citizen’s personal ID', '001099012345'),
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000 } },
          {
            name: 'before',
            in: 'query',
            description: 'The `next` of the previous page',
            schema: { type: 'string' },
          },
        ],
        ok: ['200', 'Access entries, newest first', schemaRef('AccessLog')],
      }),
    },
    '/v1/dead-letters': {
      get: operatorOp({
        operationId: 'listDeadLetters',
        tag: 'operators',
        summary: 'Dead deliveries, newest first: sender, service, attempts, last error',
        params: [
          destination,
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500 } },
          { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0 } },
        ],
        ok: ['200', 'A page of dead letters', schemaRef('DeadLetterList')],
      }),
    },
    '/v1/dead-letters/{id}': {
      get: operatorOp({
        operationId: 'getDeadLetter',
        tag: 'operators',
        summary: 'A dead delivery: its signed request and every attempt’s error',
        params: [deliveryId],
        ok: ['200', 'The dead letter', schemaRef('DeadLetter')],
      }),
    },
    '/v1/dead-letters/{id}/redrive': {
      post: operatorOp({
        operationId: 'redriveDeadLetter',
        tag: 'operators',
        summary: 'Send a dead delivery again with a fresh attempt budget (audited)',
        params: [deliveryId],
        ok: ['202', 'Back in its queue', schemaRef('Redriven')],
      }),
    },
    '/v1/dead-letters/{id}/discard': {
      post: operatorOp({
        operationId: 'discardDeadLetter',
        tag: 'operators',
        summary: 'Remove a dead delivery for good, payload included, with a reason (audited)',
        params: [deliveryId],
        body: {
          schema: schemaRef('DiscardRequest'),
          example: { reason: 'The recipient’s number was withdrawn' },
        },
        ok: ['200', 'Discarded: its status says who and why', schemaRef('Discarded')],
      }),
    },
    '/v1/dead-letters/redrive': {
      post: operatorOp({
        operationId: 'redriveAllDeadLetters',
        tag: 'operators',
        summary: 'Send every dead delivery of this moment again, each once (audited)',
        params: [destination],
        ok: ['202', 'The ids sent again', schemaRef('RedrivenAll')],
      }),
    },
    '/admin/queues': {
      get: {
        operationId: 'queueDashboard',
        tags: ['operators'],
        summary: 'The queue dashboard (bull-board): read-only, metadata only',
        security: [{ operatorBasic: [] }, { operatorToken: [] }],
        responses: {
          '200': {
            description: 'The dashboard page',
            content: { 'text/html': { schema: { type: 'string' } } },
          },
          '401': responseRef('OperatorProblem'),
        },
      },
    },
    ...reportingPaths(),
    ...notificationPaths(),
    ...publicPaths(),
  };
}

function publicPaths(): Record<string, unknown> {
  const get = (operationId: string, summary: string, content: Record<string, unknown>, extra = {}) => ({
    get: {
      operationId,
      tags: ['health'],
      summary,
      security: [],
      responses: {
        '200': { description: summary, content },
        ...extra,
        '405': responseRef('MethodNotAllowed'),
      },
    },
  });
  return {
    '/healthz': get('healthz', 'Liveness: the process answers', json(schemaRef('Health'), { status: 'ok' })),
    '/readyz': get(
      'readyz',
      'Readiness: Redis and each upstream’s circuit breaker',
      json(schemaRef('Readiness')),
      {
        '503': { description: 'Redis does not answer', content: json(schemaRef('Readiness')) },
      },
    ),
    '/metrics': get('metrics', 'Prometheus metrics', { 'text/plain': { schema: { type: 'string' } } }),
    '/openapi.json': get('openapi', 'This document', json(schemaRef('JsonObject'))),
    '/docs': get('docs', 'This document, rendered', { 'text/html': { schema: { type: 'string' } } }),
  };
}
