/** Schemas of the hub's own request and answer bodies (deliveries, dead letters, services, access log, health). */

const DELIVERY_ID = { type: 'string', pattern: '^d\\.[a-z][a-z0-9-]*\\.[A-Za-z0-9_-]{32}$' };
const SERVICE_ID = { type: 'string', description: 'member/subsystem/service/version' };

const attemptError = {
  type: 'object',
  required: ['at', 'attempt', 'code', 'reason', 'retryable'],
  properties: {
    at: { type: 'string', format: 'date-time' },
    attempt: { type: 'integer', minimum: 1 },
    code: {
      type: 'string',
      description: 'timeout, unavailable, rejected, malformed, stalled, sealed, internal …',
    },
    reason: { type: 'string' },
    retryable: { type: 'boolean' },
    upstreamCode: { type: 'string', description: 'The destination’s own error code, or its HTTP status' },
    excerpt: {
      type: 'string',
      description: 'The start of its answer, personal data redacted (operators’ views only)',
    },
  },
};

export const HUB_SCHEMAS: Record<string, unknown> = {
  DeliveryRequest: {
    type: 'object',
    required: ['service', 'input'],
    additionalProperties: false,
    properties: {
      service: SERVICE_ID,
      input: {
        type: 'object',
        description: 'The destination service’s input: validated against its request contract at once',
      },
      orderingKey: {
        type: 'string',
        pattern: '^[A-Za-z0-9._-]{1,100}$',
        description:
          'Deliveries with the same key (a dossier code) reach the destination one at a time, in order',
      },
      dossierCode: { type: 'string', maxLength: 50 },
    },
  },
  DeliveryAccepted: {
    type: 'object',
    required: ['id', 'status', 'created', 'location'],
    properties: {
      id: DELIVERY_ID,
      status: { type: 'string', enum: ['accepted'] },
      created: { type: 'boolean', description: 'false: a repeat of an Idempotency-Key already accepted' },
      location: { type: 'string' },
    },
  },
  AttemptError: attemptError,
  DeliveryStatus: {
    type: 'object',
    required: ['id', 'service', 'state', 'attempts', 'acceptedAt', 'errors', 'client', 'purpose'],
    properties: {
      id: DELIVERY_ID,
      service: SERVICE_ID,
      state: {
        type: 'string',
        enum: ['waiting', 'active', 'delayed', 'completed', 'failed', 'dead', 'discarded', 'unknown'],
      },
      attempts: { type: 'integer', minimum: 0 },
      acceptedAt: { type: 'string', format: 'date-time' },
      finishedAt: { type: 'string', format: 'date-time' },
      lastError: { $ref: '#/components/schemas/AttemptError' },
      errors: { type: 'array', items: { $ref: '#/components/schemas/AttemptError' } },
      result: {
        description:
          'The destination’s answer once delivered, released to the reader as a synchronous answer is: only the fields its grant for the service and purpose allows',
      },
      client: { type: 'string' },
      purpose: { type: 'string' },
      orderingKey: { type: 'string' },
      seq: { type: 'integer', minimum: 1 },
      discarded: {
        type: 'object',
        required: ['at', 'by', 'reason'],
        properties: {
          at: { type: 'string', format: 'date-time' },
          by: { type: 'string' },
          reason: { type: 'string' },
        },
      },
    },
  },
  DeadLetterSummary: {
    type: 'object',
    required: ['id', 'service', 'destination', 'client', 'deadAt', 'attempts'],
    properties: {
      id: DELIVERY_ID,
      service: SERVICE_ID,
      destination: { type: 'string' },
      client: { type: 'string', description: 'The sender, member/subsystem' },
      deadAt: { type: 'string', format: 'date-time' },
      attempts: { type: 'integer', minimum: 0 },
      lastError: { $ref: '#/components/schemas/AttemptError' },
      orderingKey: { type: 'string' },
    },
  },
  DeadLetterList: {
    type: 'object',
    required: ['total', 'items'],
    properties: {
      total: { type: 'integer', minimum: 0 },
      items: { type: 'array', items: { $ref: '#/components/schemas/DeadLetterSummary' } },
    },
  },
  DeadLetter: {
    type: 'object',
    description:
      'A dead letter as an operator sees it (the egress’s operator view): the delivery’s envelope, its sender’s signature and the names of its input’s fields — never their values — and every attempt’s error',
    required: ['id', 'deadAt', 'data', 'errors'],
    properties: {
      id: DELIVERY_ID,
      deadAt: { type: 'string', format: 'date-time' },
      data: {
        type: 'object',
        required: [
          'id',
          'service',
          'destination',
          'client',
          'purpose',
          'acceptedAt',
          'inputFields',
          'signed',
        ],
        properties: {
          id: DELIVERY_ID,
          service: SERVICE_ID,
          destination: { type: 'string' },
          client: { type: 'string', description: 'The sender, member/subsystem' },
          purpose: { type: 'string' },
          acceptedAt: { type: 'string', format: 'date-time' },
          inputFields: {
            type: 'array',
            items: { type: 'string' },
            description: 'Names of the input’s fields; the values stay sealed in Redis',
          },
          signed: {
            type: 'object',
            description:
              'The sender’s signature and message id (evidence of who asked); the signed body is not shown',
            properties: { signature: { type: 'string' }, messageId: { type: 'string', format: 'uuid' } },
          },
          requestHash: { type: 'string' },
          bodyDigest: { type: 'string' },
          subjectKind: { type: 'string', enum: ['citizen', 'business'] },
          orderingKey: { type: 'string' },
          seq: { type: 'integer', minimum: 1 },
          procedure: { type: 'string' },
          dossierCode: { type: 'string' },
          redriven: { type: 'boolean' },
        },
      },
      errors: { type: 'array', items: { $ref: '#/components/schemas/AttemptError' } },
      sealed: {
        type: 'string',
        description: 'Present when the payload could not be opened here (its data key is not kept): why',
      },
    },
  },
  DiscardRequest: {
    type: 'object',
    required: ['reason'],
    additionalProperties: false,
    properties: { reason: { type: 'string', minLength: 1, maxLength: 500 } },
  },
  Redriven: {
    type: 'object',
    required: ['id', 'status', 'location'],
    properties: {
      id: DELIVERY_ID,
      status: { type: 'string', enum: ['redriven'] },
      location: { type: 'string' },
    },
  },
  Discarded: {
    type: 'object',
    required: ['id', 'status', 'location'],
    properties: {
      id: DELIVERY_ID,
      status: { type: 'string', enum: ['discarded'] },
      location: { type: 'string' },
    },
  },
  RedrivenAll: {
    type: 'object',
    required: ['redriven', 'ids'],
    properties: { redriven: { type: 'integer', minimum: 0 }, ids: { type: 'array', items: DELIVERY_ID } },
  },
  ServiceList: {
    type: 'object',
    required: ['client', 'services', 'openapi'],
    properties: {
      client: { type: 'string' },
      openapi: { type: 'string' },
      services: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'title', 'kind', 'path', 'request', 'response', 'purposes'],
          properties: {
            id: SERVICE_ID,
            title: { type: 'string' },
            kind: { type: 'string', enum: ['read', 'write'] },
            path: { type: 'string' },
            request: { type: 'string', description: 'Component name of its request schema' },
            response: { type: 'string', description: 'Component name of its answer schema' },
            purposes: {
              type: 'array',
              items: {
                type: 'object',
                required: ['purpose', 'fields'],
                properties: {
                  purpose: { type: 'string' },
                  fields: {
                    oneOf: [
                      { type: 'string', enum: ['*'] },
                      { type: 'array', items: { type: 'string' } },
                    ],
                  },
                },
              },
            },
          },
        },
      },
    },
  },
  AccessLog: {
    type: 'object',
    required: ['count', 'entries', 'next'],
    properties: {
      count: { type: 'integer', minimum: 0 },
      next: { type: ['string', 'null'], description: 'Pass as ?before= for older entries' },
      entries: {
        type: 'array',
        items: {
          type: 'object',
          required: [
            'time',
            'member',
            'subsystem',
            'service',
            'fields',
            'ok',
            'outcome',
            'status',
            'messageId',
          ],
          properties: {
            time: { type: 'string', format: 'date-time' },
            member: { type: 'string' },
            subsystem: { type: 'string' },
            service: { type: 'string' },
            purpose: { type: 'string' },
            fields: { type: 'array', items: { type: 'string' } },
            ok: { type: 'boolean' },
            outcome: { type: 'string' },
            status: { type: 'integer' },
            messageId: { type: 'string' },
            procedure: { type: 'string' },
            dossierCode: { type: 'string' },
          },
        },
      },
    },
  },
  Health: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } },
  Readiness: {
    type: 'object',
    required: ['status', 'redis', 'upstreams'],
    properties: {
      status: { type: 'string', enum: ['ready', 'degraded', 'not-ready'] },
      redis: { type: 'string', enum: ['up', 'down'] },
      upstreams: {
        type: 'object',
        additionalProperties: {
          type: 'object',
          properties: { breaker: { type: 'string', enum: ['closed', 'open', 'half-open'] } },
        },
      },
    },
  },
  JsonObject: { type: 'object', description: 'A JSON object; its shape is given by the operation' },
};
