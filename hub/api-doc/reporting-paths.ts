/**
 * The procedures' reports and ratings in the hub's OpenAPI document: the overdue dossiers and the service
 * KPIs (member operations, signed both ways), and the applicant's rating link (no member signature: the
 * token in the link is the key; the answer is signed by the hub all the same, as every answer under /v1).
 */
import { RATING_CRITERIA, RATING_LEVELS } from '../../adapters/national-portal/mapping';
import { OPERATOR_SIGNED_HEADERS, responseRef, schemaRef } from './components';
import { json, memberOp, pathParam } from './operation';

const dossierCode = pathParam('code', 'A dossier code', 'G22.79.25-260302-0001');
const ratingToken = pathParam('token', 'The token of the rating link sent with the result');

/** The rating routes' problems: signed, bound to a message id when one is sent. */
const ratingProblem = {
  description:
    'A problem, signed: no such link (404 RATING_UNKNOWN), rated already (409 RATING_GIVEN), too many requests from the address (429).',
  headers: OPERATOR_SIGNED_HEADERS,
  content: { 'application/problem+json': { schema: schemaRef('Problem') } },
};

const ratingOp = (o: {
  operationId: string;
  summary: string;
  status: string;
  description: string;
  schema: unknown;
  body?: unknown;
}) => ({
  operationId: o.operationId,
  tags: ['procedures'],
  summary: o.summary,
  security: [],
  parameters: [dossierCode, ratingToken],
  ...(o.body ? { requestBody: { required: true, content: json(o.body) } } : {}),
  responses: {
    [o.status]: { description: o.description, headers: OPERATOR_SIGNED_HEADERS, content: json(o.schema) },
    '4XX': ratingProblem,
    '5XX': responseRef('ServerProblem'),
  },
});

export function reportingPaths(): Record<string, unknown> {
  return {
    '/v1/dossiers/overdue': {
      get: memberOp({
        operationId: 'listOverdueDossiers',
        tag: 'procedures',
        summary:
          'Dossiers being processed past their due date in working days (the caller’s procedures; all of them with the procedures right), most overdue first',
        params: [
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: { type: 'integer', minimum: 1, maximum: 1000, default: 200 },
          },
        ],
        ok: ['200', 'The overdue dossiers', schemaRef('OverdueList')],
      }),
    },
    '/v1/kpis': {
      get: memberOp({
        operationId: 'getKpis',
        tag: 'procedures',
        summary:
          'Service KPIs per agency, procedure and period: received, online share, on-time rate (working days), average processing time, satisfaction ratings, participation rate',
        description:
          'The caller’s procedures (all of them with the procedures right). A dossier counts in the period it was received; the period is local days (Asia/Ho_Chi_Minh), both included, at most 366 days (else 400 PERIOD_INVALID), the current month by default. Rates are 0–1, null when there is nothing to rate.',
        params: [
          ...(['from', 'to'] as const).map((name) => ({
            name,
            in: 'query',
            required: false,
            schema: { type: 'string', format: 'date' },
            description:
              name === 'from' ? 'First day (default: the 1st of this month)' : 'Last day (default: today)',
          })),
          {
            name: 'procedure',
            in: 'query',
            required: false,
            schema: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,40}$' },
            description: 'A procedure id',
            example: 'land-transfer',
          },
          {
            name: 'agency',
            in: 'query',
            required: false,
            schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,60}$' },
            description: 'A processing unit code',
          },
        ],
        ok: ['200', 'The report', schemaRef('KpiReport_v1')],
      }),
    },
    '/v1/ratings/{code}/{token}': {
      get: ratingOp({
        operationId: 'getRatingForm',
        summary:
          'The rating link sent to the applicant with the result: the dossier, the national portal’s criteria and levels',
        status: '200',
        description: 'The form',
        schema: schemaRef('RatingForm'),
      }),
      post: ratingOp({
        operationId: 'rateDossier',
        summary:
          'The applicant rates the dossier; kept with the dossier and sent to the national portal; once',
        status: '202',
        description: 'Kept',
        schema: schemaRef('RatingKept'),
        body: schemaRef('RatingRequest'),
      }),
    },
  };
}

const text2 = {
  type: 'object',
  required: ['vi', 'en'],
  properties: { vi: { type: 'string' }, en: { type: 'string' } },
};

/** A criterion or level: its id and its text in both languages. */
const labelled = {
  type: 'object',
  required: ['id', 'vi', 'en'],
  properties: { id: { type: 'string' }, ...text2.properties },
};

/** Schemas of the reports' and ratings' bodies. */
export const REPORTING_SCHEMAS: Record<string, unknown> = {
  OverdueList: {
    type: 'object',
    required: ['at', 'dossiers', 'truncated'],
    properties: {
      at: { type: 'string', format: 'date-time' },
      truncated: { type: 'boolean' },
      dossiers: {
        type: 'array',
        items: {
          type: 'object',
          required: [
            'dossierCode',
            'procedure',
            'processingUnit',
            'status',
            'receivedAt',
            'dueAt',
            'overdueWorkingDays',
            'stepsOverdue',
          ],
          properties: {
            dossierCode: { type: 'string' },
            procedure: {
              type: 'object',
              required: ['id', 'code'],
              properties: { id: { type: 'string' }, code: { type: 'string' } },
            },
            processingUnit: { type: 'string' },
            status: { type: 'integer', description: 'The national portal’s dossier status' },
            receivedAt: { type: 'string', format: 'date-time' },
            dueAt: { type: 'string', format: 'date-time' },
            overdueWorkingDays: { type: 'number', minimum: 0 },
            stepsOverdue: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    },
  },
  RatingForm: {
    type: 'object',
    required: ['dossierCode', 'procedure', 'processingUnit', 'criteria', 'levels'],
    properties: {
      dossierCode: { type: 'string' },
      procedure: {
        type: 'object',
        required: ['code', 'name'],
        properties: { code: { type: 'string' }, name: text2 },
      },
      processingUnit: { type: 'string' },
      returnedAt: { type: 'string', format: 'date-time' },
      criteria: { type: 'array', items: labelled },
      levels: { type: 'array', items: labelled },
      ratedAt: { type: 'string', format: 'date-time', description: 'Set once the dossier is rated' },
    },
  },
  RatingRequest: {
    type: 'object',
    required: ['answers'],
    additionalProperties: false,
    properties: {
      answers: {
        type: 'array',
        minItems: 1,
        maxItems: Object.keys(RATING_CRITERIA).length,
        items: {
          type: 'object',
          required: ['criterion', 'level'],
          additionalProperties: false,
          properties: {
            criterion: { type: 'string', enum: Object.keys(RATING_CRITERIA) },
            level: { type: 'string', enum: Object.keys(RATING_LEVELS) },
          },
        },
      },
      comment: { type: 'string', maxLength: 2000 },
    },
    example: {
      answers: [
        { criterion: 'processing-time', level: 'satisfied' },
        { criterion: 'staff-conduct', level: 'very-satisfied' },
      ],
      comment: 'Cán bộ hướng dẫn tận tình',
    },
  },
  RatingKept: {
    type: 'object',
    required: ['dossierCode', 'ratedAt'],
    properties: { dossierCode: { type: 'string' }, ratedAt: { type: 'string', format: 'date-time' } },
  },
};
