/**
 * How the hub's own operations are written in its OpenAPI document: a member operation (signed request,
 * signed answer, problems in both languages) and an operator operation (an operator's token; answers
 * under /v1 signed too), with their path parameters and JSON bodies.
 */
import {
  MEMBER_HEADERS,
  MEMBER_SECURITY,
  OPERATOR_SECURITY,
  OPERATOR_SIGNED_HEADERS,
  paramRef,
  PARAMETERS,
  responseRef,
  SIGNED_HEADERS,
} from './components';

export const pathParam = (name: string, description: string, example?: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
  ...(example ? { example } : {}),
});

export const json = (schema: unknown, example?: unknown) => ({
  'application/json': { schema, ...(example === undefined ? {} : { example }) },
});

export interface Op {
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  params?: unknown[];
  body?: { schema: unknown; example?: unknown };
  ok: [string, string, unknown, unknown?];
  idempotent?: boolean;
}

/** A member operation: signed, answered signed, problems in both languages. */
export function memberOp(o: Op) {
  const [status, description, schema, example] = o.ok;
  return {
    operationId: o.operationId,
    tags: [o.tag],
    summary: o.summary,
    ...(o.description ? { description: o.description } : {}),
    security: MEMBER_SECURITY,
    parameters: [
      ...MEMBER_HEADERS,
      ...(o.idempotent ? [paramRef('IdempotencyKey')] : []),
      ...(o.params ?? []),
    ],
    ...(o.body ? { requestBody: { required: true, content: json(o.body.schema, o.body.example) } } : {}),
    responses: {
      [status]: { description, headers: SIGNED_HEADERS, content: json(schema, example) },
      '4XX': responseRef('Problem'),
      '5XX': responseRef('ServerProblem'),
    },
  };
}

/** The message id an operator may send, to which the signed answer is then bound. */
const OPERATOR_MESSAGE_ID = {
  ...PARAMETERS.MessageId,
  required: false,
  description: 'A UUID; when sent, the signed answer is bound to it (hub.msgid).',
};

/** An operator operation: an operator's token; the answer (problems included) signed by the hub. */
export function operatorOp(o: Omit<Op, 'idempotent'>) {
  const [status, description, schema, example] = o.ok;
  return {
    operationId: o.operationId,
    tags: ['operators'],
    summary: o.summary,
    ...(o.description ? { description: o.description } : {}),
    security: OPERATOR_SECURITY,
    parameters: [OPERATOR_MESSAGE_ID, ...(o.params ?? [])],
    ...(o.body ? { requestBody: { required: true, content: json(o.body.schema, o.body.example) } } : {}),
    responses: {
      [status]: { description, headers: OPERATOR_SIGNED_HEADERS, content: json(schema, example) },
      '4XX': responseRef('OperatorProblem'),
    },
  };
}
