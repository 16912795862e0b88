/**
 * The reusable parts of the hub's OpenAPI document: security schemes (the request signature, TLS client
 * certificates, the operators' tokens), the protocol headers as parameters, the signed response's
 * headers, and the schemas of the hub's own bodies (problem, deliveries, dead letters, services list).
 */
import { FIELD_ERRORS, problem, PROBLEMS } from '../../contracts';

const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` });
export const schemaRef = (name: string) => ref('schemas', name);
export const paramRef = (name: string) => ref('parameters', name);
export const responseRef = (name: string) => ref('responses', name);

export const SECURITY_SCHEMES = {
  hubSignature: {
    type: 'apiKey',
    in: 'header',
    name: 'Hub-Signature',
    description:
      'A detached JWS (RFC 7515 with RFC 7797 b64=false, ES256 or EdDSA) over the exact request bytes and its bound headers, ' +
      '`kid` naming the member’s certificate issued by the hub CA, `iat` within the hub’s window; each (kid, message id) is ' +
      'accepted once. See docs/protocol.md. Every answer carries the hub’s own Hub-Signature, bound to the request by X-Hub-Request-Hash.',
  },
  mutualTLS: {
    type: 'mutualTLS',
    description:
      'Optionally (LIENTHONG_TLS_CLIENT_AUTH=optional|required) a TLS client certificate of the signing member, issued by the hub CA.',
  },
  operatorToken: {
    type: 'http',
    scheme: 'bearer',
    description:
      'An operator’s token (`lienthong operators add <name>`); what the operator does is audited under that name.',
  },
  operatorBasic: {
    type: 'http',
    scheme: 'basic',
    description: 'The queue dashboard in a browser: any user name, the operator’s token as the password.',
  },
};

/** Member routes: a signature, with or without a TLS client certificate. */
export const MEMBER_SECURITY = [{ hubSignature: [] }, { hubSignature: [], mutualTLS: [] }];
export const OPERATOR_SECURITY = [{ operatorToken: [] }];

export const PARAMETERS = {
  Client: {
    name: 'X-Hub-Client',
    in: 'header',
    required: true,
    description:
      'The calling member and subsystem, `member/subsystem`; must be the owner of the signing key.',
    schema: { type: 'string', maxLength: 120 },
    example: 'VN:GOV:01:UBND-NGOCHA/MOTCUA',
  },
  MessageId: {
    name: 'X-Hub-Message-Id',
    in: 'header',
    required: true,
    description:
      'A new UUID per message; the correlation id of the exchange in every log line and audit record.',
    schema: { type: 'string', format: 'uuid' },
    example: '6f1c2a4e-2d55-4c1b-9a63-2b0f3f7c9e10',
  },
  Purpose: {
    name: 'X-Hub-Purpose',
    in: 'header',
    required: true,
    description: 'The purpose code: the legal basis of the read, checked against the access policy.',
    schema: { type: 'string', maxLength: 64 },
    example: 'xac-thuc.danh-tinh',
  },
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: true,
    description:
      'The sender’s key of a write: a repeat with the same key and body returns the first answer; the same key with another body is refused (409 IDEMPOTENCY_CONFLICT).',
    schema: { type: 'string', minLength: 1, maxLength: 200 },
    example: 'HS-2026-000123-status-4',
  },
  Prefer: {
    name: 'Prefer',
    in: 'header',
    required: false,
    description:
      '`respond-async` queues the call as a delivery: 202 with its id once Redis holds it (needs Idempotency-Key); retried with backoff, dead-lettered after its attempts.',
    schema: { type: 'string', enum: ['respond-async'] },
  },
  Fields: {
    name: 'fields',
    in: 'query',
    required: false,
    description: 'Comma-separated fields to return, within those the purpose allows.',
    schema: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9]*(,[A-Za-z][A-Za-z0-9]*)*$' },
    example: 'fullName,dateOfBirth',
  },
};

export const MEMBER_HEADERS = [paramRef('Client'), paramRef('MessageId'), paramRef('Purpose')];

export const HEADERS = {
  MessageId: { description: 'The request’s message id.', schema: { type: 'string', format: 'uuid' } },
  RequestHash: {
    description: 'SHA-256 of the request (see docs/protocol.md): binds the answer to its question.',
    schema: { type: 'string' },
  },
  Signature: { description: 'The hub’s detached JWS over the answer bytes.', schema: { type: 'string' } },
  Location: { description: 'Where to follow what was accepted.', schema: { type: 'string' } },
  RetryAfter: {
    description: 'Seconds to wait before trying again.',
    schema: { type: 'integer', minimum: 1 },
  },
};

export const SIGNED_HEADERS = {
  'X-Hub-Message-Id': ref('headers', 'MessageId'),
  'X-Hub-Request-Hash': ref('headers', 'RequestHash'),
  'Hub-Signature': ref('headers', 'Signature'),
};

/** An operator's answer: signed, bound to the message id it sent (operators send no Hub-Signature). */
export const OPERATOR_SIGNED_HEADERS = {
  'X-Hub-Message-Id': ref('headers', 'MessageId'),
  'Hub-Signature': ref('headers', 'Signature'),
};

const problemExample = problem('FORBIDDEN_PURPOSE', {
  purpose: 'dat-dai.chuyen-nhuong',
  service: 'VN:GOV:00:BCA/DANCU/person-by-id/v1',
});

export const RESPONSES = {
  Problem: {
    description:
      'A problem (RFC 9457) with a stable code, in English and Vietnamese, signed like every answer; a 429 says when to try again.',
    headers: { ...SIGNED_HEADERS, 'Retry-After': ref('headers', 'RetryAfter') },
    content: { 'application/problem+json': { schema: schemaRef('Problem'), example: problemExample } },
  },
  ServerProblem: {
    description:
      'The hub or an upstream failed (UPSTREAM_UNAVAILABLE, UPSTREAM_TIMEOUT, UPSTREAM_MALFORMED …).',
    headers: SIGNED_HEADERS,
    content: {
      'application/problem+json': {
        schema: schemaRef('Problem'),
        example: problem('UPSTREAM_UNAVAILABLE', { upstream: 'national-population' }),
      },
    },
  },
  OperatorProblem: {
    description:
      'A problem, signed: no operator token (401; too many refusals from one address, 429), no such dead letter (404), a missing reason (422).',
    headers: { ...OPERATOR_SIGNED_HEADERS, 'Retry-After': ref('headers', 'RetryAfter') },
    content: {
      'application/problem+json': {
        schema: schemaRef('Problem'),
        example: problem('ADMIN_AUTH_REQUIRED'),
      },
    },
  },
  MethodNotAllowed: {
    description:
      'Another method on a known path outside /v1 (405 METHOD_NOT_ALLOWED), unsigned: outside the protocol.',
    content: {
      'application/problem+json': { schema: schemaRef('Problem'), example: problem('METHOD_NOT_ALLOWED') },
    },
  },
  Accepted: {
    description: 'Queued: Redis holds the delivery. Follow it at `location`.',
    headers: { ...SIGNED_HEADERS, Location: ref('headers', 'Location') },
    content: {
      'application/json': {
        schema: schemaRef('DeliveryAccepted'),
        example: {
          id: 'd.notify.3Zc1m9Qf0bq2rW8xYk4LhA7sN5uE6tJ1',
          status: 'accepted',
          created: true,
          location: '/v1/deliveries/d.notify.3Zc1m9Qf0bq2rW8xYk4LhA7sN5uE6tJ1',
        },
      },
    },
  },
};

export const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'titleVi', 'status', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    titleVi: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string', enum: Object.keys(PROBLEMS) },
    detail: { type: 'string' },
    detailVi: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'pointer', 'code', 'message', 'messageVi'],
        properties: {
          path: { type: 'string' },
          pointer: { type: 'string' },
          code: { type: 'string', enum: Object.keys(FIELD_ERRORS) },
          message: { type: 'string' },
          messageVi: { type: 'string' },
        },
      },
    },
  },
};
